import com.google.errorprone.ErrorProneJavaCompiler;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.BuiltInCheckerSuppliers;
import com.google.errorprone.scanner.ScannerSupplier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles one project many times in one JVM through Error Prone's compiler API, rotating the
 * configurations (checks off, + AsyncGuard, FutureReturnValueIgnored alone) round by round.
 *
 * <p>Separate javac processes differ by several percent from run to run (JVM start, JIT warm-up,
 * a shared machine); in one warm JVM the compiler, Error Prone and the checks are compiled code
 * after the first rounds, so what remains is the cost of the work itself. Prints one line per
 * compile: {@code warm <round> <config> <milliseconds>}.
 *
 * <p>Usage (bench/corpus.sh warm runs it): java [exports] -cp errorprone:asyncguard
 * WarmCompile.java sources.args classpath outDir rounds
 */
public class WarmCompile {
  private static final List<String> ASYNCGUARD =
      List.of("DiscardedFuture", "FutureUsedAsValue", "BlockingCallInAsync");

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    Path argfile = Path.of(args[0]);
    String classpath = args[1];
    Path out = Path.of(args[2]);
    int rounds = Integer.parseInt(args[3]);
    Path sourceRoot = argfile.getParent().resolve("src");
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(argfile)) {
      if (!line.isBlank()) {
        files.add(sourceRoot.resolve(line.strip()));
      }
    }
    List<Class<? extends BugChecker>> checks = new ArrayList<>();
    for (String name : ASYNCGUARD) {
      checks.add((Class<? extends BugChecker>) Class.forName("dev.asyncguard.checker." + name));
    }
    // One scanner for every configuration: only the -Xep flags differ.
    ScannerSupplier scanners =
        BuiltInCheckerSuppliers.defaultChecks().plus(ScannerSupplier.fromBugCheckerClasses(checks));
    List<String> configs = new ArrayList<>(List.of("errorprone", "asyncguard", "frvi"));
    // javac compiles in the calling thread: its CPU time leaves out GC and JIT threads and waits.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      for (String config : configs) {
        List<String> options =
            new ArrayList<>(
                List.of(
                    "-d", out.toString(), "-cp", classpath, "-encoding", "UTF-8", "-proc:none",
                    "-implicit:none", "-Xlint:none", "-nowarn", "-XDcompilePolicy=simple",
                    "--should-stop=ifError=FLOW", "-XepDisableAllChecks"));
        if (config.equals("asyncguard")) {
          ASYNCGUARD.forEach(check -> options.add("-Xep:" + check + ":WARN"));
        } else if (config.equals("frvi")) {
          options.add("-Xep:FutureReturnValueIgnored:WARN");
        }
        JavaCompiler javac = new ErrorProneJavaCompiler(scanners);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, null)) {
          long start = System.nanoTime();
          long cpuStart = threads.getCurrentThreadCpuTime();
          boolean ok =
              javac.getTask(null, fileManager, diagnostics, options, null,
                      fileManager.getJavaFileObjectsFromPaths(files))
                  .call();
          long millis = (System.nanoTime() - start) / 1_000_000;
          long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
          if (!ok) {
            System.err.println("warm: compilation failed: " + diagnostics.getDiagnostics());
            System.exit(1);
          }
          System.out.printf("warm %d %s %d %d%n", round, config, millis, cpuMillis);
        }
        System.gc(); // each compile starts from a collected heap, whatever ran before it
      }
      Collections.rotate(configs, 1); // each configuration takes each position in turn
    }
  }
}
