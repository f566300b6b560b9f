package dev.asyncguard.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rules.md is the contract: it must agree with the checker's sources, read with javaparser. */
class RulesDocumentationTest {

  private static final Path ROOT = Path.of(System.getProperty("asyncguard.root", ".."));
  private static final Path SOURCES = ROOT.resolve("checker/src/main/java/dev/asyncguard/checker");
  private static final Path CATALOG =
      ROOT.resolve("checker/src/main/resources/dev/asyncguard/checker/blocking-methods.txt");

  private static String rules;
  private static final Map<String, Map<String, String>> bugPatterns = new LinkedHashMap<>();
  private static final Set<String> optionKeys = new LinkedHashSet<>();

  @BeforeAll
  static void readSources() throws IOException {
    rules = Files.readString(ROOT.resolve("rules.md"));
    StaticJavaParser.getParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        CompilationUnit unit = StaticJavaParser.parse(file);
        for (AnnotationExpr annotation : unit.findAll(AnnotationExpr.class)) {
          if (annotation.getNameAsString().equals("BugPattern")
              && annotation instanceof NormalAnnotationExpr normal) {
            Map<String, String> values = new LinkedHashMap<>();
            normal.getPairs().forEach(p -> values.put(p.getNameAsString(), text(p.getValue())));
            bugPatterns.put(values.get("name"), values);
          }
        }
        if (file.getFileName().toString().equals("AsyncGuardOptions.java")) {
          // The constants of the Key enum (other enums in the file are not options).
          for (EnumDeclaration keys : unit.findAll(EnumDeclaration.class, e -> e.getNameAsString().equals("Key"))) {
            for (EnumConstantDeclaration key : keys.getEntries()) {
              optionKeys.add(text(key.getArgument(0)));
            }
          }
        }
      }
    }
  }

  /** A string constant as written: literals joined, other expressions as source text. */
  private static String text(Expression expression) {
    if (expression instanceof StringLiteralExpr literal) {
      return literal.asString();
    }
    if (expression instanceof BinaryExpr binary) {
      return text(binary.getLeft()) + text(binary.getRight());
    }
    return expression.toString();
  }

  @Test
  void everyCheckIsDocumentedWithItsSummarySeverityAndLink() {
    assertEquals(Set.of("DiscardedFuture", "FutureUsedAsValue", "BlockingCallInAsync"), bugPatterns.keySet());
    for (Map.Entry<String, Map<String, String>> check : bugPatterns.entrySet()) {
      String name = check.getKey();
      Map<String, String> values = check.getValue();
      String severity = values.get("severity");
      String row =
          "| [" + name + "](#" + name.toLowerCase() + ") | " + severity + " | " + values.get("summary") + " |";
      assertTrue(rules.contains(row), "rules.md lacks the table row, or it differs: " + row);
      assertTrue(rules.contains("\n## " + name + "\n"), "rules.md lacks the section ## " + name);
      assertTrue(
          values.get("link").endsWith("#" + name.toLowerCase()),
          name + "'s @BugPattern link must point at its section: " + values.get("link"));
    }
  }

  @Test
  void documentedChecksExist() {
    Matcher sections = Pattern.compile("\n## (\\w+)\n").matcher(rules);
    List<String> documented = new ArrayList<>();
    while (sections.find()) {
      documented.add(sections.group(1));
    }
    documented.removeAll(List.of("Options", "Annotations"));
    for (String section : documented) {
      assertTrue(bugPatterns.containsKey(section), "rules.md documents a check that does not exist: " + section);
    }
  }

  @Test
  void optionsMatchBothWays() {
    assertFalse(optionKeys.isEmpty());
    for (String key : optionKeys) {
      assertTrue(
          rules.contains("| `-XepOpt:AsyncGuard:" + key + "` |"),
          "option missing from rules.md's table: " + key);
    }
    Matcher mentioned = Pattern.compile("-XepOpt:AsyncGuard:(\\w+)").matcher(rules);
    while (mentioned.find()) {
      assertTrue(
          optionKeys.contains(mentioned.group(1)) || mentioned.group(1).equals("FutureType"),
          "rules.md mentions an option the code does not have: " + mentioned.group(1));
    }
  }

  @Test
  void annotationsThatRunMethodsOnAFrameworksExecutorAreListed() {
    for (String name : AsyncAnnotations.RUNS_ON_EXECUTOR) {
      assertTrue(rules.contains("`" + name + "`"), "rules.md does not list " + name);
    }
  }

  @Test
  void catalogIsListedInFull() throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    for (String line : Files.readAllLines(CATALOG)) {
      String entry = line.strip();
      if (!entry.isEmpty() && !entry.startsWith("#") && !entry.startsWith("[")) {
        entries.add(entry);
        assertTrue(rules.contains("- `" + entry + "`"), "catalog entry missing from rules.md: " + entry);
      }
    }
    String catalogSection = rules.substring(rules.indexOf("### Catalog"), rules.indexOf("## Options"));
    Matcher listed = Pattern.compile("- `([^`]+)`").matcher(catalogSection);
    while (listed.find()) {
      assertTrue(entries.contains(listed.group(1)), "rules.md lists a catalog entry the file lacks: " + listed.group(1));
    }
    assertEquals(
        BlockingCatalog.builtInEntries().size() + BlockingCatalog.builtInExclusions().size(),
        entries.size(),
        "the catalog parser and this test disagree on the number of entries");
  }
}
