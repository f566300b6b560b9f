package dev.asyncguard.checker.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One javac run the way a user's build runs it: source files on disk, Error Prone and the built
 * AsyncGuard jar on the processor path (never the class path), and every Error Prone flag in the
 * single {@code -Xplugin:ErrorProne ...} argument.
 *
 * <p>Files on disk rather than in-memory sources: {@code -XepExcludedPaths} and {@code
 * -XepPatchLocation:IN_PLACE} need real paths, and Error Prone's own PackageInfo check fails on
 * in-memory file URIs, so only real files let every default check run.
 */
final class PluginRun {

  /** A diagnostic as a user reads it: kind, file name, line, message. */
  record Finding(Diagnostic.Kind kind, String file, long line, String message) {
    boolean isFrom(String check) {
      return message.startsWith("[" + check + "]");
    }

    @Override
    public String toString() {
      return kind + " " + file + ":" + line + " " + message.lines().findFirst().orElse("");
    }
  }

  record Result(boolean success, List<Finding> findings) {
    /** The diagnostics of one check: {@code [Check]} at the start of the message. */
    List<Finding> of(String check) {
      return findings.stream().filter(f -> f.isFrom(check)).collect(Collectors.toList());
    }

    List<Finding> errors() {
      return findings.stream()
          .filter(f -> f.kind() == Diagnostic.Kind.ERROR)
          .collect(Collectors.toList());
    }

    @Override
    public String toString() {
      return (success ? "success" : "FAILURE") + " " + findings;
    }
  }

  private final Path root;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> javacOptions = new ArrayList<>();
  private final List<Path> libraries = new ArrayList<>();
  private String errorProneFlags = "";

  private PluginRun(Path root) {
    this.root = root;
  }

  static PluginRun in(Path directory) {
    return new PluginRun(directory);
  }

  /** A source file at {@code path} (relative to the source root), given as lines. */
  PluginRun source(String path, String... lines) {
    sources.put(path, String.join("\n", lines) + "\n");
    return this;
  }

  /** Flags that go inside {@code -Xplugin:ErrorProne ...}. */
  PluginRun errorProne(String flags) {
    errorProneFlags = flags;
    return this;
  }

  /** Plain javac options: {@code -Werror}, {@code --release 11}. */
  PluginRun javac(String... options) {
    javacOptions.addAll(List.of(options));
    return this;
  }

  /** Compiled classes (another run's {@link #classes()}) to put on the classpath, as a library. */
  PluginRun library(Path classes) {
    libraries.add(classes);
    return this;
  }

  /** Where {@link #compile()} writes the class files. */
  Path classes() {
    return root.resolve("classes");
  }

  Path file(String path) {
    return root.resolve("src").resolve(path);
  }

  /** Writes the sources (first run only) and compiles them. */
  Result compile() {
    try {
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = file(source.getKey());
        if (!Files.exists(file)) {
          Files.createDirectories(file.getParent());
          Files.writeString(file, source.getValue(), UTF_8);
        }
      }
      Path classes = Files.createDirectories(classes());
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
        List<String> options = new ArrayList<>();
        options.addAll(List.of("-d", classes.toString(), "-encoding", "UTF-8"));
        List<String> classpath = new ArrayList<>();
        libraries.forEach(library -> classpath.add(library.toString()));
        classpath.add(System.getProperty("java.class.path"));
        options.addAll(List.of("-classpath", String.join(java.io.File.pathSeparator, classpath)));
        options.addAll(List.of("-XDcompilePolicy=simple", "--should-stop=ifError=FLOW"));
        options.addAll(List.of("-processorpath", processorPath()));
        options.add(("-Xplugin:ErrorProne " + errorProneFlags).strip());
        options.addAll(javacOptions);
        Iterable<? extends JavaFileObject> units =
            files.getJavaFileObjectsFromPaths(sources.keySet().stream().map(this::file).toList());
        boolean success = javac.getTask(null, files, diagnostics, options, null, units).call();
        List<Finding> findings =
            diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(
                    d ->
                        new Finding(
                            d.getKind(),
                            d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString(),
                            d.getLineNumber(),
                            d.getMessage(Locale.ROOT)))
                .collect(Collectors.toList());
        return new Result(success, findings);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String processorPath() {
    String path = System.getProperty("asyncguard.processorPath");
    if (path == null || path.isBlank()) {
      throw new IllegalStateException(
          "system property asyncguard.processorPath is not set: run the tests through Maven");
    }
    return path;
  }
}
