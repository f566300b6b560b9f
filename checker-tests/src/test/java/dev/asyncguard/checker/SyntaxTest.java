package dev.asyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * All three checks together on the Java syntax users write, newest included: none may crash javac,
 * and each still finds what it finds in plain code. A finding's marker names its check, since
 * Error Prone prefixes every message with it. The groups for newer syntax run where the JDK
 * running the tests compiles it (the build needs only JDK 21).
 */
class SyntaxTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              DiscardedFuture.class, FutureUsedAsValue.class, BlockingCallInAsync.class),
          getClass());

  static boolean compilesJava22() {
    return Runtime.version().feature() >= 22;
  }

  static boolean compilesJava25() {
    return Runtime.version().feature() >= 25;
  }

  @Nested
  class Java21 {
    @Test
    void recordsSealedTypesAndPatternSwitches() {
      helper
          .addSourceLines(
              "Shapes.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "class Shapes {",
              "  sealed interface Shape permits Circle, Square {}",
              "  record Circle(double r) implements Shape {}",
              "  record Square(double side) implements Shape {",
              "    Square {",
              "      if (side < 0) throw new IllegalArgumentException();",
              "    }",
              "  }",
              "  record Pending<T>(String name, CompletableFuture<T> value) {}",
              "  @NonBlocking",
              "  record Event(String id) {",
              "    Event {",
              "      // BUG: Diagnostic contains: [BlockingCallInAsync] Thread.sleep",
              "      try { Thread.sleep(1); } catch (InterruptedException e) { throw new IllegalStateException(e); }",
              "    }",
              "  }",
              "  enum Mode { FAST { @Override int cost() { return 1; } }, SLOW; int cost() { return 2; } }",
              "  CompletableFuture<Double> area(Shape shape) throws InterruptedException {",
              "    double area = switch (shape) {",
              "      case Circle c when c.r() > 0 -> {",
              "        // BUG: Diagnostic contains: [BlockingCallInAsync] Thread.sleep",
              "        Thread.sleep(1);",
              "        yield Math.PI * c.r() * c.r();",
              "      }",
              "      case Circle c -> 0;",
              "      case Square(var side) -> side * side;",
              "    };",
              "    return CompletableFuture.completedFuture(area);",
              "  }",
              "  String label(Object o, Pending<String> p) {",
              "    if (o instanceof Pending<?>(var name, var value) && value.isDone()) {",
              "      return name + \": \" + value.join();",
              "    }",
              "    String kind = switch (o) {",
              "      case null -> \"nothing\";",
              "      case Pending<?> q when q.value().isDone() -> \"done\";",
              "      default -> \"other\";",
              "    };",
              "    // BUG: Diagnostic contains: [FutureUsedAsValue] p.value() is a CompletableFuture",
              "    return kind + \" \" + p.value();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void lambdasInLambdasGenericsRawTypesAndVar() {
      helper
          .addSourceLines(
              "Functions.java",
              "import java.util.*;",
              "import java.util.concurrent.*;",
              "import java.util.function.*;",
              "class Functions {",
              "  static CompletableFuture<String> fetch(String id) { return CompletableFuture.completedFuture(id); }",
              "  void lambdas(List<String> ids) {",
              "    Function<String, Supplier<CompletableFuture<String>>> lazy = id -> () -> fetch(id);",
              "    // BUG: Diagnostic contains: [DiscardedFuture]",
              "    ids.forEach(id -> lazy.apply(id).get());",
              "    Runnable nested = () -> ids.forEach(id -> {",
              "      // BUG: Diagnostic contains: [DiscardedFuture]",
              "      fetch(id);",
              "    });",
              "    nested.run();",
              "    var kept = ids.stream().map(Functions::fetch).toList();",
              "    CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)).join();",
              "    Supplier<CompletableFuture<String>> pick = switch (ids.size()) {",
              "      case 0 -> () -> fetch(\"none\");",
              "      default -> {",
              "        Supplier<CompletableFuture<String>> first = () -> fetch(ids.get(0));",
              "        yield first;",
              "      }",
              "    };",
              "    pick.get().join();",
              "  }",
              "  @SuppressWarnings({\"rawtypes\", \"unchecked\"})",
              "  void raw(List raw, CompletableFuture f,",
              "      Map<String, ? extends CompletionStage<? super Integer>> stages) {",
              "    raw.add(f);",
              "    // BUG: Diagnostic contains: [DiscardedFuture]",
              "    f.thenApply(x -> x.toString());",
              "    stages.values().forEach(s -> s.toCompletableFuture().join());",
              "  }",
              "  <T, F extends CompletableFuture<T>> F same(F future) {",
              "    // BUG: Diagnostic contains: [BlockingCallInAsync] CompletableFuture.join",
              "    future.join();",
              "    return future;",
              "  }",
              "  CompletableFuture<Integer> local() {",
              "    record Pair(int a, int b) {}",
              "    interface Op { int apply(int x); }",
              "    enum Sign { PLUS, MINUS }",
              "    Op twice = x -> x * 2;",
              "    String text = \"\"\"",
              "        {\"sign\": \"PLUS\"}",
              "        \"\"\";",
              "    return CompletableFuture.supplyAsync(() -> twice.apply(new Pair(text.length(), 2).a()));",
              "  }",
              "  void anonymous(ExecutorService pool, CompletableFuture<String> responseFuture) {",
              "    pool.execute(() -> new Object() {",
              "      void go() { fetch(\"z\").join(); }",
              "    }.go());",
              "    System.out.println(\"waiting on \" + responseFuture);",
              "    outer:",
              "    for (var id : List.of(\"a\", \"b\")) {",
              "      for (int i = 0; i < 2; i++) {",
              "        if (id.isEmpty()) continue outer;",
              "      }",
              "    }",
              "  }",
              "}")
          .doTest();
    }
  }

  @Nested
  @EnabledIf("dev.asyncguard.checker.SyntaxTest#compilesJava22")
  class Java22 {
    @Test
    void unnamedVariablesAndPatterns() {
      helper
          .addSourceLines(
              "Unnamed.java",
              "import java.util.*;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.function.BiFunction;",
              "class Unnamed {",
              "  record Point(int x, int y) {}",
              "  static CompletableFuture<String> fetch(String id) { return CompletableFuture.completedFuture(id); }",
              "  CompletableFuture<Integer> sum(List<Object> points, Map<String, Integer> counts) {",
              "    int total = 0;",
              "    for (var _ : points) total++;",
              "    for (Object o : points) {",
              "      if (o instanceof Point(var x, _)) total += x;",
              "    }",
              "    counts.forEach((_, _) -> {});",
              "    BiFunction<String, String, CompletableFuture<String>> first = (a, _) -> fetch(a);",
              "    try {",
              "      // BUG: Diagnostic contains: [BlockingCallInAsync] Thread.sleep",
              "      Thread.sleep(1);",
              "    } catch (InterruptedException _) {",
              "      Thread.currentThread().interrupt();",
              "    }",
              "    // BUG: Diagnostic contains: [DiscardedFuture]",
              "    counts.keySet().forEach(_ -> fetch(\"x\"));",
              "    var _ = fetch(\"dropped on purpose\");",
              "    return first.apply(\"a\", \"b\").thenApply(_ -> points.size());",
              "  }",
              "  String kind(Object o) {",
              "    return switch (o) {",
              "      case Point(var x, _) when x > 0 -> \"right\";",
              "      case Point _ -> \"point\";",
              "      default -> \"other\";",
              "    };",
              "  }",
              "}")
          .doTest();
    }
  }

  @Nested
  @EnabledIf("dev.asyncguard.checker.SyntaxTest#compilesJava25")
  class Java25 {
    @Test
    void statementsBeforeSuperAndModuleImports() {
      helper
          .addSourceLines(
              "Flexible.java",
              "import module java.base;",
              "class Flexible {",
              "  static class Base { Base(String s) {} }",
              "  static CompletableFuture<String> fetch(String id) { return CompletableFuture.completedFuture(id); }",
              "  @dev.asyncguard.annotations.NonBlocking",
              "  static class Child extends Base {",
              "    Child(String id) throws InterruptedException {",
              "      // BUG: Diagnostic contains: [DiscardedFuture]",
              "      fetch(id);",
              "      // BUG: Diagnostic contains: [BlockingCallInAsync] Thread.sleep",
              "      Thread.sleep(1);",
              "      String checked = Objects.requireNonNull(id);",
              "      super(checked);",
              "    }",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void compactSourceFileWithAnInstanceMain() {
      helper
          .addSourceLines(
              "Main.java",
              "void main() {",
              "  // BUG: Diagnostic contains: [DiscardedFuture]",
              "  fetch(\"a\");",
              "  // BUG: Diagnostic contains: [FutureUsedAsValue]",
              "  IO.println(\"got \" + fetch(\"b\"));",
              "  IO.println(fetch(\"c\").join());",
              "}",
              "CompletableFuture<String> fetch(String id) {",
              "  return CompletableFuture.supplyAsync(() -> id);",
              "}")
          .doTest();
    }
  }

  /**
   * Generated code with helper chains hundreds deep, of each shape a check follows through helper
   * bodies or aliases: no StackOverflowError in javac. Past 64 helpers (or aliases) a chain proves
   * nothing, so the drop at its head is reported.
   */
  @Nested
  class DeepChains {
    private static final int DEPTH = 500;

    @Test
    void helperAndAliasChainsHundredsDeep() {
      StringBuilder source = new StringBuilder();
      source.append("import java.util.concurrent.*;\n");
      source.append("class Chains {\n");
      source.append("  interface Chan { @com.google.errorprone.annotations.CanIgnoreReturnValue");
      source.append(" CompletableFuture<Void> close(); }\n");
      source.append("  final ExecutorService pool = Executors.newFixedThreadPool(1);\n");
      source.append("  String last;\n");
      source.append("  void work() throws Exception {}\n");
      for (int i = 0; i < DEPTH; i++) {
        // A helper passing on a close; one running a task that catches everything; one handing
        // the failure to a handler; one returning a future a pool completes.
        source.append("  private CompletableFuture<Void> c" + i + "(Chan ch) { return c" + (i + 1) + "(ch); }\n");
        source.append("  private void h" + i + "() { h" + (i + 1) + "(); }\n");
        source.append("  private CompletableFuture<String> k" + i + "(CompletableFuture<String> f) { return k" + (i + 1) + "(f); }\n");
        source.append("  private CompletableFuture<String> d" + i + "() { return d" + (i + 1) + "(); }\n");
      }
      source.append("  private CompletableFuture<Void> c" + DEPTH + "(Chan ch) { return ch.close(); }\n");
      source.append("  private void h" + DEPTH + "() { try { work(); } catch (Exception e) {} }\n");
      source.append("  private CompletableFuture<String> k" + DEPTH + "(CompletableFuture<String> f) {");
      source.append(" return f.whenComplete((v, e) -> System.out.println(e)); }\n");
      source.append("  private CompletableFuture<String> d" + DEPTH + "() { return CompletableFuture.supplyAsync(() -> \"x\", pool); }\n");
      source.append("  void drops(Chan ch, CompletableFuture<String> f) {\n");
      source.append("    // BUG: Diagnostic contains: [DiscardedFuture] Chains.c0(...) returns a CompletableFuture\n");
      source.append("    c0(ch);\n");
      source.append("    // BUG: Diagnostic contains: [DiscardedFuture] ExecutorService.submit(...) returns a Future\n");
      source.append("    pool.submit(() -> h0());\n");
      source.append("    // BUG: Diagnostic contains: [DiscardedFuture] Chains.k0(...) returns a CompletableFuture\n");
      source.append("    k0(f);\n");
      source.append("  }\n");
      source.append("  CompletableFuture<Void> waits() {\n");
      source.append("    // BUG: Diagnostic contains: [BlockingCallInAsync] Thread.sleep blocks the current thread in a thenAccept callback\n");
      source.append("    return d0().thenAccept(s -> { try { Thread.sleep(1); } catch (InterruptedException e) {} });\n");
      source.append("  }\n");
      source.append("  CompletableFuture<String> aliases(CompletableFuture<String> f) {\n");
      source.append("    var a0 = f;\n");
      for (int i = 0; i < 4 * DEPTH; i++) {
        source.append("    var a" + (i + 1) + " = a" + i + ";\n");
      }
      source.append("    // BUG: Diagnostic contains: [DiscardedFuture] CompletableFuture.thenAccept(...) returns a CompletableFuture\n");
      source.append("    f.thenAccept(v -> this.last = v);\n");
      source.append("    return a" + (4 * DEPTH) + ";\n");
      source.append("  }\n}\n");
      helper.addSourceLines("Chains.java", source.toString().split("\n")).doTest();
    }
  }
}
