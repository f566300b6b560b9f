package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * Where a lambda, method reference or anonymous class handed to a call will run: on a thread that
 * must not block (a callback), on an executor meant for work (offloaded), right here (inline), or
 * somewhere unknown (deferred). The one place that knows the async APIs' threading rules.
 */
final class FunctionRoles {

  enum Kind {
    /** Runs on a completing or emitting thread, or on the common pool: an async context. */
    CALLBACK,
    /** Handed to an explicit executor or a blocking-friendly scheduler: blocking there is fine. */
    OFFLOADED,
    /** Runs during the call, on the caller's thread: the caller's context applies. */
    INLINE,
    /** Stored or handed to an unknown API: no claim either way. */
    DEFERRED
  }

  /** {@code onCommonPool}: a callback that runs as a task of the common ForkJoinPool. */
  record Role(Kind kind, String description, boolean onCommonPool) {
    static final Role OFFLOADED = new Role(Kind.OFFLOADED, "", false);
    static final Role INLINE = new Role(Kind.INLINE, "", false);
    static final Role DEFERRED = new Role(Kind.DEFERRED, "", false);

    static Role callback(String description) {
      return new Role(Kind.CALLBACK, description, false);
    }

    static Role commonPoolCallback(String description) {
      return new Role(Kind.CALLBACK, description, true);
    }
  }

  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  /** Reactor's and RxJava's (2 and 3) schedulers. */
  private static final ImmutableSet<String> SCHEDULERS =
      ImmutableSet.of("reactor.core.scheduler.Scheduler", "io.reactivex.rxjava3.core.Scheduler", "io.reactivex.Scheduler");
  /**
   * Reactor's publishers, and RxJava's (2 and 3), whose operators follow the same rules: a function
   * runs on the thread that emits, {@code observeOn} moves what follows it as {@code publishOn} does,
   * {@code subscribeOn} the whole pipeline.
   */
  private static final ImmutableSet<String> PUBLISHER_TYPES =
      ImmutableSet.of(
          "reactor.core.publisher.Mono",
          "reactor.core.publisher.Flux",
          "reactor.core.publisher.ParallelFlux",
          "io.reactivex.rxjava3.core.Flowable",
          "io.reactivex.rxjava3.core.Observable",
          "io.reactivex.rxjava3.core.Single",
          "io.reactivex.rxjava3.core.Maybe",
          "io.reactivex.rxjava3.core.Completable",
          "io.reactivex.rxjava3.parallel.ParallelFlowable",
          "io.reactivex.Flowable",
          "io.reactivex.Observable",
          "io.reactivex.Single",
          "io.reactivex.Maybe",
          "io.reactivex.Completable",
          "io.reactivex.parallel.ParallelFlowable");
  private static final String RXJAVA_PACKAGE = "io.reactivex.";
  /** Mutiny's Uni, Multi and their operator groups (onItem(), createFrom(), ...). */
  private static final String MUTINY_PACKAGE = "io.smallrye.mutiny.";
  /** Operators that move what follows them to their scheduler or executor. */
  private static final ImmutableSet<String> DOWNSTREAM_HOPS =
      ImmutableSet.of("publishOn", "runOn", "emitOn", "observeOn", "subscribeOn", "runSubscriptionOn");
  /**
   * Timed sources and operators that, given a scheduler, emit every signal on it: {@code
   * Flux.interval(period, S)}, {@code Mono.delay(d, S)}, {@code delayElements(d, S)}, RxJava's {@code
   * debounce(d, unit, S)}, {@code buffer(d, unit, S)}. Without one, those also in {@link
   * #SWITCHES_THREADS} emit on their library's timer scheduler.
   */
  private static final ImmutableSet<String> TIMED_ON_SCHEDULER =
      ImmutableSet.of(
          "interval", "intervalRange", "timer", "delay", "delayElement", "delayElements", "delaySequence",
          "debounce", "throttleLatest", "throttleLast", "throttleWithTimeout", "sample", "buffer", "window");

  /**
   * Operators after which signals may come from another publisher's or a timer's thread: a hop
   * above them does not say where what follows runs.
   */
  private static final ImmutableSet<String> SWITCHES_THREADS =
      ImmutableSet.of(
          "flatMap", "flatMapMany", "flatMapSequential", "concatMap", "switchMap", "mergeWith", "zipWith",
          "zipWhen", "concatWith", "then", "thenMany", "switchIfEmpty", "delayUntil", "filterWhen",
          "onErrorResume", "retryWhen", "repeatWhen", "timeout", "sample", "publishOn", "runOn", "emitOn",
          "observeOn", "interval", "intervalRange", "timer", "delay", "delayElement", "delayElements",
          "debounce", "throttleLatest", "throttleLast", "throttleWithTimeout",
          "delaySequence", "flatMapSingle", "flatMapMaybe", "flatMapCompletable", "flatMapObservable",
          "flatMapPublisher", "concatMapSingle", "concatMapMaybe", "concatMapCompletable", "switchMapSingle",
          "switchMapMaybe", "switchMapCompletable", "onErrorResumeNext", "onErrorResumeWith", "andThen");

  /** Operators that move the whole pipeline, upstream of them too, to their scheduler or executor. */
  private static final ImmutableSet<String> PIPELINE_HOPS =
      ImmutableSet.of("subscribeOn", "runSubscriptionOn");
  private static final List<String> GUAVA_CALLBACK_OWNERS =
      List.of(
          "com.google.common.util.concurrent.Futures",
          "com.google.common.util.concurrent.FluentFuture",
          "com.google.common.util.concurrent.ListenableFuture",
          "com.google.common.util.concurrent.Futures.FutureCombiner");

  /** Reactor factories whose function runs on the subscribing thread, when subscribed. */
  private static final ImmutableSet<String> REACTOR_SOURCES =
      ImmutableSet.of(
          "fromCallable",
          "fromSupplier",
          "fromRunnable",
          "fromAction",
          "fromStream",
          "defer",
          "deferContextual",
          "create",
          "push",
          "generate",
          "using",
          "usingWhen");

  /** Reactor sources that emit on the subscribing thread: from memory, or from a function run there. */
  private static final ImmutableSet<String> REACTOR_SYNCHRONOUS_SOURCES =
      ImmutableSet.of(
          "just", "justOrEmpty", "empty", "fromIterable", "fromArray", "fromStream", "range", "fromCallable",
          "fromSupplier", "fromAction", "complete");

  /**
   * Reactor operators that call their function on the thread that emits and neither switch threads
   * (no time, no scheduler) nor subscribe to another publisher.
   */
  private static final ImmutableSet<String> REACTOR_SYNCHRONOUS_OPERATORS =
      ImmutableSet.of(
          "map", "mapNotNull", "filter", "handle", "doOnNext", "doOnError", "doOnComplete", "doOnSuccess",
          "doOnTerminate", "doOnSubscribe", "doOnRequest", "doFinally", "take", "takeWhile", "skip",
          "skipWhile", "distinct", "distinctUntilChanged", "flatMapIterable", "concatMapIterable",
          "collectList", "collectMap", "collectMultimap", "collectSortedList", "collect", "reduce", "count",
          "all", "any", "hasElements", "hasElement", "next", "last", "single", "elementAt", "sort", "cast",
          "ofType", "index", "defaultIfEmpty", "onErrorReturn", "onErrorMap", "then", "thenReturn",
          "log", "checkpoint", "name", "tag", "hide", "limitRate", "limitRequest", "scan", "doOnEach",
          "doOnCancel", "doOnDiscard", "doAfterTerminate", "ignoreElements", "materialize", "dematerialize",
          "bufferUntil", "bufferWhile", "takeLast", "skipLast", "takeUntil", "skipUntil", "concatWithValues",
          "onErrorComplete", "onErrorContinue", "toList", "toMap", "toMultimap", "toSortedList",
          "firstElement", "lastElement", "singleElement", "first", "firstOrError", "lastOrError",
          "singleOrError", "onErrorReturnItem", "ignoreElement", "doAfterNext", "doAfterSuccess",
          "doOnEvent", "doOnDispose", "doOnLifecycle", "toFlowable", "toObservable", "toSingle", "toMaybe");

  /**
   * Buffering operators that are synchronous only when they count: {@code buffer()}, {@code
   * buffer(10)}, {@code buffer(10, 5)}; {@code buffer(Duration)} emits from a timer, {@code
   * buffer(Publisher)} when another source does.
   */
  private static final ImmutableSet<String> COUNTED_BUFFERS = ImmutableSet.of("buffer");

  /** Whether the Reactor operator {@code call} (named {@code name}) is one that never switches threads. */
  private static boolean isSynchronousOperator(String name, MethodInvocationTree call) {
    // then() ignores the elements; then(other) subscribes to other, which may emit anywhere.
    if (name.equals("then")) {
      return call.getArguments().isEmpty();
    }
    if (REACTOR_SYNCHRONOUS_OPERATORS.contains(name)) {
      return true;
    }
    return COUNTED_BUFFERS.contains(name)
        && (call.getArguments().isEmpty()
            || (ASTHelpers.getType(call.getArguments().get(0)) != null
                && ASTHelpers.getType(call.getArguments().get(0)).getKind() == TypeKind.INT));
  }

  /**
   * Reactor's and RxJava's ends that subscribe on the caller's thread and wait there (RxJava's {@code
   * test()} subscribes there without waiting: a synchronous chain has run by its return).
   */
  private static final ImmutableSet<String> BLOCKING_ENDS =
      ImmutableSet.of(
          "block", "blockFirst", "blockLast", "blockOptional", "toIterable", "toStream", "blockingGet",
          "blockingFirst", "blockingLast", "blockingSingle", "blockingIterable", "blockingForEach",
          "blockingSubscribe", "blockingAwait", "blockingStream", "test");

