package dev.asyncguard.checker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FutureUsedAsValueTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(FutureUsedAsValue.class, getClass());

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.Objects;",
            "import java.util.concurrent.CompletableFuture;",
            "import org.slf4j.Logger;",
            "import reactor.core.publisher.Mono;",
            "class Test {",
            "  void run(CompletableFuture<String> price, Mono<String> name, Logger log,",
            "      StringBuilder sb, java.util.logging.Logger jul) {",
            "    // BUG: Diagnostic contains: price is a CompletableFuture, not its result:"
                + " concatenating it into a string",
            "    String s = \"price: \" + price;",
            "    // BUG: Diagnostic contains: appending it to a string",
            "    s += price;",
            "    // BUG: Diagnostic contains: nothing subscribes",
            "    System.out.println(name);",
            "    // BUG: Diagnostic contains: String.valueOf",
            "    String.valueOf(price);",
            "    // BUG: Diagnostic contains: calling toString() on it",
            "    price.toString();",
            "    // BUG: Diagnostic contains: String.format",
            "    String.format(\"%s\", price);",
            "    // BUG: Diagnostic contains: String.formatted",
            "    \"%s\".formatted(price);",
            "    // BUG: Diagnostic contains: StringBuilder.append",
            "    sb.append(price);",
            "    // BUG: Diagnostic contains: logging it",
            "    log.info(\"price {}\", price);",
            "    // BUG: Diagnostic contains: logging it",
            "    jul.log(java.util.logging.Level.INFO, \"price {0}\", price);",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    price.equals(\"42\");",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    Objects.equals(price, \"42\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void everyTextAndLoggingApi() {
    helper
        .addSourceLines(
            "org/apache/logging/log4j/Logger.java",
            "package org.apache.logging.log4j;",
            "public interface Logger { void warn(String message, Object p0); }")
        .addSourceLines(
            "org/apache/commons/logging/Log.java",
            "package org.apache.commons.logging;",
            "public interface Log { void debug(Object message); }")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Test {",
            "  void run(CompletableFuture<String> price, java.io.PrintWriter out, StringBuffer buf,",
            "      org.apache.logging.log4j.Logger log4j, org.apache.commons.logging.Log commons,",
            "      System.Logger system) {",
            "    // BUG: Diagnostic contains: PrintWriter.print",
            "    out.print(price);",
            "    // BUG: Diagnostic contains: PrintStream.printf",
            "    System.out.printf(\"%s%n\", price);",
            "    // BUG: Diagnostic contains: Objects.toString",
            "    java.util.Objects.toString(price);",
            "    // BUG: Diagnostic contains: MessageFormat.format",
            "    java.text.MessageFormat.format(\"{0}\", price);",
            "    // BUG: Diagnostic contains: StringBuffer.insert",
            "    buf.insert(0, price);",
            "    // BUG: Diagnostic contains: logging it",
            "    log4j.warn(\"price {}\", price);",
            "    // BUG: Diagnostic contains: logging it",
            "    commons.debug(price);",
            "    // BUG: Diagnostic contains: logging it",
            "    system.log(System.Logger.Level.INFO, \"price {0}\", price);",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    com.google.common.base.Objects.equal(price, \"42\");",
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
            "import org.slf4j.Logger;",
            "class Ok {",
            "  void run(CompletableFuture<String> a, CompletableFuture<String> b, Object o, Logger log) {",
            "    String s = \"price: \" + a.join() + b.getNow(\"none\");",
            "    log.info(\"done? {}\", a.isDone());",
            "    boolean same = a.equals(b) || Objects.equals(a, b) || a == null || a.equals(o);",
            "    System.out.println(a.join());",
            "  }",
            "  <T> boolean sameAs(CompletableFuture<String> a, T value) throws Exception {",
            "    log(a.get());",
            "    return a.equals(value);",
            "  }",
            "  void log(Object o) {}",
            "  @SuppressWarnings(\"FutureUsedAsValue\") String debug(CompletableFuture<String> f) {",
            "    return \"state \" + f;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void lettuceCommandsDescribeThemselves() {
    helper
        .addSourceLines(
            "io/lettuce/core/protocol/RedisCommand.java",
            "package io.lettuce.core.protocol;",
            "public interface RedisCommand<K, V, T> {}")
        .addSourceLines(
            "io/lettuce/core/protocol/AsyncCommand.java",
            "package io.lettuce.core.protocol;",
            "public class AsyncCommand<K, V, T> extends java.util.concurrent.CompletableFuture<T>",
            "    implements RedisCommand<K, V, T> {}")
        .addSourceLines(
            "Dispatch.java",
            "class Dispatch {",
            "  void sent(io.lettuce.core.protocol.AsyncCommand<String, String, String> cmd, org.slf4j.Logger log) {",
            "    log.debug(\"dispatched {}\", cmd);",
            "    // Its text describes it; its equality is still the future's.",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    boolean ok = cmd.equals(\"OK\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void equalityAssertionsOfTests() {
    helper
        .addSourceLines(
            "org/testng/Assert.java",
            "package org.testng;",
            "public class Assert {",
            "  public static void assertEquals(Object actual, Object expected) {}",
            "  public static void assertEquals(Object actual, Object expected, String message) {}",
            "}")
        .addSourceLines(
            "ServiceTest.java",
            "import java.util.concurrent.CompletableFuture;",
            "class ServiceTest {",
            "  CompletableFuture<String> name(String id) { return CompletableFuture.completedFuture(\"Alice\"); }",
            "  void compares(CompletableFuture<String> other) throws Exception {",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    org.junit.jupiter.api.Assertions.assertEquals(\"Alice\", name(\"1\"));",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    org.junit.jupiter.api.Assertions.assertNotEquals(\"Bob\", name(\"1\"), \"names differ\");",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    org.junit.Assert.assertEquals(\"the name\", \"Alice\", name(\"1\"));",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    org.junit.Assert.assertEquals(\"Alice\", name(\"1\"));",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    org.testng.Assert.assertEquals(name(\"1\"), \"Alice\", \"name\");",
            "    // The values, or two futures, or a future against null: what the test means.",
            "    org.junit.jupiter.api.Assertions.assertEquals(\"Alice\", name(\"1\").join());",
            "    org.junit.jupiter.api.Assertions.assertEquals(other, name(\"1\"));",
            "    org.junit.Assert.assertEquals(\"the name\", \"Alice\", name(\"1\").get());",
            "    org.junit.Assert.assertNotEquals(null, name(\"1\"));",
            "    // A Runnable captured from an executor may be the FutureTask itself.",
            "    java.util.concurrent.FutureTask<String> task = new java.util.concurrent.FutureTask<>(() -> \"x\");",
            "    Runnable captured = task;",
            "    org.junit.jupiter.api.Assertions.assertEquals(task, captured);",
            "    boolean same = task.equals(captured);",
            "    // BUG: Diagnostic contains: comparing it with an Integer",
            "    org.junit.jupiter.api.Assertions.assertEquals(task, Integer.valueOf(1));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void describingFuturesOnPurpose() {
    // Found on Guava and reactor-core: toString()/pendingToString() and the future types' own code.
    helper
        .addSourceLines(
            "Describe.java",
            "import java.util.concurrent.CompletableFuture;",
            "import reactor.core.publisher.Mono;",
            "class Describe {",
            "  CompletableFuture<String> input;",
            "  @Override public String toString() { return \"Describe[\" + input + \"]\"; }",
            "  String pendingToString() { return \"input=\" + input.toString(); }",
            "  String describe() {",
            "    // BUG: Diagnostic contains: input is a CompletableFuture, not its result",
            "    return \"input=\" + input;",
            "  }",
            "  static final class Tracked<T> extends CompletableFuture<T> {",
            "    CompletableFuture<?> source;",
            "    String trace() { return \"tracked from \" + source + \" \" + this.toString(); }",
            "  }",
            "  abstract static class Step<T> extends Mono<T> {",
            "    Mono<T> source;",
            "    String stepName() { return \"Step(\" + source.toString() + \")\"; }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void failureMessagesAndFuturesKnownNotToBeDone() {
    helper
        .addSourceLines(
            "Waits.java",
            "import static com.google.common.base.Preconditions.checkState;",
            "import java.util.concurrent.*;",
            "import org.slf4j.Logger;",
            "class Waits {",
            "  void check(CompletableFuture<String> cf) {",
            "    if (!cf.isDone()) { throw new IllegalStateException(\"not done: \" + cf); }",
            "    checkState(cf.isDone(), \"still pending: \" + cf);",
            "    checkState(cf.isDone(), String.format(\"still pending: %s\", cf));",
            "  }",
            "  String waitFor(Future<String> job, Logger log) throws Exception {",
            "    try {",
            "      return job.get(1, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      log.warn(\"timed out waiting for {}\", job);",
            "      return null;",
            "    }",
            "  }",
            "  void stop(Future<String> task, Logger log) {",
            "    log.info(\"cancelling {}\", task);",
            "    task.cancel(true);",
            "  }",
            "  void poll(CompletableFuture<String> cf, Logger log, boolean verbose) {",
            "    if (verbose && !cf.isDone()) { log.info(\"waiting on \" + cf); }",
            "  }",
            "  String stillFlagged(CompletableFuture<String> cf, Future<String> job, Logger log) {",
            "    // BUG: Diagnostic contains: cf is a CompletableFuture, not its result",
            "    log.info(\"got \" + cf);",
            "    if (cf.isDone()) {",
            "      // BUG: Diagnostic contains: cf is a CompletableFuture, not its result",
            "      return \"value: \" + cf;",
            "    }",
            "    // A message that is not a failure's: the value was meant.",
            "    // BUG: Diagnostic contains: job is a Future, not its result",
            "    System.out.println(\"result: \" + job);",
            "    return null;",
            "  }",
            "  // Where the method reads the value, the value was meant.",
            "  void readsTheValue(CompletableFuture<Integer> count, Future<String> f, Logger log) throws Exception {",
            "    // BUG: Diagnostic contains: count is a CompletableFuture, not its result",
            "    if (count.join() != 3) { throw new IllegalStateException(\"expected 3 but got \" + count); }",
            "    String r = f.get(5, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: f is a Future, not its result",
            "    log.info(\"fetched \" + f);",
            "    f.cancel(true);",
            "  }",
            "  void doneAfterAll(CompletableFuture<String> cf, Logger log) {",
            "    if (!cf.isDone()) {",
            "      cf.join();",
            "      // BUG: Diagnostic contains: cf is a CompletableFuture, not its result",
            "      log.info(\"finished with \" + cf);",
            "    }",
            "  }",
            "  void otherFutureTimedOut(Future<String> fa, CompletableFuture<String> fb, Logger log) throws Exception {",
            "    try {",
            "      fa.get(1, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      // BUG: Diagnostic contains: fb is a CompletableFuture, not its result",
            "      log.warn(\"a timed out, b returned \" + fb);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void futuresKnownToHaveNoValue() {
    // Not done yet, failed or cancelled: there is no value to show, so the future is described.
    helper
        .addSourceLines(
            "Pending.java",
            "import java.util.concurrent.*;",
            "import org.slf4j.Logger;",
            "class Pending {",
            "  void elseOfDone(CompletableFuture<String> cf, Logger log) {",
            "    if (cf.isDone()) { log.info(\"finished\"); } else { log.info(\"still waiting on \" + cf); }",
            "    log.info(cf.isDone() ? \"finished\" : \"still waiting on \" + cf);",
            "  }",
            "  void exitWhenDone(CompletableFuture<String> cf, Logger log) {",
            "    if (cf.isDone()) { return; }",
            "    log.info(\"still waiting on \" + cf);",
            "  }",
            "  void failed(CompletableFuture<String> cf, Logger log) {",
            "    if (cf.isCompletedExceptionally() || cf.isCancelled()) { log.warn(\"gave up on \" + cf); }",
            "    if (cf.isDone() && !cf.isCompletedExceptionally()) { return; }",
            "    log.warn(\"no result from \" + cf);",
            "  }",
            "  void states(Future<String> f, Logger log) {",
            "    if (f.state() == Future.State.RUNNING) { log.info(\"still running: \" + f); }",
            "    if (f.state() != Future.State.SUCCESS) { log.info(\"no result from \" + f); }",
            "    switch (f.state()) {",
            "      case RUNNING -> log.info(\"still running: \" + f);",
            "      case FAILED, CANCELLED -> log.info(\"gave up on \" + f);",
            "      default -> {}",
            "    }",
            "    switch (f.state()) {",
            "      case RUNNING:",
            "      case FAILED:",
            "        log.info(\"no result from \" + f);",
            "        break;",
            "      case SUCCESS:",
            "        // BUG: Diagnostic contains: f is a Future, not its result",
            "        log.info(\"result: \" + f);",
            "        break;",
            "      default:",
            "    }",
            "  }",
            "  void stillFlagged(Future<String> f, CompletableFuture<String> cf, CompletableFuture<String> other, Logger log) {",
            "    if (f.state() == Future.State.SUCCESS || f.state() == Future.State.RUNNING) {",
            "      // BUG: Diagnostic contains: f is a Future, not its result",
            "      log.info(\"result: \" + f);",
            "    }",
            "    if (!cf.isCancelled()) {",
            "      // BUG: Diagnostic contains: cf is a CompletableFuture, not its result",
            "      log.info(\"result: \" + cf);",
            "    }",
            "    if (!cf.isDone()) {",
            "      // A callback runs once the future has its value: there the value was meant.",
            "      // BUG: Diagnostic contains: cf is a CompletableFuture, not its result",
            "      cf.thenRun(() -> log.info(\"loaded \" + cf));",
            "    }",
            "    if (other.isDone()) { return; }",
            "    // BUG: Diagnostic contains: cf is a CompletableFuture, not its result",
            "    log.info(\"result: \" + cf);",
            "    switch (f.state()) {",
            "      case SUCCESS:",
            "        log.info(\"succeeded\");",
            "      case FAILED:",
            "        // BUG: Diagnostic contains: f is a Future, not its result",
            "        log.info(\"finished: \" + f);",
            "        break;",
            "      default:",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void nettyAndVertxFuturesKnownToHaveFailed() {
    // Vert.x's failed(), Netty's !isSuccess() and either's cause() != null say there is no value.
    helper
        .addSourceLines(
            "io/netty/util/concurrent/Future.java",
            "package io.netty.util.concurrent;",
            "public interface Future<V> extends java.util.concurrent.Future<V> {",
            "  boolean isSuccess();",
            "  Throwable cause();",
            "  boolean await(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException;",
            "}")
        .addSourceLines(
            "io/vertx/core/Future.java",
            "package io.vertx.core;",
            "public interface Future<T> {",
            "  boolean failed();",
            "  boolean succeeded();",
            "  boolean isComplete();",
            "  Throwable cause();",
            "}")
        .addSourceLines(
            "Listeners.java",
            "import org.slf4j.Logger;",
            "class Listeners {",
            "  void netty(io.netty.util.concurrent.Future<String> f, Logger log) {",
            "    if (!f.isSuccess()) { log.warn(\"failed: \" + f); }",
            "    if (f.cause() != null) { log.warn(\"failed: \" + f); }",
            "    if (null == f.cause()) { return; }",
            "    log.warn(\"failed: \" + f);",
            "  }",
            "  void timed(io.netty.util.concurrent.Future<String> f, Logger log) throws InterruptedException {",
            "    // A timed await that answers false: not done in time.",
            "    if (!f.await(1, java.util.concurrent.TimeUnit.SECONDS)) { log.warn(\"still pending: \" + f); }",
            "    if (f.await(1, java.util.concurrent.TimeUnit.SECONDS)) {",
            "      // BUG: Diagnostic contains: f is a Future, not its result",
            "      log.info(\"result: \" + f);",
            "    }",
            "  }",
            "  void completables(io.reactivex.rxjava3.core.Completable refresh, io.reactivex.rxjava3.core.Single<String> name,",
            "      Logger log) {",
            "    // Completion or failure, never a value: describing it is all there is to show.",
            "    log.debug(\"scheduling \" + refresh);",
            "    // BUG: Diagnostic contains: name is a Single",
            "    log.debug(\"name: \" + name);",
            "  }",
            "  void vertx(io.vertx.core.Future<String> vf, Logger log) {",
            "    if (vf.failed()) { log.warn(\"lookup failed: \" + vf); }",
            "    if (!vf.succeeded()) { log.warn(\"no result: \" + vf); }",
            "    if (!vf.isComplete()) { log.warn(\"still waiting on \" + vf); }",
            "    if (vf.cause() != null) { log.warn(\"failed: \" + vf); }",
            "  }",
            "  void stillFlagged(io.netty.util.concurrent.Future<String> f, io.vertx.core.Future<String> vf,",
            "      Logger log) {",
            "    if (f.isSuccess()) {",
            "      // BUG: Diagnostic contains: f is a Future, not its result",
            "      log.info(\"result: \" + f);",
            "    }",
            "    if (f.cause() == null) {",
            "      // BUG: Diagnostic contains: f is a Future, not its result",
            "      log.info(\"result: \" + f);",
            "    }",
            "    if (!vf.failed()) {",
            "      // BUG: Diagnostic contains: vf is a Future, not its result",
            "      log.info(\"result: \" + vf);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void futuresWithNoValueToMeanAndTasksThatDescribeThemselves() {
    helper
        .addSourceLines(
            "Handles.java",
            "import java.util.concurrent.*;",
            "import org.slf4j.Logger;",
            "import reactor.core.publisher.Mono;",
            "class Handles {",
            "  interface WriteResult extends Future<Void> {}",
            "  static final class SumTask extends RecursiveTask<Long> {",
            "    final int lo, hi;",
            "    SumTask(int lo, int hi) { this.lo = lo; this.hi = hi; }",
            "    @Override protected Long compute() { return 0L; }",
            "    @Override public String toString() { return \"SumTask[\" + lo + \",\" + hi + \")\"; }",
            "  }",
            "  static final class Plain extends CompletableFuture<String> {}",
            "  void run(Logger log, ScheduledFuture<?> poller, CompletableFuture<Void> closed, Future<Void> job,",
            "      Mono<Void> done, WriteResult written, SumTask task, CompletableFuture<String> price,",
            "      Plain plain, Future<String> result, ScheduledFuture<Long> timer) {",
            "    log.info(\"started poller {}\", poller);",
            "    log.info(\"waiting for {}\", closed);",
            "    log.debug(\"submitted {}\", job);",
            "    log.debug(\"stream \" + done);",
            "    log.debug(\"write {}\", written);",
            "    log.debug(\"forking {}\", task);",
            "    assert price.isDone() : \"not done: \" + price;",
            "    // BUG: Diagnostic contains: price is a CompletableFuture, not its result",
            "    log.info(\"price {}\", price);",
            "    // BUG: Diagnostic contains: plain is a Plain, not its result",
            "    log.info(\"got {}\", plain);",
            "    // BUG: Diagnostic contains: result is a Future, not its result",
            "    log.info(\"got {}\", result);",
            "    // BUG: Diagnostic contains: timer is a ScheduledFuture, not its result: logging it uses the future object itself (its state, such as 'Incomplete'), not its result. get() it where the value is needed",
            "    log.info(\"got {}\", timer);",
            "    // BUG: Diagnostic contains: Use the value when it arrives (Futures.transform, addCallback)",
            "    log.info(\"got {}\", com.google.common.util.concurrent.Futures.immediateFuture(\"x\"));",
            "  }",
            "  String pendingToString(CompletableFuture<String> f) { return \"CF \" + f + \" done=\" + f.isDone(); }",
            "  String totalString(CompletableFuture<String> total) {",
            "    // BUG: Diagnostic contains: total is a CompletableFuture, not its result",
            "    return \"Total: \" + total;",
            "  }",
            "  static final class Traced<T> extends CompletableFuture<T> {",
            "    @Override public String toString() { return \"Traced \" + super.toString(); }",
            "  }",
            "  record Job(String id) {}",
            "  String traced(Traced<String> t, Future<?> any) {",
            "    // BUG: Diagnostic contains: any is a Future, not its result",
            "    log(\"result \" + any);",
            "    // BUG: Diagnostic contains: t is a Traced, not its result",
            "    return \"got \" + t;",
            "  }",
            "  void log(String s) {}",
            "}")
        .doTest();
  }

  @Test
  void subtypesOfOtherFutureTypesWithoutTypeArguments() {
    // A type without a type argument has the value of the future type it is: Vert.x 5's Timer is a
    // Future<Void>, as Netty's ChannelFuture is a java.util.concurrent.Future<Void>.
    helper
        .addSourceLines(
            "io/vertx/core/Future.java",
            "package io.vertx.core;",
            "public interface Future<T> {",
            "  boolean succeeded();",
            "}")
        .addSourceLines(
            "io/vertx/core/Timer.java",
            "package io.vertx.core;",
            "public interface Timer extends Future<Void>, java.util.concurrent.Delayed {}")
        .addSourceLines(
            "Timers.java",
            "import java.util.concurrent.CompletionStage;",
            "import org.slf4j.Logger;",
            "class Timers {",
            "  interface Lookup extends io.vertx.core.Future<String> {}",
            "  interface Closed extends CompletionStage<Void> {}",
            "  interface Fetched extends CompletionStage<String> {}",
            "  void run(Logger log, io.vertx.core.Timer timer, Closed closed, Lookup lookup, Fetched fetched) {",
            "    log.info(\"armed {}\", timer);",
            "    log.debug(\"timer \" + timer);",
            "    log.debug(\"closing {}\", closed);",
            "    // BUG: Diagnostic contains: lookup is a Lookup, not its result",
            "    log.info(\"found {}\", lookup);",
            "    // BUG: Diagnostic contains: fetched is a Fetched, not its result",
            "    log.info(\"fetched \" + fetched);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void messageUsesTheRightArticle() {
    helper
        .addSourceLines(
            "Article.java",
            "import java.util.concurrent.CompletableFuture;",
            "class Article {",
            "  static class InnerFuture extends CompletableFuture<String> {}",
            "  void run(InnerFuture f) {",
            "    // BUG: Diagnostic contains: f is an InnerFuture, not its result",
            "    System.out.println(f);",
            "    var g = new CompletableFuture<String>() {};",
            "    // BUG: Diagnostic contains: g is an anonymous CompletableFuture, not its result",
            "    System.out.println(g);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void futuresNamedAsFuturesAreDescribedOnPurpose() {
    // Found on async-http-client: LOGGER.debug("Aborting Future {}", future).
    helper
        .addSourceLines(
            "Named.java",
            "import java.util.concurrent.CompletableFuture;",
            "import org.slf4j.Logger;",
            "class Named {",
            "  CompletableFuture<String> responseFuture;",
            "  CompletableFuture<String> getFuture() { return responseFuture; }",
            "  void run(Logger log, CompletableFuture<String> future, CompletableFuture<String> promise,",
            "      CompletableFuture<String> user, reactor.core.publisher.Mono<String> userMono,",
            "      java.util.concurrent.CompletionStage<String> stage,",
            "      org.reactivestreams.Publisher<String> publisher) {",
            "    log.debug(\"Aborting {}\", future);",
            "    log.debug(\"stage {} of {}\", stage, publisher);",
            "    log.debug(\"for {} and {}\", promise, this.responseFuture);",
            "    String s = \"state \" + getFuture() + userMono;",
            "    // BUG: Diagnostic contains: user is a CompletableFuture, not its result",
            "    log.info(\"user {}\", user);",
            "    // BUG: Diagnostic contains: comparing it with a String",
            "    future.equals(\"done\");",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void jooqQueriesRenderTheirSql() {
    // A jOOQ query is a Publisher (R2DBC subscribes to it), and its text is its SQL.
    helper
        .addSourceLines(
            "org/jooq/QueryPart.java", "package org.jooq;", "public interface QueryPart {}")
        .addSourceLines(
            "org/jooq/ResultQuery.java",
            "package org.jooq;",
            "public interface ResultQuery<R> extends QueryPart, org.reactivestreams.Publisher<R> {}")
        .addSourceLines(
            "Sql.java",
            "import org.jooq.ResultQuery;",
            "import org.slf4j.Logger;",
            "class Sql {",
            "  void run(Logger log, ResultQuery<String> query, reactor.core.publisher.Mono<String> user) {",
            "    log.debug(\"executing {}\", query);",
            "    String sql = \"sql: \" + query;",
            "    // BUG: Diagnostic contains: user is a Mono, not its result",
            "    log.debug(\"user {}\", user);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void namesThatSayFuture() {
    for (String name :
        List.of(
            "future", "responseFuture", "getFuture", "PROMISE", "stage", "stageName", "publisher",
            "userMono", "mono", "monoOf", "fluxCache", "Flux", "resultFlux")) {
      assertTrue(FutureUsedAsValue.saysFuture(name), name);
    }
    for (String name : List.of("user", "price", "user_mono", "harmony", "", "monitor", "influx2")) {
      assertFalse(FutureUsedAsValue.saysFuture(name), name);
    }
  }

  @Test
  void articles() {
    for (String name : List.of("Executor", "InnerFuture", "Unsafe", "UnmodifiableList", "Observable")) {
      assertTrue(CallDescriptions.startsWithVowelSound(name), name);
    }
    for (String name : List.of("Uni", "UnaryOperator", "URL", "UUID", "Mono", "", "U")) {
      assertFalse(CallDescriptions.startsWithVowelSound(name), name);
    }
  }
}
