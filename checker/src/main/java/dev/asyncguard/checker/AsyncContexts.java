package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Whether code at a tree path must not block, and why: a non-blocking annotation, a method that
 * returns a future, or a callback that runs on a completing or emitting thread.
 */
final class AsyncContexts {

  /**
   * Why the code must not block. Nearly every function of async code gets one, and only a finding
   * puts it into words ("in method onEvent, marked ..."), so it keeps the parts of its sentence.
   */
  static final class AsyncContext {
    private enum Reason {
      INITIALIZER_OF_MARKED_TYPE,
      MARKED_METHOD,
      METHOD_OF_MARKED_TYPE,
      RETURNS_FUTURE,
      CALLBACK
    }

    private final Reason reason;
    private final Symbol symbol;
    /** The annotation's simple name, or a callback's own words. */
    private final String detail;
    private final VisitorState state;
    private final boolean onCommonPool;

    private AsyncContext(Reason reason, Symbol symbol, String detail, VisitorState state) {
      this(reason, symbol, detail, state, false);
    }

    private AsyncContext(
        Reason reason, Symbol symbol, String detail, VisitorState state, boolean onCommonPool) {
      this.reason = reason;
      this.symbol = symbol;
      this.detail = detail;
      this.state = state;
      this.onCommonPool = onCommonPool;
    }

    static AsyncContext callback(FunctionRoles.Role role) {
      return new AsyncContext(Reason.CALLBACK, null, role.description(), null, role.onCommonPool());
    }

    /**
     * A task of the common ForkJoinPool, where fork/join's own waits ({@code ForkJoinTask.join},
     * {@code invoke}) are the pool's design: the worker runs or steals the subtasks meanwhile.
     */
    boolean onCommonPool() {
      return onCommonPool;
    }

    String description() {
      if (reason == Reason.CALLBACK) {
        return detail;
      }
      if (reason == Reason.INITIALIZER_OF_MARKED_TYPE) {
        return "in an initializer of " + symbol.getSimpleName() + ", marked @" + detail;
      }
      MethodSymbol method = (MethodSymbol) symbol;
      if (reason == Reason.MARKED_METHOD) {
        return "in " + describe(method) + ", marked @" + detail;
      }
      if (reason == Reason.METHOD_OF_MARKED_TYPE) {
        // "in constructor of Sub, marked ..": the constructor already names its type.
        String of = method.isConstructor() ? "" : " of " + namedClass(method.owner).getSimpleName();
        return "in " + describe(method) + of + ", marked @" + detail;
      }
      return "in "
          + describe(method)
          + ", which returns "
          + CallDescriptions.aTypeName(method.getReturnType(), state)
          + ": a method that returns a future must not block its caller";
    }
  }

  private final AsyncAnnotations annotations;
  private final FutureTypes futureTypes;

  /** Contexts of the functions in the compilation unit being analyzed. */
  private CompilationUnitTree cachedUnit;
  private Map<Tree, Optional<AsyncContext>> cache = new IdentityHashMap<>();

  AsyncContexts(AsyncAnnotations annotations, FutureTypes futureTypes) {
    this.annotations = annotations;
    this.futureTypes = futureTypes;
  }

  /**
   * The context of the code at {@code path}. Asked for nearly every call, so it is only a walk to the
   * enclosing function and a map lookup: the function was classified when the scan entered it
   * ({@link #enter}).
   */
  Optional<AsyncContext> of(TreePath path, VisitorState state) {
    TreePath boundary = path;
    while (boundary != null && !isFunctionBoundary(boundary.getLeaf())) {
      boundary = boundary.getParentPath();
    }
    if (boundary == null) {
      return Optional.empty();
    }
    Map<Tree, Optional<AsyncContext>> contexts = contextsIn(path.getCompilationUnit());
    Optional<AsyncContext> known = contexts.get(boundary.getLeaf());
    // Unknown only if the scan did not pass through enter() (a caller outside Error Prone's scan).
    return known != null ? known : remember(boundary, contexts, state);
  }

  /**
   * Classifies a method, lambda or class as Error Prone's scan enters it, before the code inside.
   * Classifying here rather than on a miss in {@link #of} keeps that lookup small: a JIT compiler
   * compiling {@code of} would otherwise inline the whole classification into it (seen taking 0.7 s
   * of C2 time in one reactor-core compile, on a core that javac shares).
   */
  void enter(TreePath boundary, VisitorState state) {
    Map<Tree, Optional<AsyncContext>> contexts = contextsIn(boundary.getCompilationUnit());
    if (!contexts.containsKey(boundary.getLeaf())) {
      remember(boundary, contexts, state);
    }
  }