  /** Schedulers whose threads must not block; any other scheduler is taken as fit for blocking. */
  private static final CallPattern.AnyOf NON_BLOCKING_SCHEDULER =
      CallPattern.anyOf(
          CallPattern.staticMethod(
              "reactor.core.scheduler.Schedulers", "parallel", "single", "immediate", "newParallel", "newSingle"),
          // RxJava's trampoline() runs the work on the current thread, whatever that is.
          CallPattern.staticMethod("io.reactivex.rxjava3.schedulers.Schedulers", "computation", "single", "trampoline"),
          CallPattern.staticMethod("io.reactivex.schedulers.Schedulers", "computation", "single", "trampoline"),
          CallPattern.staticMethod("io.reactivex.rxjava3.android.schedulers.AndroidSchedulers", "mainThread"),
          CallPattern.staticMethod("io.reactivex.android.schedulers.AndroidSchedulers", "mainThread"));

  private static final CallPattern DIRECT_EXECUTOR =
      CallPattern.staticMethod("com.google.common.util.concurrent.MoreExecutors", "directExecutor");

  private FunctionRoles() {}

  /** The role of the function at {@code functionPath} (a lambda, method reference or {@code new}). */
  static Role of(TreePath functionPath, VisitorState state) {
    Tree function = functionPath.getLeaf();
    TreePath parentPath = functionPath.getParentPath();
    while (parentPath != null
        && (parentPath.getLeaf() instanceof ParenthesizedTree
            || parentPath.getLeaf() instanceof TypeCastTree)) {
      function = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return Role.DEFERRED;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MethodInvocationTree invocation
        && invocation.getArguments().contains(function)) {
      return ofArgument(invocation, parentPath, functionPath.getLeaf(), state);
    }
    if (parent instanceof NewClassTree newClass && newClass.getArguments().contains(function)) {
      // new Thread(task), new Timer task wrappers and the like: the work runs elsewhere.
      return hasExecutorLikeArgument(newClass.getArguments(), state)
              || TypeNames.isSubtype(ASTHelpers.getType(newClass), "java.lang.Thread", state)
          ? Role.OFFLOADED
          : inlineOrDeferred(functionPath.getLeaf(), ASTHelpers.getSymbol(newClass), state);
    }
    return Role.DEFERRED;
  }

  private static Role ofArgument(
      MethodInvocationTree invocation, TreePath invocationPath, Tree function, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(invocation);
    if (method == null) {
      return Role.DEFERRED;
    }
    String name = method.getSimpleName().toString();
    List<? extends ExpressionTree> arguments = invocation.getArguments();
    ExpressionTree executor = executorArgument(arguments, state);

    // CompletionStage stages and CompletableFuture.supplyAsync/runAsync.
    if (TypeNames.ownerIsSubtype(method, COMPLETION_STAGE, state)
        || (method.isStatic() && TypeNames.ownerIsSubtype(method, COMPLETABLE_FUTURE, state))) {
      boolean direct = executor != null && isDirectExecutor(executor, state);
      boolean commonPool = executor != null && isCommonPool(executor, state);
      if (executor != null && !direct && !commonPool) {
        return isEventLoop(executor, invocationPath, state) ? eventLoopCallback(name) : Role.OFFLOADED;
      }
      // A subclass's *Async stage without an executor runs on its own defaultExecutor() (JDK 9+).
      if (executor == null
          && !method.isStatic()
          && name.endsWith("Async")
          && overridesDefaultExecutor(ASTHelpers.getReceiverType(invocation), state)) {
        return Role.OFFLOADED;
      }
      String onCommonPool =
          (commonPool ? " given the common pool" : " without an executor")
              + ", which runs on the common ForkJoinPool";
      if (method.isStatic()) {
        // supplyAsync(task, Runnable::run) runs the task at once, on the calling thread.
        return name.endsWith("Async") && !direct ? Role.commonPoolCallback("in " + name + onCommonPool) : Role.INLINE;
      }
      if (name.endsWith("Async") && !direct) {
        return Role.commonPoolCallback("in " + CallDescriptions.article(name) + " " + name + " callback" + onCommonPool);
      }
      // supplyAsync(task, pool).thenAccept(...): the future completes on the pool's thread.
      if (completesOnAnExecutor(invocation, invocationPath, state)) {
        return Role.OFFLOADED;
      }
      return Role.callback(
          "in " + CallDescriptions.article(name) + " " + name + " callback, which runs on the thread that completes the future");
    }

    // Guava callbacks run on the executor they are given; directExecutor() is the completing thread,
    // which is a pool's when the input future is one a pool completes (Futures.submit(task, pool)).
    if (executor != null && ownerIsAny(method, GUAVA_CALLBACK_OWNERS, state)) {
      // Futures.submit(task, directExecutor()) runs the task at once, on the calling thread.
      if (method.isStatic() && GUAVA_SUBMISSIONS.contains(name) && isDirectExecutor(executor, state)) {
        return Role.INLINE;
      }
      if (isEventLoop(executor, invocationPath, state)) {
        return eventLoopCallback(name);
      }
      if (!isDirectExecutor(executor, state)
          || guavaCompletesOnAnExecutor(guavaInput(invocation, method), invocationPath, state)) {
        return Role.OFFLOADED;
      }
      return Role.callback(
          "in " + CallDescriptions.article(name) + " " + name
              + " callback run by directExecutor(), on the thread that completes the future");
    }

    // Reactor and RxJava: operators run on the thread that emits; sources on the subscribing thread.
    if (ownerIsAny(method, PUBLISHER_TYPES, state)) {
      if (chainOffloads(invocation, invocationPath, state)
          || (executor != null && !isDirectExecutor(executor, state) && !isEventLoop(executor, invocationPath, state))) {
        return Role.OFFLOADED;
      }
      // blockingSubscribe(consumer), blockingForEach(consumer): called back on the calling thread.
      if ((!method.isStatic() && BLOCKING_ENDS.contains(name))
          || (!method.isStatic() && blockedOnFromASynchronousSource(invocation, invocationPath, state))) {
        return Role.INLINE;
      }
      boolean rxJava = method.owner.getQualifiedName().toString().startsWith(RXJAVA_PACKAGE);
      // RxJava code commonly leaves the scheduler to whoever subscribes: a function run where the
      // chain is subscribed is not judged (an operator after another API's publisher still is).
      if (rxJava
          && ((method.isStatic() && REACTOR_SOURCES.contains(name))
              || (!method.isStatic() && completesWhereSubscribed(ASTHelpers.getReceiver(invocation), state)))) {
        return Role.DEFERRED;
      }
      if (method.isStatic() && REACTOR_SOURCES.contains(name)) {
        return Role.INLINE;
      }
      if (method.isStatic()) {
        return Role.DEFERRED;
      }
      String library = rxJava ? "an RxJava " : "a Reactor ";
      return Role.callback(
          "in " + library + name + " operator, which runs on the thread that emits the signal"
              + " (often an event loop)");
    }

    // Mutiny: emitOn(executor) moves the operators after it, runSubscriptionOn(executor) the
    // whole pipeline; without either, an operator's function keeps the context of the code around.
    if (isMutiny(method) && chainOffloads(invocation, invocationPath, state)) {
      return Role.OFFLOADED;
    }

    // Executors, threads, schedulers: the work is offloaded, but to the common pool's threads when
    // that is the executor (ForkJoinPool.commonPool().execute(task), delayedExecutor(d, unit).execute).
    ExpressionTree receiver = ASTHelpers.getReceiver(invocation);
    Type receiverType = receiver == null ? null : ASTHelpers.getType(receiver);
    boolean toAnExecutor = TypeNames.isSubtype(receiverType, EXECUTOR, state);
    if (toAnExecutor
        && isCommonPool(
            LocalVariables.heldValue(receiver, LocalVariables.around(invocationPath), state),
            state)) {
      return Role.commonPoolCallback(
          "in a task handed to " + CallDescriptions.describe(invocation) + ", which runs on the common ForkJoinPool");
    }
    // eventLoop.execute(task), ch.eventLoop().schedule(task, ..): the task runs on the loop itself.
    if (toAnExecutor && EXECUTOR_METHODS.contains(name) && isEventLoop(receiver, invocationPath, state)) {
      return Role.callback(
          "in a task handed to a Netty event loop's " + name + "(...), which runs it on the event loop's own thread");
    }
    if (executor != null
        || toAnExecutor
        || TypeNames.isSubtypeOfAny(receiverType, SCHEDULERS, state)
        || TypeNames.ownerIsSubtype(method, "java.lang.Thread", state)
        || TypeNames.ownerIsSubtype(method, "java.lang.Thread.Builder", state)
        || TypeNames.ownerIsSubtype(method, "java.util.Timer", state)
        || name.equals("executeBlocking")) {
      return Role.OFFLOADED;
    }
    // The JDK's rules first: most functions go to streams and collections, and they are cheapest.
    Role role = inlineOrDeferred(function, method, state);
    return role == Role.DEFERRED
            && (KNOWN_INLINE.matches(invocation, state)
                || callsItsParameter(method, argumentIndex(arguments, function), state))
        ? Role.INLINE
        : role;
  }

