package dev.asyncguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CallPattern} means what Error Prone's method matchers mean: each pattern is asked next to
 * the matcher it replaced, on calls, method references and constructors, and any disagreement is
 * reported as a finding no test line expects.
 */
class CallPatternTest {

  /** Reports the names of the patterns a call matches, and every disagreement with Error Prone. */
  @BugPattern(summary = "Reports which call patterns match", severity = WARNING)
  public static final class PatternProbe extends BugChecker
      implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher, NewClassTreeMatcher {

    private record Pair(CallPattern ours, Matcher<ExpressionTree> errorProne) {}

    private static final Map<String, Pair> PAIRS =
        Map.of(
            "descendant",
            new Pair(
                CallPattern.instanceMethod("java.util.concurrent.CompletionStage", "whenComplete", "handle"),
                instanceMethod()
                    .onDescendantOf("java.util.concurrent.CompletionStage")
                    .namedAnyOf("whenComplete", "handle")),
            "anyName",
            new Pair(
                CallPattern.instanceMethod("java.util.concurrent.Executor"),
                instanceMethod().onDescendantOf("java.util.concurrent.Executor")),
            "exact",
            new Pair(
                CallPattern.instanceMethodOfExactly("java.lang.String", "formatted"),
                instanceMethod().onExactClass("java.lang.String").named("formatted")),
            "anyOfTypes",
            new Pair(
                CallPattern.instanceMethodOfAny(List.of("java.io.PrintStream", "java.lang.StringBuilder"), "append", "println"),
                instanceMethod()
                    .onDescendantOfAny("java.io.PrintStream", "java.lang.StringBuilder")
                    .namedAnyOf("append", "println")),
            "static",
            new Pair(
                CallPattern.staticMethod("java.util.Objects", "requireNonNull"),
                staticMethod().onClass("java.util.Objects").named("requireNonNull")),
            "anyType",
            new Pair(
                CallPattern.instanceMethodOfAnyType("toString").withNoParameters(),
                instanceMethod().anyClass().named("toString").withNoParameters()),
            "nested",
            new Pair(
                CallPattern.instanceMethod("java.lang.System.Logger", "log"),
                instanceMethod().onDescendantOf("java.lang.System.Logger").named("log")),
            "parameters",
            new Pair(
                CallPattern.instanceMethod("java.lang.StringBuilder", "append").withParameters("java.lang.String"),
                instanceMethod().onDescendantOf("java.lang.StringBuilder").named("append").withParameters("java.lang.String")),
            "erased",
            new Pair(
                CallPattern.instanceMethod("java.util.List", "add").withParameters("java.lang.Object"),
                instanceMethod().onDescendantOf("java.util.List").named("add").withParameters("java.lang.Object")));

    private static final CallPattern.AnyOf ANY_OF =
        CallPattern.anyOf(PAIRS.get("descendant").ours(), PAIRS.get("anyName").ours(), PAIRS.get("static").ours());

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return probe(tree, state);
    }