  /** The context of a method reference: the function it stands for, judged by its role. */
  Optional<AsyncContext> ofReference(TreePath reference, VisitorState state) {
    return ofFunction(reference, state);
  }

  /** One unit's contexts at a time; a new map per unit, as clearing a grown one costs its capacity. */
  private Map<Tree, Optional<AsyncContext>> contextsIn(CompilationUnitTree unit) {
    if (unit != cachedUnit) {
      cachedUnit = unit;
      cache = new IdentityHashMap<>();
    }
    return cache;
  }

  private Optional<AsyncContext> remember(
      TreePath boundary, Map<Tree, Optional<AsyncContext>> contexts, VisitorState state) {
    Optional<AsyncContext> context = ofBoundary(boundary, state);
    contexts.put(boundary.getLeaf(), context);
    return context;
  }

  private static boolean isFunctionBoundary(Tree tree) {
    return tree instanceof LambdaExpressionTree
        || tree instanceof MethodTree
        || tree instanceof ClassTree;
  }

  private Optional<AsyncContext> ofBoundary(TreePath boundary, VisitorState state) {
    Tree leaf = boundary.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      return ofFunction(boundary, state);
    }
    if (leaf instanceof MethodTree method) {
      return ofMethod(boundary, method, state);
    }
    // An anonymous class's field initializers and initializer blocks run where the instance is made
    // (an enum constant's body: in the enum's initialization).
    if (MethodDeclarations.anonymousInstance(boundary) instanceof TreePath made) {
      return made.getParentPath() == null ? Optional.empty() : of(made.getParentPath(), state);
    }
    // A field initializer or an initializer block: only a type-level annotation applies.
    ClassSymbol type = ASTHelpers.getSymbol((ClassTree) leaf);
    return typeLevel(type, state)
        .map(a -> new AsyncContext(AsyncContext.Reason.INITIALIZER_OF_MARKED_TYPE, type, a, null));
  }

  /** A lambda, method reference or anonymous class: its role decides. */
  private Optional<AsyncContext> ofFunction(TreePath function, VisitorState state) {
    FunctionRoles.Role role = FunctionRoles.of(function, state);
    return switch (role.kind()) {
      case CALLBACK -> Optional.of(AsyncContext.callback(role));
      case INLINE -> function.getParentPath() == null ? Optional.empty() : of(function.getParentPath(), state);
      case OFFLOADED, DEFERRED -> Optional.empty();
    };
  }

  private Optional<AsyncContext> ofMethod(TreePath path, MethodTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return Optional.empty();
    }
    Optional<AsyncContext> context = asyncReason(path, method, state);
    // A blocking annotation says the method may block, whatever else marks it (asked only of an
    // async method: most methods are none, and the lookup costs more than the classification).
    if (context.isEmpty()
        || annotations.blockingOnMethod(method, state).isPresent()
        || annotations.blockingOnType(method, state)) {
      return Optional.empty();
    }
    return context;
  }

  private Optional<AsyncContext> asyncReason(TreePath path, MethodSymbol method, VisitorState state) {
    Optional<String> marked = annotations.nonBlockingOnMethod(method, state);
    if (marked.isPresent()) {
      return Optional.of(new AsyncContext(AsyncContext.Reason.MARKED_METHOD, method, marked.get(), null));
    }
    if (returnsFutureToItsCaller(method, state)) {
      return Optional.of(new AsyncContext(AsyncContext.Reason.RETURNS_FUTURE, method, null, state));
    }
    // A method of an anonymous class is judged by where the instance is handed; one of an enum
    // constant's body is the enum's own, judged by the enum's annotation.
    TreePath made = path.getParentPath() == null ? null : MethodDeclarations.anonymousInstance(path.getParentPath());
    if (made != null && !isEnumConstant(made.getParentPath())) {
      return ofFunction(made, state);
    }
    return typeLevel(method.owner, state)
        .map(a -> new AsyncContext(AsyncContext.Reason.METHOD_OF_MARKED_TYPE, method, a, null));
  }

  private static boolean isEnumConstant(TreePath path) {
    return path != null
        && path.getLeaf() instanceof VariableTree variable
        && ASTHelpers.getSymbol(variable) instanceof Symbol constant
        && constant.getKind() == ElementKind.ENUM_CONSTANT;
  }

  /** The class, or for an anonymous one (an enum constant's body) the named class around it. */
  private static Symbol namedClass(Symbol type) {
    for (Symbol s = type; s != null; s = s.owner) {
      if (s instanceof ClassSymbol && !s.getSimpleName().isEmpty()) {
        return s;
      }
    }
    return type;
  }

  private static String describe(MethodSymbol method) {
    return method.isConstructor()
        ? "constructor of " + method.owner.getSimpleName()
        : "method " + method.getSimpleName();
  }

  /** A non-blocking annotation on the type or a type it is nested in. */
  private Optional<String> typeLevel(Symbol type, VisitorState state) {
    if (!annotations.anyNonBlockingKnown(state)) {
      return Optional.empty();
    }
    for (Symbol s = type; s != null; s = s.owner) {
      if (s instanceof ClassSymbol) {
        Optional<String> marked = annotations.nonBlockingOn(s);
        if (marked.isPresent()) {
          return marked;
        }
      } else if (!(s instanceof MethodSymbol) && !(s instanceof VarSymbol)) {
        break; // a local or anonymous class is owned by its method, or by the field it initializes
      }
    }
    return Optional.empty();
  }

  /**
   * A method that returns a future on its caller's thread. A framework annotation (@Async and kin)
   * runs the body on the framework's executor instead, and the rest of an annotated class's code is
   * called from there.
   */
  private boolean returnsFutureToItsCaller(MethodSymbol method, VisitorState state) {
    return !method.isConstructor()
        && futureTypes.isFutureLike(method.getReturnType(), state)
        && !annotations.underExecutorAnnotation(method, state)
        && !submitsToAnExecutor(method, state)
        && !returnsItsReceiver(method, state)
        && !returnsOnlyWaitedFutures(method, state);
  }

  /**
   * Whether Netty's future type resolves in this compilation (its jar on the classpath, or a source
   * declaring it): without it no call is one of Netty's waits.
   */
  private final PerCompilation<Boolean> nettyFutureKnown =
      new PerCompilation<>(state -> state.getSymbolFromString(NETTY_FUTURE) != null);

  private static final String NETTY_FUTURE = "io.netty.util.concurrent.Future";

  /** Netty's waits, which return the future they waited for. */
  private static final CallPattern.AnyOf WAITED =
      CallPattern.anyOf(
          CallPattern.instanceMethod(NETTY_FUTURE, CompletedFutures.NETTY_WAITS.toArray(String[]::new)));

  /**
   * A method whose every return is a future it waited for ({@code ChannelFuture start() { return
   * bootstrap.bind(port).sync(); }}): synchronous by design, it hands its caller a done future.
   */
  private boolean returnsOnlyWaitedFutures(MethodSymbol method, VisitorState state) {
    if (!nettyFutureKnown.get(state)) {
      return false; // no return can be a Netty wait: the body is not read
    }
    BlockTree body = MethodDeclarations.bodyOf(method, state);
    return body != null
        && OwnBodyScanner.everyReturn(body, returned -> WAITED.matches(ASTHelpers.stripParentheses(returned), state));
  }

  /**
   * A future's own fluent method that returns the future itself ({@code return this;}), such as a
   * Netty-style {@code await()} or {@code sync()} whose contract is to wait: it hands the caller no
   * new future, so it makes no promise not to block.
   */
  private boolean returnsItsReceiver(MethodSymbol method, VisitorState state) {
    if (method.isStatic()
        || !(method.owner instanceof ClassSymbol owner)
        || !futureTypes.isFutureLike(owner.type, state)) {
      return false;
    }
    BlockTree body = MethodDeclarations.bodyOf(method, state);
    return body != null && OwnBodyScanner.everyReturn(body, LocalVariables::isThis);
  }

  /** An executor's own ways to take a task, whose contract lets them block the submitter. */
  private static final ImmutableSet<String> SUBMISSIONS =
      ImmutableSet.of("submit", "invokeAll", "invokeAny", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  /**
   * An executor's {@code submit} (and kin): it may block the caller by contract, waiting for room
   * (Hadoop's SemaphoredDelegatingExecutor) or running the task itself (CallerRunsPolicy).
   */
  private static boolean submitsToAnExecutor(MethodSymbol method, VisitorState state) {
    return SUBMISSIONS.contains(method.getSimpleName().toString())
        && TypeNames.ownerIsSubtype(method, "java.util.concurrent.ExecutorService", state);
  }

  /** Whether the method is itself an async context: findings are reported inside it instead. */
  boolean isAsyncMethod(MethodSymbol method, VisitorState state) {
    return (returnsFutureToItsCaller(method, state)
            || annotations.nonBlockingOnMethod(method, state).isPresent()
            || typeLevel(method.owner, state).isPresent())
        && annotations.blockingOnMethod(method, state).isEmpty()
        && !annotations.blockingOnType(method, state);
  }
}