  /** Libraries' calls that run the function given to them before they return. */
  private static final CallPattern.AnyOf KNOWN_INLINE =
      CallPattern.anyOf(
          // A cache's get(key, loader) runs the loader on a miss, on the calling thread.
          CallPattern.instanceMethod("com.github.benmanes.caffeine.cache.Cache", "get"),
          CallPattern.instanceMethod("com.google.common.cache.Cache", "get"),
          // Timing, tracing, retrying and transactions around a call made right here.
          CallPattern.instanceMethod("io.micrometer.core.instrument.Timer", "record", "recordCallable"),
          CallPattern.instanceMethod("io.micrometer.core.instrument.LongTaskTimer", "record", "recordCallable"),
          CallPattern.instanceMethod("io.micrometer.observation.Observation", "observe", "observeChecked"),
          CallPattern.instanceMethodOfAny(
              List.of(
                  "io.github.resilience4j.retry.Retry",
                  "io.github.resilience4j.circuitbreaker.CircuitBreaker",
                  "io.github.resilience4j.bulkhead.Bulkhead",
                  "io.github.resilience4j.ratelimiter.RateLimiter"),
              "executeSupplier",
              "executeCallable",
              "executeRunnable",
              "executeCheckedSupplier"),
          CallPattern.instanceMethod(
              "org.springframework.transaction.support.TransactionTemplate", "execute", "executeWithoutResult"),
          CallPattern.instanceMethod("org.springframework.retry.support.RetryTemplate", "execute"));

  /** The position of the function among the arguments, through parentheses and casts; -1 if absent. */
  private static int argumentIndex(List<? extends ExpressionTree> arguments, Tree function) {
    for (int i = 0; i < arguments.size(); i++) {
      Tree argument = arguments.get(i);
      while (argument instanceof ParenthesizedTree || argument instanceof TypeCastTree) {
        argument =
            argument instanceof ParenthesizedTree parenthesized
                ? parenthesized.getExpression()
                : ((TypeCastTree) argument).getExpression();
      }
      if (argument == function) {
        return i;
      }
    }
    return -1;
  }

  /** Per compilation: for a method of this compilation, which of its parameters it calls itself. */
  private static final Supplier<Map<MethodSymbol, Set<VarSymbol>>> CALLED_PARAMETERS =
      PerCompilation.sharedIdentityMap();

