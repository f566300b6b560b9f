package dev.asyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BlockingCallInAsyncTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingCallInAsync.class, getClass());

  /** Spring's @Async, matched by name. */
  private static CompilationTestHelper withSpringAsync(CompilationTestHelper helper) {
    return helper.addSourceLines(
        "org/springframework/scheduling/annotation/Async.java",
        "package org.springframework.scheduling.annotation;",
        "public @interface Async { String value() default \"\"; }");
  }

  /** EJB's @Asynchronous, matched by name. */
  private static CompilationTestHelper withEjbAsynchronous(CompilationTestHelper helper) {
    return helper.addSourceLines(
        "jakarta/ejb/Asynchronous.java", "package jakarta.ejb;", "public @interface Asynchronous {}");
  }

  /** Mutiny's Uni and the operator groups the tests use: stubs with the real names. */
  private static CompilationTestHelper withMutiny(CompilationTestHelper helper) {
    return helper
        .addSourceLines(
            "io/smallrye/mutiny/Uni.java",
            "package io.smallrye.mutiny;",
            "import java.util.concurrent.Executor;",
            "import java.util.function.Function;",
            "public interface Uni<T> {",
            "  static io.smallrye.mutiny.groups.UniCreate createFrom() { return null; }",
            "  <R> Uni<R> map(Function<? super T, ? extends R> mapper);",
            "  Uni<T> emitOn(Executor executor);",
            "  Uni<T> runSubscriptionOn(Executor executor);",
            "  io.smallrye.mutiny.groups.UniOnItem<T> onItem();",
            "  static io.smallrye.mutiny.groups.UniCombine combine() { return null; }",
            "}")
        .addSourceLines(
            "io/smallrye/mutiny/groups/UniCombine.java",
            "package io.smallrye.mutiny.groups;",
            "public interface UniCombine { UniZip all(); UniAny any(); }")
        .addSourceLines(
            "io/smallrye/mutiny/groups/UniZip.java",
            "package io.smallrye.mutiny.groups;",
            "import io.smallrye.mutiny.Uni;",
            "public interface UniZip {",
            "  <A, B> UniAndGroup2<A, B> unis(Uni<? extends A> a, Uni<? extends B> b);",
            "}")
        .addSourceLines(
            "io/smallrye/mutiny/groups/UniAndGroup2.java",
            "package io.smallrye.mutiny.groups;",
            "public interface UniAndGroup2<A, B> {",
            "  <R> io.smallrye.mutiny.Uni<R> with(java.util.function.BiFunction<A, B, R> f);",
            "}")
        .addSourceLines(
            "io/smallrye/mutiny/groups/UniAny.java",
            "package io.smallrye.mutiny.groups;",
            "public interface UniAny { <T> io.smallrye.mutiny.Uni<T> of(io.smallrye.mutiny.Uni<? extends T>... unis); }")
        .addSourceLines(
            "io/smallrye/mutiny/groups/UniCreate.java",
            "package io.smallrye.mutiny.groups;",
            "public interface UniCreate {",
            "  <T> io.smallrye.mutiny.Uni<T> item(java.util.function.Supplier<? extends T> supplier);",
            "}")
        .addSourceLines(
            "io/smallrye/mutiny/groups/UniOnItem.java",
            "package io.smallrye.mutiny.groups;",
            "public interface UniOnItem<T> {",
            "  <R> io.smallrye.mutiny.Uni<R> transform(java.util.function.Function<? super T, ? extends R> f);",
            "}");
  }

  @Nested
  class Contexts {
    @Test
    void nonBlockingMethod() {
      helper
          .addSourceLines(
              "Handler.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Handler {",
              "  @NonBlocking void onEvent() throws Exception {",
              "    // BUG: Diagnostic contains: Thread.sleep blocks the current thread in method"
                  + " onEvent, marked @NonBlocking. Schedule the continuation",
              "    Thread.sleep(10);",
              "  }",
              "  void plain() throws Exception { Thread.sleep(10); }",
              "}")
          .doTest();
    }

    @Test
    void nonBlockingConstructorAndLambdaInside() {
      helper
          .addSourceLines(
              "Handler.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.List;",
              "class Handler {",
              "  @NonBlocking Handler(List<Thread> threads) {",
              "    // BUG: Diagnostic contains: in constructor of Handler, marked @NonBlocking",
              "    threads.forEach(t -> { try { t.join(); } catch (InterruptedException e) {} });",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void typeLevelAnnotationCoversMethodsAndNestedTypes() {
      helper
          .addSourceLines(
              "Handler.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "@NonBlocking class Handler {",
              "  void a() throws Exception {",
              "    // BUG: Diagnostic contains: in method a of Handler, marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "  static class Inner {",
              "    void b() throws Exception {",
              "      // BUG: Diagnostic contains: in method b of Inner, marked @NonBlocking",
              "      Thread.sleep(1);",
              "    }",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void typeLevelAnnotationCoversEnumConstantBodiesAndAnonymousInitializers() {
      helper
          .addSourceLines(
              "Ops.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.Executor;",
              "@NonBlocking enum Ops {",
              "  SLOW {",
              "    @Override void apply() throws Exception {",
              "      // BUG: Diagnostic contains: in method apply of Ops, marked @NonBlocking",
              "      Thread.sleep(1);",
              "    }",
              "  },",
              "  FAST {",
              "    {",
              "      try {",
              "        // BUG: Diagnostic contains: in an initializer of Ops, marked @NonBlocking",
              "        Thread.sleep(1);",
              "      } catch (InterruptedException e) {}",
              "    }",
              "    @Override void apply() {}",
              "  };",
              "  abstract void apply() throws Exception;",
              "  void handOff(Executor pool) {",
              "    pool.execute(new Runnable() {",
              "      public void run() { try { Thread.sleep(1); } catch (InterruptedException e) {} }",
              "    });",
              "    Object marker = new Object() {",
              "      {",
              "        try {",
              "          // BUG: Diagnostic contains: in method handOff of Ops, marked @NonBlocking",
              "          Thread.sleep(1);",
              "        } catch (InterruptedException e) {}",
              "      }",
              "    };",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void otherNonBlockingAnnotationsByName() {
      helper
          .addSourceLines(
              "org/jetbrains/annotations/NonBlocking.java",
              "package org.jetbrains.annotations;",
              "public @interface NonBlocking {}")
          .addSourceLines(
              "io/smallrye/common/annotation/NonBlocking.java",
              "package io.smallrye.common.annotation;",
              "public @interface NonBlocking {}")
          .addSourceLines(
              "io/micronaut/core/annotation/NonBlocking.java",
              "package io.micronaut.core.annotation;",
              "public @interface NonBlocking {}")
          .addSourceLines(
              "Handler.java",
              "class Handler {",
              "  @org.jetbrains.annotations.NonBlocking void a() throws Exception {",
              "    // BUG: Diagnostic contains: marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "  @io.smallrye.common.annotation.NonBlocking void b() throws Exception {",
              "    // BUG: Diagnostic contains: marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "  @io.micronaut.core.annotation.NonBlocking void c() throws Exception {",
              "    // BUG: Diagnostic contains: marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void configuredNonBlockingAnnotation() {
      helper
          .setArgs("-XepOpt:AsyncGuard:NonBlockingAnnotations=com.acme.EventLoop")
          .addSourceLines(
              "com/acme/EventLoop.java", "package com.acme;", "public @interface EventLoop {}")
          .addSourceLines(
              "Handler.java",
              "class Handler {",
              "  @com.acme.EventLoop void a() throws Exception {",
              "    // BUG: Diagnostic contains: marked @EventLoop",
              "    Thread.sleep(1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void overridingANonBlockingMethod() {
      helper
          .addSourceLines(
              "Listener.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "interface Listener { @NonBlocking void onEvent() throws Exception; }")
          .addSourceLines(
              "Impl.java",
              "class Impl implements Listener {",
              "  @Override public void onEvent() throws Exception {",
              "    // BUG: Diagnostic contains: in method onEvent, marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void markInheritedOnlyByOverriding() {
      helper
          .addSourceLines(
              "Handler.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "interface Handler<T> {",
              "  @NonBlocking void on(T event) throws Exception;",
              "  @NonBlocking static void on(String a, String b) {}",
              "}")
          .addSourceLines(
              "Impl.java",
              "class Impl implements Handler<String> {",
              "  @Override public void on(String event) throws Exception {",
              "    // BUG: Diagnostic contains: in method on, marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "  // An overload, and a method named like a static one: neither overrides a marked method.",
              "  public void on(Long other) throws Exception { Thread.sleep(1); }",
              "  public void on(String a, String b) throws Exception { Thread.sleep(1); }",
              "}")
          .addSourceLines(
              "Two.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "// One method overrides both members of Two<String>: the mark on either applies.",
              "interface Two<T> { void on(String s) throws Exception; @NonBlocking void on(T t) throws Exception; }")
          .addSourceLines(
              "TwoImpl.java",
              "class TwoImpl implements Two<String> {",
              "  @Override public void on(String s) throws Exception {",
              "    // BUG: Diagnostic contains: in method on, marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void methodReturningAFuture() {
      helper
          .addSourceLines(
              "Service.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Mono;",
              "class Service {",
              "  CompletableFuture<String> load() throws Exception {",
              "    // BUG: Diagnostic contains: in method load, which returns a CompletableFuture",
              "    Thread.sleep(1);",
              "    return CompletableFuture.completedFuture(\"x\");",
              "  }",
              "  Mono<byte[]> read(java.nio.file.Path p) throws Exception {",
              "    // BUG: Diagnostic contains: Files.readAllBytes blocks the current thread in method"
                  + " read, which returns a Mono",
              "    return Mono.just(java.nio.file.Files.readAllBytes(p));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void tasksHandedToANettyEventLoop() {
      // A channel's event loop (an EventLoopGroup) runs the task on its own thread, shared by every
      // channel of the loop; a handler's ctx.executor() may be a group meant for blocking handlers.
      helper
          .addSourceLines(
              "io/netty/util/concurrent/EventExecutorGroup.java",
              "package io.netty.util.concurrent;",
              "public interface EventExecutorGroup extends java.util.concurrent.ScheduledExecutorService,",
              "    Iterable<EventExecutor> {}")
          .addSourceLines(
              "io/netty/util/concurrent/EventExecutor.java",
              "package io.netty.util.concurrent;",
              "public interface EventExecutor extends EventExecutorGroup {}")
          .addSourceLines(
              "io/netty/channel/EventLoopGroup.java",
              "package io.netty.channel;",
              "public interface EventLoopGroup extends io.netty.util.concurrent.EventExecutorGroup {",
              "  EventLoop next();",
              "}")
          .addSourceLines(
              "io/netty/channel/EventLoop.java",
              "package io.netty.channel;",
              "public interface EventLoop extends io.netty.util.concurrent.EventExecutor, EventLoopGroup {}")
          .addSourceLines(
              "io/netty/channel/Channel.java",
              "package io.netty.channel;",
              "public interface Channel { EventLoop eventLoop(); }")
          .addSourceLines(
              "io/netty/channel/DefaultEventLoopGroup.java",
              "package io.netty.channel;",
              "public class DefaultEventLoopGroup extends java.util.concurrent.ScheduledThreadPoolExecutor",
              "    implements EventLoopGroup {",
              "  public DefaultEventLoopGroup(int threads) { super(threads); }",
              "  @Override public EventLoop next() { return null; }",
              "  @Override public java.util.Iterator<io.netty.util.concurrent.EventExecutor> iterator() { return null; }",
              "}")
          .addSourceLines(
              "io/netty/channel/embedded/EmbeddedChannel.java",
              "package io.netty.channel.embedded;",
              "public abstract class EmbeddedChannel implements io.netty.channel.Channel {}")
          .addSourceLines(
              "Loops.java",
              "import io.netty.channel.*;",
              "import io.netty.util.concurrent.EventExecutor;",
              "import java.nio.file.*;",
              "import java.util.concurrent.*;",
              "class Loops {",
              "  void run(Channel ch, EventLoopGroup group, EventExecutor handlerExecutor, ExecutorService pool,",
              "      CompletableFuture<String> f, CompletableFuture<String> other) {",
              "    // BUG: Diagnostic contains: Files.readString blocks the current thread in a task handed to a Netty event loop's execute(...), which runs it on the event loop's own thread",
              "    ch.eventLoop().execute(() -> { try { Files.readString(Path.of(\"a\")); } catch (Exception e) {} });",
              "    // BUG: Diagnostic contains: in a task handed to a Netty event loop's schedule(...)",
              "    group.schedule(() -> { Thread.sleep(5); return 1; }, 1, TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: in a thenApplyAsync callback given a Netty event loop",
              "    f.thenApplyAsync(s -> other.join(), ch.eventLoop());",
              "    handlerExecutor.execute(() -> { try { Thread.sleep(5); } catch (InterruptedException e) {} });",
              "    pool.execute(() -> { try { Thread.sleep(5); } catch (InterruptedException e) {} });",
              "    f.thenApplyAsync(s -> other.join(), pool);",
              "    group.forEach(loop -> { try { Thread.sleep(5); } catch (InterruptedException e) {} });",
              "  }",
              "  void stagesAfterAnEventLoop(Channel ch, CompletableFuture<String> f, CompletableFuture<String> other,",
              "      com.google.common.util.concurrent.ListenableFuture<String> lf) {",
              "    // The future completes on the event loop: what follows runs there too.",
              "    // BUG: Diagnostic contains: in a thenAccept callback",
              "    CompletableFuture.supplyAsync(() -> \"x\", ch.eventLoop()).thenAccept(s -> other.join());",
              "    // BUG: Diagnostic contains: in a thenAccept callback",
              "    f.thenApplyAsync(String::trim, ch.eventLoop()).thenAccept(s -> other.join());",
              "    // BUG: Diagnostic contains: in an addListener callback given a Netty event loop",
              "    lf.addListener(() -> other.join(), ch.eventLoop());",
              "    // BUG: Diagnostic contains: in a task handed to a Netty event loop's execute(...)",
              "    ch.eventLoop().next().execute(() -> other.join());",
              "  }",
              "  void loopsThatServeNoSockets(io.netty.channel.embedded.EmbeddedChannel embedded,",
              "      io.netty.channel.DefaultEventLoopGroup workers, CompletableFuture<String> other) {",
              "    EventLoopGroup blocking = new io.netty.channel.DefaultEventLoopGroup(4);",
              "    blocking.next().execute(() -> other.join());",
              "    blocking.execute(() -> other.join());",
              "    workers.execute(() -> other.join());",
              "    embedded.eventLoop().execute(() -> other.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void completionStageCallbacks() {
      helper
          .addSourceLines(
              "Callbacks.java",
              "import java.util.concurrent.CompletableFuture;",
              "class IoFuture<T> extends CompletableFuture<T> {",
              "  static final java.util.concurrent.ExecutorService IO = java.util.concurrent.Executors.newCachedThreadPool();",
              "  @Override public java.util.concurrent.Executor defaultExecutor() { return IO; }",
              "}",
              "class PoolFuture<T> extends CompletableFuture<T> {",
              "  @Override public java.util.concurrent.Executor defaultExecutor() {",
              "    return java.util.concurrent.ForkJoinPool.commonPool();",
              "  }",
              "}",
              "class Callbacks {",
              "  void run(CompletableFuture<String> f, CompletableFuture<String> other) {",
              "    f.thenApply(s -> {",
              "      // BUG: Diagnostic contains: in a thenApply callback, which runs on the thread"
                  + " that completes the future",
              "      return other.join();",
              "    });",
              "    f.thenAcceptAsync(s -> {",
              "      // BUG: Diagnostic contains: in a thenAcceptAsync callback without an executor,"
                  + " which runs on the common ForkJoinPool",
              "      try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "    });",
              "    // BUG: Diagnostic contains: in supplyAsync without an executor",
              "    CompletableFuture.supplyAsync(() -> other.join());",
              "    // BUG: Diagnostic contains: in supplyAsync given the common pool, which runs on the common ForkJoinPool",
              "    CompletableFuture.supplyAsync(() -> other.join(), java.util.concurrent.ForkJoinPool.commonPool());",
              "    // BUG: Diagnostic contains: in supplyAsync given the common pool",
              "    CompletableFuture.supplyAsync(() -> other.join(),",
              "        CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS));",
              "    // BUG: Diagnostic contains: in a thenApplyAsync callback given the common pool",
              "    f.thenApplyAsync(s -> other.join(), java.util.concurrent.ForkJoinPool.commonPool());",
              "    // BUG: Diagnostic contains: in a task handed to ForkJoinPool.execute(...), which runs on the common ForkJoinPool",
              "    java.util.concurrent.ForkJoinPool.commonPool().execute(() -> other.join());",
              "    java.util.concurrent.Executor later = CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: in a task handed to Executor.execute(...), which runs on the common ForkJoinPool",
              "    later.execute(() -> other.join());",
              "    // BUG: Diagnostic contains: which runs on the common ForkJoinPool",
              "    java.util.concurrent.ForkJoinPool.commonPool().submit(() -> other.join());",
              "    // Another pool is fit for it.",
              "    java.util.concurrent.Executors.newCachedThreadPool().execute(() -> other.join());",
              "    // A subclass's own default executor runs its *Async stages.",
              "    new IoFuture<String>().thenApplyAsync(s -> other.join());",
              "    // BUG: Diagnostic contains: which runs on the common ForkJoinPool",
              "    new PoolFuture<String>().thenApplyAsync(s -> other.join());",
              "    // A delayed executor given its own pool runs the task there.",
              "    CompletableFuture.supplyAsync(() -> other.join(), CompletableFuture.delayedExecutor(",
              "        1, java.util.concurrent.TimeUnit.SECONDS, java.util.concurrent.Executors.newCachedThreadPool()));",
              "    // A direct executor runs the task at once on this (synchronous) thread.",
              "    CompletableFuture.supplyAsync(() -> other.join(), Runnable::run);",
              "    // ... and a stage's function on the completing thread, like thenApply.",
              "    // BUG: Diagnostic contains: in a thenApplyAsync callback, which runs on the thread that completes the future",
              "    f.thenApplyAsync(s -> other.join(), Runnable::run);",
              "    f.whenComplete((s, e) -> {",
              "      // BUG: Diagnostic contains: whenComplete callback",
              "      try { Thread.sleep(1); } catch (InterruptedException x) {}",
              "    });",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void callbacksOfFuturesCompletedOnAnExplicitExecutor() {
      helper
          .addSourceLines(
              "OnThePool.java",
              "import com.google.common.util.concurrent.MoreExecutors;",
              "import java.util.concurrent.*;",
              "import java.util.concurrent.locks.LockSupport;",
              "class OnThePool {",
              "  void offloaded(ExecutorService pool) {",
              "    CompletableFuture.supplyAsync(() -> \"x\", pool).thenAccept(s -> LockSupport.parkNanos(1));",
              "    CompletableFuture.runAsync(() -> {}, pool)",
              "        .thenApply(v -> 1)",
              "        .whenComplete((v, e) -> LockSupport.parkNanos(1));",
              "    var viaLocal = CompletableFuture.supplyAsync(() -> \"x\", pool).thenApply(String::trim);",
              "    viaLocal.handle((s, e) -> { LockSupport.parkNanos(1); return s; });",
              "    CompletableFuture.supplyAsync(() -> \"x\")",
              "        .thenApplyAsync(s -> s, pool)",
              "        .exceptionally(e -> { LockSupport.parkNanos(1); return null; });",
              "  }",
              "  CompletableFuture<String> asyncMethod(ExecutorService pool) {",
              "    return CompletableFuture.supplyAsync(() -> \"x\", pool).thenApply(s -> {",
              "      LockSupport.parkNanos(1);",
              "      return s;",
              "    });",
              "  }",
              "  void stillOnAThreadThatMustNotBlock(ExecutorService pool, CompletableFuture<String> other) {",
              "    CompletableFuture.supplyAsync(() -> \"x\")",
              "        // BUG: Diagnostic contains: in a thenAccept callback, which runs on the thread that completes",
              "        .thenAccept(s -> LockSupport.parkNanos(1));",
              "    CompletableFuture.supplyAsync(() -> \"x\", pool).thenCompose(s -> other)",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> LockSupport.parkNanos(1));",
              "    CompletableFuture.supplyAsync(() -> \"x\", pool).thenApplyAsync(s -> s)",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> LockSupport.parkNanos(1));",
              "    CompletableFuture.supplyAsync(() -> \"x\", MoreExecutors.directExecutor())",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> LockSupport.parkNanos(1));",
              "    CompletableFuture<String> reassigned = CompletableFuture.supplyAsync(() -> \"x\", pool);",
              "    reassigned = other;",
              "    // BUG: Diagnostic contains: in a thenAccept callback",
              "    reassigned.thenAccept(s -> LockSupport.parkNanos(1));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void composedAndCombinedFuturesThatAllCompleteOnAnExecutor() {
      helper
          .addSourceLines(
              "Composed.java",
              "import java.util.concurrent.*;",
              "class Composed {",
              "  void run(ExecutorService pool, CompletableFuture<String> f, CompletableFuture<String> client) {",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool)",
              "        .thenCompose(a -> CompletableFuture.supplyAsync(() -> a + \"b\", pool))",
              "        .thenAccept(s -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool)",
              "        .exceptionallyCompose(e -> CompletableFuture.supplyAsync(() -> \"b\", pool))",
              "        .thenApply(s -> f.join());",
              "    CompletableFuture.allOf(CompletableFuture.supplyAsync(() -> 1, pool), CompletableFuture.runAsync(() -> {}, pool))",
              "        .thenRun(() -> pause());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool)",
              "        .thenCompose(a -> CompletableFuture.completedFuture(a))",
              "        .thenAccept(s -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool)",
              "        .thenCompose(a -> client)",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool)",
              "        .thenComposeAsync(a -> client, pool)",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> f.join());",
              "    CompletableFuture.allOf(CompletableFuture.supplyAsync(() -> 1, pool), client)",
              "        // BUG: Diagnostic contains: pause() (pause() -> Thread.sleep) blocks the current thread in a thenRun callback",
              "        .thenRun(() -> pause());",
              "  }",
              "  void timedOut(ExecutorService pool, CompletableFuture<String> f) {",
              "    // orTimeout fails the future from the JDK's timer thread; a success still comes from the pool.",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool).orTimeout(1, TimeUnit.SECONDS).thenAccept(s -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool).orTimeout(1, TimeUnit.SECONDS)",
              "        .whenComplete((s, e) -> {}).thenApply(String::trim).thenRun(() -> pause());",
              "    // Functions that also run on failure, or after one recovered from, may run on the timer thread.",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool).orTimeout(1, TimeUnit.SECONDS)",
              "        // BUG: Diagnostic contains: in a handle callback",
              "        .handle((s, e) -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool).orTimeout(1, TimeUnit.SECONDS).exceptionally(e -> \"b\")",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool).orTimeout(1, TimeUnit.SECONDS)",
              "        .exceptionallyCompose(e -> CompletableFuture.completedFuture(\"b\"))",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> f.join());",
              "    CompletableFuture.supplyAsync(() -> \"a\", pool).completeOnTimeout(\"b\", 1, TimeUnit.SECONDS)",
              "        // BUG: Diagnostic contains: in a thenAccept callback",
              "        .thenAccept(s -> f.join());",
              "  }",
              "  static void pause() { try { Thread.sleep(1); } catch (InterruptedException e) {} }",
              "}")
          .doTest();
    }

    @Test
    void reactorOperators() {
      helper
          .addSourceLines(
              "Flow.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.publisher.Mono;",
              "class Flow {",
              "  void run(Flux<String> names, CompletableFuture<String> f) {",
              "    names",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> f.join())",
              "        .subscribe();",
              "    names.doOnNext(n -> {",
              "      // BUG: Diagnostic contains: in a Reactor doOnNext operator",
              "      try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "    }).subscribe();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void hopsThroughLocalsAndTimedSourcesGivenAScheduler() {
      helper
          .addSourceLines(
              "Poll.java",
              "import java.time.Duration;",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Poll {",
              "  Flux<String> publishedThroughALocal(Flux<String> in, CompletableFuture<String> f) {",
              "    Flux<String> off = in.publishOn(Schedulers.boundedElastic());",
              "    return off.map(s -> f.join());",
              "  }",
              "  Mono<String> subscribedThroughALocal(CompletableFuture<String> f) {",
              "    Mono<String> m = Mono.fromCallable(() -> \"id\").subscribeOn(Schedulers.boundedElastic());",
              "    return m.map(s -> f.join());",
              "  }",
              "  Flux<String> pollOnElastic(CompletableFuture<String> f) {",
              "    return Flux.interval(Duration.ofSeconds(5), Schedulers.boundedElastic()).map(t -> f.join());",
              "  }",
              "  Mono<String> delayOnElastic(CompletableFuture<String> f) {",
              "    return Mono.delay(Duration.ofSeconds(1), Schedulers.boundedElastic()).map(t -> f.join());",
              "  }",
              "  Mono<String> delayElementOnElastic(Mono<String> m, CompletableFuture<String> f) {",
              "    return m.delayElement(Duration.ofSeconds(1), Schedulers.boundedElastic()).map(t -> f.join());",
              "  }",
              "  Flux<String> stillOnTheParallelPool(CompletableFuture<String> f) {",
              "    return Flux.interval(Duration.ofSeconds(5))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .map(t -> f.join());",
              "  }",
              "  Flux<String> countedAndTriggeredOperatorsAreNoTimers(Flux<String> in, Flux<String> trigger,",
              "      CompletableFuture<String> f) {",
              "    in.publishOn(Schedulers.boundedElastic()).buffer(100).flatMap(b -> Flux.fromIterable(b).map(s -> f.join()));",
              "    Flux.just(\"a\").sample(trigger).map(s -> f.join()).subscribeOn(Schedulers.boundedElastic());",
              "    return in.publishOn(Schedulers.boundedElastic()).window(10).flatMap(w -> w.map(s -> f.join()));",
              "  }",
              "  Flux<String> subscribeOnDoesNotMoveATimer(CompletableFuture<String> f, Mono<String> m) {",
              "    Flux.interval(Duration.ofSeconds(5))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .map(t -> f.join())",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "    m.delayElement(Duration.ofSeconds(1))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .map(t -> f.join())",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "    return Mono.delay(Duration.ofSeconds(1))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .map(t -> f.join())",
              "        .subscribeOn(Schedulers.boundedElastic())",
              "        .flux();",
              "  }",
              "  Mono<String> subscribeOnMovesASynchronousSource(CompletableFuture<String> f) {",
              "    return Mono.just(\"id\").map(t -> f.join()).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Flux<String> anotherPublisherAfterTheHop(Flux<String> in, CompletableFuture<String> f,",
              "      java.util.function.Function<String, Mono<String>> web) {",
              "    Flux<String> off = in.publishOn(Schedulers.boundedElastic());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return off.flatMap(web).map(s -> f.join());",
              "  }",
              "  Flux<String> publishedOnParallelThroughALocal(Flux<String> in, CompletableFuture<String> f) {",
              "    Flux<String> off = in.publishOn(Schedulers.parallel());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return off.map(s -> f.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void rxJavaOperatorsFollowReactorsRules() {
      helper
          .addSourceLines(
              "Rx.java",
              "import dev.asyncguard.annotations.Blocking;",
              "import io.reactivex.rxjava3.core.*;",
              "import io.reactivex.rxjava3.schedulers.Schedulers;",
              "import java.util.concurrent.ExecutorService;",
              "import java.util.concurrent.TimeUnit;",
              "class Rx {",
              "  @Blocking String load(String id) { return id; }",
              "  Single<String> offloaded(String id, ExecutorService pool) {",
              "    Single.fromCallable(() -> load(id)).subscribeOn(Schedulers.from(pool));",
              "    Observable.just(id).observeOn(Schedulers.io()).map(this::load);",
              "    return Single.fromCallable(() -> load(id)).subscribeOn(Schedulers.io()).map(this::load);",
              "  }",
              "  // RxJava leaves the scheduler to the subscriber (Retrofit, Room): not judged where it is written.",
              "  Single<String> leftToTheSubscriber(String id) {",
              "    Completable.fromAction(() -> load(id)).andThen(Completable.fromAction(() -> load(id)))",
              "        .subscribeOn(Schedulers.io());",
              "    Observable.just(id).map(this::load).compose(o -> o.subscribeOn(Schedulers.io()));",
              "    Single.just(id).map(this::load);",
              "    return Single.fromCallable(() -> load(id));",
              "  }",
              "  Observable<String> movedByATransformer(Observable<String> ids) {",
              "    ids.to(o -> o.observeOn(Schedulers.io())).map(this::load);",
              "    return ids.compose(o -> o.observeOn(Schedulers.io())).map(this::load);",
              "  }",
              "  Observable<String> onSchedulersThatMustNotBlock(Observable<String> ids) {",
              "    // BUG: Diagnostic contains: in an RxJava map operator",
              "    ids.observeOn(Schedulers.single()).map(this::load);",
              "    // BUG: Diagnostic contains: in an RxJava filter operator",
              "    return ids.observeOn(Schedulers.trampoline()).filter(id -> load(id).isEmpty());",
              "  }",
              "  Observable<String> onAComputationThread(Observable<String> ids) {",
              "    // BUG: Diagnostic contains: in an RxJava map operator",
              "    return ids.observeOn(Schedulers.computation()).map(this::load);",
              "  }",
              "  Flowable<String> emittedByAnother(Flowable<String> ids, Single<String> remote) {",
              "    // BUG: Diagnostic contains: Single.blockingGet",
              "    return ids.map(id -> remote.blockingGet());",
              "  }",
              "  Observable<String> timedOperators(String id, Observable<String> ids) {",
              "    ids.debounce(300, TimeUnit.MILLISECONDS, Schedulers.io()).map(this::load);",
              "    Observable.interval(1, TimeUnit.SECONDS).subscribeOn(Schedulers.io())",
              "        // BUG: Diagnostic contains: in an RxJava map operator",
              "        .map(t -> load(\"tick\"));",
              "    return Observable.just(id).debounce(300, TimeUnit.MILLISECONDS)",
              "        // BUG: Diagnostic contains: in an RxJava map operator",
              "        .map(this::load)",
              "        .subscribeOn(Schedulers.io());",
              "  }",
              "  Observable<String> aTimerIsNotMovedBySubscribeOn() {",
              "    return Observable.interval(5, TimeUnit.SECONDS)",
              "        // BUG: Diagnostic contains: in an RxJava map operator",
              "        .map(t -> load(\"tick\"))",
              "        .subscribeOn(Schedulers.io());",
              "  }",
              "  String synchronous(String id, Observable<String> ids) {",
              "    ids.blockingSubscribe(this::load);",
              "    ids.blockingForEach(i -> load(i));",
              "    Observable.just(id).map(this::load).blockingFirst();",
              "    Observable.fromIterable(java.util.List.of(id)).subscribeOn(Schedulers.trampoline())",
              "        .map(this::load).toList().blockingGet();",
              "    Observable.just(id).map(this::load).test();",
              "    return Single.just(id).map(this::load).blockingGet();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void synchronousPipelineBlockedOnRunsOnTheCallersThread() {
      helper
          .addSourceLines(
              "Batch.java",
              "import java.time.Duration;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.publisher.Mono;",
              "class Batch {",
              "  List<String> load(List<String> names, CompletableFuture<String> f) {",
              "    List<String> all = Flux.fromIterable(names)",
              "        .map(n -> n + f.join())",
              "        .filter(s -> !s.isEmpty())",
              "        .collectList()",
              "        .block();",
              "    List<List<String>> batches = Flux.fromIterable(names)",
              "        .map(n -> n + f.join())",
              "        .limitRate(16)",
              "        .buffer(10)",
              "        .collectList()",
              "        .block();",
              "    String one = Mono.just(\"x\").doOnNext(s -> {",
              "      try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "    }).block();",
              "    return all;",
              "  }",
              "  void notKnownToBeSynchronous(Flux<String> names, List<String> list, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: in a Reactor map operator",
              "    names.map(n -> f.join()).blockLast();",
              "    Flux.fromIterable(list).delayElements(Duration.ofMillis(1))",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> f.join()).blockLast();",
              "    Flux.fromIterable(list).flatMap(n -> Mono.just(n))",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> f.join()).blockLast();",
              "    Flux.fromIterable(list)",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> f.join()).subscribe();",
              "    Flux.fromIterable(list)",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> f.join()).buffer(Duration.ofMillis(5)).blockLast();",
              "    Flux.fromIterable(list)",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> f.join()).buffer(names).blockLast();",
              "  }",
              "  Mono<String> insideAsyncCode(List<String> names, CompletableFuture<String> f) {",
              "    List<String> all = Flux.fromIterable(names)",
              "        // BUG: Diagnostic contains: in method insideAsyncCode, which returns a Mono",
              "        .map(n -> n + f.join())",
              "        .collectList()",
              "        // BUG: Diagnostic contains: Mono.block",
              "        .block();",
              "    return Mono.just(all.get(0));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void subscribeOnAppliedToALocalHoldingTheChain() {
      helper
          .addSourceLines(
              "Wrapped.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Wrapped {",
              "  Mono<String> reactorDocsIdiom(CompletableFuture<String> f) {",
              "    Mono<String> blockingWrapper = Mono.fromCallable(() -> f.get());",
              "    blockingWrapper = blockingWrapper.subscribeOn(Schedulers.boundedElastic());",
              "    return blockingWrapper;",
              "  }",
              "  Flux<String> declaredThenOffloaded(Flux<String> names, CompletableFuture<String> f) {",
              "    Flux<String> joined = names.map(n -> n + f.join());",
              "    return joined.filter(s -> !s.isEmpty()).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<String> stillOnTheLoop(CompletableFuture<String> f, Flux<String> names) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> parallel = Mono.fromCallable(() -> f.join());",
              "    Flux<String> later = names",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(n -> n + f.join());",
              "    later.publishOn(Schedulers.boundedElastic()).subscribe();",
              "    Mono<String> other = Mono.fromCallable(() -> \"x\").subscribeOn(Schedulers.boundedElastic());",
              "    return parallel.subscribeOn(Schedulers.parallel());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void subscribeOnThroughCombinatorsTransformsAndHelpers() {
      helper
          .addSourceLines(
              "Moved.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Moved {",
              "  static <T> Mono<T> offload(Mono<T> m) { return m.subscribeOn(Schedulers.boundedElastic()); }",
              "  static <T> Mono<T> onParallel(Mono<T> m) { return m.subscribeOn(Schedulers.parallel()); }",
              "  static <T> Mono<T> on(Mono<T> m, reactor.core.scheduler.Scheduler s) { return m.subscribeOn(s); }",
              "  <T> Mono<T> overridable(Mono<T> m) { return m.subscribeOn(Schedulers.boundedElastic()); }",
              "  static <T> Mono<T> sometimes(Mono<T> m, boolean b) {",
              "    if (b) { return m.subscribeOn(Schedulers.boundedElastic()); }",
              "    return m;",
              "  }",
              "  Mono<String> zipped(CompletableFuture<String> f, Mono<String> other) {",
              "    return Mono.zip(Mono.fromCallable(() -> f.join()), other, (a, b) -> a + b)",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<Void> joined(CompletableFuture<String> f) {",
              "    return Mono.when(Mono.fromRunnable(() -> f.join())).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<String> transformed(CompletableFuture<String> f) {",
              "    return Mono.fromCallable(() -> f.join()).transform(m -> m.subscribeOn(Schedulers.boundedElastic()));",
              "  }",
              "  Mono<String> transformedByAHelper(CompletableFuture<String> f) {",
              "    return Mono.fromCallable(() -> f.join()).transform(Moved::offload);",
              "  }",
              "  Mono<String> wrappedByAHelper(CompletableFuture<String> f) {",
              "    return offload(Mono.fromCallable(() -> f.join()).map(String::trim));",
              "  }",
              "  Mono<String> notMoved(CompletableFuture<String> f, Mono<String> other, boolean b) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> a = onParallel(Mono.fromCallable(() -> f.join()));",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> c = sometimes(Mono.fromCallable(() -> f.join()), b);",
              "    // The scheduler is the caller's: here a parallel one.",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> p = on(Mono.fromCallable(() -> f.join()), Schedulers.parallel());",
              "    // A subclass may override the helper.",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> o = overridable(Mono.fromCallable(() -> f.join()));",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> d = Mono.fromCallable(() -> f.join()).transform(m -> m.subscribeOn(Schedulers.single()));",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> e = Mono.zip(Mono.fromCallable(() -> f.join()), other, (x, y) -> x + y)",
              "        .subscribeOn(Schedulers.parallel());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Mono<String> g = Mono.just(\"x\").flatMap(s -> Mono.fromCallable(() -> f.join()));",
              "    Flux<String> h = Flux.concat(Mono.delay(java.time.Duration.ofMillis(1)).map(x -> \"t\"),",
              "            // BUG: Diagnostic contains: CompletableFuture.join",
              "            Mono.fromCallable(() -> f.join()))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "    return Mono.zip(a, c, d, e, g, p, o).map(t -> t.getT1());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void lazySourcesMovedByTheirCallersOrSequencedOnTheSameThread() {
      helper
          .addSourceLines(
              "Store.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Store {",
              "  private final CompletableFuture<String> db = new CompletableFuture<>();",
              "  // A DAO's lazy source; every caller moves it to a scheduler fit for blocking.",
              "  private Mono<String> find(String id) { return Mono.fromCallable(() -> db.join()); }",
              "  private Mono<String> findTrimmed(String id) { return find(id).map(String::trim); }",
              "  public Mono<String> user(String id) { return find(id).subscribeOn(Schedulers.boundedElastic()); }",
              "  public Mono<String> trimmed(String id) {",
              "    return findTrimmed(id).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<Void> rotate() {",
              "    return Flux.concat(Mono.fromRunnable(() -> db.join()), Mono.fromRunnable(() -> db.join()))",
              "        .subscribeOn(Schedulers.boundedElastic()).then();",
              "  }",
              "  Mono<Void> vacuum() {",
              "    return Mono.<Void>fromRunnable(() -> db.join())",
              "        .then(Mono.<Void>fromRunnable(() -> db.join()))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<String> afterAMovedOne() {",
              "    return Mono.fromCallable(() -> db.join()).subscribeOn(Schedulers.boundedElastic())",
              "        .then(Mono.fromCallable(() -> db.join()));",
              "  }",
              "  // One caller does not move it.",
              "  // BUG: Diagnostic contains: in method load, which returns a Mono",
              "  private Mono<String> load(String id) { return Mono.fromCallable(() -> db.join()); }",
              "  public Mono<String> moved(String id) { return load(id).subscribeOn(Schedulers.boundedElastic()); }",
              "  public Mono<String> notMoved(String id) { return load(id); }",
              "  // Another file may call it.",
              "  // BUG: Diagnostic contains: in method open, which returns a Mono",
              "  Mono<String> open(String id) { return Mono.fromCallable(() -> db.join()); }",
              "  public Mono<String> opened(String id) { return open(id).subscribeOn(Schedulers.boundedElastic()); }",
              "  // A function of an operator that the chain moves: a reference or a lambda, also under defer.",
              "  private Mono<String> fetch(String id) { return Mono.fromCallable(() -> db.join()); }",
              "  public Flux<String> all(java.util.List<String> ids) {",
              "    return Flux.fromIterable(ids).flatMap(this::fetch).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  // An operator's function runs where its upstream emits: a timer's thread, or anywhere.",
              "  // BUG: Diagnostic contains: in method poll, which returns a Mono",
              "  private Mono<String> poll(Long tick) { return Mono.fromCallable(() -> db.join()); }",
              "  public Mono<String> polled() {",
              "    return Mono.delay(java.time.Duration.ofSeconds(1)).flatMap(t -> poll(t))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  // BUG: Diagnostic contains: in method lookup, which returns a Mono",
              "  private Mono<String> lookup(String id) { return Mono.fromCallable(() -> db.join()); }",
              "  public Flux<String> looked(Flux<String> ids) {",
              "    return ids.flatMap(this::lookup).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  public Flux<String> each(java.util.List<String> ids) {",
              "    return Flux.fromIterable(ids).concatMap(id -> fetch(id)).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  public Mono<String> cached(String id, java.util.Map<String, String> cache) {",
              "    return Mono.defer(() -> cache.containsKey(id) ? Mono.just(cache.get(id)) : fetch(id))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  // BUG: Diagnostic contains: in method read, which returns a Mono",
              "  private Mono<String> read(String id) { return Mono.fromCallable(() -> db.join()); }",
              "  public Flux<String> readAll(Flux<String> ids) { return ids.flatMap(this::read); }",
              "  Mono<Void> afterATimer() {",
              "    return Mono.delay(java.time.Duration.ofMillis(1))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .then(Mono.<Void>fromRunnable(() -> db.join()))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  // A remote call's chain: where it completes is not where it is subscribed.",
              "  private Mono<String> remote(String id) { return Mono.delay(java.time.Duration.ofMillis(1)).map(x -> id); }",
              "  private Mono<String> loadRemote(String id) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return remote(id).map(x -> db.join());",
              "  }",
              "  public Mono<String> remoteMoved(String id) {",
              "    return loadRemote(id).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<Void> afterARemoteThen() {",
              "    return Mono.<Void>fromRunnable(() -> db.join()).then(remote(\"x\"))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .then(Mono.<Void>fromRunnable(() -> db.join()))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<String> afterARemoteSubscribedOn() {",
              "    return remote(\"x\").subscribeOn(Schedulers.boundedElastic())",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .then(Mono.fromCallable(() -> db.join()));",
              "  }",
              "  Flux<Integer> afterAFlux() {",
              "    return Flux.concat(Flux.range(0, 1000),",
              "            // BUG: Diagnostic contains: CompletableFuture.join",
              "            Mono.fromCallable(() -> db.join().length()))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Flux<String> sequencedManyWays() {",
              "    return Mono.fromRunnable(() -> db.join())",
              "        .thenMany(Flux.concat(Mono.fromCallable(() -> db.join()), Mono.fromCallable(() -> db.join())))",
              "        .concatWith(Mono.fromCallable(() -> db.join()))",
              "        .switchIfEmpty(Mono.fromCallable(() -> db.join()))",
              "        .subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<Void> notSubscribedOn() {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return Mono.<Void>fromRunnable(() -> db.join())",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .then(Mono.<Void>fromRunnable(() -> db.join()));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void publishOnThroughTransformsAndHelpers() {
      helper
          .addSourceLines(
              "Hops.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.scheduler.Schedulers;",
              "class Hops {",
              "  static <T> Flux<T> onElastic(Flux<T> f) { return f.publishOn(Schedulers.boundedElastic()); }",
              "  static <T> Flux<T> onParallel(Flux<T> f) { return f.publishOn(Schedulers.parallel()); }",
              "  static <T> Flux<T> on(Flux<T> f, reactor.core.scheduler.Scheduler s) { return f.publishOn(s); }",
              "  <T> Flux<T> overridable(Flux<T> f) { return f.publishOn(Schedulers.boundedElastic()); }",
              "  static <T> Flux<T> thenMerged(Flux<T> f, Flux<T> other) {",
              "    return f.publishOn(Schedulers.boundedElastic()).mergeWith(other);",
              "  }",
              "  static Flux<String> loaded() {",
              "    return Flux.just(\"a\", \"b\").publishOn(Schedulers.boundedElastic()).filter(s -> !s.isEmpty());",
              "  }",
              "  Flux<String> transformed(Flux<String> in, CompletableFuture<String> f) {",
              "    return in.transform(x -> x.publishOn(Schedulers.boundedElastic())).map(s -> s + f.join());",
              "  }",
              "  Flux<String> transformedByABlock(Flux<String> in, CompletableFuture<String> f) {",
              "    return in.transform(x -> { return x.publishOn(Schedulers.boundedElastic()); }).map(s -> s + f.join());",
              "  }",
              "  Flux<String> transformedByAHelper(Flux<String> in, CompletableFuture<String> f) {",
              "    return in.transform(Hops::onElastic).map(s -> s + f.join());",
              "  }",
              "  Flux<String> wrappedByAHelper(Flux<String> in, CompletableFuture<String> f) {",
              "    return onElastic(in).filter(s -> !s.isEmpty()).map(s -> s + f.join());",
              "  }",
              "  Flux<String> madeByAHelper(CompletableFuture<String> f) {",
              "    return loaded().map(s -> s + f.join());",
              "  }",
              "  Flux<String> notMoved(Flux<String> in, Flux<String> other, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Flux<String> a = onParallel(in).map(s -> s + f.join());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Flux<String> b = thenMerged(in, other).map(s -> s + f.join());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Flux<String> c = in.transform(x -> x.publishOn(Schedulers.single())).map(s -> s + f.join());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Flux<String> d = onElastic(in).flatMap(s -> other).map(s -> s + f.join());",
              "    // The scheduler is the caller's: here a parallel one.",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Flux<String> e = on(in, Schedulers.parallel()).map(s -> s + f.join());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Flux<String> g = overridable(in).map(s -> s + f.join());",
              "    return Flux.merge(a, b, c, d, e, g);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void parallelFluxRunOnMovesTheRailsToTheScheduler() {
      helper
          .addSourceLines(
              "Rails.java",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Flux;",
              "import reactor.core.scheduler.Schedulers;",
              "class Rails {",
              "  Flux<String> offloaded(List<CompletableFuture<String>> all) {",
              "    return Flux.fromIterable(all).parallel().runOn(Schedulers.boundedElastic())",
              "        .map(CompletableFuture::join).sequential();",
              "  }",
              "  Flux<String> stillOnTheLoop(List<CompletableFuture<String>> all) {",
              "    return Flux.fromIterable(all).parallel().runOn(Schedulers.parallel())",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .map(CompletableFuture::join).sequential();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void mutinyEmitOnAndRunSubscriptionOnMoveOperatorsToTheExecutor() {
      withMutiny(helper)
          .addSourceLines(
              "Q.java",
              "import io.smallrye.mutiny.Uni;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.Executor;",
              "class Q {",
              "  Uni<String> afterEmitOn(Uni<String> u, CompletableFuture<String> f, Executor pool) {",
              "    return u.emitOn(pool).map(s -> f.join());",
              "  }",
              "  Uni<String> groupAfterEmitOn(Uni<String> u, CompletableFuture<String> f, Executor pool) {",
              "    return u.emitOn(pool).onItem().transform(s -> f.join());",
              "  }",
              "  Uni<String> subscribedOnThePool(CompletableFuture<String> f, Executor pool) {",
              "    return Uni.createFrom().item(() -> f.join()).runSubscriptionOn(pool);",
              "  }",
              "  Uni<String> subscribedOnThePoolThroughALocal(CompletableFuture<String> f, Executor pool) {",
              "    Uni<String> load = Uni.createFrom().item(() -> f.join());",
              "    return load.map(String::trim).runSubscriptionOn(pool);",
              "  }",
              "  Uni<String> combinedThenSubscribedOnThePool(CompletableFuture<String> f, Uni<String> other, Executor pool) {",
              "    return Uni.combine().all().unis(Uni.createFrom().item(() -> f.join()), other)",
              "        .with((a, b) -> a + b).runSubscriptionOn(pool);",
              "  }",
              "  Uni<String> firstOfThenSubscribedOnThePool(CompletableFuture<String> f, Uni<String> other, Executor pool) {",
              "    return Uni.combine().any().of(Uni.createFrom().item(() -> f.join()), other).runSubscriptionOn(pool);",
              "  }",
              "  Uni<String> combinedNotMoved(CompletableFuture<String> f, Uni<String> other) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return Uni.combine().all().unis(Uni.createFrom().item(() -> f.join()), other).with((a, b) -> a + b);",
              "  }",
              "  Uni<String> emitOnTheLocalComesAfter(CompletableFuture<String> f, Executor pool) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Uni<String> load = Uni.createFrom().item(() -> f.join());",
              "    return load.emitOn(pool);",
              "  }",
              "  Uni<String> emitOnDoesNotMoveWhatComesBefore(",
              "      Uni<String> u, CompletableFuture<String> f, Executor pool) {",
              "    return u.map(",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        s -> f.join()).emitOn(pool);",
              "  }",
              "  Uni<String> noHop(Uni<String> u, CompletableFuture<String> f) {",
              "    return u.onItem().transform(",
              "        // BUG: Diagnostic contains: which returns a Uni",
              "        s -> f.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void mutinyUniHandedToExecuteBlockingRunsOnAWorker() {
      withMutiny(helper)
          .addSourceLines(
              "io/vertx/mutiny/core/Vertx.java",
              "package io.vertx.mutiny.core;",
              "public class Vertx {",
              "  public <T> io.smallrye.mutiny.Uni<T> executeBlocking(io.smallrye.mutiny.Uni<T> blocking) { return blocking; }",
              "}")
          .addSourceLines(
              "Repo.java",
              "import io.smallrye.mutiny.Uni;",
              "import io.vertx.mutiny.core.Vertx;",
              "import java.util.concurrent.CompletableFuture;",
              "class Repo {",
              "  Vertx vertx;",
              "  Uni<String> find(CompletableFuture<String> f) {",
              "    return vertx.executeBlocking(Uni.createFrom().item(() -> f.join()).map(String::trim));",
              "  }",
              "  Uni<String> throughALocal(CompletableFuture<String> f) {",
              "    Uni<String> load = Uni.createFrom().item(() -> f.join());",
              "    return vertx.executeBlocking(load);",
              "  }",
              "  static class Audit { <T> Uni<T> executeBlocking(Uni<T> u) { return u; } }",
              "  Uni<String> notVertx(Audit audit, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return audit.executeBlocking(Uni.createFrom().item(() -> f.join()));",
              "  }",
              "  Uni<String> alsoReturnedAsItIs(CompletableFuture<String> f, boolean worker) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Uni<String> load = Uni.createFrom().item(() -> f.join());",
              "    return worker ? vertx.executeBlocking(load) : load;",
              "  }",
              "  Uni<String> notHandedOver(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    Uni<String> load = Uni.createFrom().item(() -> f.join());",
              "    vertx.executeBlocking(Uni.createFrom().item(() -> \"other\"));",
              "    return load;",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void aFuturesOwnWaitReturningItselfIsNoAsyncContext() {
      helper
          .addSourceLines(
              "RFuture.java",
              "import java.util.concurrent.*;",
              "interface RFuture<V> extends Future<V>, CompletionStage<V> {",
              "  RFuture<V> await() throws InterruptedException;",
              "  RFuture<V> copy();",
              "}",
              "abstract class Wrapper<V> implements RFuture<V> {",
              "  final CompletableFuture<V> future = new CompletableFuture<>();",
              "  @Override public RFuture<V> await() throws InterruptedException {",
              "    try { future.get(); } catch (ExecutionException e) { }",
              "    return this;",
              "  }",
              "  @Override public RFuture<V> copy() {",
              "    // BUG: Diagnostic contains: CompletableFuture.join blocks the current thread in method copy",
              "    future.join();",
              "    return null;",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void anExecutorsSubmitMayBlockItsCallerByContract() {
      helper
          .addSourceLines(
              "Bounded.java",
              "import java.util.concurrent.*;",
              "abstract class Bounded extends AbstractExecutorService {",
              "  private final Semaphore permits = new Semaphore(8);",
              "  @Override public <T> Future<T> submit(Callable<T> task) {",
              "    try { permits.acquire(); } catch (InterruptedException e) { throw new RejectedExecutionException(e); }",
              "    return super.submit(task);",
              "  }",
              "  CompletableFuture<String> other() throws InterruptedException {",
              "    // BUG: Diagnostic contains: Semaphore.acquire blocks the current thread in method other",
              "    permits.acquire();",
              "    return CompletableFuture.completedFuture(\"x\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void frameworkRunsAnnotatedMethodsOnItsOwnExecutor() {
      withEjbAsynchronous(withSpringAsync(helper))
          .addSourceLines(
              "Lookup.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "import org.springframework.scheduling.annotation.Async;",
              "class Lookup {",
              "  @Async",
              "  public CompletableFuture<String> findUser(String user) throws InterruptedException {",
              "    Thread.sleep(1000L);",
              "    return CompletableFuture.completedFuture(user);",
              "  }",
              "  @Async",
              "  public void refresh() throws InterruptedException { Thread.sleep(1000L); }",
              "  @NonBlocking void onEvent(Lookup proxied) throws InterruptedException {",
              "    proxied.findUser(\"a\").thenAccept(u -> {});",
              "    proxied.refresh();",
              "  }",
              "  CompletableFuture<String> plain(String user) throws InterruptedException {",
              "    // BUG: Diagnostic contains: Thread.sleep blocks the current thread in method plain",
              "    Thread.sleep(1000L);",
              "    return CompletableFuture.completedFuture(user);",
              "  }",
              "  @jakarta.ejb.Asynchronous",
              "  static class Bean {",
              "    public java.util.concurrent.Future<String> load() throws InterruptedException {",
              "      Thread.sleep(1000L);",
              "      return CompletableFuture.completedFuture(\"x\");",
              "    }",
              "  }",
              "  @Async",
              "  @NonBlocking",
              "  public CompletableFuture<String> markedAnyway() throws InterruptedException {",
              "    // BUG: Diagnostic contains: Thread.sleep blocks the current thread in method markedAnyway, marked @NonBlocking",
              "    Thread.sleep(1000L);",
              "    return CompletableFuture.completedFuture(\"x\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void aCallThroughThisBypassesTheProxyThatAppliesAsync() {
      // Spring applies @Async through a proxy around the bean: findUser() called on this runs right
      // here, on the caller's thread (Spring's documented self-invocation limit; EJB's likewise).
      withEjbAsynchronous(withSpringAsync(helper))
          .addSourceLines(
              "io/micronaut/scheduling/annotation/Async.java",
              "package io.micronaut.scheduling.annotation;",
              "public @interface Async {}")
          .addSourceLines(
              "Mailer.java",
              "import dev.asyncguard.annotations.*;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import org.springframework.scheduling.annotation.Async;",
              "class Mailer {",
              "  Mailer proxied;",
              "  @Async",
              "  public CompletableFuture<Void> send(String to) {",
              "    deliver(to);",
              "    return CompletableFuture.completedFuture(null);",
              "  }",
              "  void deliver(String to) {",
              "    try { Thread.sleep(100); } catch (InterruptedException e) {}",
              "  }",
              "  @Async public void quick(String to) {}",
              "  @Async @AllowBlocking(\"reviewed\") public void reviewed(String to) {",
              "    try { Thread.sleep(100); } catch (InterruptedException e) {}",
              "  }",
              "  public CompletableFuture<Void> sendAll(List<String> to) {",
              "    // BUG: Diagnostic contains: send() (send() -> deliver() -> Thread.sleep), called through"
                  + " this, where @Async does not apply",
              "    to.forEach(t -> send(t));",
              "    // BUG: Diagnostic contains: in method sendAll, which returns a CompletableFuture",
              "    this.send(\"admin\");",
              "    proxied.send(\"ops\");",
              "    quick(\"x\");",
              "    reviewed(\"y\");",
              "    return CompletableFuture.completedFuture(null);",
              "  }",
              "  @NonBlocking void onEvent() {",
              "    // BUG: Diagnostic contains: Call it through the proxy",
              "    send(\"a\");",
              "  }",
              "  CompletableFuture<Void> later(CompletableFuture<Void> f) {",
              "    return f.thenRun(new Runnable() {",
              "      // BUG: Diagnostic contains: send() (send() -> deliver() -> Thread.sleep), called through this",
              "      @Override public void run() { send(\"late\"); }",
              "    });",
              "  }",
              "}")
          .addSourceLines(
              "Beans.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "@jakarta.ejb.Asynchronous",
              "class EjbBean {",
              "  public java.util.concurrent.Future<String> load() throws InterruptedException {",
              "    Thread.sleep(1000L);",
              "    return CompletableFuture.completedFuture(\"x\");",
              "  }",
              "  @NonBlocking void onEvent(EjbBean other) throws InterruptedException {",
              "    other.load();",
              "    // BUG: Diagnostic contains: where @Asynchronous does not apply",
              "    load();",
              "  }",
              "}",
              "// A non-private static method of an annotated class may be called by anyone: a method of its own.",
              "@io.micronaut.scheduling.annotation.Async",
              "class Controller {",
              "  static CompletableFuture<String> lookUp() throws InterruptedException {",
              "    // BUG: Diagnostic contains: in method lookUp, which returns a CompletableFuture",
              "    Thread.sleep(1);",
              "    return null;",
              "  }",
              "  private static CompletableFuture<String> helper() throws InterruptedException {",
              "    Thread.sleep(1);",
              "    return null;",
              "  }",
              "}",
              "// Micronaut applies its advice in a generated subclass, which calls through this reach.",
              "class MicronautBean {",
              "  @io.micronaut.scheduling.annotation.Async",
              "  public void refresh() throws InterruptedException { Thread.sleep(1000L); }",
              "  @NonBlocking void onEvent() throws InterruptedException {",
              "    refresh();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void selfInvokedAsyncOnlyWhereAProxyIsBypassed() {
      withSpringAsync(helper)
          .addSourceLines(
              "Reports.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.io.*;",
              "import java.util.concurrent.CompletableFuture;",
              "import org.springframework.scheduling.annotation.Async;",
              "@Async",
              "class Reports {",
              "  Reports() { this(0); }",
              "  Reports(int size) { pause(); }",
              "  static void pause() { try { Thread.sleep(1); } catch (InterruptedException e) {} }",
              "  public void render(String id) { pause(); }",
              "  public void upload(InputStream in) throws IOException { in.read(new byte[8]); }",
              "  @Override public String toString() { pause(); return \"reports\"; }",
              "  Reports self() { return this; }",
              "  // The class's @Async covers this method too: marked non-blocking, it is an async context again.",
              "  CompletableFuture<String> pending;",
              "  @NonBlocking CompletableFuture<String> report(String id, byte[] bytes, InputStream socket) throws IOException {",
              "    upload(new ByteArrayInputStream(bytes));",
              "    // BUG: Diagnostic contains: upload() (upload() -> InputStream.read), called through this",
              "    upload(socket);",
              "    CompletableFuture<String> f = CompletableFuture.completedFuture(\"r: \" + self());",
              "    f.thenRun(this::refresh);",
              "    // A callback class made in an @Async class is no bean method: it runs where the future completes.",
              "    pending.thenRun(new Runnable() {",
              "      // BUG: Diagnostic contains: render() (render() -> pause() -> Thread.sleep), called through this",
              "      @Override public void run() { render(\"inner\"); }",
              "    });",
              "    return f;",
              "  }",
              "  public void refresh() { pause(); }",
              "  // Code of an @Async class is called from its executor: a private helper is no async context.",
              "  private CompletableFuture<String> fetch() { pause(); return pending; }",
              "  // A member class is a class of its own: the outer class's @Async does not cover it.",
              "  static class Part {",
              "    CompletableFuture<String> load() {",
              "      // BUG: Diagnostic contains: pause() (pause() -> Thread.sleep) blocks the current thread in method load",
              "      pause();",
              "      return null;",
              "    }",
              "  }",
              "}")
          .addSourceLines(
              "Hidden.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Hidden {",
              "  // No proxy intercepts a private method: it runs here, as any helper does.",
              "  @org.springframework.scheduling.annotation.Async",
              "  private void purge() throws InterruptedException { Thread.sleep(1); }",
              "  @NonBlocking void onEvent() throws InterruptedException {",
              "    // BUG: Diagnostic contains: purge() (purge() -> Thread.sleep) blocks the current thread in method onEvent",
              "    purge();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void selfInvokedAsyncWovenByAspectJRunsOnTheExecutor() {
      withSpringAsync(helper)
          .setArgs("-XepOpt:AsyncGuard:AsyncWovenByAspectJ=true")
          .addSourceLines(
              "javax/ejb/Asynchronous.java", "package javax.ejb;", "public @interface Asynchronous {}")
          .addSourceLines(
              "Woven.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Woven {",
              "  @org.springframework.scheduling.annotation.Async",
              "  public void refresh() throws InterruptedException { Thread.sleep(1); }",
              "  // AspectJ weaves private and static methods too.",
              "  @org.springframework.scheduling.annotation.Async",
              "  private void purge() throws InterruptedException { Thread.sleep(1); }",
              "  @org.springframework.scheduling.annotation.Async",
              "  static class Jobs {",
              "    static void sweep() throws InterruptedException { Thread.sleep(1); }",
              "  }",
              "  // EJB's container is a proxy whatever Spring does.",
              "  @javax.ejb.Asynchronous public void load() throws InterruptedException { Thread.sleep(1); }",
              "  @NonBlocking void onEvent() throws InterruptedException {",
              "    refresh();",
              "    purge();",
              "    Jobs.sweep();",
              "    // BUG: Diagnostic contains: where @Asynchronous does not apply",
              "    load();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void guavaDirectExecutorCallback() {
      helper
          .addSourceLines(
              "G.java",
              "import com.google.common.util.concurrent.*;",
              "import java.util.concurrent.*;",
              "class G {",
              "  void run(ListenableFuture<String> f, CompletableFuture<String> other, Executor pool) {",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(f, s -> other.join(), MoreExecutors.directExecutor());",
              "    Futures.transform(f, s -> other.join(), pool);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void contextsReadWell() {
      helper
          .addSourceLines(
              "Words.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "@NonBlocking",
              "class Words {",
              "  Words() throws InterruptedException {",
              "    // BUG: Diagnostic contains: in constructor of Words, marked @NonBlocking",
              "    Thread.sleep(1);",
              "  }",
              "  static CompletableFuture<String> either(",
              "      CompletableFuture<String> a, CompletableFuture<String> b, CompletableFuture<String> c) {",
              "    // BUG: Diagnostic contains: in an applyToEither callback",
              "    return a.applyToEither(b, s -> c.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void futuresACompletionServiceHandsOutAreComplete() {
      // Found by a reviewer writing idiomatic code: poll()/take() give only completed tasks.
      helper
          .addSourceLines(
              "Collector.java",
              "import java.util.concurrent.*;",
              "class Collector {",
              "  CompletableFuture<String> next(CompletionService<String> cs) throws Exception {",
              "    Future<String> done = cs.poll();",
              "    String first = done == null ? null : done.get();",
              "    // The waits for a task to complete are blocking; the futures they give are complete.",
              "    // BUG: Diagnostic contains: CompletionService.take blocks the current thread",
              "    String second = cs.take().get();",
              "    // BUG: Diagnostic contains: Future.get blocks the current thread",
              "    String third = cs.submit(() -> \"x\").get();",
              "    return CompletableFuture.completedFuture(first + second + third);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helpersAndGatherersOfFuturesThatCompleteOnAnExecutor() {
      // Found by a reviewer writing idiomatic code: onDb(..) { return supplyAsync(s, db); } and
      // Guava's allAsList of pool-submitted futures complete on the pool.
      helper
          .addSourceLines(
              "Repository.java",
              "import static com.google.common.util.concurrent.MoreExecutors.directExecutor;",
              "import com.google.common.util.concurrent.*;",
              "import java.util.concurrent.*;",
              "import java.util.function.Supplier;",
              "class Repository {",
              "  private final ExecutorService db = Executors.newFixedThreadPool(4);",
              "  private final ListeningExecutorService ldb = MoreExecutors.listeningDecorator(db);",
              "  private <T> CompletableFuture<T> onDb(Supplier<T> s) { return CompletableFuture.supplyAsync(s, db); }",
              "  private <T> ListenableFuture<T> onLdb(Callable<T> c) { return ldb.submit(c); }",
              "  private CompletableFuture<String> loadThenTrim(String id) { return onDb(() -> id).thenApply(String::trim); }",
              "  CompletableFuture<String> find(String id, CompletableFuture<String> other) {",
              "    return onDb(() -> id).thenApply(x -> x + other.join());",
              "  }",
              "  CompletableFuture<String> findTrimmed(String id, CompletableFuture<String> other) {",
              "    return loadThenTrim(id).thenApply(x -> x + other.join());",
              "  }",
              "  ListenableFuture<String> findListenable(String id, CompletableFuture<String> other) {",
              "    return Futures.transform(onLdb(() -> id), x -> x + other.join(), directExecutor());",
              "  }",
              "  ListenableFuture<String> both(CompletableFuture<String> other) {",
              "    ListenableFuture<String> a = ldb.submit(() -> \"a\");",
              "    ListenableFuture<String> b = onLdb(() -> \"b\");",
              "    return Futures.transform(Futures.allAsList(a, b), l -> l + pause(), directExecutor());",
              "  }",
              "  ListenableFuture<String> either() {",
              "    return Futures.transform(Futures.successfulAsList(onLdb(() -> \"a\"), onLdb(() -> \"b\")),",
              "        l -> l + pause(), directExecutor());",
              "  }",
              "  // Takes its executor from the caller, who may hand it a direct one; may return another future;",
              "  // can be overridden; gathers a future of unknown origin.",
              "  private <T> CompletableFuture<T> on(Supplier<T> s, Executor executor) { return CompletableFuture.supplyAsync(s, executor); }",
              "  private CompletableFuture<String> maybeCached(String id, CompletableFuture<String> cached) {",
              "    return id.isEmpty() ? cached : onDb(() -> id);",
              "  }",
              "  <T> CompletableFuture<T> overridable(Supplier<T> s) { return CompletableFuture.supplyAsync(s, db); }",
              "  private CompletableFuture<String> loop(String id) { return loop(id).thenApply(x -> x); }",
              "  CompletableFuture<String> stillFlagged(String id, CompletableFuture<String> other, ListenableFuture<String> unknown) {",
              "    // BUG: Diagnostic contains: in a thenApply callback",
              "    on(() -> id, Runnable::run).thenApply(x -> x + other.join());",
              "    // BUG: Diagnostic contains: in a thenApply callback",
              "    maybeCached(id, other).thenApply(x -> x + other.join());",
              "    // BUG: Diagnostic contains: in a thenApply callback",
              "    overridable(() -> id).thenApply(x -> x + other.join());",
              "    // BUG: Diagnostic contains: in a thenApply callback",
              "    loop(id).thenApply(x -> x + other.join());",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(Futures.allAsList(onLdb(() -> id), unknown), l -> pause(), directExecutor());",
              "    return other;",
              "  }",
              "  static String pause() { try { Thread.sleep(1); } catch (InterruptedException e) {} return \"\"; }",
              "}")
          .doTest();
    }

    @Test
    void guavaDirectExecutorCallbackOnAFutureAPoolCompletes() {
      // directExecutor() runs the callback on the completing thread: a pool's, when a pool completes the input.
      helper
          .addSourceLines(
              "Pooled.java",
              "import static com.google.common.util.concurrent.MoreExecutors.directExecutor;",
              "import com.google.common.util.concurrent.*;",
              "import java.util.concurrent.*;",
              "class Pooled {",
              "  void run(ListeningExecutorService service, Executor pool, CompletableFuture<String> other,",
              "      ListenableFuture<String> unknown) {",
              "    Futures.transform(Futures.submit(() -> \"x\", pool), s -> other.join(), directExecutor());",
              "    ListenableFuture<String> submitted = service.submit(() -> \"x\");",
              "    Futures.addCallback(submitted, new FutureCallback<String>() {",
              "      @Override public void onSuccess(String s) { other.join(); }",
              "      @Override public void onFailure(Throwable t) {}",
              "    }, directExecutor());",
              "    ListenableFuture<Integer> length = Futures.transform(unknown, String::length, pool);",
              "    Futures.transform(length, n -> other.join(), directExecutor());",
              "    FluentFuture.from(Futures.submit(() -> \"x\", pool)).transform(s -> other.join(), directExecutor());",
              "    Futures.submit(() -> \"x\", pool).addListener(() -> other.join(), directExecutor());",
              "  }",
              "  ListenableFuture<String> submittedInline(CompletableFuture<String> other) {",
              "    // Run at once on the calling thread: the context of the method around it (async here).",
              "    // BUG: Diagnostic contains: in method submittedInline, which returns a ListenableFuture",
              "    return Futures.submit(() -> other.join(), directExecutor());",
              "  }",
              "  void submittedInlineInSyncCode(CompletableFuture<String> other) {",
              "    ListenableFuture<String> unused = Futures.submit(() -> other.join(), directExecutor());",
              "  }",
              "  final ListeningExecutorService direct = MoreExecutors.newDirectExecutorService();",
              "  void directServiceField(CompletableFuture<String> other) {",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(direct.submit(() -> \"x\"), s -> other.join(), directExecutor());",
              "  }",
              "  void stillOnAnUnknownThread(ListenableFuture<String> unknown, Executor pool,",
              "      CompletableFuture<String> other, AsyncFunction<String, String> call) {",
              "    ListenableFuture<String> direct = Futures.transform(unknown, s -> s, directExecutor());",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(direct, s -> other.join(), directExecutor());",
              "    ListenableFuture<String> composed = Futures.transformAsync(Futures.submit(() -> \"x\", pool), call, pool);",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(composed, s -> other.join(), directExecutor());",
              "    ListenableFuture<String> inline = Futures.submit(() -> \"x\", directExecutor());",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(inline, s -> other.join(), directExecutor());",
              "    ListeningExecutorService sameThread = MoreExecutors.newDirectExecutorService();",
              "    // BUG: Diagnostic contains: run by directExecutor()",
              "    Futures.transform(sameThread.submit(() -> \"x\"), s -> other.join(), directExecutor());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void methodReferenceAsCallback() {
      helper
          .addSourceLines(
              "Refs.java",
              "import java.util.concurrent.CompletableFuture;",
              "class Refs {",
              "  String loadSync(String id) {",
              "    try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "    return id;",
              "  }",
              "  void run(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: loadSync() (loadSync() -> Thread.sleep) blocks the current thread in a thenApply callback",
              "    f.thenApply(this::loadSync);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void notAsyncContexts() {
      helper
          .addSourceLines(
              "Offload.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.*;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Offload {",
              "  void plainSynchronousMethod() throws Exception { Thread.sleep(1); }",
              "  @NonBlocking void offloaded(ExecutorService pool, CompletableFuture<String> f) {",
              "    pool.execute(() -> sleep());",
              "    pool.submit(() -> { Thread.sleep(1); return 1; });",
              "    f.thenApplyAsync(s -> f.join(), pool);",
              "    CompletableFuture.supplyAsync(() -> f.join(), pool);",
              "    new Thread(() -> sleep()).start();",
              "    Thread.ofVirtual().start(() -> sleep());",
              "    Runnable later = () -> sleep();",
              "  }",
              "  Mono<String> reactorOffloaded(CompletableFuture<String> f) {",
              "    return Mono.fromCallable(() -> f.join()).subscribeOn(Schedulers.boundedElastic());",
              "  }",
              "  Mono<String> publishOnElastic(Mono<String> m, CompletableFuture<String> f) {",
              "    return m.publishOn(Schedulers.boundedElastic()).map(s -> f.join());",
              "  }",
              "  // A pipeline written one step per local: each hop is followed.",
              "  CompletableFuture<Void> stagedLocals(ExecutorService pool, CompletableFuture<String> f) {",
              "    var raw = CompletableFuture.supplyAsync(() -> \"x\", pool);",
              "    var a = raw.thenApply(String::trim);",
              "    var b = a.thenApply(String::strip);",
              "    var c = b.thenApply(String::toLowerCase);",
              "    var d = c.thenApply(String::toUpperCase);",
              "    var e = d.thenApply(String::intern);",
              "    return e.thenAccept(s -> f.join());",
              "  }",
              "  reactor.core.publisher.Flux<String> stagedFluxLocals(reactor.core.publisher.Flux<String> in,",
              "      CompletableFuture<String> f) {",
              "    reactor.core.publisher.Flux<String> off = in.publishOn(Schedulers.boundedElastic());",
              "    reactor.core.publisher.Flux<String> a = off.filter(s -> !s.isEmpty());",
              "    reactor.core.publisher.Flux<String> b = a.map(String::trim);",
              "    reactor.core.publisher.Flux<String> c = b.filter(s -> s.length() < 100);",
              "    reactor.core.publisher.Flux<String> d = c.map(String::toLowerCase);",
              "    return d.map(s -> f.join());",
              "  }",
              "  static void sleep() { try { Thread.sleep(1); } catch (InterruptedException e) {} }",
              "}")
          .doTest();
    }

    @Test
    void functionsGivenToLibrariesThatMayStoreThemMakeNoClaim() {
      helper
          .addSourceLines(
              "io/github/resilience4j/decorators/Decorators.java",
              "package io.github.resilience4j.decorators;",
              "import java.util.function.Supplier;",
              "public interface Decorators {",
              "  static <T> DecorateSupplier<T> ofSupplier(Supplier<T> supplier) { return null; }",
              "  interface DecorateSupplier<T> { Supplier<T> decorate(); }",
              "}")
          .addSourceLines(
              "Lazy.java",
              "import java.util.function.Supplier;",
              "final class Lazy<T> {",
              "  private final Supplier<T> supplier;",
              "  private Lazy(Supplier<T> supplier) { this.supplier = supplier; }",
              "  static <T> Lazy<T> of(Supplier<T> supplier) { return new Lazy<>(supplier); }",
              "}")
          .addSourceLines(
              "Client.java",
              "import io.github.resilience4j.decorators.Decorators;",
              "import java.util.concurrent.*;",
              "import java.util.function.Supplier;",
              "class Client {",
              "  CompletableFuture<String> decoratedThenOffloaded(CompletableFuture<String> f, Executor pool) {",
              "    Supplier<String> call = Decorators.ofSupplier(() -> f.join()).decorate();",
              "    return CompletableFuture.supplyAsync(call, pool);",
              "  }",
              "  CompletableFuture<Lazy<String>> storedByTheProjectsOwnType(CompletableFuture<String> f) {",
              "    return CompletableFuture.completedFuture(Lazy.of(() -> f.join()));",
              "  }",
              "  CompletableFuture<ThreadLocal<String>> runLaterByWhicheverThreadAsks(",
              "      CompletableFuture<String> f) {",
              "    return CompletableFuture.completedFuture(ThreadLocal.withInitial(() -> f.join()));",
              "  }",
              "  CompletableFuture<java.net.http.HttpResponse<String>> uploadRunsTheSupplierLater(",
              "      java.net.http.HttpClient client, java.nio.file.Path p) {",
              "    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(\"http://x\"))",
              "        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> {",
              "          try { return java.nio.file.Files.newInputStream(p); }",
              "          catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }",
              "        })).build();",
              "    return client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString());",
              "  }",
              "  static Lazy<String> helperStoringTheWait(CompletableFuture<String> f) {",
              "    return Lazy.of(() -> f.join());",
              "  }",
              "  CompletableFuture<Lazy<String>> callsTheHelper() {",
              "    return CompletableFuture.completedFuture(helperStoringTheWait(new CompletableFuture<>()));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void functionsThatHelpersAndKnownLibrariesRunAtOnce() {
      helper
          .addSourceLines(
              "com/github/benmanes/caffeine/cache/Cache.java",
              "package com.github.benmanes.caffeine.cache;",
              "public interface Cache<K, V> {",
              "  V get(K key, java.util.function.Function<? super K, ? extends V> loader);",
              "}")
          .addSourceLines(
              "io/micrometer/core/instrument/Timer.java",
              "package io.micrometer.core.instrument;",
              "public interface Timer {",
              "  <T> T record(java.util.function.Supplier<T> f);",
              "  <T> java.util.function.Supplier<T> wrap(java.util.function.Supplier<T> f);",
              "}")
          .addSourceLines(
              "Retry.java",
              "import java.util.function.Supplier;",
              "final class Retry {",
              "  static <T> T retry(Supplier<T> action) {",
              "    for (int i = 0; ; i++) {",
              "      try { return action.get(); } catch (RuntimeException e) { if (i > 2) throw e; }",
              "    }",
              "  }",
              "  static <T> Supplier<T> later(Supplier<T> action) { return () -> action.get(); }",
              "  static <T> void handOn(Supplier<T> action, java.util.List<Supplier<T>> queue) { queue.add(action); }",
              "}")
          .addSourceLines(
              "Service.java",
              "import com.github.benmanes.caffeine.cache.Cache;",
              "import io.micrometer.core.instrument.Timer;",
              "import java.util.concurrent.CompletableFuture;",
              "class Service {",
              "  CompletableFuture<String> cached(CompletableFuture<String> in, Cache<String, String> cache,",
              "      CompletableFuture<String> db) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return in.thenApply(k -> cache.get(k, key -> db.join()));",
              "  }",
              "  CompletableFuture<String> timed(CompletableFuture<String> in, Timer timer, CompletableFuture<String> db) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return in.thenApply(k -> timer.record(() -> db.join()));",
              "  }",
              "  CompletableFuture<String> retried(CompletableFuture<String> db) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(Retry.retry(() -> db.join()));",
              "  }",
              "  CompletableFuture<String> wrappedForLater(Timer timer, CompletableFuture<String> db, java.util.List<java.util.function.Supplier<String>> q) {",
              "    java.util.function.Supplier<String> a = timer.wrap(() -> db.join());",
              "    java.util.function.Supplier<String> b = Retry.later(() -> db.join());",
              "    Retry.handOn(() -> db.join(), q);",
              "    return CompletableFuture.completedFuture(\"\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void functionsTheJdkRunsInlineTakeTheEnclosingContext() {
      helper
          .addSourceLines(
              "Inline.java",
              "import java.util.*;",
              "import java.util.concurrent.*;",
              "import java.util.concurrent.atomic.AtomicReference;",
              "class Inline {",
              "  CompletableFuture<String> optional(Optional<String> o, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(o.map(s -> f.join()).orElse(\"\"));",
              "  }",
              "  CompletableFuture<String> concurrentMap(",
              "      ConcurrentHashMap<String, String> cache, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(cache.computeIfAbsent(\"k\", k -> f.join()));",
              "  }",
              "  CompletableFuture<String> atomicUpdate(",
              "      AtomicReference<String> ref, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(ref.updateAndGet(s -> f.join()));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void timerAndExecuteBlockingOffloadButSchedulersThatStayOnTheLoopDoNot() {
      helper
          .addSourceLines(
              "io/vertx/core/Vertx.java",
              "package io.vertx.core;",
              "public interface Vertx { <T> void executeBlocking(java.util.concurrent.Callable<T> work); }")
          .addSourceLines(
              "Loops.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Loops {",
              "  @NonBlocking void offloaded(java.util.Timer timer, io.vertx.core.Vertx vertx,",
              "      CompletableFuture<String> f) {",
              "    timer.schedule(new java.util.TimerTask() { @Override public void run() { f.join(); } }, 1);",
              "    vertx.executeBlocking(() -> f.join());",
              "  }",
              "  Mono<String> stayOnTheLoop(Mono<String> m, CompletableFuture<String> f) {",
              "    return m.publishOn(Schedulers.single())",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(s -> f.join())",
              "        .publishOn(Schedulers.immediate())",
              "        // BUG: Diagnostic contains: in a Reactor map operator",
              "        .map(s -> f.join())",
              "        .subscribeOn(Schedulers.newParallel(\"p\"))",
              "        // BUG: Diagnostic contains: in a Reactor filter operator",
              "        .filter(s -> f.join() != null);",
              "  }",
              "  CompletableFuture<Void> commonPool(CompletableFuture<String> f) {",
              "    return CompletableFuture.runAsync(",
              "        // BUG: Diagnostic contains: in runAsync without an executor, which runs on the common"
                  + " ForkJoinPool",
              "        () -> f.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void reactorSourceWithoutSchedulerInheritsTheMethodContext() {
      helper
          .addSourceLines(
              "Src.java",
              "import java.util.concurrent.CompletableFuture;",
              "import reactor.core.publisher.Mono;",
              "import reactor.core.scheduler.Schedulers;",
              "class Src {",
              "  Mono<String> load(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: in method load, which returns a Mono",
              "    return Mono.fromCallable(() -> f.join());",
              "  }",
              "  Mono<String> parallelIsNoOffload(Mono<String> m, CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: Reactor map operator",
              "    return m.publishOn(Schedulers.parallel()).map(s -> f.join());",
              "  }",
              "}")
          .doTest();
    }
  }

  @Nested
  class Catalog {
    @Test
    void aMethodNamedLikeOneOfObjectsIsAnotherMethod() {
      // Found on Lettuce: RedisCommandBuilder.wait(int, long) builds a WAIT command; it is not
      // Object.wait. Under any other listed type, a subtype's method of the same name is listed too.
      helper
          .addSourceLines(
              "Commands.java",
              "import java.io.IOException;",
              "import java.io.InputStream;",
              "import java.util.concurrent.CompletableFuture;",
              "class Builder { String wait(int replicas, long timeout) { return \"WAIT\"; } }",
              "class Bytes extends InputStream {",
              "  @Override public int read() { return -1; }",
              "  int read(String label) { return label.length(); }",
              "}",
              "class Commands {",
              "  CompletableFuture<String> waitForReplication(Builder builder) {",
              "    return CompletableFuture.completedFuture(builder.wait(1, 10L));",
              "  }",
              "  CompletableFuture<Integer> overloads(Bytes bytes, Object lock) throws Exception {",
              "    // BUG: Diagnostic contains: Bytes.read blocks",
              "    int b = bytes.read(\"x\");",
              "    // BUG: Diagnostic contains: Bytes.read blocks",
              "    b += bytes.read();",
              "    synchronized (lock) {",
              "      // BUG: Diagnostic contains: Object.wait blocks",
              "      lock.wait(10L);",
              "    }",
              "    return CompletableFuture.completedFuture(b);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void randomAccessFileReadsAndWritesButNotItsDescriptorQueries() {
      // Found on Vert.x: sendFile(RandomAccessFile) asks for length() and getChannel() of an open file.
      helper
          .addSourceLines(
              "Files.java",
              "import java.io.RandomAccessFile;",
              "import java.util.concurrent.CompletableFuture;",
              "class Files {",
              "  CompletableFuture<Long> send(RandomAccessFile file) throws Exception {",
              "    long length = file.length();",
              "    file.seek(0);",
              "    var channel = file.getChannel();",
              "    // BUG: Diagnostic contains: RandomAccessFile.readFully",
              "    file.readFully(new byte[4]);",
              "    // BUG: Diagnostic contains: RandomAccessFile.write",
              "    file.write(1);",
              "    return CompletableFuture.completedFuture(length + channel.position());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void sleepingAndWaiting() {
      helper
          .addSourceLines(
              "W.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.TimeUnit;",
              "import java.util.concurrent.locks.LockSupport;",
              "class W {",
              "  @NonBlocking void run(Thread t, Object monitor, Process p) throws Exception {",
              "    // BUG: Diagnostic contains: TimeUnit.sleep",
              "    TimeUnit.SECONDS.sleep(1);",
              "    // BUG: Diagnostic contains: Thread.join",
              "    t.join();",
              "    // BUG: Diagnostic contains: TimeUnit.timedJoin",
              "    TimeUnit.SECONDS.timedJoin(t, 1);",
              "    synchronized (monitor) {",
              "      // BUG: Diagnostic contains: Object.wait",
              "      monitor.wait();",
              "    }",
              "    // BUG: Diagnostic contains: LockSupport.parkNanos",
              "    LockSupport.parkNanos(10);",
              "    // BUG: Diagnostic contains: Process.waitFor",
              "    p.waitFor();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void timedWaitsGivenNoTimeReturnAtOnce() {
      helper
          .addSourceLines(
              "Zero.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.*;",
              "class Zero {",
              "  @NonBlocking void run(Future<String> f, Semaphore permits, BlockingQueue<String> queue,",
              "      CountDownLatch latch, ExecutorService pool, Thread t, long timeout, TimeUnit unit)",
              "      throws Exception {",
              "    f.get(0, TimeUnit.SECONDS);",
              "    permits.tryAcquire(0, TimeUnit.MILLISECONDS);",
              "    queue.poll(0L, TimeUnit.SECONDS);",
              "    queue.offer(\"x\", (0), unit);",
              "    latch.await(0, TimeUnit.SECONDS);",
              "    pool.awaitTermination(0, unit);",
              "    t.join(java.time.Duration.ZERO);",
              "    // BUG: Diagnostic contains: Thread.sleep",
              "    Thread.sleep(java.time.Duration.ZERO);",
              "    // BUG: Diagnostic contains: Thread.join",
              "    t.join(java.time.Duration.ofSeconds(1));",
              "    // BUG: Diagnostic contains: Future.get",
              "    f.get(1, TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: BlockingQueue.poll",
              "    queue.poll(timeout, unit);",
              "    // BUG: Diagnostic contains: Thread.join",
              "    t.join(0);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void futuresAndExecutors() {
      helper
          .addSourceLines(
              "F.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.List;",
              "import java.util.concurrent.*;",
              "import com.google.common.util.concurrent.*;",
              "class F {",
              "  @NonBlocking void run(Future<String> f, CompletableFuture<String> c, ForkJoinTask<String> t,",
              "      ExecutorService pool, List<Callable<String>> tasks, ListenableFuture<String> l)",
              "      throws Exception {",
              "    // BUG: Diagnostic contains: Future.get",
              "    f.get();",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    c.join();",
              "    // BUG: Diagnostic contains: ForkJoinTask.invoke",
              "    t.invoke();",
              "    // BUG: Diagnostic contains: ExecutorService.invokeAll",
              "    pool.invokeAll(tasks);",
              "    // BUG: Diagnostic contains: ExecutorService.awaitTermination",
              "    pool.awaitTermination(1, TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: Futures.getUnchecked",
              "    Futures.getUnchecked(l);",
              "    // BUG: Diagnostic contains: Uninterruptibles.getUninterruptibly",
              "    Uninterruptibles.getUninterruptibly(l);",
              "    // Not blocking: already-complete accessors.",
              "    c.getNow(\"x\");",
              "    Futures.getDone(l);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void unboundedQueuesNeverWaitForRoom() {
      helper
          .addSourceLines(
              "Unbounded.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.*;",
              "class Unbounded {",
              "  @NonBlocking void run(LinkedTransferQueue<String> ltq, PriorityBlockingQueue<String> pq,",
              "      DelayQueue<Delayed> dq, Delayed item, LinkedBlockingQueue<String> lbq,",
              "      ArrayBlockingQueue<String> abq) throws Exception {",
              "    ltq.put(\"x\");",
              "    ltq.offer(\"x\", 1, TimeUnit.SECONDS);",
              "    pq.put(\"x\");",
              "    pq.offer(\"x\", 1, TimeUnit.SECONDS);",
              "    dq.put(item);",
              "    BlockingQueue<String> local = new LinkedTransferQueue<>();",
              "    local.put(\"x\");",
              "    // BUG: Diagnostic contains: BlockingQueue.take",
              "    pq.take();",
              "    // BUG: Diagnostic contains: TransferQueue.transfer",
              "    ltq.transfer(\"x\");",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    lbq.put(\"x\");",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    abq.put(\"x\");",
              "    BlockingQueue<String> bounded = new ArrayBlockingQueue<>(8);",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    bounded.put(\"x\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void queuesVisiblyMadeWithoutACapacityNeverWaitForRoom() {
      helper
          .addSourceLines(
              "Events.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.List;",
              "import java.util.concurrent.*;",
              "class Events {",
              "  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();",
              "  private final BlockingDeque<String> copied = new LinkedBlockingDeque<>(List.of(\"a\"));",
              "  private final BlockingQueue<String> bounded = new LinkedBlockingQueue<>(16);",
              "  private BlockingQueue<String> replaceable = new LinkedBlockingQueue<>();",
              "  private final BlockingQueue<String> outbox;",
              "  private final BlockingQueue<String> given;",
              "  Events(BlockingQueue<String> given) {",
              "    this.outbox = new LinkedBlockingQueue<>();",
              "    this.given = given;",
              "  }",
              "  Events(int capacity) { this(new LinkedBlockingQueue<String>(capacity)); }",
              "  CompletableFuture<Void> forward(CompletableFuture<String> reply) throws Exception {",
              "    BlockingQueue<String> local = new LinkedBlockingQueue<>();",
              "    local.put(\"x\");",
              "    outbox.put(\"x\");",
              "    copied.putLast(\"x\");",
              "    copied.offerFirst(\"x\", 1, TimeUnit.SECONDS);",
              "    return reply.thenAccept(r -> {",
              "      try { events.put(r); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
              "    });",
              "  }",
              "  @NonBlocking void stillFlagged() throws Exception {",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    bounded.put(\"x\");",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    replaceable.put(\"x\");",
              "    // BUG: Diagnostic contains: BlockingQueue.take",
              "    events.take();",
              "    // Assigned from a parameter.",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    given.put(\"x\");",
              "    BlockingQueue<String> sized = new LinkedBlockingQueue<>(4);",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    sized.put(\"x\");",
              "    BlockingQueue<String> boxed = new LinkedBlockingQueue<>(Integer.valueOf(4));",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    boxed.put(\"x\");",
              "  }",
              "}")
          .addSourceLines(
              "Twice.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.*;",
              "class Twice {",
              "  private final BlockingQueue<String> either;",
              "  Twice() { this.either = new LinkedBlockingQueue<>(); }",
              "  Twice(int capacity) { this.either = new LinkedBlockingQueue<>(capacity); }",
              "  @NonBlocking void send() throws Exception {",
              "    // Assigned by two constructors: which one made it is not known here.",
              "    // BUG: Diagnostic contains: BlockingQueue.put",
              "    either.put(\"x\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void librariesWaitsLookupsAndFiles() {
      helper
          .addSourceLines(
              "io/netty/util/concurrent/Future.java",
              "package io.netty.util.concurrent;",
              "public interface Future<V> extends java.util.concurrent.Future<V> {",
              "  Future<V> sync() throws InterruptedException;",
              "  Future<V> awaitUninterruptibly();",
              "}")
          .addSourceLines(
              "io/lettuce/core/RedisFuture.java",
              "package io.lettuce.core;",
              "public interface RedisFuture<V> extends java.util.concurrent.CompletionStage<V>, java.util.concurrent.Future<V> {",
              "  boolean await(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException;",
              "}")
          .addSourceLines(
              "io/lettuce/core/LettuceFutures.java",
              "package io.lettuce.core;",
              "public class LettuceFutures {",
              "  public static boolean awaitAll(java.time.Duration d, java.util.concurrent.Future<?>... fs) { return true; }",
              "}")
          .addSourceLines(
              "io/vertx/core/file/FileSystem.java",
              "package io.vertx.core.file;",
              "public interface FileSystem { Object readFileBlocking(String path); }")
          .addSourceLines(
              "Waits.java",
              "import java.net.InetSocketAddress;",
              "import java.util.concurrent.CompletableFuture;",
              "class Waits {",
              "  CompletableFuture<Void> restart(io.netty.util.concurrent.Future<Void> closing,",
              "      io.lettuce.core.RedisFuture<String> reply, io.vertx.core.file.FileSystem fs, String host)",
              "      throws Exception {",
              "    // BUG: Diagnostic contains: Future.sync",
              "    closing.sync();",
              "    // BUG: Diagnostic contains: Future.awaitUninterruptibly",
              "    closing.awaitUninterruptibly();",
              "    // BUG: Diagnostic contains: RedisFuture.await",
              "    reply.await(1, java.util.concurrent.TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: LettuceFutures.awaitAll",
              "    io.lettuce.core.LettuceFutures.awaitAll(java.time.Duration.ofSeconds(1), reply);",
              "    // BUG: Diagnostic contains: FileSystem.readFileBlocking",
              "    fs.readFileBlocking(\"config.json\");",
              "    // BUG: Diagnostic contains: new InetSocketAddress",
              "    new InetSocketAddress(host, 443);",
              "    // BUG: Diagnostic contains: new Scanner",
              "    new java.util.Scanner(java.nio.file.Path.of(\"in.txt\"));",
              "    // A literal IP address is only parsed; an unresolved address is not looked up.",
              "    new InetSocketAddress(\"10.0.0.1\", 443);",
              "    InetSocketAddress.createUnresolved(host, 443);",
              "    new java.util.Scanner(\"1 2 3\");",
              "    return CompletableFuture.completedFuture(null);",
              "  }",
              "  void synchronous(io.netty.util.concurrent.Future<Void> closing) throws Exception {",
              "    closing.sync();",
              "  }",
              "  // Synchronous by design: it hands back the future it waited for.",
              "  io.netty.util.concurrent.Future<Void> started(io.netty.util.concurrent.Future<Void> binding) throws Exception {",
              "    return binding.sync();",
              "  }",
              "  CompletableFuture<Void> done(io.netty.util.concurrent.Future<Void> closing) {",
              "    if (closing.isDone()) { closing.awaitUninterruptibly(); }",
              "    return CompletableFuture.completedFuture(null);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void anExecutorClosedByTryWithResourcesWaitsForItsTasks() {
      helper
          .addSourceLines(
              "Fanout.java",
              "import java.io.StringReader;",
              "import java.util.concurrent.*;",
              "class Fanout {",
              "  CompletableFuture<Integer> countAll(java.util.List<String> urls) throws Exception {",
              "    // BUG: Diagnostic contains: the try-with-resources' implicit ExecutorService.close blocks",
              "    try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {",
              "      urls.forEach(u -> exec.submit(() -> u.length()));",
              "    }",
              "    ExecutorService pool = Executors.newFixedThreadPool(2);",
              "    // BUG: Diagnostic contains: ExecutorService.close",
              "    try (pool; var reader = new StringReader(\"x\")) {",
              "      reader.read();",
              "    }",
              "    try (var common = ForkJoinPool.commonPool()) {",
              "      common.execute(() -> {});",
              "    }",
              "    try (var reader = new StringReader(\"in memory\")) {",
              "      return CompletableFuture.completedFuture(reader.read());",
              "    }",
              "  }",
              "  <E extends ExecutorService> CompletableFuture<Void> generic(E exec) {",
              "    // BUG: Diagnostic contains: ExecutorService.close",
              "    try (exec) {",
              "      return CompletableFuture.completedFuture(null);",
              "    }",
              "  }",
              "  int synchronous(java.util.List<String> urls) {",
              "    try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {",
              "      urls.forEach(u -> exec.submit(() -> u.length()));",
              "    }",
              "    return urls.size();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void guavaRateLimitersAndServices() {
      helper
          .addSourceLines(
              "Limited.java",
              "import com.google.common.util.concurrent.*;",
              "import java.time.Duration;",
              "import java.util.concurrent.TimeUnit;",
              "class Limited {",
              "  ListenableFuture<String> send(RateLimiter limiter, Service service, ServiceManager manager) {",
              "    // BUG: Diagnostic contains: RateLimiter.acquire",
              "    limiter.acquire();",
              "    // BUG: Diagnostic contains: RateLimiter.tryAcquire",
              "    limiter.tryAcquire(Duration.ofSeconds(1));",
              "    // BUG: Diagnostic contains: RateLimiter.tryAcquire",
              "    limiter.tryAcquire(1, 1, TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: Service.awaitRunning",
              "    service.awaitRunning();",
              "    // BUG: Diagnostic contains: ServiceManager.awaitHealthy",
              "    manager.awaitHealthy();",
              "    // BUG: Diagnostic contains: Service.awaitTerminated",
              "    service.awaitTerminated();",
              "    // BUG: Diagnostic contains: ServiceManager.awaitStopped",
              "    manager.awaitStopped();",
              "    // Not blocking: a permit without waiting (also with a zero timeout), a state query, starting.",
              "    limiter.tryAcquire();",
              "    limiter.tryAcquire(Duration.ZERO);",
              "    limiter.tryAcquire(0, TimeUnit.SECONDS);",
              "    service.state();",
              "    manager.startAsync();",
              "    return Futures.immediateFuture(\"sent\");",
              "  }",
              "  void startUp(ServiceManager manager) {",
              "    manager.startAsync().awaitHealthy();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void synchronizersAndQueues() {
      helper
          .addSourceLines(
              "S.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.*;",
              "import java.util.concurrent.locks.*;",
              "class S {",
              "  @NonBlocking void run(CountDownLatch latch, CyclicBarrier barrier, Phaser phaser,",
              "      Exchanger<String> ex, Semaphore sem, Condition cond, BlockingQueue<String> q,",
              "      BlockingDeque<String> d, TransferQueue<String> tq, Lock lock, ReentrantReadWriteLock rw,",
              "      StampedLock stamped) throws Exception {",
              "    // BUG: Diagnostic contains: CountDownLatch.await",
              "    latch.await();",
              "    // BUG: Diagnostic contains: CyclicBarrier.await",
              "    barrier.await();",
              "    // BUG: Diagnostic contains: Phaser.arriveAndAwaitAdvance",
              "    phaser.arriveAndAwaitAdvance();",
              "    // BUG: Diagnostic contains: Exchanger.exchange",
              "    ex.exchange(\"x\");",
              "    // BUG: Diagnostic contains: Semaphore.acquire",
              "    sem.acquire();",
              "    // BUG: Diagnostic contains: Condition.await",
              "    cond.await();",
              "    // BUG: Diagnostic contains: BlockingQueue.take",
              "    q.take();",
              "    // BUG: Diagnostic contains: BlockingQueue.poll",
              "    q.poll(1, TimeUnit.SECONDS);",
              "    // BUG: Diagnostic contains: BlockingDeque.putFirst",
              "    d.putFirst(\"x\");",
              "    // BUG: Diagnostic contains: TransferQueue.transfer",
              "    tq.transfer(\"x\");",
              "    // Not blocking: untimed offer/poll, tryAcquire without timeout, locks (timed or not) by default.",
              "    lock.tryLock(2, TimeUnit.SECONDS);",
              "    rw.readLock().tryLock(2, TimeUnit.SECONDS);",
              "    stamped.tryWriteLock(2, TimeUnit.SECONDS);",
              "    q.offer(\"x\");",
              "    q.poll();",
              "    sem.tryAcquire();",
              "    lock.lock();",
              "    lock.tryLock();",
              "    rw.writeLock().lock();",
              "    stamped.tryWriteLock();",
              "    lock.unlock();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void fileIo() {
      helper
          .addSourceLines(
              "IO.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.io.*;",
              "import java.nio.channels.FileChannel;",
              "import java.nio.file.*;",
              "class IO {",
              "  @NonBlocking void run(InputStream in, BufferedReader reader, Writer w, Path p,",
              "      FileChannel ch, java.nio.ByteBuffer buf) throws Exception {",
              "    // BUG: Diagnostic contains: InputStream.read",
              "    in.read();",
              "    // BUG: Diagnostic contains: BufferedReader.readLine",
              "    reader.readLine();",
              "    // BUG: Diagnostic contains: Writer.write",
              "    w.write(\"x\");",
              "    // BUG: Diagnostic contains: Files.readString",
              "    Files.readString(p);",
              "    // BUG: Diagnostic contains: new FileInputStream",
              "    new FileInputStream(\"f\");",
              "    // BUG: Diagnostic contains: RandomAccessFile.readInt",
              "    new RandomAccessFile(\"f\", \"r\").readInt();",
              "    // BUG: Diagnostic contains: FileChannel.read",
              "    ch.read(buf);",
              "  }",
              "  @NonBlocking void inMemoryIsFine(byte[] bytes) throws Exception {",
              "    new ByteArrayInputStream(bytes).read();",
              "    new StringReader(\"x\").read();",
              "    StringWriter sw = new StringWriter();",
              "    sw.write(\"x\");",
              "    new ByteArrayOutputStream().write(1);",
              "    new PrintWriter(sw).write(\"x\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void nettyStreamsOverAByteBufAreInMemory() {
      helper
          .addSourceLines(
              "io/netty/buffer/ByteBufInputStream.java",
              "package io.netty.buffer;",
              "public class ByteBufInputStream extends java.io.InputStream implements java.io.DataInput {",
              "  public ByteBufInputStream(Object buffer) {}",
              "  @Override public int read() { return 0; }",
              "  public int readInt() { return 0; }",
              "  public void readFully(byte[] b) {}",
              "  public void readFully(byte[] b, int off, int len) {}",
              "  public int skipBytes(int n) { return 0; }",
              "  public boolean readBoolean() { return false; }",
              "  public byte readByte() { return 0; }",
              "  public int readUnsignedByte() { return 0; }",
              "  public short readShort() { return 0; }",
              "  public int readUnsignedShort() { return 0; }",
              "  public char readChar() { return 0; }",
              "  public long readLong() { return 0; }",
              "  public float readFloat() { return 0; }",
              "  public double readDouble() { return 0; }",
              "  public String readLine() { return null; }",
              "  public String readUTF() { return null; }",
              "}")
          .addSourceLines(
              "Decoder.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import io.netty.buffer.ByteBufInputStream;",
              "import java.io.*;",
              "class Decoder {",
              "  @NonBlocking int decode(Object buf, InputStream socket) throws IOException {",
              "    try (ByteBufInputStream in = new ByteBufInputStream(buf)) {",
              "      int header = in.readInt() + in.read();",
              "      // BUG: Diagnostic contains: InputStream.read",
              "      return header + socket.read();",
              "    }",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void asyncHttpClientResponseBodiesAreInMemory() {
      // The body is buffered before the response completes; the stream reads that buffer.
      helper
          .addSourceLines(
              "org/asynchttpclient/Response.java",
              "package org.asynchttpclient;",
              "public interface Response { java.io.InputStream getResponseBodyAsStream(); }")
          .addSourceLines(
              "Bodies.java",
              "import java.io.*;",
              "import java.util.concurrent.CompletableFuture;",
              "class Bodies {",
              "  CompletableFuture<byte[]> read(CompletableFuture<org.asynchttpclient.Response> f, InputStream other) {",
              "    return f.thenApply(resp -> {",
              "      try {",
              "        new BufferedReader(new InputStreamReader(resp.getResponseBodyAsStream())).readLine();",
              "        // BUG: Diagnostic contains: InputStream.readAllBytes",
              "        other.readAllBytes();",
              "        return resp.getResponseBodyAsStream().readAllBytes();",
              "      } catch (IOException e) {",
              "        throw new UncheckedIOException(e);",
              "      }",
              "    });",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void inMemoryStreamsUnderDecoratorsAndLocalsAreNotBlocking() {
      helper
          .addSourceLines(
              "Codec.java",
              "import java.io.*;",
              "import java.util.ArrayList;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.zip.GZIPOutputStream;",
              "class Codec {",
              "  static List<String> lines(String text) throws IOException {",
              "    List<String> out = new ArrayList<>();",
              "    try (BufferedReader r = new BufferedReader(new StringReader(text))) {",
              "      for (String line = r.readLine(); line != null; line = r.readLine()) { out.add(line); }",
              "    }",
              "    return out;",
              "  }",
              "  static byte[] gzip(byte[] data) throws IOException {",
              "    ByteArrayOutputStream bytes = new ByteArrayOutputStream();",
              "    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) { gz.write(data); }",
              "    return bytes.toByteArray();",
              "  }",
              "  static byte[] serialize(Object value) throws IOException {",
              "    OutputStream sink = new ByteArrayOutputStream();",
              "    ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(sink));",
              "    out.writeObject(value);",
              "    out.flush();",
              "    return ((ByteArrayOutputStream) sink).toByteArray();",
              "  }",
              "  CompletableFuture<List<String>> parse(CompletableFuture<String> body) {",
              "    return body.thenApply(text -> {",
              "      try { return lines(text); } catch (IOException e) { throw new UncheckedIOException(e); }",
              "    });",
              "  }",
              "  CompletableFuture<byte[]> compressed(byte[] payload, Object value) throws IOException {",
              "    serialize(value);",
              "    new DataOutputStream(new ByteArrayOutputStream()).write(1);",
              "    return CompletableFuture.completedFuture(gzip(payload));",
              "  }",
              "  CompletableFuture<String> fromAStream(InputStream in) throws IOException {",
              "    BufferedReader r = new BufferedReader(new InputStreamReader(in));",
              "    // BUG: Diagnostic contains: BufferedReader.readLine",
              "    return CompletableFuture.completedFuture(r.readLine());",
              "  }",
              "  CompletableFuture<String> reassigned(InputStream in, String text) throws IOException {",
              "    Reader r = new StringReader(text);",
              "    r = new InputStreamReader(in);",
              "    // BUG: Diagnostic contains: Reader.read",
              "    return CompletableFuture.completedFuture(String.valueOf(r.read()));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void catalogMethodsOfTheProjectsOwnSubtypes() {
      helper
          .addSourceLines(
              "Types.java",
              "import java.io.*;",
              "import java.util.concurrent.*;",
              "abstract class MyStream extends FilterInputStream {",
              "  MyStream(InputStream in) { super(in); }",
              "  @Override public int read() throws IOException { return 0; }",
              "  public int readSoon() { return 0; }",
              "}",
              "// Reaches BlockingQueue on two paths; redeclares take().",
              "interface Jobs extends BlockingQueue<String>, Queue2 {",
              "  @Override String take() throws InterruptedException;",
              "}",
              "interface Queue2 extends BlockingQueue<String> {}")
          .addSourceLines(
              "Use.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Use {",
              "  @NonBlocking void run(MyStream s, Jobs jobs) throws Exception {",
              "    // BUG: Diagnostic contains: MyStream.read blocks",
              "    s.read();",
              "    // BUG: Diagnostic contains: Jobs.take blocks",
              "    jobs.take();",
              "    s.readSoon();",
              "    jobs.peek();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void blockingMarkInheritedByOverriding() {
      helper
          .addSourceLines(
              "Store.java",
              "interface Store { @dev.asyncguard.annotations.Blocking String load(String id); }")
          .addSourceLines(
              "Use.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class DbStore implements Store {",
              "  @Override public String load(String id) { return id; }",
              "  public String load(Integer id) { return null; }",
              "}",
              "class Use {",
              "  @NonBlocking void run(DbStore store) {",
              "    // BUG: Diagnostic contains: DbStore.load (marked @Blocking)",
              "    store.load(\"x\");",
              "    store.load(1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void configuredEntryComesBeforeABuiltInWildcard() {
      helper
          .setArgs("-XepOpt:AsyncGuard:BlockingMethods=java.nio.file.Files#exists")
          .addSourceLines(
              "Use.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Use {",
              "  @NonBlocking boolean run(java.nio.file.Path p) {",
              "    // BUG: Diagnostic contains: It is listed in -XepOpt:AsyncGuard:BlockingMethods",
              "    return java.nio.file.Files.exists(p);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void networkAndDns() {
      helper
          .addSourceLines(
              "Net.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.net.*;",
              "import java.net.http.*;",
              "class Net {",
              "  @NonBlocking void run(ServerSocket server, URL url, HttpURLConnection conn,",
              "      HttpClient client, HttpRequest req, java.nio.channels.Selector selector)",
              "      throws Exception {",
              "    // BUG: Diagnostic contains: new Socket",
              "    new Socket(\"localhost\", 80);",
              "    // BUG: Diagnostic contains: ServerSocket.accept",
              "    server.accept();",
              "    // BUG: Diagnostic contains: InetAddress.getByName",
              "    InetAddress.getByName(\"example.org\");",
              "    InetAddress.getByName(\"0.0.0.0\");",
              "    InetAddress.getAllByName(\"::1\");",
              "    // BUG: Diagnostic contains: InetAddress.getByName",
              "    InetAddress.getByName(\"1.2.3\");",
              "    // BUG: Diagnostic contains: URL.openStream",
              "    url.openStream();",
              "    // BUG: Diagnostic contains: HttpURLConnection.getResponseCode",
              "    conn.getResponseCode();",
              "    // BUG: Diagnostic contains: HttpClient.send",
              "    client.send(req, HttpResponse.BodyHandlers.ofString());",
              "    // BUG: Diagnostic contains: Selector.select",
              "    selector.select();",
              "    // Not blocking: the async HTTP form, an unconnected socket, selectNow.",
              "    client.sendAsync(req, HttpResponse.BodyHandlers.ofString());",
              "    new Socket();",
              "    selector.selectNow();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void jdbc() {
      helper
          .addSourceLines(
              "Db.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.sql.*;",
              "class Db {",
              "  @NonBlocking void run(javax.sql.DataSource ds, PreparedStatement ps, Connection c)",
              "      throws Exception {",
              "    // BUG: Diagnostic contains: DriverManager.getConnection",
              "    DriverManager.getConnection(\"jdbc:x\");",
              "    // BUG: Diagnostic contains: DataSource.getConnection",
              "    ds.getConnection();",
              "    // BUG: Diagnostic contains: PreparedStatement.executeQuery",
              "    ResultSet rs = ps.executeQuery();",
              "    // BUG: Diagnostic contains: ResultSet.next",
              "    rs.next();",
              "    // BUG: Diagnostic contains: Connection.commit",
              "    c.commit();",
              "    // BUG: Diagnostic contains: a reactive driver",
              "    c.rollback();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void reactiveBlocking() {
      helper
          .addSourceLines(
              "R.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import reactor.core.publisher.*;",
              "import io.reactivex.rxjava3.core.Single;",
              "class R {",
              "  @NonBlocking void run(Mono<String> m, Flux<String> f, Single<String> s) {",
              "    // BUG: Diagnostic contains: Mono.block",
              "    m.block();",
              "    // BUG: Diagnostic contains: Flux.blockFirst",
              "    f.blockFirst();",
              "    // BUG: Diagnostic contains: Flux.toIterable",
              "    f.toIterable();",
              "    // BUG: Diagnostic contains: Single.blockingGet",
              "    s.blockingGet();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void mutinyAwait() {
      helper
          .addSourceLines(
              "io/smallrye/mutiny/Uni.java",
              "package io.smallrye.mutiny;",
              "public interface Uni<T> { Object await(); }")
          .addSourceLines(
              "M.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class M {",
              "  @NonBlocking void run(io.smallrye.mutiny.Uni<String> u) {",
              "    // BUG: Diagnostic contains: Uni.await",
              "    u.await();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void blockingAnnotationsAndConfiguredMethods() {
      helper
          .setArgs(
              "-XepOpt:AsyncGuard:BlockingMethods=com.acme.Db#query,java.util.concurrent.locks.Lock#lock",
              "-XepOpt:AsyncGuard:BlockingAnnotations=com.acme.Slow")
          .addSourceLines("com/acme/Slow.java", "package com.acme;", "public @interface Slow {}")
          .addSourceLines(
              "com/acme/Db.java",
              "package com.acme;",
              "public interface Db {",
              "  String query(String sql);",
              "  @dev.asyncguard.annotations.Blocking String load(String id);",
              "  @Slow String slow();",
              "}")
          .addSourceLines(
              "Use.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Use {",
              "  @NonBlocking void run(com.acme.Db db, java.util.concurrent.locks.Lock lock) {",
              "    // BUG: Diagnostic contains: Db.query blocks the current thread in method run,"
                  + " marked @NonBlocking. It is listed in -XepOpt:AsyncGuard:BlockingMethods",
              "    db.query(\"x\");",
              "    // BUG: Diagnostic contains: Db.load (marked @Blocking)",
              "    db.load(\"x\");",
              "    // BUG: Diagnostic contains: Db.slow (marked @Slow)",
              "    db.slow();",
              "    // BUG: Diagnostic contains: Lock.lock",
              "    lock.lock();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void blockingAnnotationOnAClassMarksItsMethods() {
      helper
          .addSourceLines(
              "io/smallrye/common/annotation/Blocking.java",
              "package io.smallrye.common.annotation;",
              "public @interface Blocking {}")
          .addSourceLines(
              "Resource.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "@io.smallrye.common.annotation.Blocking",
              "class Resource {",
              "  CompletableFuture<String> get() throws Exception {",
              "    Thread.sleep(10);",
              "    return CompletableFuture.completedFuture(\"x\");",
              "  }",
              "  String load() { return \"\"; }",
              "  Resource() {}",
              "  String loadSlowly() throws Exception { Thread.sleep(10); return \"\"; }",
              "  @NonBlocking void onEvent() throws Exception {",
              "    // BUG: Diagnostic contains: Thread.sleep blocks the current thread in method onEvent",
              "    Thread.sleep(10);",
              "  }",
              "  static class Nested {",
              "    CompletableFuture<String> get() throws Exception {",
              "      // BUG: Diagnostic contains: Thread.sleep blocks the current thread in method get",
              "      Thread.sleep(10);",
              "      return CompletableFuture.completedFuture(\"x\");",
              "    }",
              "  }",
              "}")
          .addSourceLines(
              "Caller.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Caller {",
              "  @NonBlocking void run(Resource resource) throws Exception {",
              "    resource.load();",
              "    new Resource();",
              "    // BUG: Diagnostic contains: loadSlowly() (loadSlowly() -> Thread.sleep)",
              "    resource.loadSlowly();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void executorAnnotationOnAnInterfaceMethodCoversItsImplementations() {
      withSpringAsync(helper)
          .addSourceLines(
              "Reports.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "interface ReportService {",
              "  @org.springframework.scheduling.annotation.Async CompletableFuture<String> render(String id);",
              "  CompletableFuture<String> plain(String id);",
              "}",
              "class ReportServiceImpl implements ReportService {",
              "  @Override public CompletableFuture<String> render(String id) {",
              "    try { Thread.sleep(1000); } catch (InterruptedException e) {}",
              "    return CompletableFuture.completedFuture(id);",
              "  }",
              "  @Override public CompletableFuture<String> plain(String id) {",
              "    // BUG: Diagnostic contains: Thread.sleep blocks the current thread in method plain",
              "    try { Thread.sleep(1000); } catch (InterruptedException e) {}",
              "    return CompletableFuture.completedFuture(id);",
              "  }",
              "  @NonBlocking void onEvent(ReportService service) { service.render(\"a\").thenAccept(r -> {}); }",
              "  @NonBlocking void onSelf() {",
              "    // BUG: Diagnostic contains: render() (render() -> Thread.sleep), called through this, where @Async",
              "    render(\"b\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void otherBlockingAnnotationsByNameAndOnAConstructor() {
      helper
          .addSourceLines(
              "org/jetbrains/annotations/Blocking.java",
              "package org.jetbrains.annotations;",
              "public @interface Blocking {}")
          .addSourceLines(
              "io/smallrye/common/annotation/Blocking.java",
              "package io.smallrye.common.annotation;",
              "public @interface Blocking {}")
          .addSourceLines(
              "io/micronaut/core/annotation/Blocking.java",
              "package io.micronaut.core.annotation;",
              "public @interface Blocking {}")
          .addSourceLines(
              "Store.java",
              "class Store {",
              "  @dev.asyncguard.annotations.Blocking Store() {}",
              "  @org.jetbrains.annotations.Blocking String a() { return \"\"; }",
              "  @io.smallrye.common.annotation.Blocking String b() { return \"\"; }",
              "  @io.micronaut.core.annotation.Blocking String c() { return \"\"; }",
              "}")
          .addSourceLines(
              "Use.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Use {",
              "  @NonBlocking void run(Store store) {",
              "    // BUG: Diagnostic contains: new Store (marked @Blocking)",
              "    new Store();",
              "    // BUG: Diagnostic contains: Store.a (marked @Blocking)",
              "    store.a();",
              "    // BUG: Diagnostic contains: Store.b (marked @Blocking)",
              "    store.b();",
              "    // BUG: Diagnostic contains: Store.c (marked @Blocking)",
              "    store.c();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void channelsAndConsoleWritesAreNotFlagged() {
      helper
          .addSourceLines(
              "Io.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.nio.ByteBuffer;",
              "import java.nio.channels.SocketChannel;",
              "class Io {",
              "  @NonBlocking void run(SocketChannel channel, ByteBuffer buffer) throws Exception {",
              "    channel.read(buffer);",
              "    channel.write(buffer);",
              "    System.out.println(\"read\");",
              "    System.err.printf(\"%d%n\", 1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void synchronizedWhenConfigured() {
      helper
          .setArgs("-XepOpt:AsyncGuard:SynchronizedIsBlocking=true")
          .addSourceLines(
              "S.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class S {",
              "  @NonBlocking void run(Object lock) {",
              "    // BUG: Diagnostic contains: a synchronized block blocks the current thread",
              "    synchronized (lock) { lock.hashCode(); }",
              "  }",
              "  @dev.asyncguard.annotations.AllowBlocking(\"uncontended\")",
              "  @NonBlocking void reviewed(Object lock) {",
              "    synchronized (lock) { lock.hashCode(); }",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void synchronizedIsNotBlockingByDefault() {
      helper
          .addSourceLines(
              "S.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class S {",
              "  @NonBlocking void run(Object lock) {",
              "    synchronized (lock) { lock.hashCode(); }",
              "  }",
              "}")
          .doTest();
    }
  }

  @Nested
  class Transitive {
    @Test
    void aStringConcatenationCallsToString() {
      // Found on Lettuce: RedisURI.toString() joins the credentials provider's future, and
      // "address: " + redisURI runs it inside methods that return futures.
      helper
          .addSourceLines(
              "Uris.java",
              "import java.util.concurrent.CompletableFuture;",
              "interface Credentials { CompletableFuture<String> resolve(); }",
              "class Uri {",
              "  Credentials credentials;",
              "  @Override public String toString() { return \"redis://\" + credentials.resolve().join() + \"@host\"; }",
              "}",
              "class SubUri extends Uri {}",
              "class Plain { @Override public String toString() { return \"plain\"; } }",
              "interface Named {}",
              "record Point(int x, int y) {}",
              "class Uris {",
              "  CompletableFuture<String> connect(Uri uri, SubUri sub, Plain plain, Named named, Point p, Object o) {",
              "    String ok = \"x\" + plain + named + p + o + 1 + 'c' + 2L + null;",
              "    // BUG: Diagnostic contains: the string concatenation's toString() (toString() -> CompletableFuture.join)",
              "    String address = \"address: \" + uri;",
              "    // BUG: Diagnostic contains: the string concatenation's toString()",
              "    String inherited = sub + \"!\";",
              "    // BUG: Diagnostic contains: describe() (describe() -> toString() -> CompletableFuture.join)",
              "    return CompletableFuture.completedFuture(ok + address + inherited + describe(uri));",
              "  }",
              "  String describe(Uri uri) { return \"[\" + uri + \"]\"; }",
              "  CompletableFuture<String> appended(Uri uri) {",
              "    String message = \"at \";",
              "    // BUG: Diagnostic contains: the string concatenation's toString()",
              "    message += uri;",
              "    return CompletableFuture.completedFuture(message);",
              "  }",
              "  void synchronous(Uri uri) { System.out.println(\"at \" + uri); }",
              "}")
          .doTest();
    }

    @Test
    void chainThroughHelpersIsShown() {
      helper
          .addSourceLines(
              "Chain.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Chain {",
              "  @NonBlocking void onEvent() {",
              "    // BUG: Diagnostic contains: helperTwoDeep() (helperTwoDeep() -> helperThatSleeps()"
                  + " -> Thread.sleep) blocks the current thread in method onEvent",
              "    helperTwoDeep();",
              "  }",
              "  void helperTwoDeep() { helperThatSleeps(); }",
              "  void helperThatSleeps() {",
              "    try { Thread.sleep(10); } catch (InterruptedException e) {}",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void chainAcrossCompilationUnitsAndInlineLambdas() {
      helper
          .addSourceLines(
              "Util.java",
              "import java.util.List;",
              "class Util {",
              "  static void readAll(List<java.nio.file.Path> paths) {",
              "    paths.forEach(p -> {",
              "      try { java.nio.file.Files.readAllBytes(p); } catch (java.io.IOException e) {}",
              "    });",
              "  }",
              "  static void offloaded(java.util.concurrent.Executor pool) {",
              "    pool.execute(() -> { try { Thread.sleep(1); } catch (InterruptedException e) {} });",
              "  }",
              "}")
          .addSourceLines(
              "Handler.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Handler {",
              "  @NonBlocking void onEvent(java.util.concurrent.Executor pool) {",
              "    // BUG: Diagnostic contains: readAll() -> Files.readAllBytes",
              "    Util.readAll(java.util.List.of());",
              "    Util.offloaded(pool);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helpersDeclaredInNestedLocalAndAnonymousClassesAreFollowed() {
      helper
          .addSourceLines(
              "Outer.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Outer {",
              "  static class Member { static class Deeper { void sleeps() throws Exception { Thread.sleep(1); } } }",
              "  enum Mode {",
              "    SLOW {",
              "      @NonBlocking @Override void run() throws Exception {",
              "        // BUG: Diagnostic contains: pause() -> Thread.sleep",
              "        pause();",
              "      }",
              "      void pause() throws Exception { Thread.sleep(1); }",
              "    };",
              "    abstract void run() throws Exception;",
              "  }",
              "  interface Job { void run() throws Exception; }",
              "  @NonBlocking void viaMember() throws Exception {",
              "    // BUG: Diagnostic contains: sleeps() -> Thread.sleep",
              "    new Member.Deeper().sleeps();",
              "  }",
              "  @NonBlocking void viaLocalClass() throws Exception {",
              "    class Local { void sleeps() throws Exception { Thread.sleep(1); } }",
              "    // BUG: Diagnostic contains: sleeps() -> Thread.sleep",
              "    new Local().sleeps();",
              "  }",
              "  @NonBlocking void viaAnonymousClass() throws Exception {",
              "    var job = new Object() {",
              "      class InAnonymous { void sleeps() throws Exception { Thread.sleep(1); } }",
              "      void sleeps() throws Exception { Thread.sleep(1); }",
              "    };",
              "    // BUG: Diagnostic contains: sleeps() -> Thread.sleep",
              "    job.sleeps();",
              "    // BUG: Diagnostic contains: sleeps() -> Thread.sleep",
              "    job.new InAnonymous().sleeps();",
              "  }",
              "  static class Sleepy { Sleepy(int n) { try { Thread.sleep(n); } catch (InterruptedException e) {} } }",
              "  static class Quiet { Quiet(int n) {} }",
              "  @NonBlocking Object viaAnonymousSubclass() {",
              "    // BUG: Diagnostic contains: new Sleepy() {...} -> new Sleepy() -> Thread.sleep",
              "    Object sleepy = new Sleepy(1) {};",
              "    return new Quiet(1) {};",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void recursionTerminatesAndStillFindsTheBlockingCall() {
      helper
          .addSourceLines(
              "Rec.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "class Rec {",
              "  @NonBlocking void onEvent() {",
              "    // BUG: Diagnostic contains: a() -> b() -> Thread.sleep",
              "    a(3);",
              "    pingPong(3);",
              "  }",
              "  void a(int n) { if (n > 0) { b(n); } }",
              "  void b(int n) {",
              "    a(n - 1);",
              "    try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "  }",
              "  void pingPong(int n) { if (n > 0) { pongPing(n - 1); } }",
              "  void pongPing(int n) { pingPong(n); }",
              "  void self(int n) { self(n); }",
              "}")
          .doTest();
    }

    @Test
    void allowBlockingHelperAndAsyncHelpersDoNotPropagate() {
      helper
          .addSourceLines(
              "H.java",
              "import dev.asyncguard.annotations.*;",
              "import java.util.concurrent.CompletableFuture;",
              "class H {",
              "  @NonBlocking void onEvent() {",
              "    reviewed();",
              "    asyncHelper();",
              "  }",
              "  @AllowBlocking(\"reads a tiny resource once\") void reviewed() {",
              "    try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "  }",
              "  CompletableFuture<String> asyncHelper() {",
              "    // BUG: Diagnostic contains: in method asyncHelper, which returns a"
                  + " CompletableFuture",
              "    try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "    return CompletableFuture.completedFuture(\"x\");",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void deepCallGraphStress() {
      int depth = 3000;
      StringBuilder source = new StringBuilder();
      source.append("import dev.asyncguard.annotations.NonBlocking;\nclass Deep {\n");
      source.append("  @NonBlocking void onEvent() {\n");
      source.append("    // BUG: Diagnostic contains: m0() -> m1() -> m2()\n");
      source.append("    m0();\n  }\n");
      for (int i = 0; i < depth; i++) {
        // Each method calls the next and loops back to the start: deep and cyclic at once.
        source.append("  void m").append(i).append("() { m").append(i + 1).append("(); m0(); }\n");
      }
      source.append("  void m").append(depth).append("() {\n");
      source.append("    try { Thread.sleep(1); } catch (InterruptedException e) {}\n  }\n}\n");
      long start = System.nanoTime();
      helper.addSourceLines("Deep.java", source.toString().split("\n")).doTest();
      long millis = (System.nanoTime() - start) / 1_000_000;
      org.junit.jupiter.api.Assertions.assertTrue(
          millis < 60_000, "analysis of a " + depth + "-deep cyclic call graph took " + millis + " ms");
    }

    @Test
    void nestedAllOfOverRepeatedLocalsStress() {
      // allOf(l0, l0, ..) of allOf(l1, l1, ..): each local is followed once, not once per mention.
      int width = 60;
      int levels = 5;
      StringBuilder source = new StringBuilder();
      source.append("import java.util.concurrent.*;\nclass Nested {\n");
      source.append("  CompletableFuture<String> m(ExecutorService pool, CompletableFuture<String> other) {\n");
      source.append("    CompletableFuture<?> l0 = CompletableFuture.supplyAsync(() -> \"x\", pool);\n");
      for (int level = 1; level <= levels; level++) {
        source.append("    CompletableFuture<?> l").append(level).append(" = CompletableFuture.allOf(");
        for (int i = 0; i < width; i++) {
          source.append(i == 0 ? "" : ", ").append("l").append(level - 1);
        }
        source.append(");\n");
      }
      source.append("    return l").append(levels).append(".thenApply(v -> other.join());\n  }\n}\n");
      long start = System.nanoTime();
      helper.addSourceLines("Nested.java", source.toString().split("\n")).doTest();
      long millis = (System.nanoTime() - start) / 1_000_000;
      org.junit.jupiter.api.Assertions.assertTrue(
          millis < 20_000, levels + " levels of allOf over " + width + " mentions took " + millis + " ms");
    }
  }

  @Nested
  class NotBlocking {
    @Test
    void allDoneGuardOnACollection() {
      helper
          .addSourceLines(
              "Batch.java",
              "import java.util.ArrayList;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.Future;",
              "class Batch {",
              "  CompletableFuture<List<String>> loop(List<CompletableFuture<String>> futures) {",
              "    List<String> out = new ArrayList<>();",
              "    if (futures.stream().allMatch(CompletableFuture::isDone)) {",
              "      for (CompletableFuture<String> f : futures) { out.add(f.join()); }",
              "    }",
              "    return CompletableFuture.completedFuture(out);",
              "  }",
              "  CompletableFuture<List<String>> exitFirst(List<Future<String>> futures) throws Exception {",
              "    if (!futures.stream().allMatch(f -> f.isDone())) { return new CompletableFuture<>(); }",
              "    List<String> out = new ArrayList<>();",
              "    for (Future<String> f : futures) { out.add(f.get()); }",
              "    futures.forEach(f -> out.add(f.resultNow()));",
              "    return CompletableFuture.completedFuture(out);",
              "  }",
              "  CompletableFuture<List<String>> streamed(List<CompletableFuture<String>> futures) {",
              "    return futures.stream().allMatch(CompletableFuture::isDone)",
              "        ? CompletableFuture.completedFuture(futures.stream().map(CompletableFuture::join).toList())",
              "        : new CompletableFuture<>();",
              "  }",
              "  CompletableFuture<Void> forEach(List<CompletableFuture<String>> futures, List<String> out) {",
              "    if (futures.stream().allMatch(CompletableFuture::isDone)) { futures.forEach(f -> out.add(f.join())); }",
              "    return CompletableFuture.completedFuture(null);",
              "  }",
              "  CompletableFuture<List<String>> otherCollection(List<CompletableFuture<String>> a, List<CompletableFuture<String>> b) {",
              "    List<String> out = new ArrayList<>();",
              "    if (a.stream().allMatch(CompletableFuture::isDone)) {",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      for (CompletableFuture<String> f : b) { out.add(f.join()); }",
              "    }",
              "    return CompletableFuture.completedFuture(out);",
              "  }",
              "  CompletableFuture<List<String>> anyIsNotAll(List<CompletableFuture<String>> futures) {",
              "    return futures.stream().anyMatch(CompletableFuture::isDone)",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        ? CompletableFuture.completedFuture(futures.stream().map(CompletableFuture::join).toList())",
              "        : new CompletableFuture<>();",
              "  }",
              "  CompletableFuture<List<String>> outsideTheGuard(List<CompletableFuture<String>> futures) {",
              "    List<String> out = new ArrayList<>();",
              "    boolean done = futures.stream().allMatch(CompletableFuture::isDone);",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    for (CompletableFuture<String> f : futures) { out.add(f.join()); }",
              "    return CompletableFuture.completedFuture(out);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helperReadingTheStreamItIsHandedGivenAnInMemoryOne() {
      helper
          .addSourceLines(
              "Codec.java",
              "import java.io.*;",
              "import java.util.concurrent.CompletableFuture;",
              "class Codec {",
              "  static int decode(InputStream in) throws IOException {",
              "    DataInputStream data = new DataInputStream(new BufferedInputStream(in));",
              "    return data.read(new byte[4]);",
              "  }",
              "  static String text(Reader r) throws IOException { return new BufferedReader(r).readLine(); }",
              "  static int decodeAndWait(InputStream in) throws Exception { Thread.sleep(1); return in.read(); }",
              "  static int twoLevels(InputStream in) throws IOException { return decode(in); }",
              "  static void copy(InputStream in, OutputStream out) throws IOException { out.write(in.read()); }",
              "  static int readOne(InputStream in) throws IOException { return in.read(); }",
              "  static InputStream socketIn;",
              "  static int decodeAndPeek(InputStream in) throws IOException { return in.read() + readOne(socketIn); }",
              "  CompletableFuture<Integer> fromBytes(byte[] bytes) throws IOException {",
              "    ByteArrayInputStream held = new ByteArrayInputStream(bytes);",
              "    return CompletableFuture.completedFuture(",
              "        decode(new ByteArrayInputStream(bytes)) + decode(held) + text(new StringReader(\"x\")).length());",
              "  }",
              "  CompletableFuture<Integer> fromElsewhere(InputStream socket, File file, byte[] bytes) throws Exception {",
              "    // BUG: Diagnostic contains: decode",
              "    int a = decode(socket);",
              "    // BUG: Diagnostic contains: new FileInputStream",
              "    int b = decode(new FileInputStream(file));",
              "    // BUG: Diagnostic contains: decodeAndWait",
              "    int c = decodeAndWait(new ByteArrayInputStream(bytes));",
              "    // BUG: Diagnostic contains: twoLevels",
              "    int d = twoLevels(new ByteArrayInputStream(bytes));",
              "    // BUG: Diagnostic contains: copy",
              "    copy(new ByteArrayInputStream(bytes), new FileOutputStream(file.getPath() + \".bak\", true) {});",
              "    // BUG: Diagnostic contains: decodeAndPeek",
              "    int e = decodeAndPeek(new ByteArrayInputStream(bytes));",
              "    return CompletableFuture.completedFuture(a + b + c + d);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helperWaitsInACallbackAfterAllOf() {
      // As a wait written in the callback: every future was complete when it runs (rules.md).
      helper
          .addSourceLines(
              "Gather.java",
              "import java.util.List;",
              "import java.util.Map;",
              "import java.util.concurrent.CompletableFuture;",
              "class Gather {",
              "  private final Map<String, CompletableFuture<String>> pending = new java.util.HashMap<>();",
              "  private String collect(String key) { return pending.get(key).join(); }",
              "  private String sleepy() throws InterruptedException { Thread.sleep(10); return \"x\"; }",
              "  private String collectThenSleep(String key) throws InterruptedException {",
              "    String v = pending.get(key).join();",
              "    Thread.sleep(10);",
              "    return v;",
              "  }",
              "  private void pause() {",
              "    com.google.common.util.concurrent.Uninterruptibles.sleepUninterruptibly(1, java.util.concurrent.TimeUnit.SECONDS);",
              "  }",
              "  CompletableFuture<Void> notOnlyWaits() {",
              "    return CompletableFuture.allOf(pending.values().toArray(new CompletableFuture<?>[0]))",
              "        .thenRun(() -> {",
              "          // BUG: Diagnostic contains: pause",
              "          pause();",
              "          try {",
              "            // BUG: Diagnostic contains: collectThenSleep",
              "            collectThenSleep(\"a\");",
              "          } catch (InterruptedException e) { throw new RuntimeException(e); }",
              "        });",
              "  }",
              "  CompletableFuture<String> all() {",
              "    CompletableFuture<?>[] all = pending.values().toArray(new CompletableFuture<?>[0]);",
              "    return CompletableFuture.allOf(all).thenApply(v -> collect(\"a\") + collect(\"b\"));",
              "  }",
              "  CompletableFuture<List<String>> eachInline(List<String> keys) {",
              "    return CompletableFuture.allOf(pending.values().toArray(new CompletableFuture<?>[0]))",
              "        .thenApply(v -> keys.stream().map(this::collect).toList());",
              "  }",
              "  CompletableFuture<String> notAfterAllOf(CompletableFuture<String> other) {",
              "    // BUG: Diagnostic contains: collect",
              "    return other.thenApply(v -> collect(\"a\"));",
              "  }",
              "  CompletableFuture<String> otherBlockingStillCounts() {",
              "    return CompletableFuture.allOf(pending.values().toArray(new CompletableFuture<?>[0]))",
              "        .thenApply(v -> {",
              "          // BUG: Diagnostic contains: Thread.sleep",
              "          try { return sleepy(); } catch (InterruptedException e) { throw new RuntimeException(e); }",
              "        });",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void forkJoinWaitsInACommonPoolTask() {
      // A task of the common pool may fork and join: the worker runs or steals subtasks meanwhile.
      helper
          .addSourceLines(
              "Sums.java",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.ForkJoinPool;",
              "import java.util.concurrent.RecursiveTask;",
              "class Sums {",
              "  static final class Sum extends RecursiveTask<Long> {",
              "    final long[] a; final int lo, hi;",
              "    Sum(long[] a, int lo, int hi) { this.a = a; this.lo = lo; this.hi = hi; }",
              "    @Override protected Long compute() {",
              "      if (hi - lo < 1000) { long s = 0; for (int i = lo; i < hi; i++) s += a[i]; return s; }",
              "      int mid = (lo + hi) >>> 1;",
              "      Sum left = new Sum(a, lo, mid);",
              "      left.fork();",
              "      return new Sum(a, mid, hi).compute() + left.join();",
              "    }",
              "  }",
              "  static long total(long[] a) { return new Sum(a, 0, a.length).invoke(); }",
              "  static long totalThenSleep(long[] a) throws InterruptedException {",
              "    long t = new Sum(a, 0, a.length).invoke();",
              "    Thread.sleep(10);",
              "    return t;",
              "  }",
              "  CompletableFuture<Long> helperAlsoSleeps(long[] a) {",
              "    return CompletableFuture.supplyAsync(() -> {",
              "      // BUG: Diagnostic contains: totalThenSleep",
              "      try { return totalThenSleep(a); } catch (InterruptedException e) { throw new RuntimeException(e); }",
              "    });",
              "  }",
              "  CompletableFuture<Long> async(long[] a) {",
              "    return CompletableFuture.supplyAsync(() -> new Sum(a, 0, a.length).invoke());",
              "  }",
              "  CompletableFuture<Long> throughAHelper(long[] a) {",
              "    return CompletableFuture.supplyAsync(() -> total(a), ForkJoinPool.commonPool());",
              "  }",
              "  CompletableFuture<Long> afterAStage(CompletableFuture<long[]> in) {",
              "    return in.thenApplyAsync(a -> new Sum(a, 0, a.length).invoke());",
              "  }",
              "  CompletableFuture<Long> onTheCompletingThread(CompletableFuture<long[]> in) {",
              "    // BUG: Diagnostic contains: ForkJoinTask.invoke",
              "    return in.thenApply(a -> new Sum(a, 0, a.length).invoke());",
              "  }",
              "  CompletableFuture<Long> inTheMethodItself(long[] a) {",
              "    // BUG: Diagnostic contains: ForkJoinTask.invoke",
              "    long s = new Sum(a, 0, a.length).invoke();",
              "    return CompletableFuture.completedFuture(s);",
              "  }",
              "  CompletableFuture<Long> otherWaitsStillCount(CompletableFuture<Long> other) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.supplyAsync(() -> other.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void futureStateQueries() {
      // Future.state() (JDK 19+): SUCCESS, FAILED and CANCELLED are states of a done future only.
      helper
          .addSourceLines(
              "States.java",
              "import static java.util.concurrent.Future.State.SUCCESS;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.Future;",
              "class States {",
              "  CompletableFuture<String> succeeded(CompletableFuture<String> f) {",
              "    if (f.state() == Future.State.SUCCESS) { return CompletableFuture.completedFuture(f.join()); }",
              "    return f;",
              "  }",
              "  CompletableFuture<String> imported(CompletableFuture<String> f) {",
              "    return SUCCESS == f.state() ? CompletableFuture.completedFuture(f.join()) : f;",
              "  }",
              "  CompletableFuture<String> notRunning(Future<String> f) throws Exception {",
              "    if (f.state() != Future.State.RUNNING) { return CompletableFuture.completedFuture(f.get()); }",
              "    return new CompletableFuture<>();",
              "  }",
              "  CompletableFuture<String> exitWhileRunning(CompletableFuture<String> f) {",
              "    if (f.state() == Future.State.RUNNING) { return f; }",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "  CompletableFuture<String> switched(CompletableFuture<String> f) {",
              "    return switch (f.state()) {",
              "      case SUCCESS -> CompletableFuture.completedFuture(f.join());",
              "      case FAILED, CANCELLED -> CompletableFuture.completedFuture(String.valueOf(f.exceptionNow()));",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      case RUNNING -> CompletableFuture.completedFuture(f.join());",
              "    };",
              "  }",
              "  CompletableFuture<String> statementCases(Future<String> f) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING:",
              "        return new CompletableFuture<>();",
              "      case SUCCESS:",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> fallsThrough(Future<String> f, StringBuilder log) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING:",
              "        log.append(\"running\");",
              "      case SUCCESS:",
              "        // BUG: Diagnostic contains: Future.get",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> byDefault(Future<String> f) throws Exception {",
              "    switch (f.state()) {",
              "      case FAILED: return new CompletableFuture<>();",
              "      // BUG: Diagnostic contains: Future.get",
              "      default: return CompletableFuture.completedFuture(f.get());",
              "    }",
              "  }",
              "  CompletableFuture<String> stillRunning(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    if (f.state() == Future.State.RUNNING) { return CompletableFuture.completedFuture(f.join()); }",
              "    return f;",
              "  }",
              "  CompletableFuture<String> notSucceeded(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    if (f.state() != Future.State.SUCCESS) { return CompletableFuture.completedFuture(f.join()); }",
              "    return f;",
              "  }",
              "  CompletableFuture<String> anotherFuture(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    if (g.state() == Future.State.SUCCESS) { return CompletableFuture.completedFuture(f.join()); }",
              "    return f;",
              "  }",
              "  CompletableFuture<String> sameEntry(java.util.Map<String, CompletableFuture<String>> m, String k) {",
              "    if (m.get(k).state() == Future.State.SUCCESS) { return CompletableFuture.completedFuture(m.get(k).join()); }",
              "    return m.get(k).isDone() ? CompletableFuture.completedFuture(m.get(k).join()) : m.get(k);",
              "  }",
              "  CompletableFuture<String> anotherEntry(java.util.List<CompletableFuture<String>> fs) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    if (fs.get(0).state() == Future.State.SUCCESS) { return CompletableFuture.completedFuture(fs.get(1).join()); }",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return fs.get(0).isDone() ? CompletableFuture.completedFuture(fs.get(1).join()) : fs.get(0);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void stateCasesThatNoOtherStateFallsInto() {
      // A case group ending in a block, an if-else or a try that always leaves is not fallen through;
      // one ending in a labelled statement may be (a break to the label), so it is.
      helper
          .addSourceLines(
              "Cases.java",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.Future;",
              "class Cases {",
              "  CompletableFuture<String> block(Future<String> f, StringBuilder log) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING: {",
              "        log.append(\"running\");",
              "        return new CompletableFuture<>();",
              "      }",
              "      case SUCCESS:",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> ifElse(Future<String> f, boolean quiet) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING:",
              "        if (quiet) { return new CompletableFuture<>(); } else { throw new IllegalStateException(); }",
              "      case SUCCESS:",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> tryCatch(Future<String> f, Runnable r) throws Exception {",
              "    switch (f.state()) {",
              "      case CANCELLED:",
              "        try { r.run(); return new CompletableFuture<>(); } catch (RuntimeException e) { throw e; }",
              "      case RUNNING:",
              "        try { r.run(); } finally { return new CompletableFuture<>(); }",
              "      case SUCCESS:",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> doneStatesTogether(Future<String> f) throws Exception {",
              "    switch (f.state()) {",
              "      case FAILED:",
              "      case SUCCESS:",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> runningFallsIn(Future<String> f) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING:",
              "      case SUCCESS:",
              "        // BUG: Diagnostic contains: Future.get",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> ifWithoutElse(Future<String> f, boolean quiet) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING:",
              "        if (quiet) { return new CompletableFuture<>(); }",
              "      case SUCCESS:",
              "        // BUG: Diagnostic contains: Future.get",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> labelled(Future<String> f, boolean quiet) throws Exception {",
              "    switch (f.state()) {",
              "      case RUNNING:",
              "        out: { if (quiet) { break out; } return new CompletableFuture<>(); }",
              "      case SUCCESS:",
              "        // BUG: Diagnostic contains: Future.get",
              "        return CompletableFuture.completedFuture(f.get());",
              "      default:",
              "        return new CompletableFuture<>();",
              "    }",
              "  }",
              "  CompletableFuture<String> exitBothWays(CompletableFuture<String> f, boolean quiet) {",
              "    if (!f.isDone()) {",
              "      if (quiet) { return f; } else { throw new IllegalStateException(); }",
              "    }",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "  CompletableFuture<String> mayNotExit(CompletableFuture<String> f, boolean quiet) {",
              "    if (!f.isDone()) {",
              "      if (quiet) { return f; }",
              "    }",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helperWaitingOnAFutureItWasHandedDoesNotMakeItsCallersBlocking() {
      // Found on Guava and Caffeine: getIfReady(f)/getFutureValue(f) run only on completed futures.
      helper
          .addSourceLines(
              "Helpers.java",
              "import java.util.concurrent.CompletableFuture;",
              "class Helpers {",
              "  private CompletableFuture<String> pending = new CompletableFuture<>();",
              "  static <T> T valueOf(CompletableFuture<T> f) { return f.join(); }",
              "  String pendingValue() { var local = pending; return local.join(); }",
              "  String ownField() { try { return pending.get(); } catch (Exception e) { return null; } }",
              "  CompletableFuture<String> callers(CompletableFuture<String> in) {",
              "    return in.thenApply(s -> s + valueOf(in) + pendingValue() + ownField());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helperWaitingOnAFutureItObtainedItselfStillBlocksItsCallers() {
      helper
          .addSourceLines(
              "Fetch.java",
              "import java.util.concurrent.CompletableFuture;",
              "class Fetch {",
              "  static CompletableFuture<String> sendAsync() { return new CompletableFuture<>(); }",
              "  static String fetch() { return sendAsync().join(); }",
              "  static String fetchViaLocal() { CompletableFuture<String> f = sendAsync(); return f.join(); }",
              "  CompletableFuture<String> caller(CompletableFuture<String> in) {",
              "    // BUG: Diagnostic contains: fetch() (fetch() -> CompletableFuture.join)",
              "    return in.thenApply(s -> s + fetch());",
              "  }",
              "  CompletableFuture<String> viaLocal(CompletableFuture<String> in) {",
              "    // BUG: Diagnostic contains: fetchViaLocal() -> CompletableFuture.join",
              "    return in.thenApply(s -> s + fetchViaLocal());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void preconditionsThatTheFutureIsDone() {
      helper
          .addSourceLines(
              "Checked.java",
              "import static com.google.common.base.Preconditions.checkState;",
              "import java.util.concurrent.CompletableFuture;",
              "class Checked {",
              "  CompletableFuture<String> checked(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    checkState(f.isDone(), \"not done\");",
              "    String v = f.join();",
              "    assert g.isDone() : \"not done\";",
              "    return CompletableFuture.completedFuture(v + g.join());",
              "  }",
              "  CompletableFuture<String> otherFuture(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    checkState(g.isDone());",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "  CompletableFuture<String> checkedAfterTheWait(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    String v = f.join();",
              "    checkState(f.isDone());",
              "    return CompletableFuture.completedFuture(v);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void waitHandedToAHelperThatAppliesItOnlyToDoneFutures() {
      // Found on Lettuce: findRandomActiveConnection(candidates, CompletableFuture::join).
      helper
          .addSourceLines(
              "Pool.java",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.function.Function;",
              "class Pool {",
              "  static <T> T firstDone(List<CompletableFuture<String>> all, Function<CompletableFuture<String>, T> mapping) {",
              "    for (CompletableFuture<String> candidate : all) {",
              "      if (candidate.isDone() && !candidate.isCompletedExceptionally()) {",
              "        return mapping.apply(candidate);",
              "      }",
              "    }",
              "    return null;",
              "  }",
              "  static <T> T first(List<CompletableFuture<String>> all, Function<CompletableFuture<String>, T> mapping) {",
              "    return mapping.apply(all.get(0));",
              "  }",
              "  static <T> T handsItOn(List<CompletableFuture<String>> all, Function<CompletableFuture<String>, T> mapping) {",
              "    if (all.get(0).isDone()) { return mapping.apply(all.get(0)); }",
              "    return first(all, mapping);",
              "  }",
              "  CompletableFuture<String> pick(CompletableFuture<List<CompletableFuture<String>>> candidates) {",
              "    return candidates.thenApply(all -> firstDone(all, CompletableFuture::join));",
              "  }",
              "  CompletableFuture<String> unguarded(CompletableFuture<List<CompletableFuture<String>>> candidates) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return candidates.thenApply(all -> first(all, CompletableFuture::join));",
              "  }",
              "  <T> T overridable(List<CompletableFuture<String>> all, Function<CompletableFuture<String>, T> mapping) {",
              "    return all.get(0).isDone() ? mapping.apply(all.get(0)) : null;",
              "  }",
              "  CompletableFuture<String> maybeOverridden(CompletableFuture<List<CompletableFuture<String>>> candidates) {",
              "    // A subclass may override the helper: its body is not known to be the one that runs.",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return candidates.thenApply(all -> overridable(all, CompletableFuture::join));",
              "  }",
              "  CompletableFuture<String> escapes(CompletableFuture<List<CompletableFuture<String>>> candidates) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return candidates.thenApply(all -> handsItOn(all, CompletableFuture::join));",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void completedJustBeforeTheWait() {
      // After complete(x), completeExceptionally(e) or cancel(..) the future is done, whichever call won.
      helper
          .addSourceLines(
              "Fallback.java",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.Future;",
              "class Fallback {",
              "  CompletableFuture<String> orDefault(CompletableFuture<String> f) {",
              "    f.complete(\"default\");",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "  CompletableFuture<String> failed(CompletableFuture<String> f, Exception e) {",
              "    f.completeExceptionally(e);",
              "    try { return CompletableFuture.completedFuture(f.join()); }",
              "    catch (RuntimeException x) { return CompletableFuture.failedFuture(x); }",
              "  }",
              "  CompletableFuture<Object> cancelled(Future<Object> job) throws Exception {",
              "    job.cancel(true);",
              "    return CompletableFuture.completedFuture(job.get());",
              "  }",
              "  CompletableFuture<String> otherFuture(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    g.complete(\"default\");",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "  sealed interface Msg permits Ping, Reply {}",
              "  record Ping() implements Msg {}",
              "  record Reply(String id, CompletableFuture<String> f) implements Msg {}",
              "  CompletableFuture<String> guardedCase(Msg m) {",
              "    return switch (m) {",
              "      case Reply(var id, var f) when f.isDone() -> CompletableFuture.completedFuture(f.join());",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      case Reply(var id, var f) when !id.isEmpty() -> CompletableFuture.completedFuture(f.join());",
              "      case Reply r -> r.f();",
              "      case Ping p -> CompletableFuture.completedFuture(\"pong\");",
              "    };",
              "  }",
              "  CompletableFuture<String> completedAfterTheWait(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    String v = f.join();",
              "    f.complete(\"late\");",
              "    return CompletableFuture.completedFuture(v);",
              "  }",
              "  CompletableFuture<String> reassigned(CompletableFuture<String> x, java.util.List<CompletableFuture<String>> fs) {",
              "    x.cancel(true);",
              "    x = fs.get(1);",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(x.join());",
              "  }",
              "  CompletableFuture<String> anotherEntry(java.util.Map<String, CompletableFuture<String>> pending) {",
              "    pending.get(\"a\").complete(\"x\");",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(pending.get(\"b\").join());",
              "  }",
              "  CompletableFuture<String> onlyWhenItWins(CompletableFuture<String> f, boolean b) {",
              "    if (b) { f.complete(\"x\"); }",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return CompletableFuture.completedFuture(f.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void readinessQueriesGuardTheWait() {
      // Found on Caffeine: if (Async.isReady(future)) { ... future.join() ... }
      helper
          .addSourceLines(
              "Ready.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "class Ready {",
              "  static boolean isReady(CompletableFuture<?> f) { return f != null && f.isDone(); }",
              "  static boolean isSlow(CompletableFuture<?> f) { return true; }",
              "  @NonBlocking String guarded(CompletableFuture<String> f) {",
              "    if (isReady(f)) { return f.join(); }",
              "    if (f.isCompletedExceptionally()) { return f.join(); }",
              "    return null;",
              "  }",
              "  @NonBlocking String notAGuard(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    if (isSlow(f)) {",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      return f.join();",
              "    }",
              "    if (isReady(g)) {",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      return f.join();",
              "    }",
              "    return null;",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void blockOnAScalarCallableIsImmediate() {
      // Found on reactor-core: a ScalarCallable's value is known at assembly time.
      helper
          .addSourceLines(
              "Scalar.java",
              "import reactor.core.Fuseable;",
              "import reactor.core.publisher.Mono;",
              "abstract class Scalar<T> extends Mono<T> {",
              "  Mono<T> orDefault(T fallback) {",
              "    if (this instanceof Fuseable.ScalarCallable) {",
              "      T v = block();",
              "      return Mono.just(v == null ? fallback : v);",
              "    }",
              "    return this;",
              "  }",
              "  Mono<T> unguarded(T fallback) {",
              "    // BUG: Diagnostic contains: Mono.block blocks the current thread in method unguarded",
              "    T v = block();",
              "    return Mono.just(v == null ? fallback : v);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void joinOnFuturesKnownToBeComplete() {
      helper
          .addSourceLines(
              "Done.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "class Done {",
              "  @NonBlocking String guarded(CompletableFuture<String> f) {",
              "    if (f.isDone()) { return f.join(); }",
              "    return f.isDone() && f.join() != null ? f.getNow(null) : null;",
              "  }",
              "  @NonBlocking String earlyExit(CompletableFuture<String> f) {",
              "    if (!f.isDone()) { return null; }",
              "    return f.join();",
              "  }",
              "  @NonBlocking String completed() {",
              "    return CompletableFuture.completedFuture(\"x\").join();",
              "  }",
              "  CompletableFuture<String> allOf(CompletableFuture<String> a, CompletableFuture<String> b,",
              "      List<CompletableFuture<String>> all) {",
              "    CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))",
              "        .thenApply(v -> all.stream().map(CompletableFuture::join).toList());",
              "    return CompletableFuture.allOf(a, b).thenApply(v -> a.join() + b.join());",
              "  }",
              "  void ownCallback(CompletableFuture<String> f) {",
              "    f.whenComplete((s, e) -> f.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void moreWaysToKnowAFutureIsComplete() {
      helper
          .addSourceLines(
              "io/netty/util/concurrent/Future.java",
              "package io.netty.util.concurrent;",
              "public interface Future<V> extends java.util.concurrent.Future<V> {",
              "  boolean isSuccess();",
              "}")
          .addSourceLines(
              "More.java",
              "import com.google.common.util.concurrent.*;",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "class More {",
              "  @NonBlocking String ternary(CompletableFuture<String> f) {",
              "    return f.isDone() ? f.join() : \"pending\";",
              "  }",
              "  @NonBlocking String exits(CompletableFuture<String> f, List<CompletableFuture<String>> all) {",
              "    for (CompletableFuture<String> each : all) {",
              "      if (!each.isDone()) { continue; }",
              "      each.join();",
              "    }",
              "    if (!f.isDone()) { throw new IllegalStateException(); }",
              "    return f.join();",
              "  }",
              "  @NonBlocking String guava(ListenableFuture<String> lf, ListenableFuture<String> other,",
              "      java.util.concurrent.Executor pool) {",
              "    Futures.whenAllSucceed(lf).call(() -> { Thread.sleep(1); return 1; }, pool);",
              "    if (lf.isDone()) { Futures.getUnchecked(lf); }",
              "    Futures.getUnchecked(Futures.immediateFuture(\"x\"));",
              "    Futures.whenAllComplete(lf, other).call(() -> Uninterruptibles.getUninterruptibly(lf),",
              "        MoreExecutors.directExecutor());",
              "    Futures.whenAllSucceed(lf).call(",
              "        // BUG: Diagnostic contains: Thread.sleep blocks the current thread in a call callback run by directExecutor()",
              "        () -> { Thread.sleep(1); return 1; }, MoreExecutors.directExecutor());",
              "    return null;",
              "  }",
              "  @NonBlocking Object netty(io.netty.util.concurrent.Future<String> nf) throws Exception {",
              "    return nf.isSuccess() ? nf.get() : null;",
              "  }",
              "  @NonBlocking String resultNow(CompletableFuture<String> f) {",
              "    return f.resultNow();",
              "  }",
              "  // An exit unless done inside a block, a synchronized block, a try without catches, a label.",
              "  @NonBlocking String wrappedGuards(CompletableFuture<String> f1, CompletableFuture<String> f2,",
              "      CompletableFuture<String> f3, CompletableFuture<String> f4, Object lock,",
              "      java.util.concurrent.locks.Lock rw) {",
              "    synchronized (lock) { if (!f1.isDone()) { return null; } }",
              "    rw.lock();",
              "    try { if (!f2.isDone()) return null; } finally { rw.unlock(); }",
              "    { if (!f3.isDone()) return null; }",
              "    guard: if (!f4.isDone()) return null;",
              "    return f1.join() + f2.join() + f3.join() + f4.join();",
              "  }",
              "  @NonBlocking String wrappedGuardsThatMayBeLeft(CompletableFuture<String> f, boolean early) {",
              "    check: { if (early) break check; if (!f.isDone()) return null; }",
              "    // BUG: Diagnostic contains: CompletableFuture.join blocks the current thread",
              "    String a = f.join();",
              "    try { if (!f.isDone()) return null; } catch (RuntimeException e) { }",
              "    // BUG: Diagnostic contains: CompletableFuture.join blocks the current thread",
              "    return a + f.join();",
              "  }",
              "  // Made complete and held in a local never reassigned: still complete.",
              "  @NonBlocking CompletableFuture<String> madeCompleteInALocal(CompletableFuture<String> in,",
              "      CompletableFuture<String> other) {",
              "    CompletableFuture<String> fallback = CompletableFuture.completedFuture(\"x\");",
              "    ListenableFuture<String> cached = Futures.immediateFuture(\"y\");",
              "    String both = fallback.join() + Futures.getUnchecked(cached);",
              "    CompletableFuture<String> reassigned = CompletableFuture.completedFuture(\"x\");",
              "    reassigned = other;",
              "    // BUG: Diagnostic contains: CompletableFuture.join blocks the current thread",
              "    reassigned.join();",
              "    return in.thenApply(v -> v + both + fallback.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void helpersReturningAllOfAndGuavaStaticStagesOfCombinedFutures() {
      helper
          .addSourceLines(
              "FutureUtil.java",
              "import java.util.*;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.function.Function;",
              "import java.util.stream.Collectors;",
              "final class FutureUtil {",
              "  static CompletableFuture<Void> waitForAll(Collection<? extends CompletableFuture<?>> fs) {",
              "    return CompletableFuture.allOf(fs.toArray(new CompletableFuture[0]));",
              "  }",
              "  static <T, R> CompletableFuture<R> waitForAll(",
              "      List<CompletableFuture<T>> futures, Function<List<T>, R> fn) {",
              "    return waitForAll(futures).thenApply(",
              "        v -> fn.apply(futures.stream().map(CompletableFuture::join).collect(Collectors.toList())));",
              "  }",
              "  static CompletableFuture<Void> sometimesCombined(List<CompletableFuture<String>> fs) {",
              "    if (fs.isEmpty()) { return new CompletableFuture<>(); }",
              "    return CompletableFuture.allOf(fs.toArray(new CompletableFuture[0]));",
              "  }",
              "  static CompletableFuture<Void> references(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    CompletableFuture.allOf(a, b).thenRun(a::join);",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return a.thenRun(b::join);",
              "  }",
              "  static CompletableFuture<Integer> notCombined(List<CompletableFuture<String>> fs) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return sometimesCombined(fs).thenApply(v -> fs.get(0).join().length());",
              "  }",
              "}")
          .addSourceLines(
              "Guava.java",
              "import static com.google.common.util.concurrent.MoreExecutors.directExecutor;",
              "import com.google.common.util.concurrent.*;",
              "import java.util.List;",
              "class Guava {",
              "  ListenableFuture<String> both(ListenableFuture<String> a, ListenableFuture<String> b) {",
              "    return Futures.transform(Futures.allAsList(a, b),",
              "        ignored -> Futures.getUnchecked(a) + Futures.getUnchecked(b), directExecutor());",
              "  }",
              "  ListenableFuture<String> wrapped(ListenableFuture<String> a, ListenableFuture<String> b) {",
              "    return FluentFuture.from(Futures.allAsList(a, b)).transform(l -> Futures.getUnchecked(a), directExecutor());",
              "  }",
              "  ListenableFuture<String> failFast(ListenableFuture<String> a, ListenableFuture<String> b) {",
              "    Futures.catching(Futures.allAsList(a, b), Exception.class,",
              "        // BUG: Diagnostic contains: Futures.getUnchecked",
              "        e -> { Futures.getUnchecked(b); return null; }, directExecutor());",
              "    return a;",
              "  }",
              "  ListenableFuture<String> waitsForAll(ListenableFuture<String> a, ListenableFuture<String> b) {",
              "    Futures.catching(Futures.successfulAsList(a, b), Exception.class,",
              "        e -> { Futures.getUnchecked(b); return null; }, directExecutor());",
              "    return a;",
              "  }",
              "  ListenableFuture<String> notCombined(ListenableFuture<String> a, ListenableFuture<String> b) {",
              "    return Futures.transform(a,",
              "        // BUG: Diagnostic contains: Futures.getUnchecked",
              "        ignored -> Futures.getUnchecked(b), directExecutor());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void allOfKeptInALocalAndStagesThatWaitForBoth() {
      helper
          .addSourceLines(
              "Combine.java",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "class Combine {",
              "  CompletableFuture<List<String>> allAsList(List<CompletableFuture<String>> futures) {",
              "    CompletableFuture<Void> allDone = CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));",
              "    return allDone.thenApply(v -> futures.stream().map(CompletableFuture::join).toList());",
              "  }",
              "  CompletableFuture<String> viaTwoLocals(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    final CompletableFuture<Void> ready = CompletableFuture.allOf(a, b);",
              "    var same = ready;",
              "    return same.thenApply(v -> a.join() + b.join());",
              "  }",
              "  CompletableFuture<String> both(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    a.runAfterBoth(b, () -> System.out.println(a.join() + b.join()));",
              "    return a.thenCombine(b, (x, y) -> x + b.join());",
              "  }",
              "  CompletableFuture<String> notAnInput(CompletableFuture<String> a, CompletableFuture<String> b,",
              "      CompletableFuture<String> c) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    CompletableFuture.allOf(a, b).thenApply(v -> a.join() + c.join());",
              "    CompletableFuture<Void> ready = CompletableFuture.allOf(a, b);",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return ready.thenApply(v -> b.join() + c.join());",
              "  }",
              "  CompletableFuture<String> field;",
              "  CompletableFuture<String> untraceable(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    List<CompletableFuture<String>> both = List.of(a, b);",
              "    CompletableFuture.allOf(a, b).thenApply(v -> both.stream().map(CompletableFuture::join).toList());",
              "    CompletableFuture.allOf(a, b).thenApply(v -> { for (var f : List.of(a, b)) f.join(); return v; });",
              "    CompletableFuture.allOf(a, field).thenApply(v -> field.join());",
              "    CompletableFuture<String> later = a.thenCompose(x -> field);",
              "    return CompletableFuture.allOf(later, b).thenApply(v -> field.join());",
              "  }",
              "  CompletableFuture<String> anInputUnderAnotherName(CompletableFuture<String> a, CompletableFuture<String> b,",
              "      CompletableFuture<String> c, boolean flag) {",
              "    CompletableFuture<String> alias = flag ? a : b;",
              "    CompletableFuture.allOf(a, b).thenApply(v -> alias.join());",
              "    CompletableFuture<String> cast = (CompletableFuture<String>) c;",
              "    CompletableFuture.allOf(cast, b).thenApply(v -> c.join());",
              "    CompletableFuture<String> composed = a.thenCompose(x -> c);",
              "    CompletableFuture.allOf(composed, b).thenApply(v -> c.join());",
              "    CompletableFuture<String> x = a;",
              "    CompletableFuture<String> aliasOfAlias = x;",
              "    CompletableFuture.allOf(a, b).thenApply(v -> aliasOfAlias.join());",
              "    CompletableFuture<String> done = CompletableFuture.completedFuture(\"x\");",
              "    CompletableFuture.allOf(a, b).thenApply(v -> done.join());",
              "    CompletableFuture.allOf(a, b).thenCombine(c, (v, y) -> y).thenApply(r -> c.join());",
              "    CompletableFuture.allOf(a, b).thenCompose(v -> c).thenApply(r -> c.join());",
              "    CompletableFuture<String> prefs = c.thenCompose(y -> b);",
              "    CompletableFuture<String> page = a.thenCombine(prefs, (p, q) -> p);",
              "    return CompletableFuture.allOf(page, b).thenApply(v -> c.join());",
              "  }",
              "  com.google.common.util.concurrent.ListenableFuture<String> guava(",
              "      com.google.common.util.concurrent.ListenableFuture<String> a,",
              "      com.google.common.util.concurrent.ListenableFuture<String> extra) {",
              "    return com.google.common.util.concurrent.Futures.whenAllSucceed(a).call(",
              "        // BUG: Diagnostic contains: Futures.getUnchecked",
              "        () -> com.google.common.util.concurrent.Futures.getUnchecked(extra),",
              "        com.google.common.util.concurrent.MoreExecutors.directExecutor());",
              "  }",
              "  CompletableFuture<String> mayBeAnInput(CompletableFuture<String>[] all, List<CompletableFuture<String>> list,",
              "      CompletableFuture<String> c, CompletableFuture<String> d) {",
              "    CompletableFuture.allOf(all).thenApply(v -> c.join());",
              "    CompletableFuture<String> madeFromC = c.thenApply(x -> x);",
              "    CompletableFuture.allOf(madeFromC, d).thenApply(v -> c.join());",
              "    CompletableFuture<String> combinedWithC = d.thenCombine(c, (x, y) -> x);",
              "    CompletableFuture.allOf(combinedWithC).thenApply(v -> c.join());",
              "    CompletableFuture<Void> inner = CompletableFuture.allOf(c, d);",
              "    CompletableFuture.allOf(inner, d).thenApply(v -> c.join());",
              "    return CompletableFuture.allOf(list.toArray(new CompletableFuture[0])).thenApply(v -> c.join());",
              "  }",
              "  CompletableFuture<String> reassigned(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    CompletableFuture<Void> ready = CompletableFuture.allOf(a);",
              "    ready = a.thenAccept(x -> {});",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return ready.thenApply(v -> b.join());",
              "  }",
              "  CompletableFuture<String> notAllOf(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    CompletableFuture<String> first = a.thenApply(x -> x);",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return first.thenApply(v -> b.join());",
              "  }",
              "  CompletableFuture<String> either(CompletableFuture<String> a, CompletableFuture<String> b) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return a.applyToEither(b, x -> x + b.join());",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void anonymousClassCallbacksOfTheSameFuture() {
      helper
          .addSourceLines(
              "Anonymous.java",
              "import com.google.common.util.concurrent.*;",
              "import java.util.concurrent.*;",
              "import java.util.function.BiConsumer;",
              "class Anonymous {",
              "  void listener(ListenableFuture<String> f) {",
              "    f.addListener(new Runnable() {",
              "      @Override public void run() {",
              "        try { System.out.println(f.get()); } catch (Exception e) { throw new RuntimeException(e); }",
              "      }",
              "    }, MoreExecutors.directExecutor());",
              "  }",
              "  void ownStage(CompletableFuture<String> f, CompletableFuture<String> a,",
              "      CompletableFuture<String> b) {",
              "    f.whenComplete(new BiConsumer<String, Throwable>() {",
              "      @Override public void accept(String s, Throwable e) { f.join(); }",
              "    });",
              "    CompletableFuture.allOf(a, b).thenRun(new Runnable() {",
              "      @Override public void run() { System.out.println(a.join() + b.join()); }",
              "    });",
              "  }",
              "  void guardOutsideTheAnonymousClass(CompletableFuture<String> f) {",
              "    if (f.isDone()) {",
              "      f.thenRun(new Runnable() { @Override public void run() { f.join(); } });",
              "    }",
              "  }",
              "  void otherFuture(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    f.whenComplete(new BiConsumer<String, Throwable>() {",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      @Override public void accept(String s, Throwable e) { g.join(); }",
              "    });",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void unguardedJoinIsStillFlagged() {
      helper
          .addSourceLines(
              "NotDone.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "class NotDone {",
              "  @NonBlocking String wrongFuture(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    if (g.isDone()) { return f.join(); }",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    if (!f.isDone()) { return g.join(); }",
              "    return null;",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void guardsReasonedWithTheirNegation() {
      helper
          .addSourceLines(
              "Negated.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "class Negated {",
              "  private volatile CompletableFuture<String> current;",
              "  CompletableFuture<String> nullSafeEarlyExit() {",
              "    CompletableFuture<String> f = current;",
              "    if (f == null || !f.isDone()) { return refresh(); }",
              "    return f.join().isEmpty() ? refresh() : f;",
              "  }",
              "  @NonBlocking String elseOfNotDone(CompletableFuture<String> f) {",
              "    if (!f.isDone()) { return null; } else { return f.join(); }",
              "  }",
              "  @NonBlocking String ternaries(CompletableFuture<String> f) {",
              "    String a = !f.isDone() ? \"pending\" : f.join();",
              "    return !(f.isDone()) || f.join().isEmpty() ? a : f.getNow(null);",
              "  }",
              "  @NonBlocking String exitInElse(CompletableFuture<String> f) {",
              "    if (f.isDone()) { current = f; } else { throw new IllegalStateException(); }",
              "    return f.join();",
              "  }",
              "  @NonBlocking String bothDone(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    if (!(f.isDone() && g.isDone())) { return null; }",
              "    return f.join() + g.join();",
              "  }",
              "  CompletableFuture<String> refresh() { return new CompletableFuture<>(); }",
              "}")
          .doTest();
    }

    @Test
    void streamsFilteredToDoneFutures() {
      helper
          .addSourceLines(
              "Streams.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.List;",
              "import java.util.concurrent.CompletableFuture;",
              "import java.util.concurrent.Future;",
              "class Streams {",
              "  @NonBlocking List<String> doneOnes(List<CompletableFuture<String>> fs) {",
              "    return fs.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();",
              "  }",
              "  @NonBlocking long lambdaFilter(List<CompletableFuture<String>> fs) {",
              "    return fs.stream()",
              "        .filter(f -> f.isDone() && !f.isCompletedExceptionally())",
              "        .limit(3)",
              "        .map(CompletableFuture::join)",
              "        .count();",
              "  }",
              "  @NonBlocking void stillFlagged(List<CompletableFuture<String>> fs) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    fs.stream().map(CompletableFuture::join).toList();",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    fs.stream().filter(f -> f != null).map(CompletableFuture::join).toList();",
              "    fs.stream().filter(CompletableFuture::isDone).map(f -> f.thenApply(s -> s))",
              "        // BUG: Diagnostic contains: CompletableFuture.join",
              "        .map(CompletableFuture::join).toList();",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    fs.stream().filter(f -> f.isDone() || f.isCompletedExceptionally() == false).map(CompletableFuture::join).toList();",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void guardsThatDoNotImplyCompletionStayFlagged() {
      helper
          .addSourceLines(
              "NotImplied.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.concurrent.CompletableFuture;",
              "class NotImplied {",
              "  @NonBlocking String orGuard(CompletableFuture<String> f, boolean cached) {",
              "    if (cached || f.isDone()) {",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      return f.join();",
              "    }",
              "    return null;",
              "  }",
              "  @NonBlocking String nullOrDoneExit(CompletableFuture<String> f) {",
              "    if (f == null || f.isDone()) { return null; }",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return f.join();",
              "  }",
              "  @NonBlocking String elseOfDone(CompletableFuture<String> f) {",
              "    if (f.isDone()) { return null; } else {",
              "      // BUG: Diagnostic contains: CompletableFuture.join",
              "      return f.join();",
              "    }",
              "  }",
              "  @NonBlocking String ternaryOtherBranch(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return f.isDone() ? \"done\" : f.join();",
              "  }",
              "  @NonBlocking String rightOfOr(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return f.isDone() || f.join().isEmpty() ? \"a\" : \"b\";",
              "  }",
              "  @NonBlocking String eitherDone(CompletableFuture<String> f, CompletableFuture<String> g) {",
              "    if (!(f.isDone() || g.isDone())) { return null; }",
              "    // BUG: Diagnostic contains: CompletableFuture.join",
              "    return f.join();",
              "  }",
              "}")
          .doTest();
    }
  }

  @Nested
  class Suppression {
    @Test
    void suppressWarningsAndAllowBlocking() {
      helper
          .addSourceLines(
              "Sup.java",
              "import dev.asyncguard.annotations.*;",
              "class Sup {",
              "  @SuppressWarnings(\"BlockingCallInAsync\")",
              "  @NonBlocking void a() throws Exception { Thread.sleep(1); }",
              "  @AllowBlocking(\"startup only\")",
              "  @NonBlocking void b() throws Exception { Thread.sleep(1); }",
              "  @AllowBlocking(\"whole type reviewed\")",
              "  @NonBlocking static class Reviewed {",
              "    void c() throws Exception { Thread.sleep(1); }",
              "  }",
              "  @Blocking java.util.concurrent.CompletableFuture<String> declaredBlocking()",
              "      throws Exception {",
              "    Thread.sleep(1);",
              "    return null;",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void allowBlockingHoldsWhenSuppressionAnnotationsAreIgnored() {
      helper
          .setArgs("-XepIgnoreSuppressionAnnotations")
          .addSourceLines(
              "Sup.java",
              "import dev.asyncguard.annotations.*;",
              "class Sup {",
              "  @AllowBlocking(\"startup only\")",
              "  @NonBlocking void b() throws Exception { Thread.sleep(1); }",
              "  @NonBlocking void c() throws Exception {",
              "    // BUG: Diagnostic contains: Thread.sleep blocks the current thread",
              "    Thread.sleep(1);",
              "  }",
              "}")
          .doTest();
    }

    @Test
    void allowBlockingCoversWhatTheDeclarationEncloses() {
      helper
          .addSourceLines(
              "Reviewed.java",
              "import dev.asyncguard.annotations.*;",
              "import java.util.concurrent.*;",
              "import java.util.function.*;",
              "class Reviewed {",
              "  static void sleep() {",
              "    try { Thread.sleep(1); } catch (InterruptedException e) {}",
              "  }",
              "  @AllowBlocking(\"callbacks reviewed\")",
              "  void callbacks(CompletableFuture<String> f) {",
              "    f.thenAccept(s -> sleep());",
              "    f.thenRun(Reviewed::sleep);",
              "    f.thenRun(new Runnable() {",
              "      @Override public void run() { sleep(); }",
              "    });",
              "  }",
              "  void notReviewed(CompletableFuture<String> f) {",
              "    // BUG: Diagnostic contains: sleep",
              "    f.thenAccept(s -> sleep());",
              "  }",
              "  @AllowBlocking(\"type reviewed\")",
              "  static class WholeType {",
              "    final Consumer<CompletableFuture<String>> onDone =",
              "        f -> f.thenAccept(s -> sleep());",
              "    static class Nested {",
              "      CompletableFuture<String> async() { sleep(); return null; }",
              "    }",
              "  }",
              "  @AllowBlocking(\"constructor reviewed\")",
              "  Reviewed(CompletableFuture<String> f) {",
              "    f.thenAccept(s -> sleep());",
              "  }",
              "}")
          .doTest();
    }
  }

  @Nested
  class Syntax {
    @Test
    void modernSyntaxDoesNotCrash() {
      helper
          .addSourceLines(
              "Modern.java",
              "import dev.asyncguard.annotations.NonBlocking;",
              "import java.util.*;",
              "import java.util.concurrent.*;",
              "import java.util.function.*;",
              "@NonBlocking",
              "class Modern {",
              "  sealed interface Shape permits Circle, Square {}",
              "  record Circle(double r) implements Shape {}",
              "  record Square(double s) implements Shape {",
              "    Square {",
              "      if (s < 0) Thread.onSpinWait();",
              "    }",
              "  }",
              "  enum Mode { A { void go() {} }, B; void go() {} }",
              "  static double area(Shape shape) {",
              "    return switch (shape) {",
              "      case Circle c when c.r() > 0 -> Math.PI * c.r() * c.r();",
              "      case Circle c -> 0;",
              "      case Square(double s) -> s * s;",
              "    };",
              "  }",
              "  <T extends Comparable<T>> T max(List<? extends T> xs) { return Collections.max(xs); }",
              "  @SuppressWarnings({\"rawtypes\", \"unchecked\"})",
              "  void raw(List raw, CompletableFuture f) {",
              "    raw.add(f);",
              "    Function<Integer, Function<Integer, Supplier<CompletableFuture<Integer>>>> nested =",
              "        a -> b -> () -> CompletableFuture.supplyAsync(() -> a + b);",
              "    var x = nested.apply(1).apply(2).get();",
              "    Object o = x;",
              "    if (o instanceof CompletableFuture<?> cf && cf.isDone()) { cf.join(); }",
              "    new Object() { void anon() throws Exception { Thread.sleep(1); } }.hashCode();",
              "    int[] arr = {1, 2};",
              "    for (int i : arr) { label: { break label; } }",
              "  }",
              "}")
          .doTest();
    }
  }
}
