package dev.asyncguard.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

class AsyncGuardOptionsTest {

  @Test
  void validOptionsAreParsed() {
    AsyncGuardOptions options =
        AsyncGuardOptions.fromMap(
            ImmutableMap.of(
                "AsyncGuard:FutureTypes", "com.acme.Promise, com.acme.Task",
                "AsyncGuard:BlockingMethods", "com.acme.Db#query(java.lang.String),java.io.File#list*",
                "AsyncGuard:SynchronizedIsBlocking", "true",
                "Other:Flag", "ignored"));
    assertTrue(options.problem().isEmpty());
    assertEquals(
        java.util.List.of("com.acme.Promise", "com.acme.Task"),
        options.list(AsyncGuardOptions.Key.FUTURE_TYPES));
    assertTrue(options.isTrue(AsyncGuardOptions.Key.SYNCHRONIZED_IS_BLOCKING));
  }

  @Test
  void aCommaBetweenParameterTypesDoesNotSplitAnEntry() {
    AsyncGuardOptions options =
        AsyncGuardOptions.fromMap(
            ImmutableMap.of(
                "AsyncGuard:SafeToDropMethods",
                "com.acme.M#send(java.lang.String,int), com.acme.M#flush,com.acme.N#<init>(int,long[])"));
    assertTrue(options.problem().isEmpty(), () -> options.problem().get());
    assertEquals(
        java.util.List.of("com.acme.M#send(java.lang.String,int)", "com.acme.M#flush", "com.acme.N#<init>(int,long[])"),
        options.list(AsyncGuardOptions.Key.SAFE_TO_DROP_METHODS));
    assertTrue(
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:BlockingMethods", "com.acme.M#send(java.lang.String,,int)"))
            .problem()
            .get()
            .contains("has an invalid entry 'com.acme.M#send(java.lang.String,,int)'"));
  }

  @Test
  void unknownKeyNamesTheFlagAndTheKnownOnes() {
    assertEquals(
        "AsyncGuard: unknown option -XepOpt:AsyncGuard:FutureType; known options are FutureTypes,"
            + " NonBlockingAnnotations, BlockingAnnotations, BlockingMethods, SynchronizedIsBlocking,"
            + " SafeToDropMethods, AsyncWovenByAspectJ",
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:FutureType", "a.B")).problem().get());
  }

  @Test
  void emptyAndMalformedEntriesNameTheFlagAndTheExpectedForm() {
    assertTrue(
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:FutureTypes", "com.acme.A,,com.acme.B"))
            .problem()
            .get()
            .startsWith("AsyncGuard: -XepOpt:AsyncGuard:FutureTypes=com.acme.A,,com.acme.B has an empty entry: expected fully qualified type names"));
    assertTrue(
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:FutureTypes", "com..Bad"))
            .problem()
            .get()
            .contains("has an invalid entry 'com..Bad'"));
    assertTrue(
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:BlockingMethods", "com.acme.Db.query"))
            .problem()
            .get()
            .contains("-XepOpt:AsyncGuard:BlockingMethods=com.acme.Db.query has an invalid entry"));
    assertTrue(
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:SafeToDropMethods", "com.acme.Metrics"))
            .problem()
            .get()
            .contains(
                "-XepOpt:AsyncGuard:SafeToDropMethods=com.acme.Metrics has an invalid entry 'com.acme.Metrics':"
                    + " expected entries of the form type#method"));
    assertTrue(
        AsyncGuardOptions.fromMap(ImmutableMap.of("AsyncGuard:SynchronizedIsBlocking", "yes"))
            .problem()
            .get()
            .contains("expected true or false"));
  }

  @Test
  void aBadOptionFailsARealCompilationWithOneLineAndNoStackTrace() {
    // Through the real plugin path: Error Prone and the AsyncGuard jar on the processor path.
    Compilation compilation =
        Compiler.javac()
            .withOptions(
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW",
                "-processorpath",
                System.getProperty("asyncguard.processorPath"),
                "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:DiscardedFuture:WARN"
                    + " -XepOpt:AsyncGuard:FutureTypes=com..Bad")
            .compile(
                JavaFileObjects.forSourceLines(
                    "Test",
                    "class Test {",
                    "  java.util.concurrent.CompletableFuture<String> f() { return null; }",
                    "  void g() { f(); }",
                    "}"));
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    assertEquals(1, compilation.errors().size(), compilation.diagnostics().toString());
    String message = compilation.errors().get(0).getMessage(java.util.Locale.ROOT);
    assertTrue(
        message.startsWith(
            "AsyncGuard: -XepOpt:AsyncGuard:FutureTypes=com..Bad has an invalid entry 'com..Bad'"),
        message);
    assertTrue(!message.contains("Exception") && !message.contains("\n\tat "), message);
  }
}