  /**
   * A method of this compilation that calls the parameter the function is given for in its own
   * body ({@code static <T> T retry(Supplier<T> action) { .. action.get() .. }}): the function runs
   * during the call. One that only stores it or hands it on makes no such promise.
   */
  private static boolean callsItsParameter(MethodSymbol method, int index, VisitorState state) {
    if (index < 0 || index >= method.getParameters().size()) {
      return false;
    }
    Map<MethodSymbol, Set<VarSymbol>> known = CALLED_PARAMETERS.get(state);
    Set<VarSymbol> called = known.get(method);
    if (called == null) {
      called = new HashSet<>();
      BlockTree body = MethodDeclarations.bodyOf(method, state);
      if (body != null) {
        Set<VarSymbol> found = called;
        new OwnBodyScanner() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver
                && ASTHelpers.getSymbol(receiver) instanceof VarSymbol parameter
                && parameter.getKind() == ElementKind.PARAMETER) {
              found.add(parameter);
            }
            return super.visitMethodInvocation(call, null);
          }
        }.scan(body, null);
      }
      known.put(method, called);
    }
    return called.contains(method.getParameters().get(index));
  }

  /** Stages whose result completes on the thread that completed their receiver. */
  private static final ImmutableSet<String> SAME_THREAD_STAGES =
      ImmutableSet.of(
          "thenApply",
          "thenAccept",
          "thenRun",
          "handle",
          "whenComplete",
          "exceptionally",
          "toCompletableFuture",
          "copy",
          "minimalCompletionStage");

  /**
   * Whether the receiver of a stage completes on an explicit executor's thread: a chain of
   * same-thread stages back to {@code supplyAsync}, {@code runAsync} or an {@code *Async} stage
   * given an executor (not directExecutor()), through locals never reassigned. A stage that waits
   * for another future ({@code thenCompose}, {@code thenCombine}, {@code orTimeout}) or an unknown
   * origin ends the chain: the future may complete on any thread.
   */
  private static boolean completesOnAnExecutor(
      MethodInvocationTree stage, TreePath stagePath, VisitorState state) {
    boolean runsOnlyOnSuccess =
        ASTHelpers.getSymbol(stage) instanceof MethodSymbol method
            && SUCCESS_ONLY_STAGES.contains(method.getSimpleName().toString());
    return completesOnAnExecutor(ASTHelpers.getReceiver(stage), stagePath, state, 0, runsOnlyOnSuccess);
  }

  /** Stages whose function runs only when the future they follow succeeds. */
  private static final ImmutableSet<String> SUCCESS_ONLY_STAGES = ImmutableSet.of("thenApply", "thenAccept", "thenRun");

  /** Stages that turn a failure into a success, on the thread that delivers the failure. */
  private static final ImmutableSet<String> RECOVERING_STAGES = ImmutableSet.of("handle", "exceptionally");

  /** The future a Guava callback is added to: a static method's first argument, else the receiver. */
  private static ExpressionTree guavaInput(MethodInvocationTree call, MethodSymbol method) {
    if (method.isStatic()) {
      return call.getArguments().isEmpty() ? null : call.getArguments().get(0);
    }
    return ASTHelpers.getReceiver(call);
  }

  /** Guava's operators whose output the function's executor completes: transform, catching. */
  private static final ImmutableSet<String> GUAVA_SAME_EXECUTOR_STAGES = ImmutableSet.of("transform", "catching");

  /**
   * Whether a Guava future completes on an explicit executor's thread: {@code Futures.submit(task,
   * pool)}, a {@code ListeningExecutorService}'s {@code submit}, {@code transform} or {@code catching}
   * given a pool, or given {@code directExecutor()} on an input that does; through never-reassigned
   * locals and {@code FluentFuture.from}. Composing operators ({@code transformAsync}, {@code
   * submitAsync}) complete with another future, wherever that completes, and end the search.
   */
  private static boolean guavaCompletesOnAnExecutor(ExpressionTree future, TreePath from, VisitorState state) {
    ExpressionTree link = future == null ? null : ASTHelpers.stripParentheses(future);
    // A bound only against pathological chains of locals and operators.
    for (int step = 0; link != null && step < MAX_GUAVA_LINKS; step++) {
      if (!(link instanceof MethodInvocationTree call)) {
        VarSymbol local = LocalVariables.neverReassigned(link);
        ExpressionTree initializer = local == null ? null : LocalVariables.initializer(local, from);
        link = initializer == null ? null : ASTHelpers.stripParentheses(initializer);
        continue;
      }
      if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
        return false;
      }
      String name = method.getSimpleName().toString();
      if (method.isStatic() && GUAVA_GATHERING.contains(name) && ownerIsAny(method, GUAVA_CALLBACK_OWNERS, state)) {
        // allAsList(a, b): completes when its last input does (or its first fails), on that one's thread.
        return !call.getArguments().isEmpty()
            && call.getArguments().stream()
                .allMatch(
                    input ->
                        TypeNames.isSubtype(ASTHelpers.getType(input), LISTENABLE_FUTURE, state)
                            && guavaCompletesOnAnExecutor(input, from, state));
      }
      if (name.equals("submit") && TypeNames.ownerIsSubtype(method, LISTENING_EXECUTOR_SERVICE, state)) {
        ExpressionTree service = ASTHelpers.getReceiver(call);
        ExpressionTree made =
            service == null
                ? null
                : LocalVariables.heldValue(service, LocalVariables.around(from), state);
        return made == null || !DIRECT_EXECUTOR_SERVICE.matches(ASTHelpers.stripParentheses(made), state);
      }
      if (isOwnHelper(method, state)) {
        return helperCompletesOnAnExecutor(method, state);
      }
      if (!ownerIsAny(method, GUAVA_CALLBACK_OWNERS, state)) {
        return false;
      }
      if (name.equals("from") && method.isStatic()) { // FluentFuture.from(f): f itself
        link = ASTHelpers.stripParentheses(guavaInput(call, method));
        continue;
      }
      ExpressionTree executor = executorArgument(call.getArguments(), state);
      if (executor == null || !(name.equals("submit") || GUAVA_SAME_EXECUTOR_STAGES.contains(name))) {
        return false;
      }
      if (!isDirectExecutor(executor, state)) {
        return !isEventLoop(executor, from, state); // an event loop is no executor to offload to
      }
      if (name.equals("submit")) {
        return false; // run at once by the submitting thread
      }
      link = ASTHelpers.stripParentheses(guavaInput(call, method));
    }
    return false;
  }

  private static final int MAX_GUAVA_LINKS = 16;

  /** Guava's gatherers of futures passed one by one, whose future completes with their last one. */
  private static final ImmutableSet<String> GUAVA_GATHERING = ImmutableSet.of("allAsList", "successfulAsList");

  private static final String LISTENABLE_FUTURE = "com.google.common.util.concurrent.ListenableFuture";

  /**
   * A method of this compilation that no override can replace, not a library's, with no parameter
   * of an executor or scheduler type (its caller might hand it a direct one): its returns say where
   * its future completes ({@code onDb(s) { return supplyAsync(s, db); }}).
   */
  private static boolean isOwnHelper(MethodSymbol method, VisitorState state) {
    return !method.isConstructor()
        && MethodDeclarations.cannotBeOverridden(method, state)
        && method.getParameters().stream()
            .noneMatch(
                parameter ->
                    TypeNames.isSubtype(parameter.type, EXECUTOR, state)
                        || TypeNames.isSubtypeOfAny(parameter.type, SCHEDULERS, state))
        && MethodDeclarations.bodyOf(method, state) != null;
  }

  /** Helpers whose every return completes on an explicit executor, judged once per compilation. */
  private static final Supplier<Map<MethodSymbol, Boolean>> HELPER_COMPLETES_ON_AN_EXECUTOR =
      PerCompilation.sharedIdentityMap();

  /**
   * Whether every {@code return} of the helper gives a future that completes on an explicit
   * executor (a CompletableFuture chain or a Guava one, as above). A helper reached again through
   * its own returns proves nothing.
   */
  private static boolean helperCompletesOnAnExecutor(MethodSymbol helper, VisitorState state) {
    return PerCompilation.lookUpAssuming(
        HELPER_COMPLETES_ON_AN_EXECUTOR.get(state), helper, false, h -> everyReturnCompletesOnAnExecutor(h, state));
  }

  private static boolean everyReturnCompletesOnAnExecutor(MethodSymbol helper, VisitorState state) {
    TreePath body = MethodDeclarations.bodyPathOf(helper, state);
    return body != null
        && OwnBodyScanner.everyReturn(
            (BlockTree) body.getLeaf(),
            returned ->
                completesOnAnExecutor(returned, body, state, 0) || guavaCompletesOnAnExecutor(returned, body, state));
  }

  /** Guava's ways to start a task on an executor. */
  private static final ImmutableSet<String> GUAVA_SUBMISSIONS = ImmutableSet.of("submit", "submitAsync");

  private static final String LISTENING_EXECUTOR_SERVICE =
      "com.google.common.util.concurrent.ListeningExecutorService";

  private static final CallPattern DIRECT_EXECUTOR_SERVICE =
      CallPattern.staticMethod("com.google.common.util.concurrent.MoreExecutors", "newDirectExecutorService");

  /** Stages whose future completes with the one their function returns (or, on success, with the receiver). */
  private static final ImmutableSet<String> COMPOSING_STAGES =
      ImmutableSet.of("thenCompose", "thenComposeAsync", "exceptionallyCompose", "exceptionallyComposeAsync");

  /** Composed futures inside composed futures: a limit only against pathological code. */
  private static final int MAX_COMPOSED = 4;

  /**
   * Whether the future completes on an explicit executor's thread: the chain above, plus stages
   * that complete with another future ({@code thenCompose(x -> supplyAsync(.., pool))}, also
   * {@code exceptionallyCompose}) when that future and their receiver both do, and {@code
   * allOf(..)} of futures that all do.
   */
  private static boolean completesOnAnExecutor(
      ExpressionTree future, TreePath from, VisitorState state, int depth) {
    return completesOnAnExecutor(future, from, state, depth, false);
  }

  /**
   * {@code onlySuccessReaches}: only a success of this future reaches the callback (every stage
   * below is success-only), so {@code orTimeout}, which fails the future from the JDK's timer
   * thread but lets a success through from where it completes, changes nothing for it.
   */
  private static boolean completesOnAnExecutor(
      ExpressionTree future, TreePath from, VisitorState state, int depth, boolean onlySuccessReaches) {
    if (depth > MAX_COMPOSED) {
      return false;
    }
    for (ExpressionTree link : LocalVariables.upstream(future, from)) {
      if (!(link instanceof MethodInvocationTree call)) {
        continue; // a local: its initializer is the next link
      }
      if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
        return false;
      }
      if (!(TypeNames.ownerIsSubtype(method, COMPLETION_STAGE, state)
          || (method.isStatic() && TypeNames.ownerIsSubtype(method, COMPLETABLE_FUTURE, state)))) {
        // onDb(() -> load()).thenApply(..): a helper of this compilation whose returns say where.
        return isOwnHelper(method, state) && helperCompletesOnAnExecutor(method, state);
      }
      String name = method.getSimpleName().toString();
      if (COMPOSING_STAGES.contains(name)) {
        if (!composedOnAnExecutor(call, from, state, depth)) {
          return false;
        }
        if (name.startsWith("exceptionallyCompose")) {
          onlySuccessReaches = false; // a timeout it recovers from succeeds on the timer thread
        }
        continue; // and the receiver must complete on one too
      }
      if (name.equals("allOf")) {
        // Each local once: allOf(a, a, ..) of allOf(b, b, ..) must not multiply the work.
        Set<Symbol> seen = new HashSet<>();
        for (ExpressionTree input : call.getArguments()) {
          Symbol local = LocalVariables.neverReassigned(input);
          if ((local == null || seen.add(local)) && !completesOnAnExecutor(input, from, state, depth + 1)) {
            return false;
          }
        }
        return !call.getArguments().isEmpty();
      }
      if (name.endsWith("Async")) {
        ExpressionTree executor = executorArgument(call.getArguments(), state);
        return executor != null && !isDirectExecutor(executor, state) && !isEventLoop(executor, from, state);
      }
      if (name.equals("orTimeout") && onlySuccessReaches) {
        continue;
      }
      if (!SAME_THREAD_STAGES.contains(name)) {
        return false;
      }
      if (RECOVERING_STAGES.contains(name)) {
        onlySuccessReaches = false; // a timeout it recovers from succeeds on the timer thread
      }
    }
    return false;
  }

  /** The future a composing stage's function returns (an expression lambda's body) completes on an executor. */
  private static boolean composedOnAnExecutor(
      MethodInvocationTree stage, TreePath from, VisitorState state, int depth) {
    for (ExpressionTree argument : stage.getArguments()) {
      if (ASTHelpers.stripParentheses(argument) instanceof LambdaExpressionTree lambda
          && lambda.getBody() instanceof ExpressionTree returned) {
        // A future complete when returned (completedFuture(x)) leaves the stage to its receiver.
        return CompletedFutures.isMadeComplete(returned) || completesOnAnExecutor(returned, from, state, depth + 1);
      }
    }
    return false;
  }


  /**
   * A function handed to a method no rule above knows runs inline when the JDK promises it: any
   * function given to {@code java.util} outside {@code java.util.concurrent} or to {@code Iterable}
   * (forEach, streams, Optional, Map.computeIfAbsent), and a {@code java.util.function} shape or
   * {@code Comparator} given to another JDK method (ConcurrentHashMap.compute, AtomicReference
   * updates), and to Mutiny, whose operators keep the context of the code around them. Other
   * libraries and the project's own code take the same shapes to store them (Suppliers.memoize,
   * Resilience4j decorators, AsyncCache loaders), so no claim is made there.
   */
  private static Role inlineOrDeferred(Tree function, Symbol callee, VisitorState state) {
    String owner =
        callee == null || callee.owner == null ? "" : callee.owner.getQualifiedName().toString();
    if ((owner.startsWith("java.util.") && !owner.startsWith("java.util.concurrent."))
        || owner.equals("java.lang.Iterable")) {
      return Role.INLINE;
    }
    boolean runsFunctionsInline =
        (owner.startsWith("java.") && !storesFunctions(owner))
            || owner.startsWith(MUTINY_PACKAGE);
    return runsFunctionsInline && isJdkFunctionShape(function) ? Role.INLINE : Role.DEFERRED;
  }

  /** JDK types that keep a function to run later, on whichever thread asks. */
  private static final ImmutableSet<String> JDK_STORING_OWNERS =
      ImmutableSet.of("java.lang.ThreadLocal", "java.lang.InheritableThreadLocal");

  /**
   * Whether a JDK type keeps the functions it is given: the storing types above, and the HTTP
   * client's body publishers and handlers ({@code BodyPublishers.ofInputStream(() -> open(p))},
   * {@code BodySubscribers.mapping(.., parse)}), which run them later on the client's executor.
   */
  private static boolean storesFunctions(String owner) {
    return JDK_STORING_OWNERS.contains(owner) || owner.startsWith("java.net.http.");
  }

  private static boolean isJdkFunctionShape(Tree function) {
    Type functionType = ASTHelpers.getType(function);
    if (functionType == null || functionType.tsym == null) {
      return false;
    }
    String interfaceName = functionType.tsym.getQualifiedName().toString();
    return interfaceName.startsWith("java.util.function.")
        || interfaceName.equals("java.util.Comparator");
  }

  private static ExpressionTree executorArgument(
      List<? extends ExpressionTree> arguments, VisitorState state) {
    for (ExpressionTree argument : arguments) {
      Type type = ASTHelpers.getType(argument);
      if (TypeNames.isSubtype(type, EXECUTOR, state)
          || TypeNames.isSubtypeOfAny(type, SCHEDULERS, state)) {
        return argument;
      }
    }
    return null;
  }

  private static boolean hasExecutorLikeArgument(
      List<? extends ExpressionTree> arguments, VisitorState state) {
    return executorArgument(arguments, state) != null;
  }

  /**
   * Executors that run tasks on the common ForkJoinPool: {@code ForkJoinPool.commonPool()}, and
   * {@code CompletableFuture.delayedExecutor(delay, unit)} without an executor of its own.
   */
  private static final CallPattern.AnyOf COMMON_POOL =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.util.concurrent.ForkJoinPool", "commonPool"),
          CallPattern.staticMethod(COMPLETABLE_FUTURE, "delayedExecutor")
              .withParameters("long", "java.util.concurrent.TimeUnit"));

  /**
   * A CompletableFuture subclass (the receiver's type or one above it) whose {@code defaultExecutor()},
   * declared in this compilation, returns an executor other than the common pool or a direct one.
   */
  private static boolean overridesDefaultExecutor(Type receiver, VisitorState state) {
    if (receiver == null) {
      return false;
    }
    for (Type type : state.getTypes().closure(state.getTypes().erasure(receiver))) {
      if (type.tsym instanceof Symbol.ClassSymbol owner
          && !owner.getQualifiedName().contentEquals(COMPLETABLE_FUTURE)
          && TypeNames.isSubtype(type, COMPLETABLE_FUTURE, state)) {
        for (Symbol member : owner.getEnclosedElements()) {
          if (member instanceof MethodSymbol declared
              && declared.getSimpleName().contentEquals("defaultExecutor")
              && declared.getParameters().isEmpty()) {
            BlockTree body = MethodDeclarations.bodyOf(declared, state);
            return body != null
                && OwnBodyScanner.everyReturn(
                    body,
                    executor ->
                        !isCommonPool(executor, state)
                            && !isDirectExecutor(executor, state)
                            // super.defaultExecutor(): the common pool again.
                            && !(ASTHelpers.stripParentheses(executor) instanceof MethodInvocationTree call
                                && ASTHelpers.getReceiver(call) instanceof IdentifierTree qualifier
                                && qualifier.getName().contentEquals("super")));
          }
        }
      }
    }
    return false;
  }

  /**
   * Netty's I/O event loops ({@code channel.eventLoop()}, an {@code EventLoopGroup}, its {@code
   * next()}): a task given one runs on an event loop thread, which every channel of that loop
   * shares. Not any {@code EventExecutor}: a handler's {@code ctx.executor()} is the group it was
   * added with, which may be a {@code DefaultEventExecutorGroup} meant for blocking handlers; nor a
   * loop known to serve no sockets ({@link #NOT_IO_EVENT_LOOPS}), by type or as made.
   */
  private static boolean isEventLoop(ExpressionTree executor, TreePath from, VisitorState state) {
    if (executor == null || !TypeNames.isSubtype(ASTHelpers.getType(executor), EVENT_LOOP_GROUP, state)) {
      return false;
    }
    // group.next(): one of the group's loops.
    ExpressionTree loop = ASTHelpers.stripParentheses(executor);
    while (loop instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol next
        && next.getSimpleName().contentEquals("next")
        && ASTHelpers.getReceiver(call) != null) {
      loop = ASTHelpers.stripParentheses(ASTHelpers.getReceiver(call));
    }
    // An EmbeddedChannel's loop runs tasks on the test's own thread.
    if (loop instanceof MethodInvocationTree call
        && TypeNames.isSubtype(ASTHelpers.getReceiverType(call), "io.netty.channel.embedded.EmbeddedChannel", state)) {
      return false;
    }
    ExpressionTree made = LocalVariables.heldValue(loop, LocalVariables.around(from), state);
    return !TypeNames.isSubtypeOfAny(ASTHelpers.getType(loop), NOT_IO_EVENT_LOOPS, state)
        && !(made instanceof NewClassTree created
            && TypeNames.isSubtypeOfAny(ASTHelpers.getType(created), NOT_IO_EVENT_LOOPS, state));
  }

  private static final String EVENT_LOOP_GROUP = "io.netty.channel.EventLoopGroup";
  /**
   * Event loops that serve no sockets: a {@code DefaultEventLoopGroup} (often made to run blocking
   * work off the I/O loops) and a test's {@code EmbeddedEventLoop}.
   */
  private static final ImmutableSet<String> NOT_IO_EVENT_LOOPS =
      ImmutableSet.of(
          "io.netty.channel.DefaultEventLoopGroup",
          "io.netty.channel.DefaultEventLoop",
          "io.netty.channel.embedded.EmbeddedEventLoop");
  /** A stage's or a Guava callback given an event loop: {@code thenApplyAsync(fn, ch.eventLoop())}. */
  private static Role eventLoopCallback(String name) {
    return Role.callback(
        "in " + CallDescriptions.article(name) + " " + name + " callback given a Netty event loop,"
            + " which runs it on that event loop");
  }
  /** The methods of an executor that run a task given to them (not an event loop group's forEach). */
  private static final ImmutableSet<String> EXECUTOR_METHODS =
      ImmutableSet.of(
          "execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay", "invokeAll", "invokeAny");

  private static boolean isCommonPool(ExpressionTree executor, VisitorState state) {
    return executor != null && COMMON_POOL.matches(ASTHelpers.stripParentheses(executor), state);
  }

  /** {@code MoreExecutors.directExecutor()} or {@code Runnable::run}: runs on the calling thread. */
  private static boolean isDirectExecutor(ExpressionTree executor, VisitorState state) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(executor);
    if (DIRECT_EXECUTOR.matches(stripped, state)) {
      return true;
    }
    return stripped instanceof MemberReferenceTree reference
        && reference.getName().contentEquals("run")
        && TypeNames.isSubtype(
            ASTHelpers.getType(reference.getQualifierExpression()), "java.lang.Runnable", state);
  }

  private static boolean ownerIsAny(Symbol method, Collection<String> owners, VisitorState state) {
    return method.owner != null && TypeNames.isSubtypeOfAny(method.owner.type, owners, state);
  }

  /**
   * Whether the fluent chain around a Reactor, RxJava or Mutiny call moves execution to a scheduler
   * or executor fit for blocking: a {@code publishOn}, RxJava {@code observeOn}, ParallelFlux {@code
   * runOn}, Mutiny {@code emitOn} or a timed operator given one upstream of it, or a {@code
   * subscribeOn} or Mutiny {@code runSubscriptionOn} anywhere in the chain (not across a timer, which
   * emits on its own scheduler wherever the chain is subscribed). A scheduler not known to be
   * non-blocking (a variable, boundedElastic, fromExecutor, any executor) counts.
   */
  private static boolean chainOffloads(
      MethodInvocationTree invocation, TreePath invocationPath, VisitorState state) {
    // Upstream: the receivers of this call, through locals never reassigned
    // (`Flux<T> off = in.publishOn(S); off.map(..)`).
    boolean timerUpstream = false;
    for (ExpressionTree link : LocalVariables.upstream(ASTHelpers.getReceiver(invocation), invocationPath)) {
      if (!(link instanceof MethodInvocationTree upstream)) {
        continue;
      }
      Symbol symbol = ASTHelpers.getSymbol(upstream);
      String name = symbol == null ? "" : symbol.getSimpleName().toString();
      // interval(d).subscribeOn(S).map(f): the timer still emits on its own scheduler.
      if ((DOWNSTREAM_HOPS.contains(name) || TIMED_ON_SCHEDULER.contains(name))
          && schedulerFitForBlocking(upstream, state)
          && !(PIPELINE_HOPS.contains(name) && emitsFromATimer(ASTHelpers.getReceiver(upstream), state))) {
        return true;
      }
      // transform(f -> f.publishOn(S)), transform(this::onElastic), onElastic(flux): what they
      // return already emits on S.
      if ((REACTOR_TRANSFORMS.contains(name) && transformEmitsOnAScheduler(upstream, state))
          || (symbol instanceof MethodSymbol helper && helperEmitsOnAScheduler(helper, state))) {
        return true;
      }
      if (SWITCHES_THREADS.contains(name)) {
        // Flux.interval(d), Mono.delay(d) (no scheduler fit for blocking, or the hop above returned):
        // they emit on their timer's scheduler, which a subscribeOn below does not change.
        timerUpstream = isTimed(upstream, state);
        break; // what it emits comes from another publisher or a timer: a hop above no longer holds
      }
    }
    // Downstream: calls this one is the receiver of, and Reactor combinators it is a source of
    // (Mono.zip(a, b).subscribeOn(S) subscribes to a and b on S).
    TreePath path = invocationPath;
    while (path.getParentPath() != null) {
      TreePath parent = path.getParentPath();
      if (parent.getLeaf() instanceof MemberSelectTree select
          && parent.getParentPath() != null
          && parent.getParentPath().getLeaf() instanceof MethodInvocationTree downstream) {
        String name = select.getIdentifier().toString();
        if ((PIPELINE_HOPS.contains(name) && !timerUpstream && schedulerFitForBlocking(downstream, state))
            || (REACTOR_TRANSFORMS.contains(name) && transformsOntoAScheduler(downstream, state))) {
          return true;
        }
        path = parent.getParentPath();
      } else if (parent.getLeaf() instanceof MethodInvocationTree consumer
          && consumer.getArguments().contains(path.getLeaf())) {
        int argument = consumer.getArguments().indexOf(path.getLeaf());
        if (helperSubscribesOn(consumer, argument, state)) {
          return true;
        }
        // a.subscribeOn(S).then(b): b is subscribed where a completes, on S.
        if (isSequencedAfter(consumer, state) && completesOnAScheduler(ASTHelpers.getReceiver(consumer), state)) {
          return true;
        }
        if (!isReactorCombinator(consumer, state)
            && !subscribedWhereTheChainIs(consumer, argument, state)) {
          break;
        }
        path = parent;
      } else if ((parent.getLeaf() instanceof ConditionalExpressionTree conditional
              && conditional.getCondition() != path.getLeaf())
          || parent.getLeaf() instanceof ParenthesizedTree) {
        path = parent; // (cached ? Mono.just(v) : load(k)).subscribeOn(S)
      } else if (parent.getLeaf() instanceof LambdaExpressionTree lambda
          && lambda.getBody() == path.getLeaf()) {
        // flatMap(id -> find(id)), defer(() -> read(p)): the publisher a function returns is
        // subscribed where the operator runs its function.
        return functionOfAMovedOperator(parent, state);
      } else {
        break;
      }
    }
    // Handed whole to a worker: Quarkus' vertx.executeBlocking(Uni.createFrom().item(() -> ..))
    // subscribes to the Uni on a worker thread.
    if (path.getParentPath() != null
        && path.getParentPath().getLeaf() instanceof MethodInvocationTree consumer
        && consumer.getArguments().contains(path.getLeaf())
        && isExecuteBlocking(consumer)) {
      return true;
    }
    // Through a local holding the chain: `Mono<T> m = Mono.fromCallable(..); m = m.subscribeOn(S);`
    // (the Reactor reference's way to wrap a blocking call), or `executeBlocking(m)`.
    VarSymbol local = localAssigned(path);
    if (local != null) {
      return subscribedOnLater(local, path, state);
    }
    // A lazy chain returned by a private helper whose every caller moves it: `find(id).subscribeOn(S)`.
    return path.getParentPath() != null
        && path.getParentPath().getLeaf() instanceof ReturnTree
        && completesWhereSubscribed((ExpressionTree) path.getLeaf(), state)
        && returnedToCallersThatMoveIt(path.getParentPath(), state);
  }

  /**
   * A chain whose last hop puts what follows on a scheduler fit for blocking: {@code publishOn(S)}
   * (or a timed operator given S), or {@code subscribeOn(S)} after a chain that completes where it
   * is subscribed (a remote call's chain moved by {@code subscribeOn} still completes on its own
   * thread).
   */
  private static boolean completesOnAScheduler(ExpressionTree chain, VisitorState state) {
    MethodInvocationTree hop = lastHop(chain, state);
    return hop != null
        && schedulerFitForBlocking(hop, state)
        && (!PIPELINE_HOPS.contains(calledName(hop)) || completesWhereSubscribed(ASTHelpers.getReceiver(hop), state));
  }

  /**
   * The function at {@code functionPath} is handed to a Reactor or Mutiny operator whose chain moves
   * it ({@code Flux.fromIterable(ids).flatMap(f).subscribeOn(S)}): it runs on that scheduler.
   */
  private static boolean functionOfAMovedOperator(TreePath functionPath, VisitorState state) {
    TreePath operatorPath = functionPath.getParentPath();
    return operatorPath != null
        && operatorPath.getLeaf() instanceof MethodInvocationTree operator
        && operator.getArguments().contains(functionPath.getLeaf())
        && ASTHelpers.getSymbol(operator) instanceof MethodSymbol method
        && (ownerIsAny(method, PUBLISHER_TYPES, state) || isMutiny(method))
        // An operator's function runs where its upstream emits: a subscribeOn below moves that only
        // for a chain that emits where it is subscribed (not Mono.delay(d), a timeout, a remote call).
        && (method.isStatic()
            || completesWhereSubscribed(ASTHelpers.getReceiver(operator), state)
            || completesOnAScheduler(ASTHelpers.getReceiver(operator), state))
        && chainOffloads(operator, operatorPath, state);
  }

  /** Operators that subscribe to their argument when their receiver completes, on its thread. */
  private static final ImmutableSet<String> SEQUENCING =
      ImmutableSet.of("then", "thenMany", "thenEmpty", "concatWith", "switchIfEmpty", "andThen");

  /** Static concatenations: each source is subscribed when the one before completes, on its thread. */
  private static final ImmutableSet<String> CONCATENATIONS =
      ImmutableSet.of("concat", "concatDelayError", "concatArray", "concatArrayDelayError");

  /** Sources that complete on the thread that subscribes to them. */
  private static final ImmutableSet<String> COMPLETE_WHERE_SUBSCRIBED =
      ImmutableSet.<String>builder().addAll(REACTOR_SYNCHRONOUS_SOURCES).add("fromRunnable").build();

  private static boolean isSequencedAfter(MethodInvocationTree consumer, VisitorState state) {
    return ASTHelpers.getSymbol(consumer) instanceof MethodSymbol method
        && !method.isStatic()
        && SEQUENCING.contains(method.getSimpleName().toString())
        && ownerIsAny(method, PUBLISHER_TYPES, state)
        && ASTHelpers.getReceiver(consumer) != null;
  }

  /**
   * Whether the publisher handed to {@code consumer} at {@code argument} is subscribed on the thread
   * that subscribes to the consumer's chain: {@code a.then(b)} where {@code a} completes where it is
   * subscribed ({@code Mono.fromRunnable(..)}), or {@code Flux.concat(a, b)} where every source
   * before it does. A hop downstream of the consumer then moves it too.
   */
  private static boolean subscribedWhereTheChainIs(MethodInvocationTree consumer, int argument, VisitorState state) {
    if (isSequencedAfter(consumer, state)) {
      return completesWhereSubscribed(ASTHelpers.getReceiver(consumer), state);
    }
    if (!(ASTHelpers.getSymbol(consumer) instanceof MethodSymbol method)
        || !method.isStatic()
        || !CONCATENATIONS.contains(method.getSimpleName().toString())
        || !ownerIsAny(method, PUBLISHER_TYPES, state)) {
      return false;
    }
    for (int i = 0; i < argument; i++) {
      if (!isMonoCompletingWhereSubscribed(consumer.getArguments().get(i), state, 0)) {
        return false;
      }
    }
    return true;
  }

  /** A Mono (not a Flux of many elements, which may complete where its last ones are requested). */
  private static boolean isMonoCompletingWhereSubscribed(ExpressionTree source, VisitorState state, int helpersFollowed) {
    return TypeNames.isSubtypeOfAny(ASTHelpers.getType(source), SINGLE_VALUED, state)
        && completesWhereSubscribed(source, state, helpersFollowed);
  }

  /** Publishers of at most one signal besides completion: Reactor's Mono, RxJava's Single, Maybe, Completable. */
  private static final ImmutableSet<String> SINGLE_VALUED =
      ImmutableSet.of(
          "reactor.core.publisher.Mono",
          "io.reactivex.rxjava3.core.Single",
          "io.reactivex.rxjava3.core.Maybe",
          "io.reactivex.rxjava3.core.Completable",
          "io.reactivex.Single",
          "io.reactivex.Maybe",
          "io.reactivex.Completable");

  /** Mutiny's sources whose function runs, and whose item comes, on the subscribing thread. */
  private static final CallPattern.AnyOf MUTINY_LAZY_SOURCES =
      CallPattern.anyOf(CallPattern.instanceMethod(MUTINY_PACKAGE + "groups.UniCreate", "item"));

  /**
   * A synchronous Reactor source ({@link #COMPLETE_WHERE_SUBSCRIBED}) or Mutiny's {@code
   * Uni.createFrom().item(..)}, followed by synchronous operators only: it completes on the thread
   * that subscribes to it.
   */
  private static boolean completesWhereSubscribed(ExpressionTree chain, VisitorState state) {
    return completesWhereSubscribed(chain, state, 0);
  }

  /** Private helpers followed into (their every return such a chain), up to a few deep. */
  private static final int MAX_HELPERS_FOLLOWED = 4;

  private static boolean completesWhereSubscribed(ExpressionTree chain, VisitorState state, int helpersFollowed) {
    for (ExpressionTree e = stripped(chain); e instanceof MethodInvocationTree call; e = stripped(ASTHelpers.getReceiver(call))) {
      if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
        return false;
      }
      String name = method.getSimpleName().toString();
      // findTrimmed(id) { return find(id).map(String::trim); } with find's own return lazy.
      if ((method.flags() & Flags.PRIVATE) != 0) {
        BlockTree body = helpersFollowed < MAX_HELPERS_FOLLOWED ? MethodDeclarations.bodyOf(method, state) : null;
        return body != null
            && OwnBodyScanner.everyReturn(
                body, returned -> completesWhereSubscribed(returned, state, helpersFollowed + 1));
      }
      if (method.isStatic()) {
        return ownerIsAny(method, PUBLISHER_TYPES, state)
            && (COMPLETE_WHERE_SUBSCRIBED.contains(name)
                || (CONCATENATIONS.contains(name)
                    && call.getArguments().stream()
                        .allMatch(source -> isMonoCompletingWhereSubscribed(source, state, helpersFollowed))));
      }
      if (MUTINY_LAZY_SOURCES.matches(call, state)) {
        return true;
      }
      // a.then(b), a.concatWith(b): b is subscribed where a completes, and completes there too.
      if (SEQUENCING.contains(name)
          && call.getArguments().size() == 1
          && completesWhereSubscribed(call.getArguments().get(0), state, helpersFollowed)) {
        continue;
      }
      if (!isSynchronousOperator(name, call)) {
        return false;
      }
    }
    return false;
  }

  /** Per compilation: the calls of each file's private methods, found in one scan of the file. */
  private static final Supplier<Map<CompilationUnitTree, PrivateCalls>> PRIVATE_CALLS =
      PerCompilation.sharedIdentityMap();

  /** The calls of a file's private methods, and the references to them ({@code this::find}). */
  private static final class PrivateCalls {
    final Map<MethodSymbol, List<TreePath>> calls = new IdentityHashMap<>();
    final Map<MethodSymbol, List<TreePath>> references = new IdentityHashMap<>();

    PrivateCalls(CompilationUnitTree file) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          if (ASTHelpers.getSymbol(node) instanceof MethodSymbol method && (method.flags() & Flags.PRIVATE) != 0) {
            calls.computeIfAbsent(method, m -> new ArrayList<>()).add(getCurrentPath());
          }
          return super.visitMethodInvocation(node, null);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
          if (ASTHelpers.getSymbol(node) instanceof MethodSymbol method && (method.flags() & Flags.PRIVATE) != 0) {
            references.computeIfAbsent(method, m -> new ArrayList<>()).add(getCurrentPath());
          }
          return super.visitMemberReference(node, null);
        }
      }.scan(new TreePath(file), null);
    }
  }

  /** Per compilation: whether every call of a private helper returning a publisher moves its chain. */
  private static final Supplier<Map<MethodSymbol, Boolean>> CALLERS_MOVE_IT =
      PerCompilation.sharedIdentityMap();

  /**
   * The method whose {@code return} is at {@code returnPath} is a private helper returning a Reactor
   * or Mutiny publisher, and every call of it in this file is in a chain that moves it to a scheduler
   * fit for blocking ({@code find(id).subscribeOn(boundedElastic())}, or returned in turn by such a
   * helper), or handed as a reference to an operator that the chain moves ({@code flatMap(this::find)}).
   * Judged once per helper; a
   * helper reached again through its callers proves nothing.
   */
  private static boolean returnedToCallersThatMoveIt(TreePath returnPath, VisitorState state) {
    for (TreePath at = returnPath.getParentPath(); at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree declaration) {
        MethodSymbol helper = ASTHelpers.getSymbol(declaration);
        return helper != null
            && (helper.flags() & Flags.PRIVATE) != 0
            && returnsAPublisher(helper, state)
            && PerCompilation.lookUpAssuming(
                CALLERS_MOVE_IT.get(state), helper, false, h -> everyCallMovesIt(h, returnPath, state));
      }
    }
    return false;
  }

  private static boolean everyCallMovesIt(MethodSymbol helper, TreePath from, VisitorState state) {
    PrivateCalls index =
        PerCompilation.lookUp(PRIVATE_CALLS.get(state), from.getCompilationUnit(), PrivateCalls::new);
    List<TreePath> calls = index.calls.getOrDefault(helper, List.of());
    List<TreePath> references = index.references.getOrDefault(helper, List.of());
    if (calls.isEmpty() && references.isEmpty()) {
      return false;
    }
    for (TreePath call : calls) {
      if (!chainOffloads((MethodInvocationTree) call.getLeaf(), call, state)) {
        return false;
      }
    }
    // flatMap(this::find): a function of an operator, like id -> find(id).
    for (TreePath reference : references) {
      if (!functionOfAMovedOperator(reference, state)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reactor's static combinators that, subscribed to, subscribe to all the sources they were given
   * at once. Not {@code concat}: it subscribes to each source when the one before completes, on
   * that one's thread.
   */
  private static final ImmutableSet<String> REACTOR_COMBINATORS =
      ImmutableSet.of(
          "zip", "zipDelayError", "when", "whenDelayError", "merge", "mergeSequential", "mergeDelayError",
          "mergeSequentialDelayError", "firstWithValue", "firstWithSignal", "combineLatest");

  /** Operators that apply a function to the whole publisher: {@code transform(m -> m.subscribeOn(S))}. */
  private static final ImmutableSet<String> REACTOR_TRANSFORMS = ImmutableSet.of("transform", "as", "compose", "to");

  /**
   * Mutiny's combinators that subscribe to all their sources at once: {@code
   * Uni.combine().all().unis(a, b)} and {@code Uni.combine().any().of(a, b)}.
   */
  private static final CallPattern.AnyOf MUTINY_COMBINATORS =
      CallPattern.anyOf(
          CallPattern.instanceMethod(MUTINY_PACKAGE + "groups.UniZip", "unis"),
          CallPattern.instanceMethod(MUTINY_PACKAGE + "groups.UniAny", "of"));

  private static boolean isReactorCombinator(MethodInvocationTree call, VisitorState state) {
    return (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && method.isStatic()
            && REACTOR_COMBINATORS.contains(method.getSimpleName().toString())
            && ownerIsAny(method, PUBLISHER_TYPES, state))
        || MUTINY_COMBINATORS.matches(call, state);
  }

  /**
   * {@code transform(m -> m.subscribeOn(S))}, {@code as(..)} alike, or {@code transform(this::offload)}
   * with a helper of this compilation that does so: the function moves the whole publisher.
   */
  private static boolean transformsOntoAScheduler(MethodInvocationTree transform, VisitorState state) {
    if (transform.getArguments().size() != 1) {
      return false;
    }
    ExpressionTree function = ASTHelpers.stripParentheses(transform.getArguments().get(0));
    if (function instanceof LambdaExpressionTree lambda
        && lambda.getParameters().size() == 1
        && lambda.getBody() instanceof ExpressionTree body
        && ASTHelpers.getSymbol(lambda.getParameters().get(0)) instanceof VarSymbol parameter) {
      return subscribesOnAScheduler(body, parameter, null, state);
    }
    return function instanceof MemberReferenceTree reference
        && ASTHelpers.getSymbol(reference) instanceof MethodSymbol helper
        && helper.getParameters().size() == 1
        && returnsItSubscribedOn(helper, 0, state);
  }

  /**
   * {@code transform(f -> f.publishOn(S))}, {@code as(..)} alike, or with a helper of this
   * compilation ({@code transform(this::onElastic)}): every publisher the function returns emits on
   * a scheduler fit for blocking.
   */
  private static boolean transformEmitsOnAScheduler(MethodInvocationTree transform, VisitorState state) {
    if (transform.getArguments().size() != 1) {
      return false;
    }
    ExpressionTree function = ASTHelpers.stripParentheses(transform.getArguments().get(0));
    if (function instanceof LambdaExpressionTree lambda) {
      return lambda.getBody() instanceof ExpressionTree body
          ? emitsOnAScheduler(body, null, state)
          : OwnBodyScanner.everyReturn(
              (BlockTree) lambda.getBody(), returned -> emitsOnAScheduler(returned, null, state));
    }
    return function instanceof MemberReferenceTree reference
        && ASTHelpers.getSymbol(reference) instanceof MethodSymbol helper
        && helperEmitsOnAScheduler(helper, state);
  }

  /** Per compilation: whether a helper method of this compilation returns only publishers that emit on a scheduler. */
  private static final Supplier<Map<MethodSymbol, Boolean>> EMITS_ON_A_SCHEDULER =
      PerCompilation.sharedIdentityMap();

  /**
   * A method of this compilation that no override can replace, not Reactor's or Mutiny's own,
   * returning a Reactor or Mutiny type, whose every return emits on a scheduler fit for blocking that
   * it does not take from its caller ({@code Flux<T> onElastic(Flux<T> f) { return
   * f.publishOn(boundedElastic()); }}). Judged once per method and compilation.
   */
  private static boolean helperEmitsOnAScheduler(MethodSymbol helper, VisitorState state) {
    return PerCompilation.lookUp(EMITS_ON_A_SCHEDULER.get(state), helper, h -> isHelperEmittingOnAScheduler(h, state));
  }

  private static boolean isHelperEmittingOnAScheduler(MethodSymbol helper, VisitorState state) {
    if (!MethodDeclarations.cannotBeOverridden(helper, state)
        || isMutiny(helper)
        || !returnsAPublisher(helper, state)
        || ownerIsAny(helper, PUBLISHER_TYPES, state)) {
      return false;
    }
    BlockTree body = MethodDeclarations.bodyOf(helper, state);
    return body != null && OwnBodyScanner.everyReturn(body, returned -> emitsOnAScheduler(returned, helper, state));
  }

  /**
   * {@code x.map(..).publishOn(S).filter(..)}: a chain whose last hop ({@code publishOn}, {@code
   * runOn}, {@code emitOn}, {@code subscribeOn}, or a timed operator given S) is fit for blocking,
   * with no operator after it whose signals may come from another thread. In a {@code helper}, a
   * scheduler that is one of its parameters is the caller's, not known here.
   */
  private static boolean emitsOnAScheduler(ExpressionTree chain, MethodSymbol helper, VisitorState state) {
    MethodInvocationTree hop = lastHop(chain, state);
    return hop != null && schedulerFitForBlocking(hop, state) && !schedulerFromCaller(hop, helper);
  }

  /**
   * The chain's last hop ({@code publishOn}, {@code runOn}, {@code emitOn}, {@code subscribeOn},
   * {@code runSubscriptionOn}, or a timed operator), looking up from its end; null where there is
   * none, or an operator after it whose signals may come from another thread.
   */
  private static MethodInvocationTree lastHop(ExpressionTree chain, VisitorState state) {
    for (ExpressionTree e = stripped(chain); e instanceof MethodInvocationTree call; e = stripped(ASTHelpers.getReceiver(call))) {
      String name = calledName(call);
      if (DOWNSTREAM_HOPS.contains(name) || isTimed(call, state)) {
        return call;
      }
      if (SWITCHES_THREADS.contains(name)) {
        return null;
      }
    }
    return null;
  }

  private static String calledName(MethodInvocationTree call) {
    return ASTHelpers.getSymbol(call) instanceof Symbol symbol ? symbol.getSimpleName().toString() : "";
  }

  private static boolean returnsAPublisher(MethodSymbol method, VisitorState state) {
    return TypeNames.isSubtypeOfAny(method.getReturnType(), PUBLISHER_TYPES, state)
        || (method.getReturnType().tsym != null
            && method.getReturnType().tsym.getQualifiedName().toString().startsWith(MUTINY_PACKAGE));
  }

  private static boolean isMutiny(MethodSymbol method) {
    return method.owner != null && method.owner.getQualifiedName().toString().startsWith(MUTINY_PACKAGE);
  }

  /** {@code offload(Mono.fromCallable(..))}: a helper of this compilation that returns its argument subscribed on a scheduler. */
  private static boolean helperSubscribesOn(MethodInvocationTree call, int argument, VisitorState state) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol helper
        && !helper.isVarArgs()
        && argument < helper.getParameters().size()
        && returnsAPublisher(helper, state)
        && returnsItSubscribedOn(helper, argument, state);
  }

  /** Every return of the helper's body is its parameter's chain with a subscribeOn fit for blocking. */
  private static boolean returnsItSubscribedOn(MethodSymbol helper, int parameterIndex, VisitorState state) {
    BlockTree body = MethodDeclarations.cannotBeOverridden(helper, state) ? MethodDeclarations.bodyOf(helper, state) : null;
    if (body == null) {
      return false;
    }
    VarSymbol parameter = helper.getParameters().get(parameterIndex);
    return OwnBodyScanner.everyReturn(body, returned -> subscribesOnAScheduler(returned, parameter, helper, state));
  }

  /** Whether the hop's scheduler is one of the helper's parameters: the caller's, not known here. */
  private static boolean schedulerFromCaller(MethodInvocationTree hop, MethodSymbol helper) {
    return helper != null
        && hop.getArguments().stream()
            .anyMatch(a -> ASTHelpers.getSymbol(ASTHelpers.stripParentheses(a)) instanceof VarSymbol v
                && helper.getParameters().contains(v));
  }

  /**
   * {@code p.map(..).subscribeOn(S)}: a chain on {@code p} that includes a pipeline hop fit for
   * blocking (in a {@code helper}, with a scheduler that is not one of its parameters).
   */
  private static boolean subscribesOnAScheduler(
      ExpressionTree chain, VarSymbol start, MethodSymbol helper, VisitorState state) {
    if (!startsFrom(chain, start)) {
      return false;
    }
    for (ExpressionTree e = stripped(chain); e instanceof MethodInvocationTree call; e = stripped(ASTHelpers.getReceiver(call))) {
      Symbol symbol = ASTHelpers.getSymbol(call);
      if (symbol != null
          && PIPELINE_HOPS.contains(symbol.getSimpleName().toString())
          && schedulerFitForBlocking(call, state)
          && !schedulerFromCaller(call, helper)) {
        return true;
      }
    }
    return false;
  }

  /** Vert.x's (and its Mutiny bindings') executeBlocking, which runs what it is given on a worker. */
  private static boolean isExecuteBlocking(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null
        && method.getSimpleName().contentEquals("executeBlocking")
        && method.owner != null
        && method.owner.getQualifiedName().toString().startsWith("io.vertx.");
  }

  /** The local variable the expression at {@code path} initializes or is assigned to; else null. */
  private static VarSymbol localAssigned(TreePath path) {
    Tree parent = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
    Symbol target = null;
    if (parent instanceof VariableTree variable && variable.getInitializer() == path.getLeaf()) {
      target = ASTHelpers.getSymbol(variable);
    } else if (parent instanceof AssignmentTree assignment && assignment.getExpression() == path.getLeaf()) {
      target = ASTHelpers.getSymbol(assignment.getVariable());
    }
    return target instanceof VarSymbol local && local.getKind() == ElementKind.LOCAL_VARIABLE ? local : null;
  }

  /**
   * Whether the body declaring the local also calls {@code subscribeOn} (or Mutiny's {@code
   * runSubscriptionOn}) with a scheduler fit for blocking on a chain that starts from it, or hands
   * such a chain to {@code executeBlocking}: that moves the whole pipeline the local holds. Asked only of Reactor and Mutiny functions in a chain that
   * ends in a local.
   */
  private static boolean subscribedOnLater(VarSymbol local, TreePath from, VisitorState state) {
    boolean[] found = {false};
    int[] handedToWorker = {0};
    int[] reads = {0};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (local.equals(ASTHelpers.getSymbol(identifier))) {
          reads[0]++;
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!found[0]
            && call.getMethodSelect() instanceof MemberSelectTree select
            && PIPELINE_HOPS.contains(select.getIdentifier().toString())
            && startsFrom(select.getExpression(), local)
            && schedulerFitForBlocking(call, state)) {
          found[0] = true;
        }
        if (isExecuteBlocking(call)
            && call.getArguments().stream().anyMatch(argument -> startsFrom(argument, local))) {
          handedToWorker[0]++;
        }
        return found[0] ? null : super.visitMethodInvocation(call, null);
      }
    }.scan(LocalVariables.enclosingBody(from), null);
    // Handed to a worker, it runs there only if that is its one use (not also returned as it is).
    return found[0] || (handedToWorker[0] == 1 && reads[0] == 1);
  }

  /**
   * {@code Flux.fromIterable(names).map(this::load).collectList().block()}: a pipeline from a
   * synchronous source, through operators that never switch threads, to a blocking end in the same
   * expression emits every signal on the caller's thread, so its functions run there, as inline
   * code. A source or operator not known to be synchronous (a client's publisher, flatMap, delay,
   * timeout) may emit on an event loop, and keeps the operator a callback.
   */
  private static boolean blockedOnFromASynchronousSource(
      MethodInvocationTree operator, TreePath operatorPath, VisitorState state) {
    TreePath path = operatorPath;
    while (true) {
      TreePath select = path.getParentPath();
      TreePath call = select == null ? null : select.getParentPath();
      if (call == null
          || !(select.getLeaf() instanceof MemberSelectTree member)
          || !(call.getLeaf() instanceof MethodInvocationTree next)
          || next.getMethodSelect() != member) {
        return false;
      }
      String name = member.getIdentifier().toString();
      if (BLOCKING_ENDS.contains(name)) {
        break;
      }
      if (!isSynchronousOperator(name, next) && !hopsToTheCurrentThread(next, state)) {
        return false;
      }
      path = call;
    }
    ExpressionTree link = operator;
    while (link instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
      String name = method.getSimpleName().toString();
      if (method.isStatic()) {
        return REACTOR_SYNCHRONOUS_SOURCES.contains(name) && ownerIsAny(method, PUBLISHER_TYPES, state);
      }
      if ((!isSynchronousOperator(name, call) && !hopsToTheCurrentThread(call, state))
          || ASTHelpers.getReceiver(call) == null) {
        return false;
      }
      link = stripped(ASTHelpers.getReceiver(call));
    }
    return false;
  }

  /**
   * One of {@link #TIMED_ON_SCHEDULER} given a time (a {@code Duration}, or a {@code long} count of
   * units): {@code interval(d)}, {@code buffer(1, SECONDS)}; not {@code buffer(10)}, {@code
   * window(10)} or {@code sample(trigger)}, which emit where their sources do.
   */
  private static boolean isTimed(MethodInvocationTree call, VisitorState state) {
    if (!TIMED_ON_SCHEDULER.contains(calledName(call)) || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    // The parameters, not the arguments: interval(1, SECONDS) passes an int as the long period.
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (parameter.type.getKind() == TypeKind.LONG || TypeNames.isSubtype(parameter.type, "java.time.Duration", state)) {
        return true;
      }
    }
    return false;
  }

  /** Schedulers that run the work on the thread at hand: RxJava's trampoline(), Reactor's immediate(). */
  private static final CallPattern.AnyOf CURRENT_THREAD_SCHEDULER =
      CallPattern.anyOf(
          CallPattern.staticMethod("io.reactivex.rxjava3.schedulers.Schedulers", "trampoline"),
          CallPattern.staticMethod("io.reactivex.schedulers.Schedulers", "trampoline"),
          CallPattern.staticMethod("reactor.core.scheduler.Schedulers", "immediate"));

  /** {@code subscribeOn(trampoline())}, {@code observeOn(trampoline())}: no hop at all. */
  private static boolean hopsToTheCurrentThread(MethodInvocationTree call, VisitorState state) {
    return DOWNSTREAM_HOPS.contains(calledName(call))
        && call.getArguments().size() == 1
        && CURRENT_THREAD_SCHEDULER.matches(ASTHelpers.stripParentheses(call.getArguments().get(0)), state);
  }

  /**
   * Whether the chain's signals come from a timer not given a scheduler fit for blocking ({@code
   * interval(d)}, {@code timer(d)}, {@code debounce(d)}), with no other thread switch below it.
   */
  private static boolean emitsFromATimer(ExpressionTree chain, VisitorState state) {
    for (ExpressionTree e = stripped(chain); e instanceof MethodInvocationTree call; e = stripped(ASTHelpers.getReceiver(call))) {
      String name = calledName(call);
      if (isTimed(call, state) && SWITCHES_THREADS.contains(name)) {
        return !schedulerFitForBlocking(call, state);
      }
      if (SWITCHES_THREADS.contains(name)) {
        return false;
      }
    }
    return false;
  }

  /** Whether the receiver chain ({@code m.map(f).filter(p)}) starts from the local. */
  private static boolean startsFrom(ExpressionTree chain, VarSymbol local) {
    ExpressionTree e = stripped(chain);
    while (e instanceof MethodInvocationTree call) {
      e = stripped(ASTHelpers.getReceiver(call));
    }
    return e instanceof IdentifierTree identifier && local.equals(ASTHelpers.getSymbol(identifier));
  }

  /** The expression without its parentheses; null stays null (a chain's first call has no receiver). */
  private static ExpressionTree stripped(ExpressionTree expression) {
    return expression == null ? null : ASTHelpers.stripParentheses(expression);
  }

  /** The call's scheduler (or executor) argument, if it has one that is not an event loop's. */
  private static boolean schedulerFitForBlocking(
      MethodInvocationTree schedulerCall, VisitorState state) {
    for (ExpressionTree argument : schedulerCall.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (TypeNames.isSubtypeOfAny(type, SCHEDULERS, state) || TypeNames.isSubtype(type, EXECUTOR, state)) {
        return !NON_BLOCKING_SCHEDULER.matches(ASTHelpers.stripParentheses(argument), state);
      }
    }
    return false;
  }


}
