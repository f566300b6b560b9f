package dev.asyncguard.checker.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncguard.checker.e2e.PluginRun.Finding;
import dev.asyncguard.checker.e2e.PluginRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AsyncGuard through the real plugin path, as users meet it in their builds: loading, severity
 * flags, failing the build, every suppression form, every option, and applying fixes in place.
 */
class EndToEndTest {

  private static final String ALL_THREE_WARN =
      "-XepDisableAllChecks -Xep:DiscardedFuture:WARN -Xep:FutureUsedAsValue:WARN"
          + " -Xep:BlockingCallInAsync:WARN";

  /** One finding per check, at lines 5, 6 and 7. */
  private static final String[] ORDERS = {
    "package com.example;",
    "import java.util.concurrent.CompletableFuture;",
    "public class Orders {",
    "  CompletableFuture<String> fetch(String id) { return CompletableFuture.completedFuture(id); }",
    "  void discard() { fetch(\"a\"); }",
    "  String describe(CompletableFuture<String> price) { return \"price \" + price; }",
    "  CompletableFuture<String> slow() throws InterruptedException { Thread.sleep(10); return fetch(\"b\"); }",
    "}"
  };

  private static final String ORDERS_JAVA = "com/example/Orders.java";

  @TempDir Path dir;

  private PluginRun orders() {
    return PluginRun.in(dir).source(ORDERS_JAVA, ORDERS);
  }

  private static void assertOnly(Result result, String check, Diagnostic.Kind kind, long line) {
    List<Finding> findings = result.of(check);
    assertEquals(1, findings.size(), result.toString());
    assertEquals(kind, findings.get(0).kind(), result.toString());
    assertEquals("Orders.java", findings.get(0).file(), result.toString());
    assertEquals(line, findings.get(0).line(), result.toString());
  }

  private static long lineOf(String check) {
    return switch (check) {
      case "DiscardedFuture" -> 5;
      case "FutureUsedAsValue" -> 6;
      case "BlockingCallInAsync" -> 7;
      default -> throw new IllegalArgumentException(check);
    };
  }

