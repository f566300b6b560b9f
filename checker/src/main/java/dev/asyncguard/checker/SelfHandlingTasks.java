package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * A task started by a call whose future only that task completes ({@code runAsync(() -> {..},
 * pool)}, {@code executor.submit(..)}), that cannot lose a failure: its body (a lambda's, an anonymous
 * class's, or that of a method or task class of this compilation that no override can replace)
 * catches everything it throws: catch-all {@code try}s that do not throw, statements that cannot
 * throw (logging, flag tests, plain assignments), and calls of such methods of its own; or it is
 * itself a future ({@code submit(futureTask)}: the task holds its outcome, which the caller holds);
 * or it only completes another future ({@code schedule(() -> f.completeExceptionally(new
 * TimeoutException()), 5, SECONDS)}), which cannot throw. Such a future fails only if the task is
 * cancelled (or with an {@link Error}), so dropping it loses nothing.
 */
final class SelfHandlingTasks {

  /**
   * Calls that run the task given first and complete their future with its outcome alone: not a
   * stage, whose future also fails with the stage before it.
   */
  private static final CallPattern.AnyOf STARTS_TASK =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.util.concurrent.CompletableFuture", "runAsync", "supplyAsync"),
          CallPattern.instanceMethod("java.util.concurrent.ExecutorService", "submit"),
          CallPattern.instanceMethod("java.util.concurrent.ScheduledExecutorService", "schedule"),
          CallPattern.staticMethod("com.google.common.util.concurrent.Futures", "submit"),
          // Vert.x 5's executeBlocking(Callable[, ordered]): the future holds the callable's outcome.
          CallPattern.instanceMethodOfAny(
              List.of("io.vertx.core.Vertx", "io.vertx.core.Context", "io.vertx.core.WorkerExecutor"),
              "executeBlocking"));

  /**
   * Whether a call is one of the named APIs whose future may be dropped (closes, listeners): a task
   * making such a call reports through it.
   */
  private final NestedFutures.DropPolicy quietCall;

  /** Methods of this compilation, and whether their bodies catch everything they throw. */
  private final PerCompilation<Map<MethodSymbol, Boolean>> handlingMethods = PerCompilation.newIdentityMap();

  /** Helpers of this compilation, and whether their whole body returns a quiet call. */
  private final PerCompilation<Map<MethodSymbol, Boolean>> quietReturningHelpers = PerCompilation.newIdentityMap();

  SelfHandlingTasks(NestedFutures.DropPolicy quietCall) {
    this.quietCall = quietCall;
  }

  /**
   * Whether the call starts a task that cannot lose a failure (see above). A task that only makes a
   * quiet call ({@code schedule(() -> ch.close(), ..)}) reports through it. Any other call may throw
   * before it returns its future, which the dropped task's future would hold.
   */
  boolean startsOne(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)
        || invocation.getArguments().isEmpty()
        || !STARTS_TASK.matches(call, state)
        || handsThePromiseToTheTask(invocation, state)) {
      return false;
    }
    ExpressionTree task = withoutCasts(invocation.getArguments().get(0));
    // A FutureTask holds the outcome; ForkJoinPool.submit(forkJoinTask) even returns the task itself.
    if (TypeNames.isSubtype(ASTHelpers.getType(task), "java.util.concurrent.RunnableFuture", state)
        || TypeNames.isSubtype(ASTHelpers.getType(task), "java.util.concurrent.ForkJoinTask", state)) {
      return isHeldElsewhere(task, state);
    }
    return cannotFail(invocation, task, state);
  }

  /**
   * Whether a function handed to the call as its first argument ends without an exception whatever
   * it runs on: the judgement of a task above, for a lambda, an anonymous class, a method reference
   * or an object of a class of this compilation.
   */
  boolean cannotFail(MethodInvocationTree invocation, ExpressionTree task, VisitorState state) {
    if (task instanceof MemberReferenceTree reference) {
      // schedule(this::reconnect, ..) where reconnect() { try { .. } catch (Exception e) { log } }
      return quietCall.mayBeDropped(reference, state)
          || isQuietReference(reference, state)
          || (ASTHelpers.getSymbol(reference) instanceof MethodSymbol method && handlesEverything(method, state));
    }
    if (task instanceof LambdaExpressionTree lambda
        && lambda.getBody() instanceof ExpressionTree expression) {
      return onlyReports(expression, state) || cannotThrow(expression, state);
    }
    BlockTree body = bodyOf(task);
    if (body == null) {
      // submit(refreshTask): an object of a class of this compilation, judged by its run(), call() or get().
      return implementation(invocation, task, state) instanceof MethodSymbol method
          && handlesEverything(method, state);
    }
    if (body.getStatements().size() == 1
        && body.getStatements().get(0) instanceof ExpressionStatementTree statement
        && onlyReports(statement.getExpression(), state)) {
      return true;
    }
    return catchesEverythingItThrows(body, declaresNoCheckedExceptions(task, state), state);
  }

  /**
   * Vert.x 4's {@code executeBlocking(promise -> ..)}: the task completes the future itself, and a
   * failure it catches and hands to {@code promise.fail(e)} goes to the future dropped here.
   */
  private static boolean handsThePromiseToTheTask(MethodInvocationTree invocation, VisitorState state) {
    return ASTHelpers.getSymbol(invocation) instanceof MethodSymbol starter
        && starter.getSimpleName().contentEquals("executeBlocking")
        && !(starter.getParameters().size() > 0
            && TypeNames.isExactly(
                state.getTypes().erasure(starter.getParameters().get(0).type), "java.util.concurrent.Callable", state));
  }

  /**
   * Whether every call of the method runs a body of this compilation that catches everything it
   * throws ({@link #catchesEverythingItThrows}): no override can replace it. Judged once per method;
   * a method reached again through its own body proves nothing.
   */
  private boolean handlesEverything(MethodSymbol method, VisitorState state) {
    if (!MethodDeclarations.cannotBeOverridden(method, state)) {
      return false;
    }
    return PerCompilation.lookUpAssuming(
        handlingMethods.get(state),
        method,
        false,
        m -> catchesEverythingItThrows(MethodDeclarations.bodyOf(m, state), m.getThrownTypes().isEmpty(), state));
  }

  /**
   * The method that runs a task object handed to the call ({@code submit(refreshTask)}): the
   * implementation of the parameter's functional method ({@code run()}, {@code call()}) in the
   * task's class, or null if that class does not implement it itself.
   */
  private static MethodSymbol implementation(
      MethodInvocationTree invocation, ExpressionTree task, VisitorState state) {
    Type taskType = ASTHelpers.getType(task);
    if (!(ASTHelpers.getSymbol(invocation) instanceof MethodSymbol starter)
        || starter.getParameters().isEmpty()
        || taskType == null
        || !(taskType.tsym instanceof Symbol.ClassSymbol taskClass)
        || taskClass.isInterface()) {
      return null;
    }
    Types types = state.getTypes();
    Type parameter = starter.getParameters().get(0).type;
    if (!types.isFunctionalInterface(parameter)) {
      return null;
    }
    Symbol functional = types.findDescriptorSymbol(parameter.tsym);
    return functional instanceof MethodSymbol abstractMethod
            && abstractMethod.implementation(taskClass, types, true) instanceof MethodSymbol implemented
            && !implemented.owner.isInterface()
        ? implemented
        : null;
  }

  /**
   * A body whose every statement catches everything it throws or cannot throw ({@link
   * #cannotThrow}): {@code log.debug("start"); try { .. } catch (Exception e) { log.warn("failed",
   * e); }}. {@code declaresNoChecked} says the method around it declares no checked exception.
   */
  private boolean catchesEverythingItThrows(
      BlockTree body, boolean declaresNoChecked, VisitorState state) {
    return body != null && cannotThrow(body, declaresNoChecked, state);
  }

  private static boolean tryHandlesEverything(TryTree attempt, boolean declaresNoChecked, VisitorState state) {
    boolean noCheckedExceptions = declaresNoChecked || !mayThrowChecked(attempt, state);
    return attempt.getCatches().stream()
        .anyMatch(clause -> handlesEverything(clause, noCheckedExceptions, state));
  }

  /** Loggers whose calls do not throw: they render their arguments and swallow their own failures. */
  private static final ImmutableList<String> LOGGERS =
      ImmutableList.<String>builder()
          .addAll(TypeNames.LOGGER_TYPES)
          .add("io.netty.util.internal.logging.InternalLogger")
          .build();

  /** A future's state queries, which cannot throw: {@code if (!f.isDone()) f.completeExceptionally(..)}. */
  private static final CallPattern.AnyOf FUTURE_QUERIES =
      CallPattern.anyOf(
          CallPattern.instanceMethod("java.util.concurrent.Future", "isDone", "isCancelled"),
          CallPattern.instanceMethod("java.util.concurrent.CompletableFuture", "isCompletedExceptionally"),
          CallPattern.instanceMethod("io.netty.util.concurrent.Future", "isSuccess", "isCancellable"),
          CallPattern.instanceMethod("io.vertx.core.Future", "isComplete", "succeeded", "failed"));

  /** Reads, writes and arithmetic of atomic flags and counters, which cannot throw. */
  private static final CallPattern.AnyOf ATOMIC_FLAGS =
      CallPattern.anyOf(
          CallPattern.instanceMethodOfAny(
              List.of(
                  "java.util.concurrent.atomic.AtomicBoolean",
                  "java.util.concurrent.atomic.AtomicInteger",
                  "java.util.concurrent.atomic.AtomicLong",
                  "java.util.concurrent.atomic.AtomicReference"),
              "get",
              "compareAndSet",
              "getAndSet",
              "set",
              "lazySet"),
          CallPattern.instanceMethodOfAny(
              List.of("java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong"),
              "incrementAndGet",
              "decrementAndGet",
              "getAndIncrement",
              "getAndDecrement",
              "addAndGet",
              "getAndAdd"),
          CallPattern.instanceMethod("java.util.concurrent.atomic.LongAdder", "increment", "decrement", "add", "sum"),
          CallPattern.instanceMethod("java.util.concurrent.atomic.DoubleAdder", "add", "sum"));

  /**
   * The JDK's signals that cannot throw: a latch's count down, a semaphore's single release, an
   * executor's shutdown (only a security manager, gone since JDK 24, could refuse it), a thread's
   * interrupt and its query.
   */
  private static final CallPattern.AnyOf JDK_SIGNALS =
      CallPattern.anyOf(
          CallPattern.instanceMethod("java.util.concurrent.CountDownLatch", "countDown"),
          CallPattern.instanceMethod("java.util.concurrent.Semaphore", "release").withNoParameters(),
          CallPattern.instanceMethod("java.util.concurrent.ExecutorService", "shutdown", "shutdownNow"),
          CallPattern.instanceMethod("java.lang.Thread", "interrupt", "isInterrupted"));

  /**
   * A statement that cannot throw, or catches everything it throws: a {@code try} with a clause
   * catching everything its block can throw that does not throw itself ({@link #handlesEverything});
   * an expression that cannot throw ({@link #cannotThrow(ExpressionTree, VisitorState)});
   * a local declared with a plain value it does not unbox; {@code return;}, {@code return null;},
   * {@code break;} and {@code continue;}; and blocks, {@code if}s and loops (without a for loop's
   * initializer or update) of those, on conditions that unbox nothing ({@link #isPlainCondition}:
   * {@code if (!running.get()) return;}). Anything else may throw.
   */
  private boolean cannotThrow(StatementTree statement, boolean declaresNoChecked, VisitorState state) {
    if (statement instanceof TryTree attempt) {
      return tryHandlesEverything(attempt, declaresNoChecked, state);
    }
    if (statement instanceof ExpressionStatementTree expression) {
      return cannotThrow(expression.getExpression(), state);
    }
    if (statement instanceof ReturnTree returned) {
      // return; or a Callable's return null, which says it has no result to drop.
      return returned.getExpression() == null
          || ASTHelpers.stripParentheses(returned.getExpression()).getKind() == Tree.Kind.NULL_LITERAL;
    }
    // A local class, record, enum or interface declared here runs nothing.
    if (statement instanceof EmptyStatementTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree
        || statement instanceof ClassTree) {
      return true;
    }
    if (statement instanceof LabeledStatementTree labeled) {
      return cannotThrow(labeled.getStatement(), declaresNoChecked, state);
    }
    // A worker's loop: while (running.get()) { try { .. } catch (Exception e) { .. } }
    if (statement instanceof WhileLoopTree loop) {
      return loopCannotThrow(loop.getCondition(), loop.getStatement(), declaresNoChecked, state);
    }
    if (statement instanceof DoWhileLoopTree loop) {
      return loopCannotThrow(loop.getCondition(), loop.getStatement(), declaresNoChecked, state);
    }
    if (statement instanceof ForLoopTree loop) {
      return loop.getInitializer().isEmpty()
          && loop.getUpdate().isEmpty()
          && loopCannotThrow(loop.getCondition(), loop.getStatement(), declaresNoChecked, state);
    }
    if (statement instanceof VariableTree local) {
      ExpressionTree value = local.getInitializer();
      return value == null
          || (isPlainValue(value, state) && !unboxes(ASTHelpers.getType(value), ASTHelpers.getType(local)));
    }
    if (statement instanceof BlockTree block) {
      return block.getStatements().stream().allMatch(inner -> cannotThrow(inner, declaresNoChecked, state));
    }
    return statement instanceof IfTree branch
        && isPlainCondition(branch.getCondition(), state)
        && cannotThrow(branch.getThenStatement(), declaresNoChecked, state)
        && (branch.getElseStatement() == null || cannotThrow(branch.getElseStatement(), declaresNoChecked, state));
  }

  /** A loop whose condition (none: {@code for (;;)}) and body cannot throw. */
  private boolean loopCannotThrow(
      ExpressionTree condition, StatementTree body, boolean declaresNoChecked, VisitorState state) {
    return (condition == null || isPlainCondition(condition, state)) && cannotThrow(body, declaresNoChecked, state);
  }

  /**
   * An expression statement that cannot throw: a logger's logging call, an atomic's or the JDK's signal, on a
   * plain value, with plain arguments that unbox nothing ({@link #isQuietCall}); completing or
   * failing a future ({@link #onlyCompletes}); a plain value assigned to a local or a field of
   * {@code this} without unboxing ({@code this.relaxed = false}); or a call of a method of this
   * compilation, on {@code this} and with plain arguments, whose body catches everything it throws
   * ({@code requeue(command)}, {@link #handlesEverything}).
   */
  private boolean cannotThrow(ExpressionTree expression, VisitorState state) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(expression);
    if (stripped instanceof AssignmentTree assignment) {
      ExpressionTree target = ASTHelpers.stripParentheses(assignment.getVariable());
      return (target instanceof IdentifierTree || target instanceof MemberSelectTree)
          && isPlainValue(target, state)
          && isPlainValue(assignment.getExpression(), state)
          && !unboxes(ASTHelpers.getType(assignment.getExpression()), ASTHelpers.getType(target));
    }
    return isQuietCall(stripped, state)
        || onlyCompletes(stripped, state)
        || isClose(stripped, state)
        || (stripped instanceof MethodInvocationTree call
            && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && !method.isConstructor()
            && isOwnReceiver(ASTHelpers.getReceiver(call))
            && passesPlainValues(call, method, state)
            && handlesEverything(method, state));
  }

  /**
   * A close on a plain value, without arguments ({@code ctx.close()}): it reports through the
   * closed object and does not throw. Not the other calls whose future may be dropped, which may
   * throw or wait ({@code sync()}, {@code requireNonNull}, {@code setSuccess} on a done promise, a
   * write on an ended response).
   */
  private static boolean isClose(ExpressionTree expression, VisitorState state) {
    return expression instanceof MethodInvocationTree call
        // Without arguments: close(promise) throws on a done promise, sendCloseFrame(code, reason)
        // on a reserved code.
        && call.getArguments().isEmpty()
        && DiscardedFuture.CLOSING_CALLS.matches(call, state)
        && isPlainValue(ASTHelpers.getReceiver(call), state);
  }

  /** No receiver (an implicit {@code this}, or a static method), or {@code this} or {@code Outer.this}. */
  private static boolean isOwnReceiver(ExpressionTree receiver) {
    return receiver == null || LocalVariables.isThisOrAnEnclosingThis(receiver);
  }

  /** A logger's own methods that log or ask a level: not its configuration, nor a static factory. */
  private static final ImmutableSet<String> LOGGING_METHODS =
      ImmutableSet.of(
          "trace", "debug", "info", "warn", "error", "fatal", "log", "logp", "printf", "fine", "finer",
          "finest", "config", "warning", "severe", "entering", "exiting", "throwing", "isTraceEnabled",
          "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled", "isFatalEnabled",
          "isEnabled", "isEnabledForLevel", "isLoggable");

  /**
   * Arguments that are plain values, none a function (a logger may run a supplier it is given,
   * named or written as a lambda), none unboxed into a primitive parameter ({@code flag.set(boxed)}
   * may throw).
   */
  private static boolean passesPlainValues(MethodInvocationTree call, MethodSymbol method, VisitorState state) {
    List<? extends ExpressionTree> arguments = call.getArguments();
    List<Symbol.VarSymbol> parameters = method.getParameters();
    Types types = state.getTypes();
    for (int i = 0; i < arguments.size(); i++) {
      ExpressionTree argument = ASTHelpers.stripParentheses(arguments.get(i));
      Type type = ASTHelpers.getType(argument);
      if (argument instanceof LambdaExpressionTree
          || argument instanceof MemberReferenceTree
          || (type != null && types.isFunctionalInterface(type))
          || !isPlainValue(argument, state)
          || unboxes(type, parameterType(method, parameters, i, types))) {
        return false;
      }
    }
    return true;
  }

  /** The type argument {@code i} is passed as: a varargs parameter's element type at its position. */
  private static Type parameterType(MethodSymbol method, List<Symbol.VarSymbol> parameters, int i, Types types) {
    if (parameters.isEmpty()) {
      return null;
    }
    int last = parameters.size() - 1;
    if (method.isVarArgs() && i >= last) {
      return types.elemtype(parameters.get(last).type);
    }
    return i <= last ? parameters.get(i).type : null;
  }

  private static boolean isQuietCall(ExpressionTree expression, VisitorState state) {
    if (!(ASTHelpers.stripParentheses(expression) instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || method.isStatic()) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null) {
      // compareAndSet(false, true) in a task that is itself an AtomicBoolean: the JDK's own method,
      // not an overload the task declares.
      return isJdkSignal(call, method, state) && passesPlainValues(call, method, state);
    }
    return isPlainValue(receiver, state)
        && passesPlainValues(call, method, state)
        && (isJdkSignal(call, method, state)
            || FUTURE_QUERIES.matches(call, state)
            || (LOGGING_METHODS.contains(method.getSimpleName().toString())
                && TypeNames.isSubtypeOfAny(ASTHelpers.getType(receiver), LOGGERS, state)));
  }

  /**
   * A bound reference to a call that cannot throw, without primitive parameters: {@code
   * latch::countDown}, {@code worker::shutdown}, {@code counter::incrementAndGet}, {@code last::set}.
   */
  private static boolean isQuietReference(MemberReferenceTree reference, VisitorState state) {
    // The qualifier is evaluated, and null-checked, where the reference is made: not in the task.
    // A type's name (AtomicInteger::get) makes an unbound reference, whose receiver is an argument.
    // Parameters of reference types only: a boxed argument unboxed into a primitive may be null.
    return ASTHelpers.getSymbol(reference) instanceof MethodSymbol method
        && !method.isStatic()
        && method.getParameters().stream().noneMatch(parameter -> parameter.type.isPrimitive())
        && !(ASTHelpers.getSymbol(reference.getQualifierExpression()) instanceof Symbol.ClassSymbol)
        && isJdkSignal(reference, method, state);
  }

  /**
   * An atomic's or the JDK's signal ({@link #ATOMIC_FLAGS}, {@link #JDK_SIGNALS}) that runs the
   * JDK's own method: not a subclass's override (a {@code ThreadPoolExecutor} whose {@code
   * shutdown()} throws, a {@code Thread} whose {@code interrupt()} closes a socket), which a call
   * on the subclass's type would reach. A receiver typed as the JDK's class is taken to be one.
   */
  private static boolean isJdkSignal(ExpressionTree call, MethodSymbol method, VisitorState state) {
    return (ATOMIC_FLAGS.matches(call, state) || JDK_SIGNALS.matches(call, state))
        && method.owner.getQualifiedName().toString().startsWith("java.");
  }

  /**
   * A condition that cannot throw: {@code !}, {@code &&} and {@code ||} of such, comparisons of plain
   * values that unbox nothing ({@code ==} and {@code !=} of two references, or of two primitives;
   * {@code <} and kin of primitives), and plain boolean values and quiet calls that return a
   * primitive {@code boolean} (a {@code Boolean} may be null).
   */
  private static boolean isPlainCondition(ExpressionTree condition, VisitorState state) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(condition);
    // r instanceof Good g: a type test of a plain value cannot throw (a record pattern calls
    // accessors, which may).
    if (stripped instanceof InstanceOfTree test) {
      return (test.getPattern() == null || test.getPattern() instanceof BindingPatternTree)
          && isPlainValue(test.getExpression(), state);
    }
    if (stripped instanceof UnaryTree unary) {
      return unary.getKind() == Tree.Kind.LOGICAL_COMPLEMENT && isPlainCondition(unary.getExpression(), state);
    }
    if (stripped instanceof BinaryTree binary) {
      Tree.Kind kind = binary.getKind();
      if (kind == Tree.Kind.CONDITIONAL_AND || kind == Tree.Kind.CONDITIONAL_OR) {
        return isPlainCondition(binary.getLeftOperand(), state) && isPlainCondition(binary.getRightOperand(), state);
      }
      if (!COMPARISONS.contains(kind)
          || !isPlainOperand(binary.getLeftOperand(), state)
          || !isPlainOperand(binary.getRightOperand(), state)) {
        return false;
      }
      boolean leftPrimitive = isPrimitive(binary.getLeftOperand());
      boolean rightPrimitive = isPrimitive(binary.getRightOperand());
      boolean equality = kind == Tree.Kind.EQUAL_TO || kind == Tree.Kind.NOT_EQUAL_TO;
      return (leftPrimitive && rightPrimitive) || (equality && !leftPrimitive && !rightPrimitive);
    }
    return isPlainOperand(stripped, state) && ASTHelpers.getType(stripped) instanceof Type type
        && type.getKind() == TypeKind.BOOLEAN;
  }

  private static boolean isPlainOperand(ExpressionTree operand, VisitorState state) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(operand);
    return stripped instanceof MethodInvocationTree && !CLOCKS.matches(stripped, state)
        ? isQuietCall(stripped, state)
        : isPlainValue(stripped, state);
  }

  private static boolean isPrimitive(ExpressionTree expression) {
    Type type = ASTHelpers.getType(expression);
    return type != null && type.isPrimitive();
  }

  /** Assigning a value of type {@code from} to {@code to} unboxes it (and a null would throw). */
  private static boolean unboxes(Type from, Type to) {
    return from != null && to != null && to.isPrimitive() && !from.isPrimitive();
  }

  /**
   * Arithmetic and bitwise operators that cannot throw on primitives (an integer division or
   * remainder only by a non-zero constant: see {@link #isPlainValue}).
   */
  private static final ImmutableSet<Tree.Kind> ARITHMETIC =
      Sets.immutableEnumSet(
          Tree.Kind.PLUS,
          Tree.Kind.MINUS,
          Tree.Kind.MULTIPLY,
          Tree.Kind.DIVIDE,
          Tree.Kind.REMAINDER,
          Tree.Kind.AND,
          Tree.Kind.OR,
          Tree.Kind.XOR,
          Tree.Kind.LEFT_SHIFT,
          Tree.Kind.RIGHT_SHIFT,
          Tree.Kind.UNSIGNED_RIGHT_SHIFT);

  /** Comparisons. */
  private static final ImmutableSet<Tree.Kind> COMPARISONS =
      Sets.immutableEnumSet(
          Tree.Kind.EQUAL_TO,
          Tree.Kind.NOT_EQUAL_TO,
          Tree.Kind.LESS_THAN,
          Tree.Kind.LESS_THAN_EQUAL,
          Tree.Kind.GREATER_THAN,
          Tree.Kind.GREATER_THAN_EQUAL);

  /**
   * The task itself: a cast that picks an overload ({@code submit((Runnable) ch::close)}) changes
   * nothing the task does.
   */
  private static ExpressionTree withoutCasts(ExpressionTree task) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(task);
    while (stripped instanceof TypeCastTree cast) {
      stripped = ASTHelpers.stripParentheses(cast.getExpression());
    }
    return stripped;
  }

  /** Completing, failing or cancelling a future: these report through it and do not throw. */
  private static final CallPattern.AnyOf COMPLETES =
      CallPattern.anyOf(
          CallPattern.instanceMethod(
              "java.util.concurrent.CompletableFuture",
              "complete",
              "completeExceptionally",
              "obtrudeValue",
              "obtrudeException"),
          CallPattern.instanceMethod("java.util.concurrent.Future", "cancel"),
          // A Netty timer's handle: cancelling it only marks it, as a future's cancel does.
          CallPattern.instanceMethod("io.netty.util.Timeout", "cancel"),
          CallPattern.instanceMethod(
              "com.google.common.util.concurrent.SettableFuture", "set", "setException", "setFuture"),
          CallPattern.instanceMethod("io.netty.util.concurrent.Promise", "trySuccess", "tryFailure"),
          // Handling another future's failure: the stage is made at once, and cannot throw.
          CallPattern.instanceMethod(
              "java.util.concurrent.CompletionStage", "whenComplete", "handle", "exceptionally"));

  /**
   * A completion call ({@link #onlyCompletes}), or a call whose future may be dropped on a plain
   * value with plain arguments ({@code ch.close()}).
   */
  private boolean onlyReports(ExpressionTree expression, VisitorState state) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(expression);
    return onlyCompletes(stripped, state) || reportsThroughItsFuture(stripped, state);
  }

  /**
   * A quiet call on a plain value with plain arguments: {@code ch.close()}, {@code ctx.write(msg,
   * voidPromise())}, {@code close()} (whose {@code this} is never null); or such a call of a helper
   * that is only the return of one ({@code closeIt(ch)} where {@code closeIt(ch) { return ch.close(); }}).
   */
  private boolean reportsThroughItsFuture(ExpressionTree expression, VisitorState state) {
    return expression instanceof MethodInvocationTree call
        && (ASTHelpers.getReceiver(call) == null || isPlainValue(ASTHelpers.getReceiver(call), state))
        && call.getArguments().stream().allMatch(argument -> isPlainValue(argument, state))
        && (quietCall.mayBeDropped(call, state) || returnsOnlyAQuietCall(call, state));
  }

  /**
   * Whether the call's method is a helper of this compilation that cannot be overridden and whose
   * whole body returns a call that itself {@link #reportsThroughItsFuture}: nothing else in it can
   * throw. Each helper is read once per compilation.
   */
  private boolean returnsOnlyAQuietCall(MethodInvocationTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol helper)
        || helper.isConstructor()
        || !MethodDeclarations.cannotBeOverridden(helper, state)) {
      return false;
    }
    // A helper reached again through its own return proves nothing.
    return PerCompilation.lookUpAssuming(
        quietReturningHelpers.get(state), helper, false, method -> onlyReturnsAQuietCall(method, state));
  }

  private boolean onlyReturnsAQuietCall(MethodSymbol helper, VisitorState state) {
    TreePath body = MethodDeclarations.bodyPathOf(helper, state);
    return body != null
        && body.getLeaf() instanceof BlockTree block
        && block.getStatements().size() == 1
        && block.getStatements().get(0) instanceof ReturnTree returned
        && returned.getExpression() instanceof MethodInvocationTree value
        && reportsThroughItsFuture(value, state.withPath(new TreePath(new TreePath(body, returned), value)));
  }

  /**
   * A project's own future's {@code completeExceptionally(Throwable)}, named after the JDK's
   * (Lettuce's {@code RedisCommand}): taken to fail that future as the JDK's does.
   */
  private static boolean isOwnFailingMethod(MethodSymbol method, VisitorState state) {
    return method.getSimpleName().contentEquals("completeExceptionally")
        && !method.isStatic()
        && method.getParameters().size() == 1
        && TypeNames.isSubtype(method.getParameters().get(0).type, "java.lang.Throwable", state);
  }

  /** The completion calls that fail the future with the exception they are handed. */
  private static final ImmutableSet<String> FAILS =
      ImmutableSet.of("completeExceptionally", "obtrudeException", "setException", "tryFailure");

  /**
   * Completing, failing or cancelling a future ({@link #COMPLETES}) on a plain value ({@code f},
   * {@code this.f}; not {@code pending.future}, whose left side may be null) with arguments that
   * cannot throw: plain values, lambdas (a stage's callback runs later) and new exceptions made of
   * those ({@code new TimeoutException("late")}). An exception made only to fail the future ({@link
   * #isBuiltException}) may be made of anything ({@code
   * f.completeExceptionally(Errors.timeout(command.name()))}): making the exception it reports is
   * taken not to throw, as a timeout task's whole job is that report. An assumption, not a proof.
   */
  private static boolean onlyCompletes(ExpressionTree expression, VisitorState state) {
    if (!(expression instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !(COMPLETES.matches(call, state) || isOwnFailingMethod(method, state))) {
      return false;
    }
    boolean fails = FAILS.contains(method.getSimpleName().toString());
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return (receiver == null || isPlainValue(receiver, state))
        && call.getArguments().stream()
            .allMatch(argument -> isPlainValue(argument, state) || (fails && isBuiltException(argument, state)));
  }

  /**
   * An exception made for the failure, never null: {@code new TimeoutException(..)} or a static
   * factory's {@code Errors.timeout(..)}, whatever its arguments. Not an instance method's result
   * ({@code error.getCause()} may be null, and a null failure throws).
   */
  private static boolean isBuiltException(ExpressionTree argument, VisitorState state) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(argument);
    boolean made =
        (stripped instanceof NewClassTree created && created.getClassBody() == null)
            || (stripped instanceof MethodInvocationTree factory
                && ASTHelpers.getSymbol(factory) instanceof MethodSymbol method
                && method.isStatic());
    return made && TypeNames.isSubtype(ASTHelpers.getType(stripped), "java.lang.Throwable", state);
  }

  /**
   * The task future is held where its outcome can be read: a field or parameter, or a local read
   * again in the body around the call ({@code submit(task); return task;}). A task made in the
   * call ({@code submit(new FutureTask<>(..))}) or a local never read again loses its outcome.
   */
  private static boolean isHeldElsewhere(ExpressionTree task, VisitorState state) {
    if (!(task instanceof IdentifierTree) || !(ASTHelpers.getSymbol(task) instanceof VarSymbol variable)) {
      return false;
    }
    if (variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return true;
    }
    int[] reads = {0};
    new OwnBodyScanner() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (variable.equals(ASTHelpers.getSymbol(identifier))) {
          reads[0]++;
        }
        return null;
      }
    }.scan(LocalVariables.enclosingBody(state.getPath()), null);
    return reads[0] > 1; // this call's argument, and another read
  }

  /**
   * A value whose evaluation cannot throw: a name, a literal, a lambda, a static constant or a field
   * of {@code this} ({@code Level.FINE}, {@code this.id}; not {@code request.id}, whose left side may
   * be null), a string concatenation of those whose operands' {@code toString()} cannot throw
   * (primitives, boxes, strings, enums: {@code "late " + id}), and a new exception made of those.
   */
  static boolean isPlainValue(ExpressionTree value, VisitorState state) {
    ExpressionTree stripped = value == null ? null : ASTHelpers.stripParentheses(value);
    if (stripped instanceof BinaryTree binary) {
      if (!isPlainValue(binary.getLeftOperand(), state) || !isPlainValue(binary.getRightOperand(), state)) {
        return false;
      }
      if (BlockingSummaries.concatenatesStrings(binary, state)) {
        return printsSafely(binary.getLeftOperand(), state) && printsSafely(binary.getRightOperand(), state);
      }
      // Arithmetic on primitives (n + 1); an integer division or remainder throws on a zero divisor.
      boolean integral = ASTHelpers.getType(binary) instanceof Type type && type.isIntegral();
      boolean dividing = binary.getKind() == Tree.Kind.DIVIDE || binary.getKind() == Tree.Kind.REMAINDER;
      return isPrimitive(binary.getLeftOperand())
          && isPrimitive(binary.getRightOperand())
          && ARITHMETIC.contains(binary.getKind())
          && !(integral && dividing && !isNonZeroConstant(binary.getRightOperand()));
    }
    if (stripped instanceof IdentifierTree
        || stripped instanceof LiteralTree
        || stripped instanceof LambdaExpressionTree
        || CLOCKS.matches(stripped, state)) {
      return true;
    }
    // ctx.channel(): an accessor that cannot throw, of a parameter or a local never reassigned (a
    // field, such as a handler's saved context, may have been cleared).
    if (stripped instanceof MethodInvocationTree accessor
        && PLAIN_ACCESSORS.matches(accessor, state)
        && LocalVariables.neverReassignedLocalOrParameter(ASTHelpers.getReceiver(accessor)) != null) {
      return true;
    }
    if (stripped instanceof MemberSelectTree select) {
      // Level.FINE, Foo.class, this.name, Outer.this.name; not request.id or make().CONSTANT.
      ExpressionTree qualifier = ASTHelpers.stripParentheses(select.getExpression());
      Symbol symbol = ASTHelpers.getSymbol(select);
      boolean ofTypeOrPackage =
          ASTHelpers.getSymbol(qualifier) instanceof Symbol named
              && (named instanceof Symbol.ClassSymbol || named instanceof Symbol.PackageSymbol);
      return (ofTypeOrPackage
              && ((symbol != null && symbol.isStatic())
                  || select.getIdentifier().contentEquals("class")
                  || select.getIdentifier().contentEquals("this")))
          || LocalVariables.isThisOrAnEnclosingThis(qualifier);
    }
    return stripped instanceof NewClassTree made
        && made.getClassBody() == null
        && TypeNames.isSubtype(ASTHelpers.getType(made), "java.lang.Throwable", state)
        && made.getArguments().stream().allMatch(argument -> isPlainValue(argument, state));
  }

  /**
   * Netty's accessors of a handler context's or a future's channel and pipeline, which cannot throw
   * (not {@code eventLoop()} or {@code executor()}, which throw before the channel is registered).
   */
  private static final CallPattern.AnyOf PLAIN_ACCESSORS =
      CallPattern.anyOf(
          CallPattern.instanceMethod("io.netty.channel.ChannelHandlerContext", "channel", "pipeline")
              .withNoParameters(),
          CallPattern.instanceMethod("io.netty.channel.ChannelFuture", "channel").withNoParameters(),
          CallPattern.instanceMethod("io.netty.channel.Channel", "pipeline").withNoParameters());

  /**
   * The JDK's clocks, current thread and interrupt flag, which cannot throw: a task that times
   * itself, a worker that runs until interrupted.
   */
  private static final CallPattern.AnyOf CLOCKS =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.lang.System", "nanoTime", "currentTimeMillis"),
          CallPattern.staticMethod("java.lang.Thread", "currentThread", "interrupted"),
          CallPattern.staticMethod("java.time.Instant", "now").withNoParameters());

  private static boolean isNonZeroConstant(ExpressionTree expression) {
    return ASTHelpers.constValue(expression) instanceof Number divisor && divisor.longValue() != 0;
  }

  /** A value whose {@code toString()} cannot throw: a primitive, a box, a string or an enum. */
  private static boolean printsSafely(ExpressionTree operand, VisitorState state) {
    Type type = ASTHelpers.getType(operand);
    if (type == null) {
      return false;
    }
    Types types = state.getTypes();
    return type.isPrimitive()
        || types.unboxedType(type).isPrimitive()
        || TypeNames.isExactly(type, "java.lang.String", state)
        || (type.tsym != null && (type.tsym.flags() & Flags.ENUM) != 0);
  }

  /** A lambda's block, or the one method of an anonymous class ({@code new Runnable() {..}}). */
  private static BlockTree bodyOf(ExpressionTree task) {
    if (task instanceof LambdaExpressionTree lambda) {
      return lambda.getBody() instanceof BlockTree block ? block : null;
    }
    if (!(task instanceof NewClassTree made) || made.getClassBody() == null) {
      return null;
    }
    List<MethodTree> methods =
        made.getClassBody().getMembers().stream()
            .filter(member -> member instanceof MethodTree method && method.getReturnType() != null)
            .map(MethodTree.class::cast)
            .toList();
    return methods.size() == 1 ? methods.get(0).getBody() : null;
  }

  /**
   * A clause that catches every exception the body can throw and does not throw itself: {@code
   * Exception} or {@code Throwable}; or {@code RuntimeException} in a task whose method declares no
   * checked exception (a Runnable, a Supplier), whose body can throw no other.
   */
  private static boolean handlesEverything(
      CatchTree clause, boolean noCheckedExceptions, VisitorState state) {
    Type caught = ASTHelpers.getType(clause.getParameter());
    if (caught == null) {
      return false;
    }
    Types types = state.getTypes();
    // A multi-catch catches everything only through one of its alternatives: javac types its
    // parameter as their union, whose symbol is their least upper bound (Exception for
    // IllegalStateException | InterruptedException).
    Iterable<? extends Type> alternatives =
        caught instanceof Type.UnionClassType union ? union.getAlternativeTypes() : List.of(caught);
    boolean catchAll = false;
    for (Type alternative : alternatives) {
      catchAll |=
          types.isSameType(alternative, state.getSymtab().exceptionType)
              || types.isSameType(alternative, state.getSymtab().throwableType)
              || (noCheckedExceptions && types.isSameType(alternative, state.getSymtab().runtimeExceptionType));
    }
    return catchAll && !throwsAnything(clause.getBlock());
  }

  /** Whether the task's method declares no checked exception: {@code run()}, not {@code call()}. */
  private static boolean declaresNoCheckedExceptions(ExpressionTree task, VisitorState state) {
    if (task instanceof LambdaExpressionTree) {
      Type type = ASTHelpers.getType(task);
      return type != null
          && state.getTypes().isFunctionalInterface(type)
          && state.getTypes().findDescriptorType(type).getThrownTypes().isEmpty();
    }
    return task instanceof NewClassTree made
        && made.getClassBody() != null
        && made.getClassBody().getMembers().stream()
            .allMatch(member -> !(member instanceof MethodTree method) || method.getThrows().isEmpty());
  }

  /**
   * Whether the try block may throw a checked exception: a call or constructor that declares one, a
   * {@code throw} of one, or resources (whose close() may).
   */
  private static boolean mayThrowChecked(TryTree attempt, VisitorState state) {
    if (!attempt.getResources().isEmpty()) {
      return true;
    }
    boolean[] found = {false};
    new OwnBodyScanner() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        found[0] |= declaresChecked(ASTHelpers.getSymbol(node), state);
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        found[0] |= declaresChecked(ASTHelpers.getSymbol(node), state);
        return super.visitNewClass(node, null);
      }

      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        found[0] |= isChecked(ASTHelpers.getType(node.getExpression()), state);
        return super.visitThrow(node, null);
      }
    }.scan(attempt.getBlock(), null);
    return found[0];
  }

  private static boolean declaresChecked(MethodSymbol method, VisitorState state) {
    return method == null || method.getThrownTypes().stream().anyMatch(type -> isChecked(type, state));
  }

  /** Not a RuntimeException or an Error (a type variable counts as checked: it may be one). */
  private static boolean isChecked(Type type, VisitorState state) {
    return type == null
        || !(state.getTypes().isSubtype(type, state.getSymtab().runtimeExceptionType)
            || state.getTypes().isSubtype(type, state.getSymtab().errorType));
  }

  /** A throw statement in the block, outside the lambdas and classes it declares. */
  private static boolean throwsAnything(StatementTree block) {
    boolean[] found = {false};
    new OwnBodyScanner() {
      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, null);
      }
    }.scan(block, null);
    return found[0];
  }
}
