package dev.asyncguard.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class DiscardedFutureTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DiscardedFuture.class, getClass());

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Test {",
            "  CompletableFuture<String> save(String s) { return CompletableFuture.completedFuture(s); }",
            "  Mono<String> load(String s) { return Mono.just(s); }",
            "  void run(List<String> names) {",
            "    // BUG: Diagnostic contains: Test.save(...) returns a CompletableFuture that is dropped"
                + " here: if it fails, nobody ever sees the exception",
            "    save(\"x\");",
            "    // BUG: Diagnostic contains: It is a cold publisher: nothing subscribes to it",
            "    load(\"x\");",
            "    // BUG: Diagnostic contains: returns a CompletableFuture that is dropped",
            "    new CompletableFuture<String>();",
            "    // BUG: Diagnostic contains: Test.save(...) returns a CompletableFuture",
            "    names.forEach(n -> save(n));",
            "    // BUG: Diagnostic contains: Test::save returns a CompletableFuture",
            "    names.forEach(this::save);",
            "    // BUG: Diagnostic contains: Test.save(...) returns a CompletableFuture",
            "    Runnable r = () -> save(\"x\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void localAssignedAndNeverRead() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  CompletableFuture<String> save(String s) { return CompletableFuture.completedFuture(s); }",
            "  static <T> T inSpan(String name, java.util.function.Supplier<T> work) { return work.get(); }",
            "  String run() {",
            "    // BUG: Diagnostic contains: 'lost' is assigned and never read",
            "    CompletableFuture<String> lost = save(\"a\");",
            "    // A generic method's own type variable is what the call made: the local's type says so.",
            "    // BUG: Diagnostic contains: 'traced' is assigned and never read",
            "    CompletableFuture<String> traced = inSpan(\"op\", () -> save(\"t\"));",
            "    CompletableFuture<String> awaited = save(\"b\");",
            "    var unused = save(\"c\");",
            "    CompletableFuture<String> ignoredResult = save(\"d\");",
            "    var _ = save(\"e\");",
            "    return awaited.join();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void nestedFutureAndReturnThroughObject() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  CompletableFuture<String> fetch(String s) { return CompletableFuture.completedFuture(s); }",
            "  CompletableFuture<?> nested(CompletableFuture<String> ids) {",
            "    // BUG: Diagnostic contains: Use thenCompose instead of thenApply",
            "    return ids.thenApply(id -> fetch(id));",
            "  }",
            "  reactor.core.publisher.Mono<?> nestedMono(reactor.core.publisher.Mono<String> ids) {",
            "    // BUG: Diagnostic contains: Use flatMap instead of map",
            "    return ids.map(id -> reactor.core.publisher.Mono.just(id));",
            "  }",
            "  CompletableFuture<String> flattened(CompletableFuture<String> ids) {",
            "    return ids.thenApply(id -> fetch(id)).thenCompose(f -> f);",
            "  }",
            "  Object hidden() {",
            "    // BUG: Diagnostic contains: hidden returns a CompletableFuture through its declared type"
                + " Object",
            "    return fetch(\"x\");",
            "  }",
            "  @SuppressWarnings(\"unchecked\") <T> T adapted() {",
            "    return (T) fetch(\"y\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void callsHandedAFailureObserver() {
    helper
        .addSourceLines(
            "org/apache/kafka/clients/producer/Callback.java",
            "package org.apache.kafka.clients.producer;",
            "public interface Callback { void onCompletion(Object metadata, Exception exception); }")
        .addSourceLines(
            "org/apache/kafka/clients/producer/Producer.java",
            "package org.apache.kafka.clients.producer;",
            "public interface Producer {",
            "  java.util.concurrent.Future<Object> send(String record);",
            "  java.util.concurrent.Future<Object> send(String record, Callback callback);",
            "}")
        .addSourceLines(
            "Client.java",
            "import java.util.concurrent.Future;",
            "interface Client {",
            "  interface Listener { void completed(String response); void failed(Exception e); }",
            "  Future<String> execute(String request, Listener listener);",
            "  Future<String> execute(String request, org.slf4j.Logger log);",
            "}")
        .addSourceLines(
            "Publisher.java",
            "import org.apache.kafka.clients.producer.Producer;",
            "import reactor.core.publisher.Mono;",
            "class Publisher {",
            "  void publish(Producer producer, Client client, org.slf4j.Logger log, Mono<String> mono) {",
            "    producer.send(\"event\", (metadata, e) -> {",
            "      if (e != null) { System.err.println(e); }",
            "    });",
            "    producer.send(\"event\", this::onSent);",
            "    client.execute(\"GET /\", new Client.Listener() {",
            "      @Override public void completed(String response) {}",
            "      @Override public void failed(Exception e) {}",
            "    });",
            "    // BUG: Diagnostic contains: Producer.send(...) returns a Future",
            "    producer.send(\"event\");",
            "    // BUG: Diagnostic contains: Client.execute(...) returns a Future",
            "    client.execute(\"GET /\", log);",
            "    // BUG: Diagnostic contains: nothing subscribes",
            "    mono.doOnError(e -> System.err.println(e));",
            "  }",
            "  void handshake(Handshaker handshaker, Channel channel) {",
            "    // BUG: Diagnostic contains: Handshaker.handshake(...) returns a Future",
            "    handshaker.handshake(channel, \"request\");",
            "  }",
            "  interface Channel {",
            "    java.util.concurrent.Future<Void> newFailedFuture(Throwable cause);",
            "    java.util.concurrent.Future<Void> close();",
            "  }",
            "  interface Handshaker { java.util.concurrent.Future<Void> handshake(Channel channel, String request); }",
            "  void onSent(Object metadata, Exception e) {}",
            "  static final class Completion implements java.util.function.BiFunction<String, Throwable, Void> {",
            "    @Override public Void apply(String value, Throwable error) { return null; }",
            "    void await(java.util.concurrent.CompletableFuture<String> future) { future.handle(this); }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void tasksThatHandleTheirOwnFailures() {
    helper
        .addSourceLines(
            "Audit.java",
            "import java.util.concurrent.*;",
            "import java.util.logging.Level;",
            "class Audit {",
            "  void record(String event, Executor pool, ExecutorService es, ScheduledExecutorService ses, int count) {",
            "    CompletableFuture.runAsync(() -> {",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    }, pool);",
            "    CompletableFuture.supplyAsync(() -> {",
            "      try { return load(event); } catch (Throwable t) { report(t); return null; }",
            "    });",
            "    es.submit(() -> { try { store(event); } catch (Exception e) { report(e); } finally { done(); } });",
            "    es.submit((Runnable) () -> { try { store(event); } catch (Exception e) { report(e); } });",
            "    // run() declares no checked exception: RuntimeException is everything its body can throw.",
            "    es.submit(() -> { try { store(event); } catch (RuntimeException e) { report(e); } });",
            "    // call() may throw, but nothing in this try block declares a checked exception.",
            "    es.submit(() -> { try { return load(event); } catch (RuntimeException e) { report(e); return null; } });",
            "    CompletableFuture.runAsync(new Runnable() {",
            "      @Override public void run() { try { store(event); } catch (RuntimeException e) { report(e); } }",
            "    }, pool);",
            "    ses.schedule(new Runnable() {",
            "      @Override public void run() {",
            "        try { store(event); } catch (Exception e) { report(e); }",
            "      }",
            "    }, 1, TimeUnit.SECONDS);",
            "    es.submit(() -> {",
            "      try { store(event); } catch (Exception e) { es.execute(() -> { throw new IllegalStateException(e); }); }",
            "    });",
            "    // Logging, flag tests and plain locals around the try cannot throw either.",
            "    es.submit(() -> {",
            "      log.info(\"storing \" + event);",
            "      if (!running.get()) {",
            "        return;",
            "      }",
            "      boolean verbose = this.verbose;",
            "      try { store(event); } catch (Exception e) { log.log(Level.WARNING, \"failed\", e); }",
            "      if (verbose && log.isLoggable(Level.FINE)) log.fine(\"stored\");",
            "    });",
            "    es.submit(this::refresh);",
            "    // Arithmetic on primitives, safe concatenations, fields of this and of an enclosing instance,",
            "    // class literals and reference comparisons cannot throw either.",
            "    es.submit(() -> {",
            "      int next = count + 1 + count / 2;",
            "      log.info(\"attempt \" + (next * 2) + ' ' + 3L + TimeUnit.SECONDS + this.verbose);",
            "      if (event == null || Audit.class == null) return;",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    es.submit(new Runnable() {",
            "      @Override public void run() {",
            "        Audit.this.log.info(\"run \" + Audit.this.verbose);",
            "        try { store(event); } catch (Exception e) { report(e); }",
            "      }",
            "    });",
            "    es.submit(() -> {",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "      try { store(event); } catch (Throwable t) { report(t); }",
            "    });",
            "  }",
            "  static class Request { String id; }",
            "  void stillFlaggedAroundTheTry(String event, ExecutorService es, int count, Boolean enabled,",
            "      Integer boxed, Object entity, Request request, java.util.function.Supplier<String> message) {",
            "    // A null Boolean or Integer unboxed, an object's toString(), a field of a name that may be",
            "    // null, a logger's static factory: each may throw before the try.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      if (enabled) return;",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      int n = boxed;",
            "      try { store(event + n); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      log.info(\"storing \" + entity);",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      log.info(request.id);",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      java.util.logging.Logger.getLogger(\"audit\");",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      if (boxed == 5 || count < boxed) return;",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      running.set(enabled);",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // A logger runs a supplier it is given, which may throw.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      log.fine(() -> load(event));",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // A supplier handed by name runs in the logger as a lambda would.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      log.fine(message);",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      log.info(\"storing \" + load(event));",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      if (load(event) == null) return;",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      int share = 100 / count;",
            "      try { store(event + share); } catch (Exception e) { report(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "      try { store(event); } catch (IllegalStateException e) { report(e); }",
            "    });",
            "  }",
            "  private final java.util.logging.Logger log = java.util.logging.Logger.getLogger(\"audit\");",
            "  private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();",
            "  private boolean verbose;",
            "  private void refresh() {",
            "    log.fine(\"refreshing\");",
            "    try { store(\"refresh\"); } catch (RuntimeException e) { report(e); }",
            "  }",
            "  void stillFlagged(String event, Executor pool, ExecutorService es, CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: CompletableFuture.runAsync(...) returns a CompletableFuture",
            "    CompletableFuture.runAsync(() -> {",
            "      try { store(event); } catch (IllegalStateException e) { report(e); }",
            "    }, pool);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      try { store(event); } catch (Exception e) { report(e); throw new IllegalStateException(e); }",
            "    });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> {",
            "      try { store(event); } catch (Exception e) { report(e); }",
            "      done();",
            "    });",
            "    // BUG: Diagnostic contains: CompletableFuture.thenRun(...) returns a CompletableFuture",
            "    f.thenRun(() -> { try { store(event); } catch (Exception e) { report(e); } });",
            "    // A checked exception from read() would pass a RuntimeException clause.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> { try { return read(event); } catch (RuntimeException e) { report(e); return null; } });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(this::done);",
            "    // A method of this compilation whose body handles everything it can throw.",
            "    es.submit(this::reconnect);",
            "    // A subclass may override it with a body that throws.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(this::overridable);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(this::reconnectOrThrow);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit((Runnable) this::done);",
            "  }",
            "  void store(String event) {}",
            "  String load(String event) { return event; }",
            "  String read(String event) throws java.io.IOException { return event; }",
            "  void report(Throwable t) {}",
            "  void done() {}",
            "  private void reconnect() { try { store(\"reconnect\"); } catch (Exception e) { report(e); } }",
            "  void overridable() { try { store(\"reconnect\"); } catch (Exception e) { report(e); } }",
            "  void reconnectOrThrow() {",
            "    try { store(\"reconnect\"); } catch (Exception e) { throw new IllegalStateException(e); }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void tasksThatHandleTheirFailuresThroughHelpersAndTaskClasses() {
    helper
        .addSourceLines(
            "Refresh.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.AtomicBoolean;",
            "class Refresh {",
            "  private static final java.util.logging.Logger log = java.util.logging.Logger.getLogger(\"r\");",
            "  interface Command { boolean completeExceptionally(Throwable t); String name(); }",
            "  static final class Errors { static TimeoutException timeout(String what) { return new TimeoutException(what); } }",
            "  // Private, and no class of this file extends it: its run() is the one that runs.",
            "  private static class RefreshTask extends AtomicBoolean implements Runnable {",
            "    public void run() {",
            "      if (compareAndSet(false, true)) {",
            "        doRun();",
            "        return;",
            "      }",
            "      log.fine(\"already running\");",
            "    }",
            "    void doRun() {",
            "      log.fine(\"refreshing\");",
            "      try { reload(); } catch (Exception e) { log.warning(\"failed\"); set(false); }",
            "    }",
            "    void reload() {}",
            "  }",
            "  static final class Job implements Callable<String> {",
            "    public String call() { try { return \"done\"; } catch (RuntimeException e) { return null; } }",
            "  }",
            "  private final RefreshTask refreshTask = new RefreshTask();",
            "  private volatile boolean relaxed;",
            "  void start(ExecutorService es, ScheduledExecutorService ses, Command command,",
            "      CompletableFuture<String> f, String id) {",
            "    es.submit(refreshTask);",
            "    es.submit(new Job());",
            "    // A helper whose body handles everything it can throw, on every branch.",
            "    es.submit(() -> requeue(command));",
            "    es.submit(() -> { this.requeue(command); });",
            "    // Nothing here can throw at all.",
            "    es.submit(() -> {",
            "      log.fine(\"relaxing off \" + id);",
            "      this.relaxed = false;",
            "    });",
            "    // A timeout task whose whole job is to fail a future, with an exception built of anything.",
            "    ses.schedule(() -> f.completeExceptionally(Errors.timeout(command.name())), 1, TimeUnit.SECONDS);",
            "    ses.schedule(() -> command.completeExceptionally(new TimeoutException(command.name())), 1, TimeUnit.SECONDS);",
            "    ses.schedule(() -> {",
            "      log.fine(\"expired\");",
            "      f.completeExceptionally(Errors.timeout(command.name()));",
            "    }, 1, TimeUnit.SECONDS);",
            "  }",
            "  private void requeue(Command command) {",
            "    if (command != null) {",
            "      try { write(command); } catch (Exception e) { command.completeExceptionally(e); }",
            "    } else {",
            "      try { write(null); } catch (Exception e) { log.warning(\"lost\"); }",
            "    }",
            "  }",
            "  void write(Command command) {}",
            "}")
        .addSourceLines(
            "StillFlagged.java",
            "import java.util.concurrent.*;",
            "class StillFlagged {",
            "  // A subclass elsewhere may override run().",
            "  static class OpenTask implements Runnable {",
            "    public void run() { try { work(); } catch (Exception e) {} }",
            "    void work() {}",
            "  }",
            "  // Private, but extended in this file: the subclass's run() may throw.",
            "  private static class BaseTask implements Runnable {",
            "    public void run() { try { work(); } catch (Exception e) {} }",
            "    void work() {}",
            "  }",
            "  private static class LoudTask extends BaseTask {",
            "    @Override public void run() { throw new IllegalStateException(); }",
            "  }",
            "  private static class ExtendedAnonymously implements Runnable {",
            "    public void run() { try { work(); } catch (Exception e) {} }",
            "    void work() {}",
            "  }",
            "  private final Runnable anonymous = new ExtendedAnonymously() { @Override public void run() {} };",
            "  private static class ThrowsBeforeItsTry implements Runnable {",
            "    public void run() { work(); try { work(); } catch (Exception e) {} }",
            "    void work() { Integer.parseInt(\"x\"); }",
            "  }",
            "  interface Named { String name(); boolean completeExceptionally(String reason); }",
            "  private int count;",
            "  private String name;",
            "  private final int[] slots = new int[1];",
            "  void start(ExecutorService es, ScheduledExecutorService ses, OpenTask open, BaseTask base,",
            "      ExtendedAnonymously extended, ThrowsBeforeItsTry early, Integer boxed, Named named,",
            "      CompletableFuture<String> f) {",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(open);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(base);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(extended);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(early);",
            "    // A helper a subclass may override; one handed an argument that may throw; one that",
            "    // does not handle what it throws; one that only calls itself.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> overridable());",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> handled(named.name()));",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> unhandled());",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> loop());",
            "    // An unboxed null, an array element, a value that is computed: each may throw.",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> { this.count = boxed; });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> { slots[0] = 1; });",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    es.submit(() -> { this.name = named.name(); });",
            "    // Not a failure handed an exception; a value computed for a completion.",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> named.completeExceptionally(named.name()), 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> { f.complete(named.name()); }, 1, TimeUnit.SECONDS);",
            "  }",
            "  void overridable() { try { work(); } catch (Exception e) {} }",
            "  private void handled(String what) { try { work(); } catch (Exception e) {} }",
            "  private void unhandled() { try { work(); } catch (IllegalStateException e) {} }",
            "  private void loop() { loop(); }",
            "  void work() {}",
            "}")
        .doTest();
  }

  @Test
  void tasksThatHoldTheirOutcomeOrOnlyCompleteAnotherFuture() {
    helper
        .addSourceLines(
            "Timeouts.java",
            "import com.google.common.util.concurrent.ListenableFutureTask;",
            "import com.google.common.util.concurrent.SettableFuture;",
            "import java.util.concurrent.*;",
            "class Timeouts {",
            "  <T> FutureTask<T> run(Callable<T> c, ExecutorService pool) {",
            "    FutureTask<T> task = new FutureTask<>(c);",
            "    pool.submit(task);",
            "    return task;",
            "  }",
            "  <T> ListenableFutureTask<T> runListenable(Callable<T> c, ExecutorService pool) {",
            "    ListenableFutureTask<T> task = ListenableFutureTask.create(c);",
            "    pool.submit(task);",
            "    return task;",
            "  }",
            "  <T> T invokeHeld(ForkJoinPool pool, ForkJoinTask<T> t) {",
            "    pool.submit(t);",
            "    return t.join();",
            "  }",
            "  void expire(CompletableFuture<String> f, SettableFuture<String> s, Future<?> job,",
            "      ScheduledExecutorService ses) {",
            "    ses.schedule(() -> f.completeExceptionally(new TimeoutException(\"late\")), 1, TimeUnit.SECONDS);",
            "    ses.schedule(() -> f.complete(\"default\"), 1, TimeUnit.SECONDS);",
            "    ses.schedule(() -> { s.setException(new TimeoutException()); }, 1, TimeUnit.SECONDS);",
            "    ses.schedule(() -> job.cancel(true), 1, TimeUnit.SECONDS);",
            "    CompletableFuture.runAsync(() -> f.complete(\"x\"));",
            "    String id = \"42\";",
            "    ses.schedule(() -> f.completeExceptionally(new TimeoutException(\"late \" + id)), 1, TimeUnit.SECONDS);",
            "  }",
            "  void outcomeNobodyHolds(Callable<String> c, ExecutorService pool, Client client) {",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    pool.submit(new FutureTask<>(c));",
            "    FutureTask<String> neverRead = new FutureTask<>(c);",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future",
            "    pool.submit(neverRead);",
            "    // BUG: Diagnostic contains: ForkJoinPool.submit(...) returns a ForkJoinTask",
            "    ForkJoinPool.commonPool().submit(ForkJoinTask.adapt(c));",
            "  }",
            "  interface Client {",
            "    CompletableFuture<String> send(String m, java.util.function.BiConsumer<String, Throwable> callback);",
            "  }",
            "  static class Holder { CompletableFuture<String> future; }",
            "  void sendMayThrow(Client client, ScheduledExecutorService ses, String m, Holder holder) {",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> client.send(m, (r, e) -> {}), 1, TimeUnit.SECONDS);",
            "    // The holder may be null.",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> holder.future.cancel(false), 1, TimeUnit.SECONDS);",
            "  }",
            "  void stillFlagged(CompletableFuture<String> f, ScheduledExecutorService ses,",
            "      java.util.Map<String, CompletableFuture<String>> pending) {",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> f.complete(compute()), 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> pending.remove(\"id\").cancel(true), 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> { f.complete(\"a\"); compute(); }, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: CompletableFuture.thenRun(...) returns a CompletableFuture",
            "    f.thenRun(() -> f.complete(\"x\"));",
            "  }",
            "  String compute() { return \"\"; }",
            "}")
        .doTest();
  }

  @Test
  void periodicHandlesReportedFailuresAndPassThroughReturns() {
    helper
        .addSourceLines(
            "org/springframework/scheduling/TaskScheduler.java",
            "package org.springframework.scheduling;",
            "public interface TaskScheduler {",
            "  java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable task, java.time.Duration period);",
            "  java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, java.time.Duration delay);",
            "  java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, java.time.Instant at);",
            "  java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, Trigger trigger);",
            "}")
        .addSourceLines(
            "org/springframework/scheduling/Trigger.java",
            "package org.springframework.scheduling;",
            "public interface Trigger {}")
        .addSourceLines(
            "org/springframework/kafka/core/KafkaOperations.java",
            "package org.springframework.kafka.core;",
            "public interface KafkaOperations<K, V> {",
            "  java.util.concurrent.CompletableFuture<Object> send(String topic, K key, V data);",
            "  java.util.concurrent.CompletableFuture<Object> sendDefault(V data);",
            "}")
        .addSourceLines(
            "org/springframework/kafka/core/KafkaTemplate.java",
            "package org.springframework.kafka.core;",
            "public abstract class KafkaTemplate<K, V> implements KafkaOperations<K, V> {",
            "  public java.util.concurrent.CompletableFuture<Object> flush() { return null; }",
            "}")
        .addSourceLines(
            "Poller.java",
            "import java.lang.reflect.Method;",
            "import java.time.Duration;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import org.springframework.scheduling.TaskScheduler;",
            "class Poller {",
            "  void start(TaskScheduler scheduler, org.springframework.scheduling.Trigger cron) {",
            "    scheduler.scheduleAtFixedRate(this::poll, Duration.ofSeconds(30));",
            "    scheduler.scheduleWithFixedDelay(this::poll, Duration.ofSeconds(30));",
            "    scheduler.schedule(this::poll, cron);",
            "    // BUG: Diagnostic contains: TaskScheduler.schedule(...) returns a ScheduledFuture",
            "    scheduler.schedule(this::poll, java.time.Instant.now());",
            "  }",
            "  void poll() {}",
            "  void publish(org.springframework.kafka.core.KafkaTemplate<String, String> kafka) {",
            "    kafka.send(\"orders\", \"id\", \"placed\");",
            "    kafka.sendDefault(\"placed\");",
            "    // BUG: Diagnostic contains: KafkaTemplate.flush() returns a CompletableFuture",
            "    kafka.flush();",
            "  }",
            "  Object timed(Method method, Object target, Object[] args) throws Exception {",
            "    Object result = method.invoke(target, args);",
            "    if (result instanceof CompletionStage<?> stage) {",
            "      return stage.whenComplete((value, error) -> poll());",
            "    }",
            "    return result;",
            "  }",
            "  Object nullOrFuture(boolean ready) {",
            "    if (!ready) { return null; }",
            "    // BUG: Diagnostic contains: nullOrFuture returns a CompletableFuture through its declared type",
            "    return CompletableFuture.completedFuture(\"x\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void futuresReturnedThroughObjectOnPurpose() {
    // Found on Lettuce: a dispatch helper of an override whose contract returns Object.
    helper
        .addSourceLines(
            "Command.java",
            "import java.util.concurrent.*;",
            "interface Executable { Object execute(Object[] args); }",
            "class Command implements Executable {",
            "  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();",
            "  @Override public Object execute(Object[] args) { return dispatch(args); }",
            "  protected Object dispatch(Object[] args) {",
            "    if (args.length == 0) { return CompletableFuture.completedFuture(\"none\"); }",
            "    return CompletableFuture.supplyAsync(() -> args[0]);",
            "  }",
            "  Object scheduleQuietly(Runnable r) {",
            "    return timer.schedule(() -> { try { r.run(); } catch (RuntimeException e) { log(e); } }, 1, TimeUnit.SECONDS);",
            "  }",
            "  Object reused() {",
            "    // BUG: Diagnostic contains: reused returns a CompletableFuture through its declared type",
            "    return CompletableFuture.supplyAsync(() -> \"x\");",
            "  }",
            "  Object alsoCalledElsewhere() {",
            "    // BUG: Diagnostic contains: alsoCalledElsewhere returns a CompletableFuture through its declared type",
            "    return CompletableFuture.supplyAsync(() -> \"y\");",
            "  }",
            "  @Override public String toString() { return String.valueOf(alsoCalledElsewhere()); }",
            "  Object scheduleLoudly(Runnable r) {",
            "    // BUG: Diagnostic contains: scheduleLoudly returns a ScheduledFuture through its declared type",
            "    return timer.schedule(r, 1, TimeUnit.SECONDS);",
            "  }",
            "  static void log(Throwable t) {}",
            "}",
            "class Other { Object twice(Command c) { return c.reused(); } }")
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(DiscardedFuture.class, getClass())
        .addInputLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  CompletableFuture<String> fetch(String s) { return CompletableFuture.completedFuture(s); }",
            "  CompletableFuture<?> nested(CompletableFuture<String> ids) {",
            "    return ids.thenApply(id -> fetch(id));",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  CompletableFuture<String> fetch(String s) { return CompletableFuture.completedFuture(s); }",
            "  CompletableFuture<?> nested(CompletableFuture<String> ids) {",
            "    return ids.thenCompose(id -> fetch(id));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void exemptions() {
    helper
        .addSourceLines(
            "Ok.java",
            "import com.google.common.base.Preconditions;",
            "import com.google.errorprone.annotations.CanIgnoreReturnValue;",
            "import java.lang.reflect.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import reactor.core.publisher.Mono;",
            "class Ok {",
            "  @CanIgnoreReturnValue CompletableFuture<String> fire() { return new CompletableFuture<>(); }",
            "  CompletableFuture<String> save() { return new CompletableFuture<>(); }",
            "  void run(CompletableFuture<String> f, ForkJoinTask<String> task,",
            "      ExecutorCompletionService<String> ecs, ScheduledExecutorService ses,",
            "      List<CompletableFuture<String>> all, Map<String, CompletableFuture<String>> map) {",
            "    fire();",
            "    var unused = save();",
            "    save().whenComplete((s, e) -> {});",
            "    save().exceptionally(e -> null);",
            "    save().handle((s, e) -> s);",
            "    f.orTimeout(1, TimeUnit.SECONDS);",
            "    f.completeOnTimeout(\"x\", 1, TimeUnit.SECONDS);",
            "    // A never-read local is the statement by another name: the same exemptions.",
            "    CompletableFuture<String> observed = save().whenComplete((s, e) -> {});",
            "    CompletableFuture<String> same = f.orTimeout(1, TimeUnit.SECONDS);",
            "    task.fork();",
            "    ecs.submit(() -> \"x\");",
            "    ses.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);",
            "    ses.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.SECONDS);",
            "    Objects.requireNonNull(f);",
            "    Objects.requireNonNullElse(f, f);",
            "    Preconditions.checkNotNull(f);",
            "    com.google.common.base.Verify.verifyNotNull(f);",
            "    Mono.just(1).subscribe();",
            "    all.add(save());",
            "    map.put(\"k\", save());",
            "    // Found on Lettuce: the previous value, held in a local never read, was not produced here.",
            "    CompletableFuture<String> existing = map.put(\"k\", save());",
            "    map.remove(\"k\");",
            "    consume(save());",
            "    java.util.function.Supplier<CompletableFuture<String>> later = () -> save();",
            "  }",
            "  void consume(CompletableFuture<String> f) {}",
            "  @SuppressWarnings(\"DiscardedFuture\") void a() { save(); }",
            "  @SuppressWarnings(\"FutureReturnValueIgnored\") void b() { save(); }",
            "  InvocationHandler handler() {",
            "    return (proxy, method, args) -> save();",
            "  }",
            "  static class Handler implements InvocationHandler {",
            "    public Object invoke(Object proxy, Method method, Object[] args) {",
            "      return new CompletableFuture<String>();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void canIgnoreReturnValueOnTheClassAnEnclosingClassOrByItsSimpleName() {
    helper
        .addSourceLines(
            "com/acme/CanIgnoreReturnValue.java",
            "package com.acme;",
            "public @interface CanIgnoreReturnValue {}")
        .addSourceLines(
            "Builders.java",
            "import java.util.concurrent.CompletableFuture;",
            "@com.google.errorprone.annotations.CanIgnoreReturnValue",
            "class Builders {",
            "  CompletableFuture<String> step() { return null; }",
            "  static class Nested { CompletableFuture<String> step() { return null; } }",
            "}")
        .addSourceLines(
            "Own.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Own {",
            "  @com.acme.CanIgnoreReturnValue CompletableFuture<String> step() { return null; }",
            "  CompletableFuture<String> plain() { return null; }",
            "}")
        .addSourceLines(
            "Use.java",
            "class Use {",
            "  void run(Builders b, Builders.Nested n, Own own) {",
            "    b.step();",
            "    n.step();",
            "    own.step();",
            "    // BUG: Diagnostic contains: Own.plain() returns a CompletableFuture that is dropped",
            "    own.plain();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void canIgnoreReturnValueInheritedByOverriding() {
    helper
        .addSourceLines(
            "Api.java",
            "import com.google.errorprone.annotations.CanIgnoreReturnValue;",
            "import java.util.concurrent.CompletableFuture;",
            "interface Api<T> {",
            "  @CanIgnoreReturnValue CompletableFuture<T> send(T message);",
            "  CompletableFuture<T> send(T message, int times);",
            "  // Annotated, but its contract returns no future (like Guava's Function).",
            "  @CanIgnoreReturnValue Object transform(T value);",
            "}")
        .addSourceLines(
            "Impl.java",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Impl implements Api<String> {",
            "  @Override public CompletableFuture<String> send(String message) { return null; }",
            "  @Override public CompletableFuture<String> send(String message, int times) { return null; }",
            "  @Override public CompletableFuture<String> transform(String value) { return null; }",
            "  void run() {",
            "    send(\"a\");",
            "    // BUG: Diagnostic contains: Impl.send(...) returns a CompletableFuture that is dropped",
            "    send(\"a\", 2);",
            "    // BUG: Diagnostic contains: Impl.transform(...) returns a CompletableFuture that is dropped",
            "    transform(\"b\");",
            "  }",
            "}")
        .addSourceLines(
            "Base.java",
            "import com.google.errorprone.annotations.CanIgnoreReturnValue;",
            "import java.util.concurrent.CompletableFuture;",
            "class Base { @CanIgnoreReturnValue CompletableFuture<String> flush() { return null; } }",
            "class Middle extends Base {}",
            "class Leaf extends Middle {",
            "  @Override CompletableFuture<String> flush() { return null; }",
            "  void run() { flush(); }",
            "}")
        .doTest();
  }

  @Test
  void methodsTheTeamListsAsSafeToDrop() {
    helper
        .setArgs(
            "-XepOpt:AsyncGuard:SafeToDropMethods=com.acme.Metrics#publish,"
                + "com.acme.Mailer#send(java.lang.String),com.acme.Job#<init>,"
                + "com.acme.Mailer#send(java.lang.String,java.lang.String,int)")
        .addSourceLines(
            "com/acme/Metrics.java",
            "package com.acme;",
            "import java.util.concurrent.CompletableFuture;",
            "public interface Metrics {",
            "  CompletableFuture<Void> publish(String name, long value);",
            "  CompletableFuture<Void> flush();",
            "}")
        .addSourceLines(
            "com/acme/Mailer.java",
            "package com.acme;",
            "import java.util.concurrent.CompletableFuture;",
            "public class Mailer {",
            "  public CompletableFuture<Void> send(String to) { return new CompletableFuture<>(); }",
            "  public CompletableFuture<Void> send(String to, String body) { return new CompletableFuture<>(); }",
            "}")
        .addSourceLines(
            "com/acme/Job.java",
            "package com.acme;",
            "public class Job extends java.util.concurrent.CompletableFuture<Void> {}")
        .addSourceLines(
            "com/acme/OtherJob.java",
            "package com.acme;",
            "public class OtherJob extends java.util.concurrent.CompletableFuture<Void> {}")
        .addSourceLines(
            "Use.java",
            "import com.acme.Job;",
            "import com.acme.Mailer;",
            "import com.acme.Metrics;",
            "import com.acme.OtherJob;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "abstract class Use implements Metrics {",
            "  void run(Metrics metrics, Mailer mailer, List<String> names) {",
            "    metrics.publish(\"requests\", 1);",
            "    publish(\"self\", 2);",
            "    names.forEach(n -> metrics.publish(n, 1));",
            "    CompletableFuture<Void> kept = metrics.publish(\"kept\", 3);",
            "    mailer.send(\"a@b.c\");",
            "    new Job();",
            "    // BUG: Diagnostic contains: Metrics.flush() returns a CompletableFuture that is dropped",
            "    metrics.flush();",
            "    // BUG: Diagnostic contains: Mailer.send(...) returns a CompletableFuture that is dropped",
            "    mailer.send(\"a@b.c\", \"hi\");",
            "    // BUG: Diagnostic contains: new OtherJob(...) returns an OtherJob that is dropped",
            "    new OtherJob();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void mockitoAndAssertThrows() {
    helper
        .addSourceLines(
            "Svc.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Svc {",
            "  CompletableFuture<String> save(String s);",
            "  CompletableFuture<Void> start();",
            "  void close();",
            "}")
        .addSourceLines(
            "mockit/Expectations.java",
            "package mockit;",
            "public abstract class Expectations { protected Object result; }")
        .addSourceLines(
            "mockit/Verifications.java",
            "package mockit;",
            "public abstract class Verifications { protected int times; }")
        .addSourceLines(
            "SvcTest.java",
            "import static org.mockito.Mockito.*;",
            "import static org.junit.jupiter.api.Assertions.assertThrows;",
            "import static org.junit.Assert.fail;",
            "import java.util.concurrent.CompletableFuture;",
            "class SvcTest {",
            "  void test(Svc svc) {",
            "    verify(svc).save(\"x\");",
            "    verify(svc, times(2)).save(\"x\");",
            "    when(svc.save(\"x\")).thenReturn(null);",
            "    doReturn(null).when(svc).save(\"y\");",
            "    doAnswer(inv -> { svc.save(\"z\"); return null; }).when(svc).save(\"w\");",
            "    assertThrows(RuntimeException.class, () -> svc.save(null));",
            "    org.mockito.BDDMockito.then(svc).should().save(\"x\");",
            "    org.mockito.BDDMockito.then(svc).should(times(2)).save(\"x\");",
            "    org.mockito.BDDMockito.willReturn(null).given(svc).save(\"b\");",
            "    org.mockito.BDDMockito.willThrow(new RuntimeException()).given(svc).start();",
            "    new mockit.Expectations() {{ svc.save(\"j\"); result = null; }};",
            "    new mockit.Verifications() {{ svc.start(); times = 1; }};",
            "    // The same as never-read locals: asked at the initializer, the statement around it counts.",
            "    assertThrows(RuntimeException.class, () -> { CompletableFuture<String> t = svc.save(null); });",
            "    try {",
            "      CompletableFuture<String> t = svc.save(null);",
            "      fail();",
            "    } catch (IllegalArgumentException expected) {",
            "    }",
            "    doAnswer(inv -> { CompletableFuture<String> a = svc.save(\"z\"); return null; }).when(svc).save(\"w\");",
            "  }",
            "  @org.junit.Test(expected = IllegalArgumentException.class)",
            "  public void rejectsNull() {",
            "    new SvcTest().make(null);",
            "  }",
            "  CompletableFuture<String> make(String s) { return null; }",
            "  @org.junit.Rule public org.junit.rules.ExpectedException thrown = org.junit.rules.ExpectedException.none();",
            "  void expectedByRule(Svc svc) {",
            "    thrown.expect(IllegalStateException.class);",
            "    svc.save(null);",
            "  }",
            "  void verifiedInOrder(Svc svc, org.mockito.InOrder inOrder) {",
            "    inOrder.verify(svc).save(\"a\");",
            "    org.mockito.BDDMockito.verify(svc).save(\"b\");",
            "    assertThrows(RuntimeException.class, svc::start);",
            "    assertThrows(RuntimeException.class, () -> {",
            "      make(\"first\").join();",
            "      svc.save(null);",
            "    });",
            "    try {",
            "      svc.save(null);",
            "      org.junit.jupiter.api.Assertions.fail(\"expected a failure\");",
            "    } catch (IllegalArgumentException expected) {",
            "    }",
            "  }",
            "  void notExpectedToThrow(Svc svc) {",
            "    try {",
            "      // BUG: Diagnostic contains: Svc.save(...) returns a CompletableFuture that is dropped",
            "      svc.save(null);",
            "      svc.close();",
            "    } catch (IllegalArgumentException expected) {",
            "    }",
            "    thrown.expect(IllegalStateException.class);",
            "    // BUG: Diagnostic contains: Svc.save(...) returns a CompletableFuture that is dropped",
            "    svc.save(null);",
            "    svc.close();",
            "  }",
            "  @org.junit.Test(expected = IllegalArgumentException.class)",
            "  public void notTheOnlyStatement() {",
            "    // BUG: Diagnostic contains: SvcTest.make(...) returns a CompletableFuture that is dropped",
            "    make(null);",
            "    make(\"second\").join();",
            "  }",
            "  @org.junit.Ignore @org.junit.Test(expected = IllegalArgumentException.class)",
            "  public void ignored() {",
            "    // BUG: Diagnostic contains: SvcTest.make(...) returns a CompletableFuture that is dropped",
            "    make(null);",
            "  }",
            "  static class Fake implements org.mockito.stubbing.Answer<Object> {",
            "    Svc svc;",
            "    @Override public Object answer(org.mockito.invocation.InvocationOnMock inv) {",
            "      svc.save(\"stubbed\");",
            "      return null;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void subscribeIsExemptOnlyOnAFutureOrPublisher() {
    helper
        .addSourceLines(
            "Topics.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Topics { CompletableFuture<Void> subscribe(String topic); }")
        .addSourceLines(
            "Started.java",
            "/** A publisher whose subscribe() starts it and returns it, for chaining. */",
            "interface Started<T> extends org.reactivestreams.Publisher<T> {",
            "  Started<T> subscribe();",
            "  Started<T> subscribeWith(Runnable onNext);",
            "}")
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  void run(Topics topics, Started<String> started) {",
            "    started.subscribe();",
            "    started.subscribeWith(() -> {});",
            "    // BUG: Diagnostic contains: Topics.subscribe(...) returns a CompletableFuture that is dropped",
            "    topics.subscribe(\"news\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void calleeThatKeepsTheFutureItReturns() {
    // Found on reactor-core: newWindowDeferred() stores the window in a field and returns it.
    helper
        .addSourceLines(
            "Windows.java",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Windows {",
            "  Mono<String> window;",
            "  CompletableFuture<String> last;",
            "  Mono<String> newWindow() {",
            "    Mono<String> w = Mono.just(\"w\");",
            "    window = w;",
            "    return w;",
            "  }",
            "  CompletableFuture<String> start(List<CompletableFuture<String>> all) {",
            "    CompletableFuture<String> f = new CompletableFuture<>();",
            "    all.add(f);",
            "    return f;",
            "  }",
            "  CompletableFuture<String> restart() {",
            "    last = new CompletableFuture<>();",
            "    return last;",
            "  }",
            "  Mono<String> current() { return window; }",
            "  Mono<String> make() { return Mono.just(\"m\"); }",
            "  void run(List<CompletableFuture<String>> all) {",
            "    newWindow();",
            "    Mono<String> kept = newWindow();",
            "    start(all);",
            "    restart();",
            "    // BUG: Diagnostic contains: Windows.current() returns a Mono that is dropped",
            "    current();",
            "    // BUG: Diagnostic contains: Windows.make() returns a Mono that is dropped",
            "    make();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void helpersThatHandTheFailureOfWhatTheyReturnToAnObserver() {
    helper
        .addSourceLines(
            "Fx.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Fx {",
            "  static <T> CompletableFuture<T> logOnFailure(CompletableFuture<T> f, String what) {",
            "    return f.exceptionally(e -> { log(what, e); return null; });",
            "  }",
            "  static <T> CompletableFuture<T> logged(CompletableFuture<T> f) {",
            "    f.whenComplete((v, e) -> log(\"logged\", e));",
            "    return f;",
            "  }",
            "  static <T> CompletableFuture<T> passedOn(CompletableFuture<T> f) {",
            "    return f.thenApply(x -> x);",
            "  }",
            "  static CompletableFuture<String> sometimes(CompletableFuture<String> f, boolean b) {",
            "    if (b) { return f.exceptionally(e -> null); }",
            "    return f;",
            "  }",
            "  static <T> CompletableFuture<T> translated(CompletableFuture<T> f) {",
            "    return f.exceptionally(e -> { throw new IllegalStateException(e); });",
            "  }",
            "  static <T> CompletableFuture<T> traced(CompletableFuture<T> f) {",
            "    f.whenComplete((v, e) -> log(\"span end\", null));",
            "    return f;",
            "  }",
            "  static CompletableFuture<String> retried(CompletableFuture<String> f) {",
            "    f.whenComplete((v, e) -> log(\"first\", e));",
            "    f = f.thenCompose(v -> fetch());",
            "    return f;",
            "  }",
            "  static <T> Mono<T> loggedMono(Mono<T> m) {",
            "    return m.doOnError(e -> log(\"mono\", e));",
            "  }",
            "  static void log(String what, Throwable e) {}",
            "  static CompletableFuture<String> fetch() { return new CompletableFuture<>(); }",
            "  void run() {",
            "    logOnFailure(fetch(), \"fetch\");",
            "    logged(fetch());",
            "    // BUG: Diagnostic contains: Fx.passedOn(...) returns a CompletableFuture",
            "    passedOn(fetch());",
            "    // BUG: Diagnostic contains: Fx.sometimes(...) returns a CompletableFuture",
            "    sometimes(fetch(), true);",
            "    // The helper turns the failure into another, or ignores it, or returns another future.",
            "    // BUG: Diagnostic contains: Fx.translated(...) returns a CompletableFuture",
            "    translated(fetch());",
            "    // BUG: Diagnostic contains: Fx.traced(...) returns a CompletableFuture",
            "    traced(fetch());",
            "    // BUG: Diagnostic contains: Fx.retried(...) returns a CompletableFuture",
            "    retried(fetch());",
            "    // A cold publisher still never runs: its failure handler does not start it.",
            "    // BUG: Diagnostic contains: Fx.loggedMono(...) returns a Mono",
            "    loggedMono(Mono.just(\"x\"));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void fluentMethodsOfTheProjectsOwnFuturesReturnTheirReceiver() {
    helper
        .addSourceLines(
            "Promise.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Promise<T> extends CompletableFuture<T> {",
            "  Promise<T> await() {",
            "    if (isDone()) {",
            "      return this;",
            "    }",
            "    join();",
            "    return (this);",
            "  }",
            "  Promise<T> duplicate() { return new Promise<>(); }",
            "  Promise<T> selfOrCopy(boolean self) { return self ? this : duplicate(); }",
            "}")
        .addSourceLines(
            "User.java",
            "class User {",
            "  Promise<String> field = new Promise<>();",
            "  void run(Promise<String> p) {",
            "    p.await();",
            "    this.field.await();",
            "    field.await();",
            "    // BUG: Diagnostic contains: Promise.await() returns a Promise that is dropped",
            "    new Promise<String>().await();",
            "    // BUG: Diagnostic contains: Promise.duplicate() returns a Promise that is dropped",
            "    p.duplicate();",
            "    // BUG: Diagnostic contains: Promise.selfOrCopy(...) returns a Promise that is dropped",
            "    p.selfOrCopy(true);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void publishersOfPublishersMadeOnPurpose() {
    // Found on reactor-core: windowWhen(.., x -> Mono.delay(..)) and defer(() -> window(..)).
    helper
        .addSourceLines(
            "Windowing.java",
            "import java.time.Duration;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "class Windowing {",
            "  Flux<Flux<Integer>> windows(Flux<Integer> in) {",
            "    Flux<Flux<Integer>> a = in.windowWhen(Flux.interval(Duration.ofSeconds(1)),",
            "        x -> Mono.delay(Duration.ofSeconds(2)));",
            "    return Flux.defer(() -> in.window(2)).mergeWith(a);",
            "  }",
            "  Flux<Mono<Integer>> nested(Flux<Integer> in) {",
            "    // BUG: Diagnostic contains: makes a Flux of a Mono",
            "    Flux<Mono<Integer>> m = in.map(x -> Mono.just(x));",
            "    return m;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void callableChosenOverRunnableForAFutureThatMayBeDropped() {
    // javac picks submit(Callable)/schedule(Callable, ..) for () -> ch.close(): a Runnable in all but type.
    helper
        .addSourceLines(
            "Channel.java",
            "import java.util.concurrent.CompletableFuture;",
            "interface Channel {",
            "  @com.google.errorprone.annotations.CanIgnoreReturnValue CompletableFuture<Void> close();",
            "  CompletableFuture<Void> write(Object message);",
            "}")
        .addSourceLines(
            "Idle.java",
            "import java.util.concurrent.*;",
            "class Idle {",
            "  ScheduledFuture<?> timer;",
            "  void arm(Channel ch, ScheduledExecutorService ses, ExecutorService pool, CompletableFuture<String> f) {",
            "    ses.schedule(() -> ch.close(), 30, TimeUnit.SECONDS);",
            "    timer = ses.schedule(() -> ch.close(), 30, TimeUnit.SECONDS);",
            "    pool.submit(ch::close);",
            "    pool.submit((Runnable) ch::close);",
            "    ses.schedule((Runnable) (() -> ch.close()), 30, TimeUnit.SECONDS);",
            "    CompletableFuture<Void> sent = ch.write(\"x\");",
            "    pool.submit(() -> sent.whenComplete((v, e) -> {}));",
            "    // BUG: Diagnostic contains: ExecutorService.submit(...) returns a Future that is dropped",
            "    pool.submit(() -> ch.write(\"x\").whenComplete((v, e) -> {}));",
            "    // BUG: Diagnostic contains: makes a ScheduledFuture of a CompletableFuture: the function returns a future, so the outer one completes as soon as the inner CompletableFuture is created, and nobody awaits the inner one (its result and failure are lost). Handle the inner one inside the task",
            "    ses.schedule(() -> ch.write(\"x\"), 30, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: makes a Future of a CompletableFuture",
            "    pool.submit(() -> ch.write(\"x\"));",
            "    // BUG: Diagnostic contains: Use thenCompose instead of thenApply",
            "    f.thenApply(s -> ch.close());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void executorImplementingExecuteBySubmitting() {
    // Found on reactor-core: BoundedScheduledExecutorService.execute(c) { super.submit(c); }.
    helper
        .addSourceLines(
            "Pool.java",
            "import java.util.concurrent.ScheduledThreadPoolExecutor;",
            "import java.util.concurrent.TimeUnit;",
            "class Pool extends ScheduledThreadPoolExecutor {",
            "  Pool() { super(1); }",
            "  @Override public void execute(Runnable command) {",
            "    super.submit(command);",
            "    schedule(command, 1, TimeUnit.SECONDS);",
            "  }",
            "  void later(Runnable command, ScheduledThreadPoolExecutor other) {",
            "    // BUG: Diagnostic contains: ScheduledThreadPoolExecutor.submit(...) returns a Future",
            "    super.submit(command);",
            "  }",
            "  static class Wrapper implements java.util.concurrent.Executor {",
            "    final ScheduledThreadPoolExecutor delegate = new ScheduledThreadPoolExecutor(1);",
            "    @Override public void execute(Runnable command) {",
            "      // BUG: Diagnostic contains: returns a Future that is dropped",
            "      delegate.submit(command);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void typesKnownThroughTheirSupertypes() {
    // Each type is classified by its own name and then its direct supertypes' (memoized).
    helper
        .addSourceLines(
            "Types.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.Future;",
            "import java.util.function.Supplier;",
            "import org.reactivestreams.Publisher;",
            "import org.reactivestreams.Subscriber;",
            "class Types {",
            "  interface Deferred extends CompletionStage<String> {}",
            "  interface Operation extends Deferred {}",
            "  interface Hybrid extends Publisher<String>, CompletionStage<String> {}",
            "  static class Task extends CompletableFuture<String> {",
            "    Task() { super(); }",
            "    Task(String name) { this(); }",
            "  }",
            "  static class Both extends CompletableFuture<String> implements Publisher<String> {",
            "    Both() { super(); }",
            "    @Override public void subscribe(Subscriber<? super String> s) {}",
            "  }",
            "  Operation start() { return null; }",
            "  Deferred deferred() { return null; }",
            "  Hybrid hybrid() { return null; }",
            "  Both both() { return new Both(); }",
            "  List<String> names() { return new ArrayList<>(); }",
            "  <T extends Object & Future<String>, U extends Future<String>, V extends U,",
            "      R extends Object & Runnable> void run(Supplier<T> futures, Supplier<V> chained,",
            "      Supplier<R> runnables) {",
            "    // BUG: Diagnostic contains: returns an Operation that is dropped",
            "    start();",
            "    // BUG: Diagnostic contains: returns a Deferred that is dropped",
            "    deferred();",
            "    // BUG: Diagnostic contains: returns a Hybrid that is dropped here. It is a cold publisher",
            "    hybrid();",
            "    // BUG: Diagnostic contains: cold publisher",
            "    both();",
            "    // BUG: Diagnostic contains: returns a Task that is dropped",
            "    new Task(\"t\");",
            "    // BUG: Diagnostic contains: Supplier.get() returns a Future that is dropped",
            "    futures.get();",
            "    // BUG: Diagnostic contains: Supplier.get() returns a Future that is dropped",
            "    chained.get();",
            "    runnables.get();",
            "    names();",
            "    new ArrayList<String>().subList(0, 0);",
            "  }",
            "}")
        .doTest();
  }
}
