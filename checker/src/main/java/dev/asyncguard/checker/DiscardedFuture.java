package dev.asyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ReturnTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;

/**
 * A future-like value is produced and then dropped: a hot future's failure is never seen, a cold
 * publisher's work never runs.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "DiscardedFuture",
    altNames = "FutureReturnValueIgnored",
    summary =
        "A future or publisher returned by a call is dropped: its failure is never seen, or, for a"
            + " cold publisher, its work never runs",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.RULES + "#discardedfuture")
public final class DiscardedFuture extends BugChecker
    implements CompilationUnitTreeMatcher,
        MethodInvocationTreeMatcher,
        NewClassTreeMatcher,
        MemberReferenceTreeMatcher,
        VariableTreeMatcher,
        ReturnTreeMatcher {

  private static final String CAN_IGNORE_RETURN_VALUE = "CanIgnoreReturnValue";

  /** Vert.x types whose close() returns a Future. */
  private static final List<String> VERTX_CLOSEABLES =
      List.of(
          "io.vertx.core.Vertx",
          "io.vertx.core.http.HttpServer",
          "io.vertx.core.http.HttpClient",
          "io.vertx.core.http.HttpConnection",
          "io.vertx.core.http.WebSocketBase",
          "io.vertx.core.net.NetServer",
          "io.vertx.core.net.NetClient",
          "io.vertx.core.net.NetSocket",
          "io.vertx.core.datagram.DatagramSocket",
          "io.vertx.core.file.AsyncFile",
          "io.vertx.sqlclient.SqlClient");

  /**
   * Closes whose future may be dropped: fire-and-forget by design, reporting through the closed
   * object (Netty's closeFuture(), terminationFuture()), and not throwing when called again. A task
   * may make one among other statements and still handle its failures (SelfHandlingTasks).
   */
  static final CallPattern.AnyOf CLOSING_CALLS =
      CallPattern.anyOf(
          // Netty: closing is fire-and-forget (the channel's closeFuture() reports it), and so is a
          // graceful shutdown (terminationFuture() reports it).
          CallPattern.instanceMethod(
              "io.netty.channel.ChannelOutboundInvoker", "close", "disconnect", "deregister"),
          CallPattern.instanceMethod("io.netty.util.concurrent.EventExecutorGroup", "shutdownGracefully"),
          CallPattern.instanceMethod("io.netty.channel.group.ChannelGroup", "close", "disconnect", "deregister"),
          CallPattern.instanceMethod("io.netty.handler.ssl.SslHandler", "closeOutbound"),
          // Lettuce: closing a client or connection is fire-and-forget, as Netty's is.
          CallPattern.instanceMethod("io.lettuce.core.AbstractRedisClient", "shutdownAsync"),
          CallPattern.instanceMethod("io.lettuce.core.api.AsyncCloseable", "closeAsync"),
          CallPattern.instanceMethod("io.lettuce.core.internal.AsyncCloseable", "closeAsync"),
          // Vert.x: a graceful close: close() is shutdown(0, SECONDS) in Vert.x 5.
          CallPattern.instanceMethodOfAny(VERTX_CLOSEABLES, "close", "shutdown"),
          // async-http-client: a WebSocket's close frame; the listener's onClose reports the close.
          CallPattern.instanceMethod("org.asynchttpclient.ws.WebSocket", "sendCloseFrame"));

  /**
   * Calls whose future may be dropped because of what the call is (a close, a write whose failure the
   * connection reports, a cancellation handle), whoever holds its receiver and arguments: also when a
   * helper returns it (QuietHelpers). Closes are {@link #CLOSING_CALLS}.
   */
  private static final CallPattern.AnyOf OTHER_QUIET_CALLS =
      CallPattern.anyOf(
          // Akka/Pekko: pipeTo delivers the failure to the actor (a Status.Failure message).
          CallPattern.instanceMethodOfAny(
              List.of(
                  "akka.pattern.PipeToSupport.PipeableCompletionStage",
                  "org.apache.pekko.pattern.PipeToSupport.PipeableCompletionStage"),
              "pipeTo"),
          // Caffeine logs a failed asynchronous load and drops the entry: a get() that warms the
          // cache reports its failure.
          CallPattern.instanceMethod("com.github.benmanes.caffeine.cache.AsyncCache", "get", "getAll"),
          // Vert.x: writing to a stream (response.end("ok")) and closing are fire-and-forget, as in
          // Vert.x's own examples; a failure means the connection is gone, which its closeHandler
          // and exceptionHandler report.
          CallPattern.instanceMethod("io.vertx.core.streams.WriteStream", "write", "end"),
          // The same writes under other names: a WebSocket's messages and frames, and Vert.x Web's
          // ending of an exchange (ctx.end("ok"), ctx.json(user), ctx.redirect(url)) on its response.
          CallPattern.instanceMethod(
              "io.vertx.core.http.WebSocketBase",
              "writeTextMessage",
              "writeBinaryMessage",
              "writeFrame",
              "writeFinalTextFrame",
              "writeFinalBinaryFrame",
              "writePing",
              "writePong"),
          CallPattern.instanceMethod("io.vertx.ext.web.RoutingContext", "end", "json", "redirect"),
          // async-http-client's WebSocket frames: a failed write means the connection is gone, which
          // the WebSocketListener's onError and onClose report.
          CallPattern.instanceMethod(
              "org.asynchttpclient.ws.WebSocket",
              "sendTextFrame",
              "sendBinaryFrame",
              "sendContinuationFrame",
              "sendPingFrame",
              "sendPongFrame"),
          // A response's interim and head writes (100 Continue, 103 Early Hints, the headers alone).
          CallPattern.instanceMethod(
              "io.vertx.core.http.HttpServerResponse", "writeContinue", "writeEarlyHints", "writeHead"),
          // A response sent with a body in memory ends it as end(..) does; send(stream) can also fail
          // on the stream's side, which nothing else reports.
          CallPattern.instanceMethod("io.vertx.core.http.HttpServerResponse", "send").withNoParameters(),
          CallPattern.instanceMethod("io.vertx.core.http.HttpServerResponse", "send").withParameters("java.lang.String"),
          CallPattern.instanceMethod("io.vertx.core.http.HttpServerResponse", "send")
              .withParameters("io.vertx.core.buffer.Buffer"),
          // Resetting a stream aborts it, a terminal action like end() and close().
          CallPattern.instanceMethodOfAny(
              List.of("io.vertx.core.http.HttpClientRequest", "io.vertx.core.http.HttpServerResponse"), "reset"),
          CallPattern.instanceMethod("io.vertx.core.eventbus.MessageConsumer", "unregister"),
          // Vert.x 5's timer fails only when it is cancelled, which the canceller knows.
          CallPattern.instanceMethod("io.vertx.core.Vertx", "timer"),
          // A Vert.x future recovered with a value cannot fail: otherwise("default"), otherwiseEmpty().
          CallPattern.instanceMethod("io.vertx.core.Future", "otherwiseEmpty"),
          CallPattern.instanceMethod("io.vertx.core.Future", "otherwise").withParameters("java.lang.Object"),
          // Results are taken from the completion service, not from the returned future.
          CallPattern.instanceMethod("java.util.concurrent.CompletionService", "submit"),
          // A periodic task's future never completes normally: it is a cancellation handle.
          CallPattern.instanceMethod(
              "java.util.concurrent.ScheduledExecutorService", "scheduleAtFixedRate", "scheduleWithFixedDelay"),
          // Spring's schedulers wrap every task in an error handler that logs its failure (a one-shot
          // task's at ERROR, then rethrows it; a periodic one's, then goes on): it is reported, not lost.
          CallPattern.instanceMethod(
              "org.springframework.scheduling.TaskScheduler",
              "schedule",
              "scheduleAtFixedRate",
              "scheduleWithFixedDelay"),
          // Spring Kafka hands every send's outcome to the template's ProducerListener, which by
          // default (LoggingProducerListener) logs each failure: it is reported, not lost.
          CallPattern.instanceMethod("org.springframework.kafka.core.KafkaOperations", "send", "sendDefault"));

  private static boolean isQuietCall(ExpressionTree call, VisitorState state) {
    return CLOSING_CALLS.matches(call, state) || OTHER_QUIET_CALLS.matches(call, state);
  }

  /**
   * Calls that return a future the caller already holds: their receiver (or, {@link
   * #RETURN_AN_ARGUMENT}, an argument). Dropping the result is fine where the call is written, not
   * when a helper returns it (the helper may be the only holder).
   */
  private static final CallPattern.AnyOf RETURN_WHAT_THE_CALLER_HOLDS =
      CallPattern.anyOf(
          // Returns its receiver, having handed it a listener that gets the outcome, or waited on it
          // and thrown its failure; removing a listener is done on a future someone listens to.
          CallPattern.instanceMethod(
              "io.netty.util.concurrent.Future",
              "addListener",
              "addListeners",
              "removeListener",
              "removeListeners",
              "sync",
              "syncUninterruptibly"),
          CallPattern.instanceMethod("io.vertx.core.Future", "onComplete", "onFailure"),
          // Fluent setters that return their receiver, which is a publisher only by inheritance: a
          // reactor-netty response (a NettyOutbound) and a jOOQ query (which R2DBC can subscribe to).
          CallPattern.instanceMethod(
              "reactor.netty.http.server.HttpServerResponse",
              "addCookie",
              "addHeader",
              "chunkedTransfer",
              "compression",
              "header",
              "headers",
              "keepAlive",
              "sse",
              "status",
              "trailerHeaders"),
          CallPattern.instanceMethod("reactor.netty.NettyOutbound", "withConnection"),
          CallPattern.instanceMethod("org.jooq.Query", "bind", "poolable", "queryTimeout", "keepStatement"),
          CallPattern.instanceMethod(
              "org.jooq.ResultQuery",
              "maxRows",
              "fetchSize",
              "resultSetConcurrency",
              "resultSetType",
              "resultSetHoldability",
              "intern"),
          // Mockito: then(mock).should().call() only names the call to verify.
          CallPattern.instanceMethod("org.mockito.BDDMockito.Then", "should", "shouldHaveNoMoreInteractions"));

  /**
   * Calls that return their receiver and do not see its failure: dropping one drops nothing only
   * where the caller holds the receiver ({@code f.orTimeout(..)}), not on a future made for the
   * call ({@code fetch(id).orTimeout(..)}, {@code deploy().onSuccess(..)}), which is then judged
   * as dropped itself.
   */
  private static final CallPattern.AnyOf RETURN_THEIR_RECEIVER =
      CallPattern.anyOf(
          CallPattern.instanceMethod(
              "java.util.concurrent.CompletableFuture", "orTimeout", "completeOnTimeout", "completeAsync"),
          // Waits without throwing the failure.
          CallPattern.instanceMethod("io.netty.util.concurrent.Future", "await", "awaitUninterruptibly"),
          // Forks the task and returns it: its failure is reported where it is joined.
          CallPattern.instanceMethod("java.util.concurrent.ForkJoinTask", "fork"),
          CallPattern.instanceMethod("io.netty.util.concurrent.Promise", "setSuccess", "setFailure"),
          CallPattern.instanceMethod("io.netty.util.concurrent.ProgressivePromise", "setProgress"),
          // Its listener is a Runnable, told nothing of the outcome.
          CallPattern.instanceMethod("org.asynchttpclient.ListenableFuture", "addListener"),
          CallPattern.instanceMethod("io.vertx.core.Future", "onSuccess"));

  /** Calls that hand the future's outcome, failure included, to the listener or handler they are given. */
  private static final CallPattern.AnyOf HANDS_A_LISTENER_THE_OUTCOME =
      CallPattern.anyOf(
          CallPattern.instanceMethod("io.netty.util.concurrent.Future", "addListener", "addListeners"),
          CallPattern.instanceMethod("io.vertx.core.Future", "onComplete", "onFailure"));

  /** Calls that return one of their arguments, which the caller already holds. */
  static final CallPattern.AnyOf RETURN_AN_ARGUMENT =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.util.Objects", "requireNonNull", "requireNonNullElse"),
          CallPattern.staticMethod("com.google.common.base.Preconditions", "checkNotNull"),
          CallPattern.staticMethod("com.google.common.base.Verify", "verifyNotNull"));

  /** Publishers' subscribe: it starts the work, and what it returns is a handle, not the work. */
  private static final CallPattern.AnyOf SUBSCRIBE =
      CallPattern.anyOf(CallPattern.instanceMethodOfAnyType("subscribe", "subscribeWith"));

  /** Calls whose dropped result is fine whatever its type: the named ones and these shapes. */
  private boolean droppingIsSafe(ExpressionTree tree, VisitorState state) {
    return isQuietCall(tree, state)
        || RETURN_WHAT_THE_CALLER_HOLDS.matches(tree, state)
        || RETURN_AN_ARGUMENT.matches(tree, state)
        || (RETURN_THEIR_RECEIVER.matches(tree, state) && receiverIsHeld(tree, state))
        // Only on a future or publisher: a service's subscribe(topic) returning a future is work.
        || (SUBSCRIBE.matches(tree, state)
            && futureTypes.isFutureLike(ASTHelpers.getReceiverType(tree), state))
        // A call handed a promise the caller holds reports to it, and returns it (Netty's way).
        || reportsToAPromise(tree, state, DiscardedFuture::isHeld)
        // An executor's execute(Runnable) implemented by submitting or scheduling on itself: it
        // cannot return the future (the JDK's ScheduledThreadPoolExecutor.execute does the same).
        || executeImplementedBySubmitting(tree, state)
        // Mockito: verify(mock).call(), doReturn(x).when(mock).call() only name the call.
        || TestIdioms.namesMockedCall(tree, state);
  }


  private final AsyncGuardOptions options;
  private final FutureTypes futureTypes;
  private final NestedFutures nestedFutures;
  private final SelfHandlingTasks selfHandlingTasks;
  private final SideEffectStages sideEffectStages;
  /** Methods whose futures the team reports failures of elsewhere: usually none. */
  private final ImmutableList<MethodSpec> safeToDropMethods;
  private final KeptReturnValues keptReturnValues = new KeptReturnValues();
  private final QuietHelpers quietHelpers = new QuietHelpers(this::quietWhereverReturned);

  /** For the service loader; Error Prone itself uses the flags constructor. */
  public DiscardedFuture() {
    this(ErrorProneFlags.empty());
  }

  public DiscardedFuture(ErrorProneFlags flags) {
    this.options = AsyncGuardOptions.fromFlags(flags);
    this.futureTypes = new FutureTypes(options);
    this.nestedFutures = new NestedFutures(futureTypes, this::mayBeDropped);
    this.selfHandlingTasks = new SelfHandlingTasks(this::namedSafeToDrop);
    this.sideEffectStages = new SideEffectStages(futureTypes, selfHandlingTasks);
    this.safeToDropMethods =
        options.list(AsyncGuardOptions.Key.SAFE_TO_DROP_METHODS).stream()
            .map(MethodSpec::parse)
            .collect(ImmutableList.toImmutableList());
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    OptionProblems.reportIfInvalid(options, state);
    return NO_MATCH;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (options.problem().isPresent()
        // super(..) or this(..): produces no value (and a publisher's subclasses have many).
        || (ASTHelpers.getSymbol((Tree) tree) instanceof MethodSymbol method && method.isConstructor())) {
      return NO_MATCH;
    }
    Description nested = nestedFutures.match(tree, state, this);
    if (nested != NO_MATCH) {
      return nested;
    }
    return matchDropped(tree, state);
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    if (options.problem().isPresent()) {
      return NO_MATCH;
    }
    return matchDropped(tree, state);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    if (options.problem().isPresent()) {
      return NO_MATCH;
    }
    return matchDropped(tree, state);
  }

  /**
   * Promise types a call can be handed to report its outcome to: Netty's (ChannelPromise and every
   * other) and Vert.x's. The future such a call returns is that promise or one tied to it.
   */
  private static final ImmutableList<String> PROMISE_TYPES =
      ImmutableList.of("io.netty.util.concurrent.Promise", "io.netty.channel.ChannelPromise", "io.vertx.core.Promise");

  /**
   * Netty's convention, which its users' code follows too: a call handed a promise ({@code
   * ctx.write(msg, promise)}, {@code encoder.writeData(ctx, id, data, 0, end, promise)}, {@code
   * handshaker.handshake(ch, req, headers, promise)}) reports to it and returns it (or a future tied
   * to it), which the caller holds; {@code voidPromise()} sends failures to the pipeline. A promise
   * made for the call ({@code ch.newPromise()}) is held by nobody else, so that call is still
   * flagged (see {@link #isHeld}).
   */
  private static boolean reportsToAPromise(
      ExpressionTree tree, VisitorState state, Predicate<ExpressionTree> held) {
    if (!(tree instanceof MethodInvocationTree call) || call.getArguments().isEmpty()) {
      return false;
    }
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree promise = ASTHelpers.stripParentheses(argument);
      Type type = ASTHelpers.getType(promise);
      if (type != null
          && TypeNames.isSubtypeOfAny(state.getTypes().erasure(type), PROMISE_TYPES, state)
          && held.test(promise)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A promise someone holds: a variable, field or parameter, a record's component ({@code
   * pending.promise()}), Netty's {@code voidPromise()}, which reports to the pipeline, or one given a
   * listener right there ({@code ch.newPromise().addListener(..)}), which gets the outcome. Anything
   * else ({@code ch.newPromise()}, {@code promise.unvoid()}, a cast or a conditional of those) may be
   * a promise made for the call.
   */
  private static boolean isHeld(ExpressionTree promise) {
    Symbol symbol = ASTHelpers.getSymbol(promise);
    // ctx.newPromise().addListener(FIRE_EXCEPTION_ON_FAILURE): the listener gets the outcome.
    if (promise instanceof MethodInvocationTree listened
        && !listened.getArguments().isEmpty()
        && symbol instanceof MethodSymbol adding
        && (adding.getSimpleName().contentEquals("addListener") || adding.getSimpleName().contentEquals("addListeners"))) {
      return true;
    }
    if (promise instanceof IdentifierTree || promise instanceof MemberSelectTree) {
      return symbol instanceof VarSymbol;
    }
    return isVoidPromise(promise)
        || (promise instanceof MethodInvocationTree call
            && call.getArguments().isEmpty()
            && symbol instanceof MethodSymbol method
            && isRecordComponent(method));
  }

  /** A record's accessor of one of its components ({@code pending.promise()}). */
  private static boolean isRecordComponent(MethodSymbol method) {
    return method.owner instanceof ClassSymbol owner
        && owner.isRecord()
        && owner.getRecordComponents().stream()
            .anyMatch(component -> component.getSimpleName().equals(method.getSimpleName()));
  }

  /** Netty's {@code voidPromise()}, which sends failures to the pipeline. */
  private static boolean isVoidPromise(ExpressionTree promise) {
    return promise instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("voidPromise");
  }

  /**
   * A promise that reports beyond the method it is used in: Netty's {@code voidPromise()} (to the
   * pipeline) or a field. A parameter or local may be one the caller made for the call.
   */
  private static boolean reportsBeyondTheMethod(ExpressionTree promise) {
    if (promise instanceof IdentifierTree || promise instanceof MemberSelectTree) {
      return ASTHelpers.getSymbol(promise) instanceof VarSymbol variable && variable.getKind() == ElementKind.FIELD;
    }
    return isVoidPromise(promise);
  }

  private static boolean executeImplementedBySubmitting(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    boolean onSelf =
        receiver == null
            || (receiver instanceof IdentifierTree identifier
                && (identifier.getName().contentEquals("super")
                    || identifier.getName().contentEquals("this")));
    MethodTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    MethodSymbol method = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    return onSelf
        && method != null
        && method.getSimpleName().contentEquals("execute")
        && method.getParameters().size() == 1
        && TypeNames.ownerIsSubtype(method, "java.util.concurrent.Executor", state);
  }

  private Description matchDropped(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof MemberReferenceTree || inDroppingPosition(state))
        || !(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)) {
      return NO_MATCH;
    }
    Type type = producedType(tree, method, state);
    Optional<FutureTypes.Kind> kind = futureTypes.kindOf(type, state);
    if (kind.isEmpty()
        || !valueGoesNowhere(tree, state)
        || droppedOnPurpose(tree, method, kind.get(), state)) {
      return NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(droppedMessage(CallDescriptions.describe(tree), type, kind.get(), state))
        .build();
  }

  /**
   * A call whose future the named exemptions let be dropped (the built-in list, {@code
   * @CanIgnoreReturnValue}, SafeToDropMethods): unlike the other exemptions, these say that the call
   * itself is a quiet one (a close, a listener), not that its failure is looked after elsewhere.
   */
  private boolean namedSafeToDrop(ExpressionTree call, VisitorState state) {
    return droppingIsSafe(call, state)
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && (canIgnoreReturnValue(method, state) || configuredSafeToDrop(method, state)));
  }

  /**
   * A call whose future may be dropped even where a helper returns it: a quiet call, one handed a
   * promise that reports beyond the helper, or one the team or its author says may be ignored. Not
   * the calls that return what their caller holds ({@code f.orTimeout(..)}, a promise parameter's
   * write): inside a helper, the helper may be the only holder.
   */
  private boolean quietWhereverReturned(ExpressionTree call, VisitorState state) {
    return isQuietCall(call, state)
        // return bootstrap.connect().addListener(reconnect): the listener is told of the failure.
        || HANDS_A_LISTENER_THE_OUTCOME.matches(call, state)
        || reportsToAPromise(call, state, DiscardedFuture::reportsBeyondTheMethod)
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && (canIgnoreReturnValue(method, state) || configuredSafeToDrop(method, state)));
  }

  /** Whether the future a call makes may be dropped right there: a function's nested result. */
  private boolean mayBeDropped(ExpressionTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    Optional<FutureTypes.Kind> kind = futureTypes.kindOf(producedType(call, method, state), state);
    return kind.isPresent() && droppedOnPurpose(call, method, kind.get(), state);
  }

  /**
   * The exemptions of a dropped future, for a call used as a statement and for a local that is
   * never read alike: cheapest first.
   */
  private boolean droppedOnPurpose(
      ExpressionTree call, MethodSymbol method, FutureTypes.Kind kind, VisitorState state) {
    return droppingIsSafe(call, state)
        // A hot future's failure reaches the observer the call was handed, or the task it started
        // catches and handles every exception itself.
        || (kind == FutureTypes.Kind.HOT
            && (FailureObservers.handedTo(call, state)
                || selfHandlingTasks.startsOne(call, state)
                // A stage that cannot fail on a future observed elsewhere fails only as that does.
                || sideEffectStages.onAnObservedFuture(call, state)
                // A helper of this project that hands the future's failure to an observer and returns
                // it (logOnFailure(f) { return f.exceptionally(..); }): the failure is seen.
                || keptReturnValues.of(method, state) == KeptReturnValues.Returned.HANDLED))
        || canIgnoreReturnValue(method, state)
        // The team says this API reports its failures itself (-XepOpt:AsyncGuard:SafeToDropMethods).
        || configuredSafeToDrop(method, state)
        // The callee keeps the future (a field, a hand-off) and returns it only for convenience,
        // or returns its receiver, which the caller names.
        || returnsValueHeldElsewhere(call, method, state)
        // An object closing its parts (a close() calling producer.closeAsync()): it is going away.
        || closesItsPartsWhileClosing(method, state)
        // A helper that only passes on a quiet future (return socket.write(data)).
        || quietHelpers.passesOnOnlyQuietFutures(method, state)
        // A Lettuce command queued between multi() and exec(): exec()'s result reports it.
        || LettuceTransactions.queuedInATransaction(call, state)
        // Test doubles and tests that expect the call to throw: no work is lost.
        || TestIdioms.insideMockitoAnswer(state)
        || TestIdioms.expectsThrow(call, state);
  }

  /** Closes that return a future, and the methods of an object going away in which they may be dropped. */
  private static final ImmutableSet<String> ASYNC_CLOSES =
      ImmutableSet.of("closeAsync", "shutdownAsync", "close", "shutdown");

  private static final ImmutableSet<String> CLOSING_METHODS =
      ImmutableSet.of("close", "shutdown", "stop", "destroy", "dispose", "preDestroy");

  /**
   * A {@code closeAsync()}, {@code shutdownAsync()}, or a {@code close(..)} or {@code shutdown(..)}
   * that returns a future, in a method that closes its own object and returns no future
   * ({@code close()}, {@code shutdown()}, {@code stop()}, ... or one annotated {@code @PreDestroy}):
   * the owner is going away, and a failed close of its parts leaves it nothing to do. Elsewhere a
   * close may be work whose failure matters (Pulsar's producer flushes pending sends).
   */
  private boolean closesItsPartsWhileClosing(MethodSymbol method, VisitorState state) {
    if (!ASYNC_CLOSES.contains(method.getSimpleName().toString())) {
      return false;
    }
    MethodTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    MethodSymbol closing = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    return closing != null
        // A close that returns a future promises its caller the parts are closed: it must wait.
        && futureTypes.kindOf(closing.getReturnType(), state).isEmpty()
        && (CLOSING_METHODS.contains(closing.getSimpleName().toString())
            || ASTHelpers.hasAnnotation(closing, "jakarta.annotation.PreDestroy", state)
            || ASTHelpers.hasAnnotation(closing, "javax.annotation.PreDestroy", state));
  }

  private boolean returnsValueHeldElsewhere(ExpressionTree call, MethodSymbol method, VisitorState state) {
    return switch (keptReturnValues.of(method, state)) {
      case KEPT -> true;
      // promise.await(), this.await(): not a value made for the call (new Promise<>().await()).
      case RECEIVER -> receiverIsHeld(call, state);
      case HANDLED, OTHER -> false;
    };
  }

  /** The receiver of a call (or the qualifier of a reference) that returns it is held: {@link #holds}. */
  private boolean receiverIsHeld(ExpressionTree call, VisitorState state) {
    if (call instanceof MemberReferenceTree reference) {
      return ASTHelpers.getSymbol(reference.getQualifierExpression()) instanceof ClassSymbol
          || holds(reference.getQualifierExpression(), state);
    }
    return call instanceof MethodInvocationTree invocation && holds(ASTHelpers.getReceiver(invocation), state);
  }

  /**
   * A future the caller holds: none named (an implicit {@code this}), a name ({@code f}, {@code
   * this.f}, {@code this}, {@code super}), an array's element, a record's component or a getter of
   * a field of this compilation ({@code pending.future()}, {@code getFuture() { return future; }}),
   * an element of a container ({@code map.get(k)}, {@code ref.get()}: a method returning its type
   * variable, not a function's), casts and conditionals of those, or a call whose own future may be
   * dropped ({@code ch.close()}). Anything else is a future made for the call, which dropping the
   * result drops.
   */
  private boolean holds(ExpressionTree expression, VisitorState state) {
    if (expression == null) {
      return true;
    }
    ExpressionTree held = ASTHelpers.stripParentheses(expression);
    while (held instanceof TypeCastTree cast) {
      held = ASTHelpers.stripParentheses(cast.getExpression());
    }
    if (held instanceof ConditionalExpressionTree conditional) {
      return holds(conditional.getTrueExpression(), state) && holds(conditional.getFalseExpression(), state);
    }
    if (held instanceof ArrayAccessTree
        || ((held instanceof IdentifierTree || held instanceof MemberSelectTree)
            && ASTHelpers.getSymbol(held) instanceof VarSymbol)) {
      return true;
    }
    if (held instanceof MethodInvocationTree call && ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
      return isAccessor(call, method, state)
          || HELD_BY_THEIR_OWNER.matches(call, state)
          || returnsAnElement(method, state)
          || mayBeDropped(call, state);
    }
    return held instanceof NewClassTree && mayBeDropped(held, state);
  }

  /**
   * Futures their owner holds and completes, which never fail: a Netty channel's close future (a
   * failed close fails the future close() returned, not this one).
   */
  private static final CallPattern.AnyOf HELD_BY_THEIR_OWNER =
      CallPattern.anyOf(CallPattern.instanceMethod("io.netty.channel.Channel", "closeFuture"));

  /** A record's component, or a method of this compilation whose body is {@code return field;}. */
  private static boolean isAccessor(MethodInvocationTree call, MethodSymbol method, VisitorState state) {
    if (!call.getArguments().isEmpty()) {
      return false;
    }
    if (isRecordComponent(method)) {
      return true;
    }
    BlockTree body = MethodDeclarations.bodyOf(method, state);
    return body != null
        && body.getStatements().size() == 1
        && body.getStatements().get(0) instanceof ReturnTree returned
        && returned.getExpression() != null
        && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(returned.getExpression())) instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD;
  }

  /** {@code map.get(k)}, {@code list.get(0)}, {@code ref.get()}: a container's element, not a function's result. */
  private static boolean returnsAnElement(MethodSymbol method, VisitorState state) {
    return method.getReturnType().hasTag(TypeTag.TYPEVAR)
        && !method.isStatic()
        && !state.getTypes().isFunctionalInterface(method.owner.type);
  }

  /**
   * Whether nothing receives the value: the call is a statement, or it is a lambda's body or a
   * method reference implementing a function that returns void ({@code Runnable r = () ->
   * fetch()}).
   */
  private static boolean valueGoesNowhere(ExpressionTree tree, VisitorState state) {
    Tree user = tree instanceof MemberReferenceTree ? tree : state.getPath().getParentPath().getLeaf();
    if (user instanceof ExpressionStatementTree) {
      return true;
    }
    Type function = ASTHelpers.getType(user);
    Types types = state.getTypes();
    return function != null
        && types.isFunctionalInterface(function)
        && types.findDescriptorType(function).getReturnType().hasTag(TypeTag.VOID);
  }

  /**
   * Whether the call at the path is a statement of its own or a lambda's body: the only places
   * where a call's value can go nowhere ({@link #valueGoesNowhere}). Most
   * calls are inside larger expressions, and this spares them the type lookup.
   */
  private static boolean inDroppingPosition(VisitorState state) {
    Tree parent = state.getPath().getParentPath().getLeaf();
    return parent instanceof ExpressionStatementTree || parent instanceof LambdaExpressionTree;
  }

  /**
   * The type the call produces. The declared return type, so that {@code map.put(k, future)} does
   * not count as producing a future; but for a functional interface's method ({@code
   * supplier.get()}) the type at this call, since that call is what runs the work.
   */
  private Type producedType(ExpressionTree tree, MethodSymbol method, VisitorState state) {
    if (method.isConstructor()) {
      return method.owner.type;
    }
    Type declared = method.getReturnType();
    if (declared.hasTag(TypeTag.TYPEVAR)
        && !(tree instanceof MemberReferenceTree)
        && (method.flags() & Flags.ABSTRACT) != 0) {
      Type atCall = ASTHelpers.getResultType(tree);
      // Only a future at the call matters; the functional-interface test is the costly part.
      if (atCall != null
          && futureTypes.isFutureLike(atCall, state)
          && state.getTypes().isFunctionalInterface(method.owner.type)) {
        return atCall;
      }
    }
    return declared;
  }

  private boolean configuredSafeToDrop(MethodSymbol method, VisitorState state) {
    for (MethodSpec spec : safeToDropMethods) {
      if (spec.matches(method, state)) {
        return true;
      }
    }
    return false;
  }

  /** Looks through overridden methods and enclosing types: once per method and compilation. */
  private final PerCompilation<Map<MethodSymbol, Boolean>> canIgnore =
      PerCompilation.newIdentityMap();

  private boolean canIgnoreReturnValue(MethodSymbol method, VisitorState state) {
    return PerCompilation.lookUp(canIgnore, method, state, m -> canIgnoreReturnValueUncached(m, state));
  }

  private boolean canIgnoreReturnValueUncached(MethodSymbol method, VisitorState state) {
    if (ASTHelpers.hasDirectAnnotationWithSimpleName(method, CAN_IGNORE_RETURN_VALUE)) {
      return true;
    }
    // An overridden method's annotation counts only where it too returns a future: some
    // interfaces (Guava's Function) are annotated although their futures must not be dropped.
    if (OverriddenMethods.first(
            method,
            overridden ->
                ASTHelpers.hasDirectAnnotationWithSimpleName(overridden, CAN_IGNORE_RETURN_VALUE)
                    && futureTypes.isFutureLike(overridden.getReturnType(), state),
            state.getTypes())
        .isPresent()) {
      return true;
    }
    for (Symbol owner = method.owner; owner instanceof Symbol.ClassSymbol; owner = owner.owner) {
      if (ASTHelpers.hasDirectAnnotationWithSimpleName(owner, CAN_IGNORE_RETURN_VALUE)) {
        return true;
      }
    }
    return false;
  }

  static String droppedMessage(String call, Type type, FutureTypes.Kind kind, VisitorState state) {
    String typeName = CallDescriptions.aTypeName(type, state);
    if (kind == FutureTypes.Kind.COLD) {
      return String.format(
          "%s returns %s that is dropped here. It is a cold publisher: nothing subscribes to it, so"
              + " its work never runs. Return it or compose it into the chain (flatMap, then),"
              + " subscribe to it where fire-and-forget is meant, or block on it only in synchronous"
              + " code.",
          call, typeName);
    }
    return String.format(
        "%s returns %s that is dropped here: if it fails, nobody ever sees the exception. %s",
        call, typeName, hotAdvice(type, state));
  }

  /** What to do with a dropped hot future, in the words of its own API. */
  private static String hotAdvice(Type type, VisitorState state) {
    return switch (FutureTypes.apiOf(type, state)) {
      case GUAVA ->
          "Compose it (Futures.transformAsync) or return it, await it (Futures.getUnchecked) in"
              + " synchronous code, or, where fire-and-forget is meant, handle its failure"
              + " (Futures.addCallback, catching) or assign it to a variable named unused.";
      case VERTX ->
          "Compose it (compose) or return it, or, where fire-and-forget is meant, handle its"
              + " failure (onFailure, onComplete) or assign it to a variable named unused.";
      case NETTY ->
          "Return it, or handle its failure in a listener (addListener), sync() it only in"
              + " synchronous code, or assign it to a variable named unused.";
      // Nothing to compose with: an executor's Future, or a client's own kind.
      case PLAIN ->
          "Keep it and get() it where the outcome is needed, handle failures inside the task (for"
              + " an executor's future), or assign it to a variable named unused.";
      case STAGE ->
          "Compose it (thenCompose) or return it, await it (join()) in synchronous code, or, where"
              + " fire-and-forget is meant, handle its failure (whenComplete, exceptionally) or assign"
              + " it to a variable named unused.";
    };
  }


  // ---- A local variable that holds a future and is never read. ----

  private Tree readsScope;
  private Set<Symbol> readsInScope;

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    if (options.problem().isPresent()) {
      return NO_MATCH;
    }
    // Fields and parameters, most variables, have no such initializer: the cheapest test first.
    ExpressionTree initializer = tree.getInitializer();
    if (!(initializer instanceof MethodInvocationTree || initializer instanceof NewClassTree)) {
      return NO_MATCH;
    }
    VarSymbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol == null || symbol.getKind() != ElementKind.LOCAL_VARIABLE) {
      return NO_MATCH;
    }
    if (!futureTypes.isFutureLike(symbol.type, state)
        || isIntentionallyUnusedName(tree.getName().toString())
        || !(ASTHelpers.getSymbol(initializer) instanceof MethodSymbol method)) {
      return NO_MATCH;
    }
    // What the call produces: `existing = map.put(k, f)` holds the previous value, typed by the
    // class's type variable V, not a future the call made. A generic method's own type variable
    // (`<T> T inSpan(String, Supplier<T>)`) is whatever the call produced: the local's type says it.
    Type produced = producedType(initializer, method, state);
    if (produced.hasTag(TypeTag.TYPEVAR) && produced.tsym.owner == method) {
      produced = symbol.type;
    }
    Optional<FutureTypes.Kind> kind = futureTypes.kindOf(produced, state);
    if (kind.isEmpty()) {
      return NO_MATCH;
    }
    Tree scope = enclosingScope(state.getPath());
    if (scope == null || readsIn(scope).contains(symbol)) {
      return NO_MATCH;
    }
    // Asked at the initializer, so that the test-code reasons see the statement around it
    // (try { var f = call(); fail(); }, assertThrows(..., () -> { var f = call(); })).
    if (droppedOnPurpose(
        initializer, method, kind.get(), state.withPath(new TreePath(state.getPath(), initializer)))) {
      return NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            "'"
                + tree.getName()
                + "' is assigned and never read: "
                + droppedMessage(
                    CallDescriptions.describe(initializer), symbol.type, kind.get(), state))
        .build();
  }

  /** Names that say the value is dropped on purpose, as Error Prone's own checks accept. */
  static boolean isIntentionallyUnusedName(String name) {
    return name.isEmpty()
        || name.equals("_")
        || name.startsWith("unused")
        || name.startsWith("ignored");
  }

  private static Tree enclosingScope(TreePath path) {
    for (Tree tree : path) {
      if (tree instanceof MethodTree || tree instanceof ClassTree) {
        return tree;
      }
    }
    return null;
  }

  /** The local variables read anywhere in a method; memoized for the method being visited. */
  private Set<Symbol> readsIn(Tree scope) {
    if (scope != readsScope) {
      Set<Symbol> reads = new HashSet<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitAssignment(AssignmentTree node, Void unused) {
          // Writing a variable is not reading it; anything else on the left (a[i], o.f) reads.
          if (!(node.getVariable() instanceof IdentifierTree)) {
            scan(node.getVariable(), null);
          }
          return scan(node.getExpression(), null);
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          Symbol symbol = ASTHelpers.getSymbol(node);
          if (symbol instanceof VarSymbol) {
            reads.add(symbol);
          }
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
          return scan(node.getExpression(), null);
        }
      }.scan(scope, null);
      readsScope = scope;
      readsInScope = reads;
    }
    return readsInScope;
  }

  // ---- A future returned through a declared type that hides it. ----

  @Override
  public Description matchReturn(ReturnTree tree, VisitorState state) {
    if (options.problem().isPresent() || tree.getExpression() == null) {
      return NO_MATCH;
    }
    MethodTree methodTree = enclosingMethodNotLambda(state.getPath());
    MethodSymbol method = methodTree == null ? null : ASTHelpers.getSymbol(methodTree);
    Type declared = method == null ? null : method.getReturnType();
    // Only Object hides it: a future reaches a type variable's result only through a cast, which
    // generic plumbing (adapters, proxies) writes on purpose. Rare, so it is tested first.
    if (declared == null || declared.tsym != state.getSymtab().objectType.tsym) {
      return NO_MATCH;
    }
    Type returned = ASTHelpers.getType(tree.getExpression());
    Optional<FutureTypes.Kind> kind = futureTypes.kindOf(returned, state);
    // An override's callers see the overridden contract (InvocationHandler, an Answer, Callable):
    // frameworks behind it inspect the value they get, so only a method's own contract can hide it.
    if (kind.isEmpty()
        || OverriddenMethods.overridesAny(method, state.getTypes())
        // A pass-through (an interceptor, an AOP advice, a dispatcher) also returns other values:
        // Object is its real type, and its caller expects whatever the intercepted call returns.
        || returnsOtherThanFutures(methodTree, state)
        // The task it starts catches and handles every exception itself: no failure to see.
        || (kind.get() == FutureTypes.Kind.HOT
            && selfHandlingTasks.startsOne(ASTHelpers.stripParentheses(tree.getExpression()), state))
        // A helper of an override (`execute(args) { return dispatch(args); }`): its value goes
        // where the override's does, to the framework that inspects it.
        || returnedOnlyByOverrides(method, state)) {
      return NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            String.format(
                "%s returns %s through its declared type %s: callers cannot see that there is"
                    + " something to await, so its %s. Declare the future type as the return type.",
                method.getSimpleName(),
                CallDescriptions.aTypeName(returned, state),
                CallDescriptions.typeName(declared, state),
                kind.get() == FutureTypes.Kind.COLD
                    ? "work may never run"
                    : "failure will likely never be seen"))
        .build();
  }

  /**
   * Per compilation unit (asked of a unit only when it returns a future through {@code Object}): for
   * each method called in it, how many calls there are and how many an override returns at once.
   */
  private final PerCompilation<Map<CompilationUnitTree, Map<MethodSymbol, int[]>>> callsReturnedByOverrides =
      PerCompilation.newIdentityMap();

  /**
   * Whether the method is called in its compilation unit, and every call is the value of a {@code
   * return} of a method that overrides another: the value's real consumer is the overridden
   * contract's caller. Asked only where a future is returned through {@code Object}; the unit is
   * scanned once, for all its methods.
   */
  private boolean returnedOnlyByOverrides(MethodSymbol method, VisitorState state) {
    int[] calls =
        PerCompilation.lookUp(
                callsReturnedByOverrides,
                state.getPath().getCompilationUnit(),
                state,
                unit -> callsReturnedByOverrides(unit, state))
            .get(method);
    return calls != null && calls[0] == calls[1];
  }

  /** One scan of the unit: per called method, {all calls, calls an override returns at once}. */
  private static Map<MethodSymbol, int[]> callsReturnedByOverrides(CompilationUnitTree unit, VisitorState state) {
    Map<MethodSymbol, int[]> calls = new IdentityHashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (ASTHelpers.getSymbol(node) instanceof MethodSymbol callee) {
          int[] counts = calls.computeIfAbsent(callee, c -> new int[2]);
          counts[0]++;
          TreePath parent = getCurrentPath().getParentPath();
          MethodTree caller = parent.getLeaf() instanceof ReturnTree ? enclosingMethodNotLambda(parent) : null;
          if (caller != null
              && ASTHelpers.getSymbol(caller) instanceof MethodSymbol override
              && OverriddenMethods.overridesAny(override, state.getTypes())) {
            counts[1]++;
          }
        }
        return super.visitMethodInvocation(node, null);
      }
    }.scan(unit, null);
    return calls;
  }

  /** The method whose body directly holds the path's leaf; null inside a lambda. */
  private static MethodTree enclosingMethodNotLambda(TreePath path) {
    for (Tree tree : path) {
      if (tree instanceof LambdaExpressionTree || tree instanceof ClassTree) {
        return null;
      }
      if (tree instanceof MethodTree method) {
        return method;
      }
    }
    return null;
  }

  /** Whether a return of the method itself (not of its lambdas or local classes) is no future. */
  private boolean returnsOtherThanFutures(MethodTree method, VisitorState state) {
    if (method.getBody() == null) {
      return false;
    }
    boolean[] other = {false};
    new OwnBodyScanner() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        Type type = node.getExpression() == null ? null : ASTHelpers.getType(node.getExpression());
        // null is no other kind of value: "return null" beside a future does not make a pass-through.
        if (type != null && !type.hasTag(TypeTag.BOT) && futureTypes.kindOf(type, state).isEmpty()) {
          other[0] = true;
        }
        return super.visitReturn(node, null);
      }
    }.scan(method.getBody(), null);
    return other[0];
  }

  /** Builds a fix renaming the method at a call, for the nested-future rule. */
  static SuggestedFix renameMethod(
      MethodInvocationTree tree, String replacement, VisitorState state) {
    return SuggestedFixes.renameMethodInvocation(tree, replacement, state);
  }
}