    private Description probe(ExpressionTree tree, VisitorState state) {
      if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol method && method.isConstructor()) {
        // The one intended difference: Error Prone's matchers take super(..), this(..) and X::new
        // for methods; a CallPattern never matches a constructor.
        for (Map.Entry<String, Pair> pair : PAIRS.entrySet()) {
          if (pair.getValue().ours().matches(tree, state)) {
            return buildDescription(tree).setMessage("a constructor matched " + pair.getKey()).build();
          }
        }
        return ANY_OF.matches(tree, state)
            ? buildDescription(tree).setMessage("a constructor matched anyOf").build()
            : NO_MATCH;
      }
      List<String> matched = new ArrayList<>();
      for (Map.Entry<String, Pair> pair : PAIRS.entrySet()) {
        boolean ours = pair.getValue().ours().matches(tree, state);
        if (ours != pair.getValue().errorProne().matches(tree, state)) {
          return buildDescription(tree).setMessage("DISAGREES on " + pair.getKey()).build();
        }
        if (ours) {
          matched.add(pair.getKey());
        }
      }
      boolean anyOfExpected =
          matched.contains("descendant") || matched.contains("anyName") || matched.contains("static");
      if (ANY_OF.matches(tree, state) != anyOfExpected) {
        return buildDescription(tree).setMessage("DISAGREES on anyOf").build();
      }
      return matched.isEmpty()
          ? NO_MATCH
          : buildDescription(tree).setMessage("matched " + String.join(",", matched.stream().sorted().toList())).build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(PatternProbe.class, getClass());

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Test.java",
            "import static java.util.Objects.requireNonNull;",
            "import java.io.PrintStream;",
            "import java.util.Objects;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.function.BiFunction;",
            "import java.util.function.Function;",
            "abstract class Test {",
            "  static class MyFuture<T> extends CompletableFuture<T> {}",
            "  abstract void take(Object o);",
            "  void run(CompletableFuture<String> f, MyFuture<String> mine, CompletionStage<String> stage,",
            "      ExecutorService pool, PrintStream out, StringBuilder sb, System.Logger logger,",
            "      java.util.List<String> list) {",
            "    // BUG: Diagnostic contains: matched descendant",
            "    f.whenComplete((v, e) -> {});",
            "    // BUG: Diagnostic contains: matched descendant",
            "    mine.handle((v, e) -> v);",
            "    // BUG: Diagnostic contains: matched descendant",
            "    stage.whenComplete((v, e) -> {});",
            "    // BUG: Diagnostic contains: matched anyName",
            "    pool.submit(() -> {});",
            "    // BUG: Diagnostic contains: matched anyName",
            "    pool.shutdown();",
            "    // BUG: Diagnostic contains: matched exact",
            "    \"%s\".formatted(f);",
            "    // BUG: Diagnostic contains: matched anyOfTypes",
            "    out.println(f);",
            "    // BUG: Diagnostic contains: matched anyOfTypes",
            "    sb.append(1);",
            "    // BUG: Diagnostic contains: matched anyOfTypes,parameters",
            "    sb.append(\"x\");",
            "    // BUG: Diagnostic contains: matched erased",
            "    list.add(\"x\");",
            "    list.add(0, \"x\");",
            "    // BUG: Diagnostic contains: matched static",
            "    Objects.requireNonNull(f);",
            "    // BUG: Diagnostic contains: matched static",
            "    requireNonNull(f);",
            "    // BUG: Diagnostic contains: matched anyType",
            "    f.toString();",
            "    // BUG: Diagnostic contains: matched anyType",
            "    toString();",
            "    // BUG: Diagnostic contains: matched nested",
            "    logger.log(System.Logger.Level.INFO, \"x\");",
            "    // BUG: Diagnostic contains: matched descendant",
            "    BiFunction<CompletableFuture<String>, BiFunction<String, Throwable, String>, ?> h ="
                + " CompletableFuture::handle;",
            "    // BUG: Diagnostic contains: matched anyType",
            "    Function<Object, String> s = Object::toString;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negatives() {
    helper
        .addSourceLines(
            "Ok.java",
            "import java.util.Objects;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.Executor;",
            "abstract class Ok {",
            "  abstract void take(Object o);",
            "  void run(CompletableFuture<String> f, Executor executor, StringBuilder sb, Object o) {",
            "    f.thenApply(v -> v);", // not one of the names
            "    f.complete(\"x\");",
            "    Objects.equals(f, o);", // a static method of the class, another name
            "    Objects.hash(f);",
            "    o.hashCode();", // an Object method no pattern names
            "    new StringBuilder(\"x\");", // constructors never match
            "    new Thread(() -> {});",
            "    take(o);", // an instance call with no receiver
            "    Objects.toString(o, \"none\");", // toString with parameters, and static
            "    String.valueOf(sb);",
            "    Stage.whenComplete();", // static, so not the instance method the pattern names
            "    MyExecutor.helper();",
            "  }",
            "  interface Stage extends java.util.concurrent.CompletionStage<String> {",
            "    static void whenComplete() {}",
            "  }",
            "  interface MyExecutor extends Executor {",
            "    static void helper() {}",
            "  }",
            "  static class Exec implements Executor {",
            "    Exec() { this(1); }", // constructors never match, not even an Executor's this(..)
            "    Exec(int x) { super(); }",
            "    @Override public void execute(Runnable r) { r.run(); }",
            "    static java.util.function.Supplier<Exec> make() { return Exec::new; }",
            "  }",
            "  static class Other {",
            "    public String toString(int radix) { return \"\"; }",
            "    void self() { toString(16); }", // toString with a parameter
            "  }",
            "}")
        .doTest();
  }
}