  @Nested
  class Loading {
    @Test
    void allThreeChecksLoadFromTheProcessorPathWithErrorProneDefaults() {
      Result result = orders().errorProne("").compile();
      assertTrue(result.success(), result.toString());
      assertOnly(result, "DiscardedFuture", Diagnostic.Kind.WARNING, 5);
      assertOnly(result, "FutureUsedAsValue", Diagnostic.Kind.WARNING, 6);
      assertOnly(result, "BlockingCallInAsync", Diagnostic.Kind.WARNING, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DiscardedFuture", "FutureUsedAsValue", "BlockingCallInAsync"})
    void eachCheckRunsAlone(String check) {
      Result result = orders().errorProne("-XepDisableAllChecks -Xep:" + check + ":WARN").compile();
      assertTrue(result.success(), result.toString());
      assertEquals(1, result.findings().size(), result.toString());
      assertOnly(result, check, Diagnostic.Kind.WARNING, lineOf(check));
    }

    @Test
    void diagnosticsNameTheCallSayWhyAndWhatToDo() {
      Result result = orders().errorProne(ALL_THREE_WARN).compile();
      String discarded = result.of("DiscardedFuture").get(0).message();
      assertTrue(discarded.contains("Orders.fetch(...) returns a CompletableFuture that is dropped"), discarded);
      assertTrue(discarded.contains("rules.md#discardedfuture"), discarded);
      String blocking = result.of("BlockingCallInAsync").get(0).message();
      assertTrue(blocking.contains("Thread.sleep blocks the current thread in method slow"), blocking);
      assertTrue(blocking.contains("Schedule the continuation instead of sleeping"), blocking);
    }
  }

  @Nested
  class Severity {
    @ParameterizedTest
    @ValueSource(strings = {"DiscardedFuture", "FutureUsedAsValue", "BlockingCallInAsync"})
    void errorFailsTheCompilationWithTheFindingAsAnError(String check) {
      Result result = orders().errorProne("-XepDisableAllChecks -Xep:" + check + ":ERROR").compile();
      assertFalse(result.success(), result.toString());
      assertOnly(result, check, Diagnostic.Kind.ERROR, lineOf(check));
      assertEquals(1, result.errors().size(), result.toString());
    }

    @Test
    void everyFindingAsAnErrorIsTheDocumentedStrictSwitch() {
      Result result =
          orders()
              .errorProne(
                  "-Xep:DiscardedFuture:ERROR -Xep:FutureUsedAsValue:ERROR -Xep:BlockingCallInAsync:ERROR")
              .compile();
      assertFalse(result.success(), result.toString());
      assertOnly(result, "DiscardedFuture", Diagnostic.Kind.ERROR, 5);
      assertOnly(result, "FutureUsedAsValue", Diagnostic.Kind.ERROR, 6);
      assertOnly(result, "BlockingCallInAsync", Diagnostic.Kind.ERROR, 7);
    }

    @Test
    void allErrorsAsWarningsDemotesAnEarlierError() {
      Result result =
          orders()
              .errorProne("-XepDisableAllChecks -Xep:DiscardedFuture:ERROR -XepAllErrorsAsWarnings")
              .compile();
      assertTrue(result.success(), result.toString());
      assertOnly(result, "DiscardedFuture", Diagnostic.Kind.WARNING, 5);
    }

    @Test
    void offSilencesOneCheckAndLeavesTheOthers() {
      Result result = orders().errorProne(ALL_THREE_WARN + " -Xep:DiscardedFuture:OFF").compile();
      assertTrue(result.success(), result.toString());
      assertTrue(result.of("DiscardedFuture").isEmpty(), result.toString());
      assertOnly(result, "FutureUsedAsValue", Diagnostic.Kind.WARNING, 6);
      assertOnly(result, "BlockingCallInAsync", Diagnostic.Kind.WARNING, 7);
    }

    @Test
    void turningOffErrorPronesOwnCheckTurnsOffTheAltNameUnlessReEnabled() {
      Result both = orders().errorProne("-Xep:FutureReturnValueIgnored:OFF").compile();
      assertTrue(both.of("DiscardedFuture").isEmpty(), both.toString());
      Result reEnabled =
          orders().errorProne("-Xep:FutureReturnValueIgnored:OFF -Xep:DiscardedFuture:WARN").compile();
      assertOnly(reEnabled, "DiscardedFuture", Diagnostic.Kind.WARNING, 5);
      assertTrue(reEnabled.of("FutureReturnValueIgnored").isEmpty(), reEnabled.toString());
    }

    @Test
    void werrorFailsTheCompilationOnAWarning() {
      Result result =
          orders().errorProne("-XepDisableAllChecks -Xep:DiscardedFuture:WARN").javac("-Werror").compile();
      assertFalse(result.success(), result.toString());
      assertOnly(result, "DiscardedFuture", Diagnostic.Kind.WARNING, 5);
    }
  }

  @Nested
  class Suppression {
    @ParameterizedTest
    @ValueSource(strings = {"DiscardedFuture", "FutureReturnValueIgnored"})
    void suppressWarningsOnMethodTypeAndVariableForDiscardedFuture(String name) {
      Result result =
          PluginRun.in(dir)
              .source(
                  "com/example/S.java",
                  "package com.example;",
                  "import java.util.concurrent.CompletableFuture;",
                  "class S {",
                  "  static CompletableFuture<String> fetch() { return new CompletableFuture<>(); }",
                  "  @SuppressWarnings(\"" + name + "\") void method() { fetch(); }",
                  "  @SuppressWarnings(\"" + name + "\") static class Type { void m() { fetch(); } }",
                  "  void variable() {",
                  "    @SuppressWarnings(\"" + name + "\") CompletableFuture<String> f = fetch();",
                  "  }",
                  "  void unsuppressed() { fetch(); }",
                  "}")
              .errorProne(ALL_THREE_WARN)
              .compile();
      assertSingle(result, "DiscardedFuture", "S.java", 10);
    }

    @Test
    void suppressWarningsOnMethodTypeAndVariableForFutureUsedAsValue() {
      Result result =
          PluginRun.in(dir)
              .source(
                  "com/example/S.java",
                  "package com.example;",
                  "import java.util.concurrent.CompletableFuture;",
                  "class S {",
                  "  @SuppressWarnings(\"FutureUsedAsValue\") String method(CompletableFuture<String> p) { return \"p\" + p; }",
                  "  @SuppressWarnings(\"FutureUsedAsValue\") static class Type {",
                  "    String m(CompletableFuture<String> p) { return \"p\" + p; }",
                  "  }",
                  "  void variable(CompletableFuture<String> p) {",
                  "    @SuppressWarnings(\"FutureUsedAsValue\") String s = \"p\" + p;",
                  "  }",
                  "  String unsuppressed(CompletableFuture<String> p) { return \"p\" + p; }",
                  "}")
              .errorProne(ALL_THREE_WARN)
              .compile();
      assertSingle(result, "FutureUsedAsValue", "S.java", 11);
    }

    @Test
    void suppressWarningsAndAllowBlockingForBlockingCallInAsync() {
      Result result =
          PluginRun.in(dir)
              .source(
                  "com/example/S.java",
                  "package com.example;",
                  "import dev.asyncguard.annotations.AllowBlocking;",
                  "import dev.asyncguard.annotations.NonBlocking;",
                  "import java.io.InputStream;",
                  "class S {",
                  "  @NonBlocking @SuppressWarnings(\"BlockingCallInAsync\") int method(InputStream in) throws Exception { return in.read(); }",
                  "  @SuppressWarnings(\"BlockingCallInAsync\") @NonBlocking static class Type {",
                  "    int m(InputStream in) throws Exception { return in.read(); }",
                  "  }",
                  "  @NonBlocking void variable(InputStream in) throws Exception {",
                  "    @SuppressWarnings(\"BlockingCallInAsync\") int n = in.read();",
                  "  }",
                  "  @NonBlocking @AllowBlocking(\"reviewed: tiny local file\") int allowed(InputStream in) throws Exception { return in.read(); }",
                  "  @AllowBlocking(\"reviewed\") @NonBlocking static class Allowed {",
                  "    int m(InputStream in) throws Exception { return in.read(); }",
                  "  }",
                  "  @NonBlocking int unsuppressed(InputStream in) throws Exception { return in.read(); }",
                  "}")
              .errorProne(ALL_THREE_WARN)
              .compile();
      assertSingle(result, "BlockingCallInAsync", "S.java", 17);
    }

    @Test
    void canIgnoreReturnValueAndUnusedVariables() {
      Result result =
          PluginRun.in(dir)
              .source(
                  "com/example/S.java",
                  "package com.example;",
                  "import com.google.errorprone.annotations.CanIgnoreReturnValue;",
                  "import java.util.concurrent.CompletableFuture;",
                  "import java.util.concurrent.Future;",
                  "class S {",
                  "  @CanIgnoreReturnValue static CompletableFuture<String> ignorable() { return new CompletableFuture<>(); }",
                  "  static CompletableFuture<String> fetch() { return new CompletableFuture<>(); }",
                  "  void run() {",
                  "    ignorable();",
                  "    var unused = fetch();",
                  "    Future<?> unusedToo = fetch();",
                  "    fetch();",
                  "  }",
                  "}")
              .errorProne(ALL_THREE_WARN)
              .compile();
      assertSingle(result, "DiscardedFuture", "S.java", 12);
    }

    @Test
    void excludedPathsSkipMatchingFiles() {
      String[] generated = {
        "package com.example.generated;",
        "import java.util.concurrent.CompletableFuture;",
        "class Gen { void run() { CompletableFuture.supplyAsync(() -> 1); } }"
      };
      Result excluded =
          orders()
              .source("com/example/generated/Gen.java", generated)
              .errorProne(ALL_THREE_WARN + " -XepExcludedPaths:.*/generated/.*")
              .compile();
      assertTrue(excluded.findings().stream().noneMatch(f -> f.file().equals("Gen.java")), excluded.toString());
      assertOnly(excluded, "DiscardedFuture", Diagnostic.Kind.WARNING, 5);
      Result included = orders().source("com/example/generated/Gen.java", generated).errorProne(ALL_THREE_WARN).compile();
      assertEquals(2, included.of("DiscardedFuture").size(), included.toString());
    }

    private static void assertSingle(Result result, String check, String file, long line) {
      assertTrue(result.success(), result.toString());
      List<Finding> findings = result.of(check);
      assertEquals(1, findings.size(), result.toString());
      assertEquals(file, findings.get(0).file(), result.toString());
      assertEquals(line, findings.get(0).line(), result.toString());
    }
  }

  @Nested
  class Options {
    @Test
    void everyOptionWorksEndToEnd() {
      Result result =
          PluginRun.in(dir)
              .source("com/acme/Promise.java", "package com.acme;", "public interface Promise<T> {}")
              .source("com/acme/EventLoop.java", "package com.acme;", "public @interface EventLoop {}")
              .source("com/acme/Slow.java", "package com.acme;", "public @interface Slow {}")
              .source("com/acme/Db.java", "package com.acme;", "public class Db { public int query(String q) { return 0; } }")
              .source(
                  "com/acme/Metrics.java",
                  "package com.acme;",
                  "public interface Metrics {",
                  "  java.util.concurrent.CompletableFuture<Void> publish(String name, long value);",
                  "}")
              .source(
                  "com/acme/App.java",
                  "package com.acme;",
                  "import java.util.concurrent.CompletableFuture;",
                  "class App {",
                  "  Promise<String> send() { return null; }",
                  "  @Slow int compute() { return 1; }",
                  "  void dropsAPromise() { send(); }",
                  "  @EventLoop void onTick() throws Exception { Thread.sleep(1); }",
                  "  CompletableFuture<Integer> slow() { return CompletableFuture.completedFuture(compute()); }",
                  "  CompletableFuture<Integer> db(Db db) { return CompletableFuture.completedFuture(db.query(\"q\")); }",
                  "  CompletableFuture<Integer> locked() { synchronized (this) { return null; } }",
                  "  void metrics(Metrics m) { m.publish(\"requests\", 1); }",
                  "}")
              .errorProne(
                  ALL_THREE_WARN
                      + " -XepOpt:AsyncGuard:FutureTypes=com.acme.Promise"
                      + " -XepOpt:AsyncGuard:NonBlockingAnnotations=com.acme.EventLoop"
                      + " -XepOpt:AsyncGuard:BlockingAnnotations=com.acme.Slow"
                      + " -XepOpt:AsyncGuard:BlockingMethods=com.acme.Db#query(java.lang.String)"
                      + " -XepOpt:AsyncGuard:SynchronizedIsBlocking=true"
                      + " -XepOpt:AsyncGuard:SafeToDropMethods=com.acme.Metrics#publish(java.lang.String,long)")
              .compile();
      assertTrue(result.success(), result.toString());
      assertEquals(List.of(6L), lines(result.of("DiscardedFuture")), result.toString());
      assertEquals(List.of(7L, 8L, 9L, 10L), lines(result.of("BlockingCallInAsync")), result.toString());
      assertTrue(result.of("BlockingCallInAsync").get(1).message().contains("marked @Slow"), result.toString());
    }

    @Test
    void withoutTheOptionsTheSameCodeIsClean() {
      Result result =
          PluginRun.in(dir)
              .source("com/acme/Promise.java", "package com.acme;", "public interface Promise<T> {}")
              .source(
                  "com/acme/App.java",
                  "package com.acme;",
                  "import java.util.concurrent.CompletableFuture;",
                  "class App {",
                  "  Promise<String> send() { return null; }",
                  "  void dropsAPromise() { send(); }",
                  "  CompletableFuture<Integer> locked() { synchronized (this) { return null; } }",
                  "}")
              .errorProne(ALL_THREE_WARN)
              .compile();
      assertTrue(result.success(), result.toString());
      assertTrue(result.findings().isEmpty(), result.toString());
    }

    /** The three checks share what they learn about types within a compilation: the same answers. */
    @Test
    void aConfiguredFutureTypeCountsForAllThreeChecksInOneCompilation() {
      Result result =
          PluginRun.in(dir)
              .source("com/acme/Promise.java", "package com.acme;", "public interface Promise<T> {}")
              .source("com/acme/Task.java", "package com.acme;", "public interface Task<T> extends Promise<T> {}")
              .source(
                  "com/acme/App.java",
                  "package com.acme;",
                  "class App {",
                  "  Task<String> send() { return null; }",
                  "  void dropsATask() { send(); }",
                  "  String text(Task<String> t) { return \"result: \" + t; }",
                  "  Promise<String> sleepy() throws Exception { Thread.sleep(1); return null; }",
                  "  String plain(String s) { return \"result: \" + s; }",
                  "}")
              .errorProne(ALL_THREE_WARN + " -XepOpt:AsyncGuard:FutureTypes=com.acme.Promise")
              .compile();
      assertTrue(result.success(), result.toString());
      assertEquals(List.of(4L), lines(result.of("DiscardedFuture")), result.toString());
      assertEquals(List.of(5L), lines(result.of("FutureUsedAsValue")), result.toString());
      assertEquals(List.of(6L), lines(result.of("BlockingCallInAsync")), result.toString());
      assertTrue(result.of("BlockingCallInAsync").get(0).message().contains("which returns a Promise"), result.toString());
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "FutureTypes=com..Bad | -XepOpt:AsyncGuard:FutureTypes=com..Bad has an invalid entry 'com..Bad'",
          "NonBlockingAnnotations=@EventLoop | -XepOpt:AsyncGuard:NonBlockingAnnotations=@EventLoop has an invalid entry",
          "BlockingAnnotations=com.acme.Slow, | -XepOpt:AsyncGuard:BlockingAnnotations=com.acme.Slow, has an empty entry",
          "BlockingMethods=com.acme.Db.query | -XepOpt:AsyncGuard:BlockingMethods=com.acme.Db.query has an invalid entry",
          "SynchronizedIsBlocking=maybe | -XepOpt:AsyncGuard:SynchronizedIsBlocking=maybe has an invalid entry 'maybe': expected true or false",
          "Nope=1 | unknown option -XepOpt:AsyncGuard:Nope; known options are"
        })
    void aBadValueFailsWithOneClearLine(String option, String expected) {
      Result result = orders().errorProne(ALL_THREE_WARN + " -XepOpt:AsyncGuard:" + option).compile();
      assertFalse(result.success(), result.toString());
      assertEquals(1, result.errors().size(), result.toString());
      String message = result.errors().get(0).message();
      assertTrue(message.startsWith("AsyncGuard: "), message);
      assertTrue(message.contains(expected), message);
      assertFalse(message.contains("Exception") || message.contains("\tat ") || message.contains("\n"), message);
    }
  }

