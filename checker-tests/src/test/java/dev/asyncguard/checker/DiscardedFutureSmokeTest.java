package dev.asyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class DiscardedFutureSmokeTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DiscardedFuture.class, getClass());

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  CompletableFuture<String> fetch() { return CompletableFuture.completedFuture(\"x\"); }",
            "  void run() {",
            "    // BUG: Diagnostic contains: Test.fetch() returns a CompletableFuture that is dropped",
            "    fetch();",
            "    var unused = fetch();",
            "  }",
            "}")
        .doTest();
  }
}
