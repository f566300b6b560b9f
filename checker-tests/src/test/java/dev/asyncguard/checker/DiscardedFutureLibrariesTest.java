package dev.asyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Future-like types of libraries matched by name (stubs), and their receiver-returning methods. */
class DiscardedFutureLibrariesTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DiscardedFuture.class, getClass())
          .addSourceLines(
              "io/netty/util/concurrent/Future.java",
              "package io.netty.util.concurrent;",
              "public interface Future<V> extends java.util.concurrent.Future<V> {",
              "  Future<V> addListener(Object listener);",
              "  Future<V> addListeners(Object... listeners);",
              "  Future<V> removeListener(Object listener);",
              "  Future<V> removeListeners(Object... listeners);",
              "  Future<V> sync();",
              "  Future<V> syncUninterruptibly();",
              "  Future<V> await();",
              "  Future<V> awaitUninterruptibly();",
              "}")
          .addSourceLines(
              "io/netty/util/concurrent/Promise.java",
              "package io.netty.util.concurrent;",
              "public interface Promise<V> extends Future<V> {",
              "  Promise<V> setSuccess(V result);",
              "  Promise<V> setFailure(Throwable cause);",
              "}")
          .addSourceLines(
              "io/vertx/core/Future.java",
              "package io.vertx.core;",
              "public interface Future<T> {",
              "  Future<T> onComplete(Object handler);",
              "  Future<T> onFailure(Object handler);",
              "  Future<T> onSuccess(Object handler);",
              "  <U> Future<U> map(java.util.function.Function<T, U> f);",
              "  <V> Future<V> map(V value);",
              "  Future<T> otherwise(T value);",
              "  Future<T> otherwise(java.util.function.Function<Throwable, T> f);",
              "  Future<T> otherwiseEmpty();",
              "}")
          .addSourceLines(
              "io/smallrye/mutiny/Uni.java",
              "package io.smallrye.mutiny;",
              "public interface Uni<T> { Uni<T> onItem(); }")
          .addSourceLines(
              "com/acme/Promise.java", "package com.acme;", "public interface Promise<T> {}");

  @Test
  void identification() {
    helper
        .setArgs("-XepOpt:AsyncGuard:FutureTypes=com.acme.Promise,com.acme.Stream")
        .addSourceLines(
            "com/acme/Stream.java",
            "package com.acme;",
            "public interface Stream<T> extends org.reactivestreams.Publisher<T> {}")
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.*;",
            "import io.reactivex.rxjava3.core.*;",
            "class Test {",
            "  void run(io.vertx.core.Future<String> vx, io.smallrye.mutiny.Uni<String> uni,",
            "      Single<String> single, Completable done, ListeningExecutorService pool,",
            "      java.util.function.Supplier<com.acme.Promise<String>> promises,",
            "      java.util.function.Supplier<com.acme.Stream<String>> streams,",
            "      ListenableFuture<String> lf) {",
            "    // BUG: Diagnostic contains: returns a Future that is dropped",
            "    vx.map(s -> s);",
            "    // BUG: Diagnostic contains: cold publisher",
            "    uni.onItem();",
            "    // BUG: Diagnostic contains: cold publisher",
            "    single.map(s -> s);",
            "    // BUG: Diagnostic contains: returns a Completable that is dropped",
            "    done.andThen(done);",
            "    // BUG: Diagnostic contains: returns a ListenableFuture that is dropped",
            "    pool.submit(() -> \"x\");",
            "    // BUG: Diagnostic contains: returns a Promise that is dropped",
            "    promises.get();",
            "    // BUG: Diagnostic contains: returns a Stream that is dropped here. It is a cold publisher",
            "    streams.get();",
            "    // BUG: Diagnostic contains: Use transformAsync instead of transform",
            "    Futures.transform(lf, s -> Futures.immediateFuture(s), MoreExecutors.directExecutor());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void everyBuiltInFamilyOfColdTypes() {
    helper
        .addSourceLines(
            "io/reactivex/Single.java",
            "package io.reactivex;",
            "public abstract class Single<T> implements SingleSource<T> {",
            "  public abstract Single<T> cache();",
            "}")
        .addSourceLines("io/reactivex/SingleSource.java", "package io.reactivex;", "public interface SingleSource<T> {}")
        .addSourceLines(
            "io/smallrye/mutiny/Multi.java",
            "package io.smallrye.mutiny;",
            "public interface Multi<T> { Multi<T> select(); }")
        .addSourceLines(
            "Test.java",
            "import io.reactivex.rxjava3.core.*;",
            "import java.util.concurrent.Flow;",
            "import java.util.function.Supplier;",
            "class Test {",
            "  void run(io.reactivex.Single<String> single2, io.smallrye.mutiny.Multi<String> multi,",
            "      Flowable<String> flowable, Maybe<String> maybe, Observable<String> observable,",
            "      Supplier<Flow.Publisher<String>> jdk) {",
            "    // BUG: Diagnostic contains: returns a Single that is dropped here. It is a cold publisher",
            "    single2.cache();",
            "    // BUG: Diagnostic contains: returns a Multi that is dropped here. It is a cold publisher",
            "    multi.select();",
            "    // BUG: Diagnostic contains: returns a Flowable that is dropped here. It is a cold publisher",
            "    flowable.map(s -> s);",
            "    // BUG: Diagnostic contains: returns a Maybe that is dropped here. It is a cold publisher",
            "    maybe.map(s -> s);",
            "    // BUG: Diagnostic contains: returns an Observable that is dropped here. It is a cold publisher",
            "    observable.map(s -> s);",
            "    // BUG: Diagnostic contains: returns a Publisher that is dropped here. It is a cold publisher",
            "    jdk.get();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void receiverReturningAndFailureObservingMethods() {
    helper
        .addSourceLines(
            "Ok.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Ok {",
            "  void run(io.netty.util.concurrent.Future<String> nf, io.vertx.core.Future<String> vx,",
            "      io.netty.util.concurrent.Promise<String> promise, CompletableFuture<String> f,",
            "      com.google.common.util.concurrent.FluentFuture<String> fluent,",
            "      java.util.concurrent.Executor executor) throws Exception {",
            "    nf.addListener(null);",
            "    nf.addListeners(null, null);",
            "    nf.removeListener(null);",
            "    nf.removeListeners(null, null);",
            "    nf.sync();",
            "    nf.syncUninterruptibly();",
            "    nf.await();",
            "    nf.awaitUninterruptibly();",
            "    promise.setSuccess(\"x\");",
            "    promise.setFailure(new RuntimeException());",
            "    vx.onComplete(null);",
            "    vx.onSuccess(null);",
            "    vx.onFailure(null);",
            "    f.completeAsync(() -> \"x\");",
            "    f.exceptionallyCompose(e -> CompletableFuture.completedFuture(\"y\"));",
            "    f.whenCompleteAsync((s, e) -> {});",
            "    f.thenApply(s -> s).handleAsync((s, e) -> s);",
            "    f.thenApply(s -> s).exceptionallyAsync(e -> \"z\");",
            "    f.thenApply(s -> s).exceptionallyComposeAsync(e -> f);",
            "    fluent.catching(RuntimeException.class, e -> \"x\", executor);",
            "    fluent.catchingAsync(RuntimeException.class, e -> fluent, executor);",
            "    com.google.common.util.concurrent.Futures.catching(",
            "        fluent, RuntimeException.class, e -> \"x\", executor);",
            "  }",
            "}")
        .doTest();
  }

  /** Netty's ChannelFuture and ChannelPromise, as Netty declares them. */
  private static CompilationTestHelper withChannelFutures(CompilationTestHelper helper) {
    return helper
        .addSourceLines(
            "io/netty/channel/ChannelFuture.java",
            "package io.netty.channel;",
            "public interface ChannelFuture extends io.netty.util.concurrent.Future<Void> {}")
        .addSourceLines(
            "io/netty/channel/ChannelPromise.java",
            "package io.netty.channel;",
            "public interface ChannelPromise extends ChannelFuture, io.netty.util.concurrent.Promise<Void> {",
            "  @Override ChannelPromise addListener(Object listener);",
            "}");
  }

  /** Vert.x's AsyncResult and Handler, which hand a call's outcome, failure included, to code. */
  private static CompilationTestHelper withAsyncResultHandlers(CompilationTestHelper helper) {
    return helper
        .addSourceLines(
            "io/vertx/core/AsyncResult.java",
            "package io.vertx.core;",
            "public interface AsyncResult<T> { Throwable cause(); boolean failed(); }")
        .addSourceLines(
            "io/vertx/core/Handler.java", "package io.vertx.core;", "public interface Handler<E> { void handle(E e); }");
  }

  @Test
  void nettyClosingShutdownAndGivenPromises() {
    // Found on async-http-client: channel.close() and writeAndFlush(msg, channel.voidPromise()).
    withChannelFutures(helper)
        .addSourceLines(
            "io/netty/channel/ChannelOutboundInvoker.java",
            "package io.netty.channel;",
            "public interface ChannelOutboundInvoker {",
            "  ChannelFuture close();",
            "  ChannelFuture disconnect();",
            "  ChannelFuture deregister();",
            "  ChannelFuture write(Object msg);",
            "  ChannelFuture writeAndFlush(Object msg);",
            "  ChannelFuture writeAndFlush(Object msg, ChannelPromise promise);",
            "}")
        .addSourceLines(
            "io/netty/channel/Channel.java",
            "package io.netty.channel;",
            "public interface Channel extends ChannelOutboundInvoker {",
            "  ChannelPromise voidPromise();",
            "  ChannelPromise newPromise();",
            "}")
        .addSourceLines(
            "io/netty/channel/ChannelHandlerContext.java",
            "package io.netty.channel;",
            "public interface ChannelHandlerContext extends ChannelOutboundInvoker {}")
        .addSourceLines(
            "io/netty/util/concurrent/EventExecutorGroup.java",
            "package io.netty.util.concurrent;",
            "public interface EventExecutorGroup { Future<?> shutdownGracefully(); }")
        .addSourceLines(
            "Handler.java",
            "import io.netty.channel.*;",
            "class Handler {",
            "  void run(Channel channel, ChannelPromise promise, ChannelHandlerContext ctx,",
            "      io.netty.util.concurrent.EventExecutorGroup group, Object fireExceptionOnFailure,",
            "      java.util.concurrent.ScheduledExecutorService ses, java.util.logging.Logger log) {",
            "    // A promise made for the call with a listener attached: the listener gets the failure.",
            "    channel.writeAndFlush(\"x\", channel.newPromise().addListener(fireExceptionOnFailure));",
            "    // A task that logs and closes: the close reports through its own future.",
            "    ses.schedule(() -> { log.info(\"idle\"); ctx.close(); }, 1, java.util.concurrent.TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> { log.info(\"idle\"); ctx.write(\"bye\"); }, 1, java.util.concurrent.TimeUnit.SECONDS);",
            "    // A wait rethrows the failure it waits for: not a quiet statement, though its future may be dropped.",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> { log.info(\"waiting\"); promise.syncUninterruptibly(); }, 1, java.util.concurrent.TimeUnit.SECONDS);",
            "    // A state query in a task cannot throw.",
            "    ses.schedule(() -> { if (!promise.isDone()) ctx.close(); }, 1, java.util.concurrent.TimeUnit.SECONDS);",
            "    channel.close();",
            "    channel.disconnect();",
            "    channel.deregister();",
            "    ctx.close();",
            "    group.shutdownGracefully();",
            "    channel.writeAndFlush(\"x\", channel.voidPromise());",
            "    channel.writeAndFlush(\"x\", promise);",
            "    // BUG: Diagnostic contains: ChannelOutboundInvoker.writeAndFlush(...) returns a ChannelFuture",
            "    channel.writeAndFlush(\"x\");",
            "    // BUG: Diagnostic contains: returns a ChannelFuture that is dropped",
            "    channel.write(\"x\");",
            "    // A promise made for the call is held by nobody: its failure is lost.",
            "    // BUG: Diagnostic contains: returns a ChannelFuture that is dropped",
            "    channel.writeAndFlush(\"x\", channel.newPromise());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lettuceCommandsQueuedInATransactionAndWebSocketFrames() {
    // Found by a reviewer writing idiomatic client code: Lettuce's documented MULTI/EXEC idiom, and
    // async-http-client's WebSocket writes and close frame.
    helper
        .addSourceLines(
            "io/lettuce/core/RedisFuture.java",
            "package io.lettuce.core;",
            "public interface RedisFuture<V> extends java.util.concurrent.CompletionStage<V>, java.util.concurrent.Future<V> {}")
        .addSourceLines(
            "io/lettuce/core/TransactionResult.java",
            "package io.lettuce.core;",
            "public interface TransactionResult { boolean wasDiscarded(); }")
        .addSourceLines(
            "io/lettuce/core/api/async/RedisTransactionalAsyncCommands.java",
            "package io.lettuce.core.api.async;",
            "import io.lettuce.core.*;",
            "public interface RedisTransactionalAsyncCommands<K, V> {",
            "  RedisFuture<String> multi();",
            "  RedisFuture<TransactionResult> exec();",
            "  RedisFuture<String> discard();",
            "}")
        .addSourceLines(
            "io/lettuce/core/api/async/RedisAsyncCommands.java",
            "package io.lettuce.core.api.async;",
            "import io.lettuce.core.*;",
            "public interface RedisAsyncCommands<K, V> extends RedisTransactionalAsyncCommands<K, V> {",
            "  RedisFuture<String> set(K key, V value);",
            "  RedisFuture<Long> incrby(K key, long amount);",
            "  RedisFuture<Long> del(K key);",
            "}")
        .addSourceLines(
            "io/lettuce/core/api/StatefulRedisConnection.java",
            "package io.lettuce.core.api;",
            "public interface StatefulRedisConnection<K, V> {",
            "  io.lettuce.core.api.async.RedisAsyncCommands<K, V> async();",
            "}")
        .addSourceLines(
            "org/asynchttpclient/ws/WebSocket.java",
            "package org.asynchttpclient.ws;",
            "import io.netty.util.concurrent.Future;",
            "public interface WebSocket {",
            "  Future<Void> sendTextFrame(String payload);",
            "  Future<Void> sendPingFrame();",
            "  Future<Void> sendCloseFrame(int status, String reason);",
            "  Future<Void> sendCloseFrame();",
            "}")
        .addSourceLines(
            "Accounts.java",
            "import io.lettuce.core.*;",
            "import io.lettuce.core.api.async.RedisAsyncCommands;",
            "import java.util.concurrent.CompletionStage;",
            "class Accounts {",
            "  RedisFuture<TransactionResult> transfer(RedisAsyncCommands<String, String> redis, long n) {",
            "    redis.multi();",
            "    redis.incrby(\"from\", -n);",
            "    redis.incrby(\"to\", n);",
            "    return redis.exec();",
            "  }",
            "  CompletionStage<Boolean> committed(RedisAsyncCommands<String, String> redis) {",
            "    redis.multi();",
            "    redis.set(\"k\", \"v\");",
            "    return redis.exec().thenApply(r -> !r.wasDiscarded());",
            "  }",
            "  RedisFuture<TransactionResult> inLoops(RedisAsyncCommands<String, String> redis, java.util.List<String> keys) {",
            "    redis.multi();",
            "    for (String key : keys) {",
            "      redis.set(key, \"v\");",
            "    }",
            "    for (int i = 0; i < keys.size(); i++) redis.incrby(keys.get(i), i);",
            "    keys.forEach(key -> redis.set(key, \"w\"));",
            "    keys.forEach(redis::del);",
            "    return redis.exec();",
            "  }",
            "  void forEachWithoutATransaction(RedisAsyncCommands<String, String> redis, java.util.List<String> keys) {",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    keys.forEach(key -> redis.set(key, \"w\"));",
            "    // BUG: Diagnostic contains: RedisAsyncCommands::del returns a RedisFuture",
            "    keys.forEach(redis::del);",
            "  }",
            "  RedisFuture<TransactionResult> loopsThatEndIt(RedisAsyncCommands<String, String> redis, java.util.List<String> keys) {",
            "    redis.multi();",
            "    for (String key : keys) {",
            "      // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "      redis.set(key, \"v\");",
            "      RedisFuture<TransactionResult> unusedEach = redis.exec();",
            "    }",
            "    while (keys.isEmpty()) {",
            "      // In a branch of the loop's body: not a statement of it.",
            "      // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "      if (keys.size() > 1) redis.set(\"k\", \"v\");",
            "    }",
            "    return redis.exec();",
            "  }",
            "  void frames(org.asynchttpclient.ws.WebSocket ws, java.util.concurrent.ScheduledExecutorService ses,",
            "      java.util.logging.Logger log) {",
            "    ws.sendTextFrame(\"hello\");",
            "    ws.sendPingFrame();",
            "    ws.sendCloseFrame(1000, \"bye\");",
            "    ses.schedule(() -> { log.info(\"bye\"); ws.sendCloseFrame(); }, 1, java.util.concurrent.TimeUnit.SECONDS);",
            "    // Among other statements only a close without arguments: a reserved status code throws.",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ses.schedule(() -> { log.info(\"bye\"); ws.sendCloseFrame(1005, \"x\"); }, 1, java.util.concurrent.TimeUnit.SECONDS);",
            "  }",
            "  RedisFuture<TransactionResult> connections(io.lettuce.core.api.StatefulRedisConnection<String, String> tx,",
            "      io.lettuce.core.api.StatefulRedisConnection<String, String> pub) {",
            "    // async() may be another connection's commands each time: not known to be one transaction.",
            "    // BUG: Diagnostic contains: RedisTransactionalAsyncCommands.multi() returns a RedisFuture",
            "    tx.async().multi();",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    pub.async().set(\"k\", \"v\");",
            "    return tx.async().exec();",
            "  }",
            "  RedisFuture<TransactionResult> discarded(RedisAsyncCommands<String, String> redis) {",
            "    redis.multi();",
            "    RedisFuture<String> unusedReply = redis.discard();",
            "    // After discard(), a command is not queued.",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    redis.set(\"k\", \"v\");",
            "    return redis.exec();",
            "  }",
            "  RedisFuture<TransactionResult> stillFlagged(RedisAsyncCommands<String, String> redis,",
            "      RedisAsyncCommands<String, String> other) {",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    redis.set(\"plain\", \"v\");",
            "    redis.multi();",
            "    // Another connection's command is not in this transaction.",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    other.set(\"k\", \"v\");",
            "    RedisFuture<TransactionResult> first = redis.exec();",
            "    // After exec(), a command is not queued.",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    redis.set(\"late\", \"v\");",
            "    return first;",
            "  }",
            "  void neverExecuted(RedisAsyncCommands<String, String> redis) {",
            "    // BUG: Diagnostic contains: RedisTransactionalAsyncCommands.multi() returns a RedisFuture",
            "    redis.multi();",
            "    // BUG: Diagnostic contains: RedisAsyncCommands.set(...) returns a RedisFuture",
            "    redis.set(\"k\", \"v\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void vertxExecuteBlockingTasksThatHandleTheirFailures() {
    helper
        .addSourceLines(
            "io/vertx/core/Handler.java",
            "package io.vertx.core;",
            "public interface Handler<E> { void handle(E event); }")
        .addSourceLines(
            "io/vertx/core/Promise.java",
            "package io.vertx.core;",
            "public interface Promise<T> { void complete(T value); void fail(Throwable cause); }")
        .addSourceLines(
            "io/vertx/core/Vertx.java",
            "package io.vertx.core;",
            "public interface Vertx {",
            "  <T> Future<T> executeBlocking(java.util.concurrent.Callable<T> blockingCode);",
            "  <T> Future<T> executeBlocking(java.util.concurrent.Callable<T> blockingCode, boolean ordered);",
            "  <T> Future<T> executeBlocking(Handler<Promise<T>> blockingCodeHandler);",
            "}")
        .addSourceLines(
            "io/vertx/core/Context.java",
            "package io.vertx.core;",
            "public interface Context { <T> Future<T> executeBlocking(java.util.concurrent.Callable<T> blockingCode); }")
        .addSourceLines(
            "io/vertx/core/WorkerExecutor.java",
            "package io.vertx.core;",
            "public interface WorkerExecutor { <T> Future<T> executeBlocking(java.util.concurrent.Callable<T> blockingCode); }")
        .addSourceLines(
            "Archiver.java",
            "import io.vertx.core.*;",
            "class Archiver {",
            "  private static final java.util.logging.Logger log = java.util.logging.Logger.getLogger(\"a\");",
            "  void run(Vertx vertx, Context context, WorkerExecutor workers) {",
            "    vertx.executeBlocking(() -> { try { compress(); } catch (Exception e) { log.warning(\"failed\"); } return null; });",
            "    context.executeBlocking(() -> { try { compress(); } catch (Exception e) { log.warning(\"failed\"); } return null; });",
            "    workers.executeBlocking(() -> { try { compress(); } catch (Exception e) { log.warning(\"failed\"); } return null; });",
            "    // BUG: Diagnostic contains: WorkerExecutor.executeBlocking(...) returns a Future",
            "    workers.executeBlocking(() -> { compress(); return null; });",
            "    vertx.executeBlocking(() -> { try { compress(); } catch (Exception e) { log.warning(\"failed\"); } return null; }, false);",
            "    // BUG: Diagnostic contains: Vertx.executeBlocking(...) returns a Future",
            "    vertx.executeBlocking(() -> { compress(); return null; });",
            "    // Vert.x 4's form: the failure the task catches goes to the promise, whose future is dropped.",
            "    // BUG: Diagnostic contains: Vertx.executeBlocking(...) returns a Future",
            "    vertx.executeBlocking((Promise<Void> p) -> { try { compress(); p.complete(null); } catch (Exception e) { p.fail(e); } });",
            "  }",
            "  void compress() throws java.io.IOException {}",
            "}")
        .doTest();
  }

  @Test
  void anyCallHandedAPromiseTheCallerHolds() {
    // Found on Vert.x: Netty's HTTP/2 writers and the project's own write(msg, flush, promise)
    // report to the promise they are handed and return it.
    withChannelFutures(helper)
        .addSourceLines(
            "io/netty/handler/codec/http2/Http2FrameWriter.java",
            "package io.netty.handler.codec.http2;",
            "import io.netty.channel.*;",
            "public interface Http2FrameWriter {",
            "  ChannelFuture writeData(Object ctx, int streamId, Object data, ChannelPromise promise);",
            "  ChannelFuture writePing(Object ctx, boolean ack, long data);",
            "}")
        .addSourceLines(
            "io/vertx/core/Promise.java",
            "package io.vertx.core;",
            "public interface Promise<T> { static <T> Promise<T> promise() { return null; } }")
        .addSourceLines(
            "Connection.java",
            "import io.netty.channel.*;",
            "import io.netty.handler.codec.http2.Http2FrameWriter;",
            "class Connection {",
            "  ChannelPromise write(Object msg, boolean flush, io.vertx.core.Promise<Void> promise) { return null; }",
            "  ChannelPromise newChannelPromise() { return null; }",
            "  record Pending(Object msg, ChannelPromise promise) {}",
            "  void run(Http2FrameWriter writer, ChannelPromise promise, io.vertx.core.Promise<Void> done,",
            "      Pending pending, boolean quiet) {",
            "    writer.writeData(this, 1, \"x\", promise);",
            "    writer.writeData(this, 1, pending.msg(), pending.promise());",
            "    // BUG: Diagnostic contains: Http2FrameWriter.writeData(...) returns a ChannelFuture",
            "    writer.writeData(this, 1, \"x\", quiet ? promise : newChannelPromise());",
            "    // BUG: Diagnostic contains: Http2FrameWriter.writeData(...) returns a ChannelFuture",
            "    writer.writeData(this, 1, \"x\", (ChannelPromise) newChannelPromise());",
            "    write(\"x\", true, done);",
            "    // BUG: Diagnostic contains: Http2FrameWriter.writeData(...) returns a ChannelFuture",
            "    writer.writeData(this, 1, \"x\", newChannelPromise());",
            "    // BUG: Diagnostic contains: Connection.write(...) returns a ChannelPromise",
            "    write(\"x\", true, io.vertx.core.Promise.promise());",
            "    // BUG: Diagnostic contains: Http2FrameWriter.writePing(...) returns a ChannelFuture",
            "    writer.writePing(this, false, 1L);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void asynchronousClosesAndPipeTo() {
    helper
        .addSourceLines(
            "io/lettuce/core/internal/AsyncCloseable.java",
            "package io.lettuce.core.internal;",
            "public interface AsyncCloseable { java.util.concurrent.CompletableFuture<Void> closeAsync(); }")
        .addSourceLines(
            "javax/annotation/PreDestroy.java",
            "package javax.annotation;",
            "public @interface PreDestroy {}")
        .addSourceLines(
            "org/apache/pekko/pattern/PipeToSupport.java",
            "package org.apache.pekko.pattern;",
            "import java.util.concurrent.CompletionStage;",
            "public interface PipeToSupport {",
            "  final class PipeableCompletionStage<T> {",
            "    public CompletionStage<T> pipeTo(Object recipient, Object sender) { return null; }",
            "  }",
            "}")
        .addSourceLines(
            "Client.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.apache.pekko.pattern.PipeToSupport.PipeableCompletionStage;",
            "interface LettuceInternal<T extends io.lettuce.core.internal.AsyncCloseable> {",
            "  default void cancel(java.util.function.Consumer<T> action) {}",
            "  default void cancelAll() { cancel(io.lettuce.core.internal.AsyncCloseable::closeAsync); }",
            "}",
            "interface Conn { CompletableFuture<Void> closeAsync(); CompletableFuture<Void> shutdownAsync();",
            "  CompletableFuture<Void> close(); CompletableFuture<Void> shutdown(long timeoutMillis);",
            "  CompletableFuture<String> sendAsync(String m); }",
            "class Client implements AutoCloseable {",
            "  Conn conn;",
            "  @Override public void close() {",
            "    conn.closeAsync();",
            "    conn.shutdownAsync();",
            "    conn.close();",
            "    conn.shutdown(100);",
            "    Runnable later = () -> conn.close();",
            "    // BUG: Diagnostic contains: Conn.sendAsync(...) returns a CompletableFuture",
            "    conn.sendAsync(\"bye\");",
            "  }",
            "  @javax.annotation.PreDestroy void release() {",
            "    conn.close();",
            "  }",
            "  // A close that returns a future tells its caller the parts are closed: it must wait for them.",
            "  CompletableFuture<Void> shutdown() {",
            "    // BUG: Diagnostic contains: Conn.close() returns a CompletableFuture",
            "    conn.close();",
            "    // BUG: Diagnostic contains: Conn.closeAsync() returns a CompletableFuture",
            "    conn.closeAsync();",
            "    return conn.shutdownAsync();",
            "  }",
            "  void deliver(PipeableCompletionStage<String> piped, Object actor) {",
            "    piped.pipeTo(actor, null);",
            "    // A close elsewhere may be work whose failure matters (a producer flushing its sends).",
            "    // BUG: Diagnostic contains: Conn.closeAsync() returns a CompletableFuture",
            "    conn.closeAsync();",
            "    // BUG: Diagnostic contains: Conn.close() returns a CompletableFuture",
            "    conn.close();",
            "    // BUG: Diagnostic contains: Conn.shutdown(...) returns a CompletableFuture",
            "    conn.shutdown(100);",
            "    // BUG: Diagnostic contains: Conn.sendAsync(...) returns a CompletableFuture",
            "    conn.sendAsync(\"bye\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void nettyGroupClosesSslCloseAndProgressCaffeineLoadsAndClientListeners() {
    helper
        .addSourceLines(
            "io/netty/channel/group/ChannelGroupFuture.java",
            "package io.netty.channel.group;",
            "public interface ChannelGroupFuture extends io.netty.util.concurrent.Future<Void> {}")
        .addSourceLines(
            "io/netty/channel/group/ChannelGroup.java",
            "package io.netty.channel.group;",
            "public interface ChannelGroup {",
            "  ChannelGroupFuture close();",
            "  ChannelGroupFuture disconnect();",
            "  ChannelGroupFuture writeAndFlush(Object message);",
            "}")
        .addSourceLines(
            "io/netty/handler/ssl/SslHandler.java",
            "package io.netty.handler.ssl;",
            "public class SslHandler {",
            "  public io.netty.util.concurrent.Future<Void> closeOutbound() { return null; }",
            "  public io.netty.util.concurrent.Future<Object> handshakeFuture() { return null; }",
            "}")
        .addSourceLines(
            "io/netty/util/concurrent/ProgressivePromise.java",
            "package io.netty.util.concurrent;",
            "public interface ProgressivePromise<V> extends Promise<V> {",
            "  ProgressivePromise<V> setProgress(long progress, long total);",
            "}")
        .addSourceLines(
            "org/asynchttpclient/ListenableFuture.java",
            "package org.asynchttpclient;",
            "public interface ListenableFuture<V> extends java.util.concurrent.Future<V> {",
            "  ListenableFuture<V> addListener(Runnable listener, java.util.concurrent.Executor exec);",
            "  java.util.concurrent.CompletableFuture<V> toCompletableFuture();",
            "}")
        .addSourceLines(
            "com/github/benmanes/caffeine/cache/AsyncCache.java",
            "package com.github.benmanes.caffeine.cache;",
            "import java.util.concurrent.CompletableFuture;",
            "public interface AsyncCache<K, V> {",
            "  CompletableFuture<V> getIfPresent(K key);",
            "  CompletableFuture<V> get(K key, java.util.function.Function<? super K, ? extends V> f);",
            "  CompletableFuture<java.util.Map<K, V>> getAll(Iterable<? extends K> keys,",
            "      java.util.function.Function<? super java.util.Set<? extends K>, ? extends java.util.Map<? extends K, ? extends V>> f);",
            "}")
        .addSourceLines(
            "com/github/benmanes/caffeine/cache/AsyncLoadingCache.java",
            "package com.github.benmanes.caffeine.cache;",
            "import java.util.concurrent.CompletableFuture;",
            "public interface AsyncLoadingCache<K, V> extends AsyncCache<K, V> {",
            "  CompletableFuture<V> get(K key);",
            "  CompletableFuture<java.util.Map<K, V>> getAll(Iterable<? extends K> keys);",
            "}")
        .addSourceLines(
            "Shutdown.java",
            "import com.github.benmanes.caffeine.cache.*;",
            "import io.netty.channel.group.ChannelGroup;",
            "import io.netty.handler.ssl.SslHandler;",
            "import io.netty.util.concurrent.ProgressivePromise;",
            "import java.util.List;",
            "class Shutdown {",
            "  void run(ChannelGroup all, SslHandler ssl, ProgressivePromise<Void> transfer,",
            "      org.asynchttpclient.ListenableFuture<String> response, java.util.concurrent.Executor ex,",
            "      AsyncLoadingCache<String, String> users, AsyncCache<String, String> pages, List<String> ids) {",
            "    all.close();",
            "    all.disconnect();",
            "    ssl.closeOutbound();",
            "    transfer.setProgress(10, 100);",
            "    response.addListener(() -> {}, ex);",
            "    users.get(\"warm\");",
            "    users.getAll(ids);",
            "    pages.get(\"warm\", k -> k);",
            "    // BUG: Diagnostic contains: ChannelGroup.writeAndFlush(...) returns a ChannelGroupFuture",
            "    all.writeAndFlush(\"bye\");",
            "    // BUG: Diagnostic contains: SslHandler.handshakeFuture() returns a Future",
            "    ssl.handshakeFuture();",
            "    // BUG: Diagnostic contains: ListenableFuture.toCompletableFuture() returns a CompletableFuture",
            "    response.toCompletableFuture();",
            "    // BUG: Diagnostic contains: AsyncCache.getIfPresent(...) returns a CompletableFuture",
            "    pages.getIfPresent(\"k\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void adviceInTheWordsOfEachFuturesApi() {
    helper
        .addSourceLines(
            "Advice.java",
            "import java.util.concurrent.*;",
            "abstract class Advice {",
            "  abstract io.vertx.core.Future<String> vertx();",
            "  abstract io.netty.util.concurrent.Future<String> netty();",
            "  abstract com.google.common.util.concurrent.ListenableFuture<String> guava();",
            "  abstract CompletableFuture<String> jdk();",
            "  abstract ForkJoinTask<String> forkJoin();",
            "  void run(ExecutorService pool) {",
            "    // BUG: Diagnostic contains: Compose it (compose) or return it, or, where fire-and-forget is meant, handle its failure (onFailure, onComplete)",
            "    vertx();",
            "    // BUG: Diagnostic contains: handle its failure in a listener (addListener), sync() it only in synchronous code",
            "    netty();",
            "    // BUG: Diagnostic contains: Compose it (Futures.transformAsync) or return it, await it (Futures.getUnchecked)",
            "    guava();",
            "    // BUG: Diagnostic contains: Compose it (thenCompose) or return it, await it (join())",
            "    jdk();",
            "    // BUG: Diagnostic contains: Keep it and get() it where the outcome is needed, handle failures inside the task",
            "    pool.submit(() -> System.out.println(\"x\"));",
            "    // A Future of its own kind, not a stage: nothing to thenCompose.",
            "    // BUG: Diagnostic contains: Keep it and get() it where the outcome is needed",
            "    forkJoin();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void vertxWritesAndClosing() {
    // Vert.x 4 and 5 return a Future from stream writes and closes; its own examples drop them.
    helper
        .addSourceLines(
            "io/vertx/core/streams/WriteStream.java",
            "package io.vertx.core.streams;",
            "public interface WriteStream<T> {",
            "  io.vertx.core.Future<Void> write(T data);",
            "  io.vertx.core.Future<Void> end();",
            "  io.vertx.core.Future<Void> end(T data);",
            "}")
        .addSourceLines(
            "io/vertx/core/http/HttpServerResponse.java",
            "package io.vertx.core.http;",
            "public interface HttpServerResponse extends io.vertx.core.streams.WriteStream<String> {",
            "  io.vertx.core.Future<Void> end(String chunk, String encoding);",
            "  io.vertx.core.Future<Void> sendFile(String filename);",
            "}")
        .addSourceLines(
            "io/vertx/core/http/HttpServer.java",
            "package io.vertx.core.http;",
            "public interface HttpServer {",
            "  io.vertx.core.Future<HttpServer> listen(int port);",
            "  io.vertx.core.Future<Void> close();",
            "  io.vertx.core.Future<Void> shutdown();",
            "  io.vertx.core.Future<Void> shutdown(long timeout, java.util.concurrent.TimeUnit unit);",
            "}")
        .addSourceLines(
            "io/vertx/core/net/NetSocket.java",
            "package io.vertx.core.net;",
            "public interface NetSocket extends io.vertx.core.streams.WriteStream<String> {",
            "  io.vertx.core.Future<Void> close();",
            "}")
        .addSourceLines(
            "io/vertx/core/eventbus/MessageConsumer.java",
            "package io.vertx.core.eventbus;",
            "public interface MessageConsumer<T> { io.vertx.core.Future<Void> unregister(); }")
        .addSourceLines(
            "io/vertx/core/Vertx.java",
            "package io.vertx.core;",
            "public interface Vertx {",
            "  Future<Void> close();",
            "  Future<String> deployVerticle(String name);",
            "}")
        .addSourceLines(
            "Server.java",
            "import io.vertx.core.http.*;",
            "import io.vertx.core.net.NetSocket;",
            "class Server {",
            "  void handle(HttpServerResponse response, NetSocket socket, HttpServer server,",
            "      io.vertx.core.Vertx vertx, io.vertx.core.eventbus.MessageConsumer<String> consumer) {",
            "    response.write(\"chunk\");",
            "    response.end(\"done\");",
            "    response.end(\"done\", \"UTF-8\");",
            "    response.end();",
            "    socket.write(\"x\");",
            "    socket.close();",
            "    server.close();",
            "    server.shutdown();",
            "    server.shutdown(30, java.util.concurrent.TimeUnit.SECONDS);",
            "    vertx.close();",
            "    consumer.unregister();",
            "    // BUG: Diagnostic contains: HttpServer.listen(...) returns a Future that is dropped",
            "    server.listen(8080);",
            "    // BUG: Diagnostic contains: Vertx.deployVerticle(...) returns a Future that is dropped",
            "    vertx.deployVerticle(\"verticle\");",
            "    // BUG: Diagnostic contains: HttpServerResponse.sendFile(...) returns a Future that is dropped",
            "    response.sendFile(\"index.html\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void vertxWebEndingAnExchangeResetsAndWebSocketWrites() {
    // Vert.x Web ends most handlers with ctx.end(..) or ctx.json(..); both return Future<Void>, as
    // does reset(..), which aborts a request or response.
    helper
        .addSourceLines(
            "io/vertx/core/buffer/Buffer.java", "package io.vertx.core.buffer;", "public interface Buffer {}")
        .addSourceLines(
            "io/vertx/core/streams/ReadStream.java",
            "package io.vertx.core.streams;",
            "public interface ReadStream<T> {}")
        .addSourceLines(
            "io/vertx/core/streams/WriteStream.java",
            "package io.vertx.core.streams;",
            "public interface WriteStream<T> { io.vertx.core.Future<Void> write(T data); }")
        .addSourceLines(
            "io/vertx/core/http/HttpServerResponse.java",
            "package io.vertx.core.http;",
            "import io.vertx.core.Future;",
            "import io.vertx.core.buffer.Buffer;",
            "public interface HttpServerResponse extends io.vertx.core.streams.WriteStream<Buffer> {",
            "  Future<Void> writeContinue();",
            "  Future<Void> send();",
            "  Future<Void> send(String body);",
            "  Future<Void> send(Buffer body);",
            "  Future<Void> send(io.vertx.core.streams.ReadStream<Buffer> body);",
            "  Future<Void> reset(long code);",
            "}")
        .addSourceLines(
            "io/vertx/core/http/HttpClientRequest.java",
            "package io.vertx.core.http;",
            "public interface HttpClientRequest {",
            "  io.vertx.core.Future<Void> reset();",
            "  io.vertx.core.Future<Void> reset(long code, Throwable cause);",
            "  io.vertx.core.Future<Void> writeHead();",
            "}")
        .addSourceLines(
            "io/vertx/core/http/HttpServerRequest.java",
            "package io.vertx.core.http;",
            "public interface HttpServerRequest { io.vertx.core.Future<io.vertx.core.buffer.Buffer> body(); }")
        .addSourceLines(
            "io/vertx/core/http/WebSocketBase.java",
            "package io.vertx.core.http;",
            "import io.vertx.core.Future;",
            "public interface WebSocketBase extends io.vertx.core.streams.WriteStream<io.vertx.core.buffer.Buffer> {",
            "  Future<Void> writeTextMessage(String text);",
            "  Future<Void> writePing(io.vertx.core.buffer.Buffer data);",
            "}")
        .addSourceLines(
            "io/vertx/ext/web/RoutingContext.java",
            "package io.vertx.ext.web;",
            "import io.vertx.core.Future;",
            "public interface RoutingContext {",
            "  io.vertx.core.http.HttpServerRequest request();",
            "  io.vertx.core.http.HttpServerResponse response();",
            "  Future<Void> end();",
            "  Future<Void> end(String chunk);",
            "  Future<Void> json(Object json);",
            "  Future<Void> redirect(String url);",
            "}")
        .addSourceLines(
            "Handlers.java",
            "import io.vertx.core.buffer.Buffer;",
            "import io.vertx.core.http.*;",
            "import io.vertx.ext.web.RoutingContext;",
            "import java.util.function.Consumer;",
            "class Handlers {",
            "  Consumer<RoutingContext> health = ctx -> ctx.end(\"ok\");",
            "  io.vertx.core.Future<Void> reset() { return null; }",
            "  void handle(RoutingContext ctx, Object user, Buffer buffer, WebSocketBase ws,",
            "      io.vertx.core.streams.ReadStream<Buffer> upload, HttpClientRequest outgoing) {",
            "    ctx.json(user);",
            "    ctx.response().reset(8L);",
            "    outgoing.reset();",
            "    outgoing.reset(8L, new IllegalStateException(\"gone\"));",
            "    // BUG: Diagnostic contains: HttpClientRequest.writeHead() returns a Future that is dropped",
            "    outgoing.writeHead();",
            "    // BUG: Diagnostic contains: Handlers.reset() returns a Future that is dropped",
            "    reset();",
            "    ctx.end();",
            "    ctx.redirect(\"/new\");",
            "    ctx.response().send();",
            "    ctx.response().send(\"body\");",
            "    ctx.response().send(buffer);",
            "    ws.writeTextMessage(\"hi\");",
            "    ws.writePing(buffer);",
            "    ctx.response().writeContinue();",
            "    // BUG: Diagnostic contains: HttpServerResponse.send(...) returns a Future that is dropped",
            "    ctx.response().send(upload);",
            "    // BUG: Diagnostic contains: HttpServerRequest.body() returns a Future that is dropped",
            "    ctx.request().body();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void anExemptMethodInheritedFromABaseClassIsJudgedByTheReceiver() {
    // Found on Vert.x: Http1xClientConnection extends ConnectionBase implements HttpConnection and
    // calls close(), declared in ConnectionBase: it is that connection's HttpConnection.close().
    helper
        .addSourceLines(
            "io/vertx/core/http/HttpConnection.java",
            "package io.vertx.core.http;",
            "public interface HttpConnection {",
            "  io.vertx.core.Future<Void> close();",
            "  io.vertx.core.Future<Void> shutdown(long timeout, java.util.concurrent.TimeUnit unit);",
            "}")
        .addSourceLines(
            "Connections.java",
            "import io.vertx.core.Future;",
            "import java.util.concurrent.TimeUnit;",
            "abstract class ConnectionBase {",
            "  public final Future<Void> close() { return null; }",
            "  public Future<Void> shutdown(long timeout, TimeUnit unit) { return null; }",
            "  public Future<Void> flush() { return null; }",
            "}",
            "abstract class Http1Connection extends ConnectionBase implements io.vertx.core.http.HttpConnection {",
            "  void reset() {",
            "    close();",
            "    shutdown(0L, TimeUnit.SECONDS);",
            "    new Runnable() { public void run() { close(); } }.run();",
            "    // BUG: Diagnostic contains: ConnectionBase.flush() returns a Future that is dropped",
            "    flush();",
            "  }",
            "}",
            "abstract class PlainConnection extends ConnectionBase {",
            "  void reset() {",
            "    // BUG: Diagnostic contains: ConnectionBase.close() returns a Future that is dropped",
            "    close();",
            "    // BUG: Diagnostic contains: ConnectionBase.shutdown(...) returns a Future that is dropped",
            "    shutdown(0L, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void helpersThatOnlyPassOnAQuietFuture() {
    // Found on Vert.x: OutboundConnection's private writeMessage(..) counts the bytes and returns
    // socket.write(data); dropping it drops that write, as dropping the write itself would.
    helper
        .addSourceLines(
            "io/vertx/core/streams/WriteStream.java",
            "package io.vertx.core.streams;",
            "public interface WriteStream<T> { io.vertx.core.Future<Void> write(T data); }")
        .addSourceLines(
            "io/vertx/core/net/NetSocket.java",
            "package io.vertx.core.net;",
            "public interface NetSocket extends io.vertx.core.streams.WriteStream<String> {}")
        .addSourceLines(
            "Sockets.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.net.NetSocket;",
            "interface Sockets {",
            "  static Future<Void> hello(NetSocket to) { return greet(to); }",
            "  private static Future<Void> greet(NetSocket to) { return to.write(\"hello\"); }",
            "}")
        .addSourceLines(
            "Outbound.java",
            "import io.vertx.core.Future;",
            "import io.vertx.core.net.NetSocket;",
            "import java.util.function.Supplier;",
            "final class Outbound {",
            "  private final NetSocket socket;",
            "  private int written;",
            "  Outbound(NetSocket socket) { this.socket = socket; }",
            "  private Future<Void> writeMessage(String message) {",
            "    written += message.length();",
            "    Supplier<Future<Void>> unused = () -> { return failed(); };",
            "    return socket.write(message);",
            "  }",
            "  private Future<Void> writePing() { return writeMessage(\"ping\"); }",
            "  private Future<Void> writeIfAny(String message) {",
            "    return message.isEmpty() ? null : (socket.write(message));",
            "  }",
            "  static Future<Void> writeTo(NetSocket to, String message) { return to.write(message); }",
            "  Future<Void> writeFinal(String message) { return socket.write(message); }",
            "  private Future<Void> writeChecked(String message) {",
            "    if (message == null) {",
            "      return failed();",
            "    }",
            "    return socket.write(message);",
            "  }",
            "  private Future<Void> writeLater(String message) { return later(() -> socket.write(message)); }",
            "  private Future<Void> countdown(int n) { return n == 0 ? socket.write(\"0\") : countdown(n - 1); }",
            "  private Future<Void> ping() { return pong(); }",
            "  private Future<Void> pong() { return socket.write(\"pong\") == null ? ping() : failed(); }",
            "  private Future<Void> nothing() { return null; }",
            "  private Future<Void> failed() { return null; }",
            "  private Future<Void> later(Supplier<Future<Void>> write) { return write.get(); }",
            "  void run() {",
            "    writeMessage(\"a\");",
            "    writePing();",
            "    writeIfAny(\"b\");",
            "    writeTo(socket, \"c\");",
            "    writeFinal(\"d\");",
            "    Sockets.hello(socket);",
            "    // BUG: Diagnostic contains: Outbound.writeChecked(...) returns a Future that is dropped",
            "    writeChecked(\"e\");",
            "    // BUG: Diagnostic contains: Outbound.writeLater(...) returns a Future that is dropped",
            "    writeLater(\"f\");",
            "    // A helper reached again through its own returns is not trusted (one read per helper).",
            "    // BUG: Diagnostic contains: Outbound.countdown(...) returns a Future that is dropped",
            "    countdown(3);",
            "    // BUG: Diagnostic contains: Outbound.ping() returns a Future that is dropped",
            "    ping();",
            "    // BUG: Diagnostic contains: Outbound.nothing() returns a Future that is dropped",
            "    nothing();",
            "  }",
            "}")
        .addSourceLines(
            "Overridable.java",
            "import io.vertx.core.Future;",
            "class Overridable {",
            "  io.vertx.core.net.NetSocket socket;",
            "  Future<Void> write(String message) { return socket.write(message); }",
            "  // Private, and no class of this file extends it: its write(..) is the one that runs.",
            "  private static class Writer {",
            "    io.vertx.core.net.NetSocket socket;",
            "    Future<Void> write(String message) { return socket.write(message); }",
            "  }",
            "  // Private, but extended here: an override may return another future.",
            "  private static class BaseWriter {",
            "    io.vertx.core.net.NetSocket socket;",
            "    Future<Void> write(String message) { return socket.write(message); }",
            "  }",
            "  private static class OtherWriter extends BaseWriter {",
            "    @Override Future<Void> write(String message) { return null; }",
            "  }",
            "  void run(Writer writer, BaseWriter base) {",
            "    // BUG: Diagnostic contains: Overridable.write(...) returns a Future that is dropped",
            "    write(\"x\");",
            "    writer.write(\"y\");",
            "    // BUG: Diagnostic contains: BaseWriter.write(...) returns a Future that is dropped",
            "    base.write(\"z\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void helpersPassingOnWhatOnlyTheyHoldAreNotQuiet() {
    // f.orTimeout(..) and onSuccess(..) return their receiver, and a write handed a promise returns
    // it: dropping them is fine where the caller holds that future, not inside a helper that made it.
    withChannelFutures(helper)
        .addSourceLines(
            "io/netty/channel/Channel.java",
            "package io.netty.channel;",
            "public interface Channel {",
            "  ChannelFuture writeAndFlush(Object msg, ChannelPromise promise);",
            "  ChannelPromise voidPromise();",
            "  ChannelPromise newPromise();",
            "}")
        .addSourceLines(
            "Client.java",
            "import io.netty.channel.*;",
            "import java.util.Objects;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "final class Client {",
            "  private final Channel channel;",
            "  private final ChannelPromise closing;",
            "  Client(Channel channel, ChannelPromise closing) { this.channel = channel; this.closing = closing; }",
            "  CompletableFuture<String> fetch(String id) { return new CompletableFuture<>(); }",
            "  private CompletableFuture<String> fetchInTime(String id) {",
            "    return fetch(id).orTimeout(5, TimeUnit.SECONDS);",
            "  }",
            "  private io.vertx.core.Future<String> fetchAndLog(io.vertx.core.Future<String> f) {",
            "    return f.onSuccess(this);",
            "  }",
            "  private CompletableFuture<String> checked(String id) { return Objects.requireNonNull(fetch(id)); }",
            "  private ChannelFuture send(Object msg, ChannelPromise promise) {",
            "    return channel.writeAndFlush(msg, promise);",
            "  }",
            "  private ChannelFuture sendFreshly(Object msg) {",
            "    ChannelPromise promise = channel.newPromise();",
            "    return channel.writeAndFlush(msg, promise);",
            "  }",
            "  private ChannelFuture sendQuietly(Object msg) { return channel.writeAndFlush(msg, channel.voidPromise()); }",
            "  private ChannelFuture sendClosing(Object msg) { return channel.writeAndFlush(msg, closing); }",
            "  void run(io.vertx.core.Future<String> f) {",
            "    sendQuietly(\"a\");",
            "    sendClosing(\"b\");",
            "    // Nobody holds fetch(\"c\") either.",
            "    // BUG: Diagnostic contains: CompletableFuture.orTimeout(...) returns a CompletableFuture",
            "    fetch(\"c\").orTimeout(5, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: Client.fetchInTime(...) returns a CompletableFuture",
            "    fetchInTime(\"d\");",
            "    // BUG: Diagnostic contains: Client.fetchAndLog(...) returns a Future",
            "    fetchAndLog(f.map(v -> v));",
            "    // BUG: Diagnostic contains: Client.checked(...) returns a CompletableFuture",
            "    checked(\"e\");",
            "    // BUG: Diagnostic contains: Client.send(...) returns a ChannelFuture",
            "    send(\"f\", channel.newPromise());",
            "    // BUG: Diagnostic contains: Client.sendFreshly(...) returns a ChannelFuture",
            "    sendFreshly(\"g\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void vertxHandlersOfAsyncResultsReceiveTheFailure() {
    // Vert.x hands a call's outcome, failure included (ar.cause()), to a Handler<AsyncResult<T>>.
    withAsyncResultHandlers(helper)
        .addSourceLines(
            "com/acme/Bus.java",
            "package com.acme;",
            "import io.vertx.core.*;",
            "public interface Bus {",
            "  Future<String> request(String address, Handler<AsyncResult<String>> reply);",
            "  Future<String> request(String address, Handler<String> onReply, int retries);",
            "}")
        .addSourceLines(
            "Requests.java",
            "class Requests {",
            "  void send(com.acme.Bus bus) {",
            "    bus.request(\"a\", ar -> { if (ar.failed()) { report(ar.cause()); } });",
            "    // BUG: Diagnostic contains: Bus.request(...) returns a Future that is dropped",
            "    bus.request(\"a\", reply -> {}, 3);",
            "  }",
            "  void report(Throwable t) {}",
            "}")
        .doTest();
  }

  @Test
  void vertxSuccessFunctionsOfCompositeFuturesSeeNoFailure() {
    // A Vert.x Future is an AsyncResult too, but a function given one as its success value
    // (onSuccess, map, compose of Future.all(..)) runs only when every input succeeded. Vert.x's
    // Future as an AsyncResult: a helper without the shared stubs.
    withAsyncResultHandlers(CompilationTestHelper.newInstance(DiscardedFuture.class, getClass()))
        .addSourceLines(
            "io/vertx/core/Future.java",
            "package io.vertx.core;",
            "public interface Future<T> extends AsyncResult<T> {",
            "  Future<T> onSuccess(Handler<? super T> handler);",
            "  Future<T> onComplete(Handler<AsyncResult<T>> handler);",
            "  Future<T> onFailure(Handler<Throwable> handler);",
            "  <U> Future<U> map(java.util.function.Function<? super T, U> mapper);",
            "  <U> Future<U> compose(java.util.function.Function<? super T, Future<U>> mapper);",
            "  Future<T> recover(java.util.function.Function<Throwable, Future<T>> mapper);",
            "  static CompositeFuture all(Future<?> a, Future<?> b) { return null; }",
            "}")
        .addSourceLines(
            "io/vertx/core/CompositeFuture.java",
            "package io.vertx.core;",
            "public interface CompositeFuture extends Future<CompositeFuture> {}")
        .addSourceLines(
            "Totals.java",
            "import io.vertx.core.*;",
            "class Totals {",
            "  interface Bus { Future<CompositeFuture> request(String address, Handler<AsyncResult<CompositeFuture>> reply); }",
            "  void run(Future<String> a, Future<String> b, Bus bus) {",
            "    Future.all(a, b).onComplete(ar -> { if (ar.failed()) { report(ar.cause()); } });",
            "    Future.all(a, b).onFailure(e -> report(e));",
            "    // An AsyncResult of a CompositeFuture still carries the failure.",
            "    bus.request(\"totals\", ar -> { if (ar.failed()) { report(ar.cause()); } });",
            "    // BUG: Diagnostic contains: Future.onSuccess(...) returns",
            "    Future.all(a, b).onSuccess(cf -> System.out.println(cf));",
            "    // BUG: Diagnostic contains: Future.map(...) returns",
            "    Future.all(a, b).map(cf -> 1);",
            "    // BUG: Diagnostic contains: Future.compose(...) returns",
            "    Future.all(a, b).compose(cf -> a);",
            "    // A recovery that returns another future fails with that future's failure.",
            "    // BUG: Diagnostic contains: Future.map(...) returns",
            "    a.recover(t -> { report(t); return b; }).map(s -> 1);",
            "  }",
            "  void report(Throwable t) {}",
            "}")
        .doTest();
  }

  @Test
  void receiverReturningCallsOnAFutureMadeForTheCall() {
    // orTimeout(..), onSuccess(..) and a Runnable listener return their receiver without seeing its
    // failure: fine on a future the caller holds, a drop of the receiver on one made for the call.
    helper
        .addSourceLines(
            "org/asynchttpclient/ListenableFuture.java",
            "package org.asynchttpclient;",
            "public interface ListenableFuture<V> extends java.util.concurrent.Future<V> {",
            "  ListenableFuture<V> addListener(Runnable listener, java.util.concurrent.Executor exec);",
            "}")
        .addSourceLines(
            "io/vertx/core/Vertx.java",
            "package io.vertx.core;",
            "public interface Vertx { Future<Void> timer(long delay, java.util.concurrent.TimeUnit unit); }")
        .addSourceLines(
            "Deployments.java",
            "import java.util.concurrent.*;",
            "class Deployments {",
            "  private final CompletableFuture<String> ready = new CompletableFuture<>();",
            "  CompletableFuture<String> fetch() { return new CompletableFuture<>(); }",
            "  io.vertx.core.Future<String> deploy() { return null; }",
            "  org.asynchttpclient.ListenableFuture<String> execute() { return null; }",
            "  ScheduledExecutorService ses;",
            "  void held(CompletableFuture<String> f, io.vertx.core.Future<String> v,",
            "      org.asynchttpclient.ListenableFuture<String> l, Executor pool, Object handler) {",
            "    f.orTimeout(1, TimeUnit.SECONDS);",
            "    ready.completeOnTimeout(\"x\", 1, TimeUnit.SECONDS);",
            "    this.ready.orTimeout(1, TimeUnit.SECONDS);",
            "    v.onSuccess(handler);",
            "    l.addListener(() -> {}, pool);",
            "  }",
            "  void timers(io.vertx.core.Vertx vertx, Object handler) {",
            "    vertx.timer(1, TimeUnit.SECONDS).onSuccess(handler);",
            "  }",
            "  void madeForTheCall(Executor pool, Object handler) {",
            "    // BUG: Diagnostic contains: CompletableFuture.orTimeout(...) returns a CompletableFuture",
            "    fetch().orTimeout(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: CompletableFuture.completeOnTimeout(...) returns a CompletableFuture",
            "    fetch().thenApply(s -> s.trim()).completeOnTimeout(\"x\", 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: CompletableFuture.completeAsync(...) returns a CompletableFuture",
            "    new CompletableFuture<String>().completeAsync(() -> \"x\", pool);",
            "    // BUG: Diagnostic contains: Future.onSuccess(...) returns a Future",
            "    deploy().onSuccess(handler);",
            "    // BUG: Diagnostic contains: ListenableFuture.addListener(...) returns a ListenableFuture",
            "    execute().addListener(() -> {}, pool);",
            "    // onFailure and onComplete see the failure.",
            "    deploy().onFailure(handler);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void nettyAndVertxIdiomsFromIdiomaticCode() {
    // From idiomatic code written to find false positives (session 25).
    withChannelFutures(helper)
        .addSourceLines(
            "io/netty/channel/ChannelOutboundInvoker.java",
            "package io.netty.channel;",
            "public interface ChannelOutboundInvoker { ChannelFuture close(); ChannelFuture connect(Object address); }")
        .addSourceLines(
            "io/netty/channel/Channel.java",
            "package io.netty.channel;",
            "public interface Channel extends ChannelOutboundInvoker { ChannelFuture closeFuture(); }")
        .addSourceLines(
            "io/netty/channel/ChannelHandlerContext.java",
            "package io.netty.channel;",
            "public interface ChannelHandlerContext extends ChannelOutboundInvoker {",
            "  Channel channel();",
            "  java.util.concurrent.ScheduledExecutorService executor();",
            "}")
        .addSourceLines(
            "Client.java",
            "import io.netty.channel.*;",
            "import java.util.concurrent.TimeUnit;",
            "final class Client {",
            "  Channel channel;",
            "  Object reconnect;",
            "  // Returns the connect future with a listener that is told of its failure.",
            "  private io.netty.util.concurrent.Future<Void> connect() {",
            "    return channel.connect(\"host\").addListener(reconnect);",
            "  }",
            "  void start() { connect(); }",
            "  ChannelHandlerContext saved;",
            "  void idle(ChannelHandlerContext ctx) {",
            "    ctx.executor().schedule(() -> ctx.channel().close(), 2, TimeUnit.SECONDS);",
            "    // A field may have been cleared by the time the task runs.",
            "    // BUG: Diagnostic contains: ScheduledExecutorService.schedule(...) returns a ScheduledFuture",
            "    ctx.executor().schedule(() -> saved.channel().close(), 2, TimeUnit.SECONDS);",
            "  }",
            "  void main(Channel server) throws Exception {",
            "    server.closeFuture().awaitUninterruptibly();",
            "    server.closeFuture().await();",
            "  }",
            "  io.vertx.core.Future<String> fetch() { return null; }",
            "  void greet(Object use) {",
            "    fetch().otherwise(\"welcome\").onSuccess(use);",
            "    fetch().otherwiseEmpty().onSuccess(use);",
            "    // BUG: Diagnostic contains: Future.onSuccess(...) returns a Future",
            "    fetch().map(s -> s.trim()).onSuccess(use);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void receiversTheCallerHolds() {
    // A getter, a record's component, a container's element, an array's, casts and conditionals of
    // names hold the future; a call made for the statement does not.
    withChannelFutures(helper)
        .addSourceLines(
            "io/netty/channel/ChannelOutboundInvoker.java",
            "package io.netty.channel;",
            "public interface ChannelOutboundInvoker {",
            "  ChannelFuture close();",
            "  ChannelFuture writeAndFlush(Object msg);",
            "}")
        .addSourceLines(
            "io/netty/channel/Channel.java",
            "package io.netty.channel;",
            "public interface Channel extends ChannelOutboundInvoker { ChannelFuture closeFuture(); }")
        .addSourceLines(
            "Holders.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.AtomicReference;",
            "class Holders {",
            "  record Pending(CompletableFuture<String> future) {}",
            "  private final CompletableFuture<String> future = new CompletableFuture<>();",
            "  CompletableFuture<String> getFuture() { return future; }",
            "  CompletableFuture<String> fetch() { return new CompletableFuture<>(); }",
            "  static class Sum extends RecursiveTask<Long> { protected Long compute() { return 0L; } }",
            "  void held(Pending pending, Map<String, CompletableFuture<String>> byId,",
            "      AtomicReference<CompletableFuture<String>> ref, CompletableFuture<?>[] all, Object f,",
            "      boolean b, CompletableFuture<String> a, CompletableFuture<String> c,",
            "      io.netty.channel.Channel ch, Object listener, Sum task) {",
            "    pending.future().orTimeout(1, TimeUnit.SECONDS);",
            "    getFuture().orTimeout(1, TimeUnit.SECONDS);",
            "    byId.get(\"id\").completeOnTimeout(\"x\", 1, TimeUnit.SECONDS);",
            "    ref.get().orTimeout(1, TimeUnit.SECONDS);",
            "    all[0].orTimeout(1, TimeUnit.SECONDS);",
            "    ((CompletableFuture<?>) f).orTimeout(1, TimeUnit.SECONDS);",
            "    (b ? a : c).orTimeout(1, TimeUnit.SECONDS);",
            "    Objects.requireNonNull(a);",
            "    ch.closeFuture().removeListener(listener);",
            "    ch.close().awaitUninterruptibly();",
            "    ch.writeAndFlush(\"m\").sync();",
            "    task.fork();",
            "  }",
            "  void madeForTheCall(java.util.function.Supplier<CompletableFuture<String>> supplier,",
            "      io.netty.channel.Channel ch, boolean b, CompletableFuture<String> a) {",
            "    // A function's result is made by the call.",
            "    // BUG: Diagnostic contains: CompletableFuture.orTimeout(...) returns a CompletableFuture",
            "    supplier.get().orTimeout(1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: CompletableFuture.orTimeout(...) returns a CompletableFuture",
            "    (b ? a : fetch()).orTimeout(1, TimeUnit.SECONDS);",
            "    // A wait that does not throw the write's failure.",
            "    // BUG: Diagnostic contains: Future.awaitUninterruptibly() returns a Future",
            "    ch.writeAndFlush(\"m\").awaitUninterruptibly();",
            "    // Forked and never joined.",
            "    // BUG: Diagnostic contains: ForkJoinTask.fork() returns a ForkJoinTask",
            "    new Sum().fork();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void vertxMapsAndNettyTimersOnFuturesObservedElsewhere() {
    // A stage whose function cannot fail, on a future observed elsewhere, fails only as that does.
    withAsyncResultHandlers(helper)
        .addSourceLines(
            "io/vertx/core/Promise.java",
            "package io.vertx.core;",
            "public interface Promise<T> extends Handler<AsyncResult<T>> { Future<T> future(); }")
        .addSourceLines(
            "io/netty/util/Timeout.java", "package io.netty.util;", "public interface Timeout { boolean cancel(); }")
        .addSourceLines(
            "Handshakes.java",
            "import io.vertx.core.*;",
            "import java.util.concurrent.CompletableFuture;",
            "class Handshakes {",
            "  private final CompletableFuture<Void> handshake = new CompletableFuture<>();",
            "  CompletableFuture<Void> handshake() { return handshake; }",
            "  void widen(Promise<Object> promise, Promise<String> p) {",
            "    Future<String> fut = p.future();",
            "    Future<Object> widened = fut.map(s -> s);",
            "    fut.onComplete(promise);",
            "  }",
            "  void registered(io.netty.util.Timeout timeout, java.util.concurrent.ScheduledExecutorService ses) {",
            "    handshake.thenAccept(ignore -> { timeout.cancel(); });",
            "    ses.schedule(() -> timeout.cancel(), 1, java.util.concurrent.TimeUnit.SECONDS);",
            "  }",
            "  void widenByValue(Promise<Object> promise, Promise<String> p) {",
            "    Future<String> fut = p.future();",
            "    fut.map(\"constant\");",
            "    fut.onComplete(promise);",
            "  }",
            "  void notObserved(Promise<String> p) {",
            "    Future<String> fut = p.future();",
            "    // BUG: Diagnostic contains: 'widened' is assigned and never read",
            "    Future<Object> widened = fut.map(s -> s);",
            "  }",
            "  void mayFail(Promise<Object> promise, Promise<String> p) {",
            "    Future<String> fut = p.future();",
            "    // BUG: Diagnostic contains: Future.map(...) returns a Future",
            "    fut.map(s -> s.length());",
            "    fut.onComplete(promise);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void fluentSettersOfPublishersByInheritance() {
    // reactor-netty responses and jOOQ queries are Publishers; their setters return the receiver.
    helper
        .addSourceLines(
            "reactor/netty/NettyOutbound.java",
            "package reactor.netty;",
            "public interface NettyOutbound extends org.reactivestreams.Publisher<Void> {",
            "  NettyOutbound withConnection(java.util.function.Consumer<Object> c);",
            "  NettyOutbound sendString(org.reactivestreams.Publisher<String> s);",
            "}")
        .addSourceLines(
            "reactor/netty/http/server/HttpServerResponse.java",
            "package reactor.netty.http.server;",
            "public interface HttpServerResponse extends reactor.netty.NettyOutbound {",
            "  HttpServerResponse status(int status);",
            "  HttpServerResponse header(CharSequence name, CharSequence value);",
            "  HttpServerResponse keepAlive(boolean keepAlive);",
            "  HttpServerResponse sse();",
            "}")
        .addSourceLines(
            "org/jooq/Query.java",
            "package org.jooq;",
            "public interface Query {",
            "  Query bind(int index, Object value);",
            "  Query queryTimeout(int seconds);",
            "}")
        .addSourceLines(
            "org/jooq/ResultQuery.java",
            "package org.jooq;",
            "public interface ResultQuery<R> extends Query, org.reactivestreams.Publisher<R> {",
            "  @Override ResultQuery<R> bind(int index, Object value);",
            "  ResultQuery<R> fetchSize(int rows);",
            "  ResultQuery<R> maxRows(int rows);",
            "  ResultQuery<Object> coerce(Object... fields);",
            "}")
        .addSourceLines(
            "Handler.java",
            "import org.jooq.ResultQuery;",
            "import reactor.netty.http.server.HttpServerResponse;",
            "class Handler {",
            "  void respond(HttpServerResponse response, ResultQuery<String> query) {",
            "    response.status(404);",
            "    response.header(\"Cache-Control\", \"no-store\");",
            "    response.keepAlive(false);",
            "    response.sse();",
            "    response.withConnection(c -> {});",
            "    query.bind(1, \"x\");",
            "    query.fetchSize(100);",
            "    query.maxRows(10);",
            "    // BUG: Diagnostic contains: returns a NettyOutbound",
            "    response.sendString(null);",
            "    // BUG: Diagnostic contains: returns a ResultQuery",
            "    query.coerce();",
            "  }",
            "}")
        .doTest();
  }
}