  @Nested
  class Fixes {
    @Test
    void patchInPlaceAppliesTheFixAndThePatchedFileCompilesClean() throws Exception {
      PluginRun run =
          PluginRun.in(dir)
              .source(
                  "com/example/Chain.java",
                  "package com.example;",
                  "import java.util.concurrent.CompletableFuture;",
                  "class Chain {",
                  "  static CompletableFuture<String> fetch(String id) { return CompletableFuture.completedFuture(id); }",
                  "  CompletableFuture<?> nested(CompletableFuture<String> ids) {",
                  "    return ids.thenApply(id -> fetch(id));",
                  "  }",
                  "}");
      Result patching =
          run.errorProne(
                  "-XepDisableAllChecks -Xep:DiscardedFuture:WARN -XepPatchChecks:DiscardedFuture"
                      + " -XepPatchLocation:IN_PLACE")
              .compile();
      assertTrue(patching.success(), patching.toString());
      String patched = Files.readString(run.file("com/example/Chain.java"), UTF_8);
      assertTrue(patched.contains("return ids.thenCompose(id -> fetch(id));"), patched);
      assertFalse(patched.contains("thenApply"), patched);

      Result after = run.errorProne(ALL_THREE_WARN).compile();
      assertTrue(after.success(), after.toString());
      assertTrue(after.of("DiscardedFuture").isEmpty(), after.toString());
    }
  }

  /**
   * Annotations a library's compiled methods carry reach the methods that override them, although
   * the project's own sources never name the annotation (AsyncAnnotations skips the search through
   * supertypes when javac knows none of the annotation types: this is the case that must not skip).
   */
  @Nested
  class AnnotationsFromALibrary {
    private Path library(String retention) {
      PluginRun library =
          PluginRun.in(dir.resolve("library"))
              .source(
                  "com/acme/Loop.java",
                  "package com.acme;",
                  "import java.lang.annotation.*;",
                  "public final class Loop {",
                  "  @Retention(RetentionPolicy." + retention + ") public @interface EventLoop {}",
                  "  @Retention(RetentionPolicy." + retention + ") public @interface Slow {}",
                  "}")
              .source(
                  "com/acme/Listener.java",
                  "package com.acme;",
                  "public interface Listener {",
                  "  @Loop.EventLoop void onEvent() throws Exception;",
                  "}")
              .source(
                  "com/acme/Store.java",
                  "package com.acme;",
                  "public class Store {",
                  "  @Loop.Slow public int load() { return 1; }",
                  "}")
              .errorProne("-XepDisableAllChecks");
      Result built = library.compile();
      assertTrue(built.success(), built.toString());
      return library.classes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUNTIME", "CLASS"})
    void nestedConfiguredAnnotationsOnOverriddenMethodsInClassFiles(String retention) {
      Result result =
          PluginRun.in(dir.resolve("app"))
              .library(library(retention))
              .source(
                  "com/example/Handler.java",
                  "package com.example;",
                  "class Handler implements com.acme.Listener {",
                  "  @Override public void onEvent() throws Exception { Thread.sleep(1); }",
                  "}")
              .source(
                  "com/example/CachedStore.java",
                  "package com.example;",
                  "import java.util.concurrent.CompletableFuture;",
                  "class CachedStore extends com.acme.Store {",
                  "  @Override public int load() { return 2; }",
                  "  CompletableFuture<Integer> get() { return CompletableFuture.completedFuture(load()); }",
                  "}")
              .errorProne(
                  ALL_THREE_WARN
                      + " -XepOpt:AsyncGuard:NonBlockingAnnotations=com.acme.Loop.EventLoop"
                      + " -XepOpt:AsyncGuard:BlockingAnnotations=com.acme.Loop.Slow")
              .compile();
      assertTrue(result.success(), result.toString());
      List<Finding> findings = result.of("BlockingCallInAsync");
      assertEquals(2, findings.size(), result.toString());
      assertTrue(findings.stream().anyMatch(f -> f.file().equals("Handler.java")
          && f.message().contains("in method onEvent, marked @EventLoop")), result.toString());
      assertTrue(findings.stream().anyMatch(f -> f.file().equals("CachedStore.java")
          && f.message().contains("CachedStore.load (marked @Slow)")), result.toString());
    }
  }

  @Nested
  class Releases {
    @ParameterizedTest
    @ValueSource(strings = {"8", "11", "17"})
    void usersCodeMayTargetAnyRelease(String release) {
      Result result = orders().errorProne(ALL_THREE_WARN).javac("--release", release).compile();
      assertTrue(result.success(), result.toString());
      assertOnly(result, "DiscardedFuture", Diagnostic.Kind.WARNING, 5);
      assertOnly(result, "FutureUsedAsValue", Diagnostic.Kind.WARNING, 6);
      assertOnly(result, "BlockingCallInAsync", Diagnostic.Kind.WARNING, 7);
    }
  }

  private static List<Long> lines(List<Finding> findings) {
    return findings.stream().map(Finding::line).sorted().collect(Collectors.toList());
  }
}
