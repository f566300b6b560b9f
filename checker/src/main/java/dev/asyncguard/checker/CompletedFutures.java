package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * {@code join()} and {@code get()} on a future that is already complete return at once: guarded
 * by {@code isDone()}, made by {@code completedFuture(...)}, or inside a callback that runs only
 * once the futures are done ({@code allOf(...).thenApply(...)}, {@code f.whenComplete(...)}), a
 * lambda or an anonymous class alike.
 */
final class CompletedFutures {

  /** Netty's waits, on a future known done as much as join() is (not a value read: they return the future). */
  static final ImmutableSet<String> NETTY_WAITS =
      ImmutableSet.of("sync", "syncUninterruptibly", "await", "awaitUninterruptibly");

  /** Calls that wait for a future's value (DescribingContexts counts them as reading it, too). */
  static final ImmutableSet<String> WAITS =
      ImmutableSet.of("join", "get", "getUninterruptibly", "getUnchecked", "block", "blockOptional");
  /**
   * Boolean queries that are true only for a completed future: {@code isDone()}, and helpers such
   * as {@code isReady(f)} or {@code isSuccess()}, on the future or with it as an argument.
   */
  private static final Pattern COMPLETION_QUERY =
      Pattern.compile("is(Done|Ready|Complete|Completed\\w*|Success|Successful|Cancelled|Failed)");
  /** Reactor's contract: a ScalarCallable's value is known at assembly time, block() is immediate. */
  private static final String SCALAR_CALLABLE = "reactor.core.Fuseable.ScalarCallable";
  private static final ImmutableSet<String> ALREADY_COMPLETE_FACTORIES =
      ImmutableSet.of(
          "completedFuture",
          "failedFuture",
          "completedStage",
          "failedStage",
          "immediateFuture",
          "immediateFailedFuture",
          "immediateVoidFuture",
          "immediateCancelledFuture");
  private static final ImmutableSet<String> ALL_DONE_COMBINATORS =
      ImmutableSet.of("allOf", "whenAllComplete", "whenAllSucceed", "allAsList", "successfulAsList");

  private CompletedFutures() {}

  /**
   * The future a wait is on, as written: a variable, known by its symbol, or any other expression
   * ({@code fs.get(0)}, {@code r.future()}), known by its symbol and its text, so that a guard on
   * {@code fs.get(0)} does not cover a wait on {@code fs.get(1)}.
   */
  private record Awaited(Symbol symbol, String text) {
    static Awaited of(ExpressionTree expression) {
      ExpressionTree stripped = expression == null ? null : ASTHelpers.stripParentheses(expression);
      Symbol symbol = stripped == null ? null : ASTHelpers.getSymbol(stripped);
      if (symbol == null) {
        return null;
      }
      return new Awaited(symbol, symbol instanceof VarSymbol ? null : stripped.toString());
    }

    static Awaited variable(Symbol variable) {
      return variable == null ? null : new Awaited(variable, null);
    }

    boolean isVariable() {
      return text == null;
    }

    /** Whether the expression is this future (null is not). */
    boolean is(ExpressionTree expression) {
      if (expression == null) {
        return false;
      }
      ExpressionTree stripped = ASTHelpers.stripParentheses(expression);
      return symbol.equals(ASTHelpers.getSymbol(stripped)) && (text == null || text.equals(stripped.toString()));
    }
  }

  /** A future made complete: {@code completedFuture(x)}, {@code immediateFuture(x)}, ... */
  static boolean isMadeComplete(ExpressionTree future) {
    return ASTHelpers.stripParentheses(future) instanceof MethodInvocationTree factory
        && ASTHelpers.getSymbol(factory) != null
        && ALREADY_COMPLETE_FACTORIES.contains(ASTHelpers.getSymbol(factory).getSimpleName().toString());
  }

  /** The future as made: the initializer of the local never reassigned it names, or itself. */
  private static ExpressionTree asMade(ExpressionTree future, TreePath path) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(future);
    if (LocalVariables.neverReassigned(stripped) instanceof VarSymbol local
        && LocalVariables.initializer(local, path) instanceof ExpressionTree initializer) {
      return ASTHelpers.stripParentheses(initializer);
    }
    return stripped;
  }

  /**
   * A future a {@code CompletionService} hands out by {@code poll(..)} or {@code take()}: one of its
   * completed tasks ({@code var f = cs.poll(); if (f != null) f.get();}).
   */
  private static boolean takenFromACompletionService(ExpressionTree taken, VisitorState state) {
    return taken instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && (method.getSimpleName().contentEquals("poll") || method.getSimpleName().contentEquals("take"))
        && TypeNames.ownerIsSubtype(method, "java.util.concurrent.CompletionService", state);
  }

  /** Whether the wait at {@code path} (a call or method reference) is on a completed future. */
  static boolean isKnownComplete(TreePath path, VisitorState state) {
    Tree wait = path.getLeaf();
    Symbol method = ASTHelpers.getSymbol(wait);
    if (method == null
        || !(WAITS.contains(method.getSimpleName().toString())
            || NETTY_WAITS.contains(method.getSimpleName().toString()))) {
      return false;
    }
    ExpressionTree receiver =
        wait instanceof MemberReferenceTree reference
            ? null
            : ASTHelpers.getReceiver((ExpressionTree) wait);
    // A static wait (Futures.getUnchecked(f)) takes the future as its first argument.
    if (method.isStatic() && wait instanceof MethodInvocationTree call) {
      receiver = call.getArguments().isEmpty() ? null : call.getArguments().get(0);
    }
    // Directly or through a local never reassigned (a future made complete stays complete).
    ExpressionTree made = receiver == null ? null : asMade(receiver, path);
    if (made != null && (isMadeComplete(made) || takenFromACompletionService(made, state))) {
      return true;
    }
    if (wait instanceof MemberReferenceTree && (filteredToDoneOnes(path) || appliedOnlyToDoneFutures(path, state))) {
      return true;
    }
    // The reference is itself the callback: allOf(a, b).thenRun(a::join), a.thenRun(a::join).
    if (wait instanceof MemberReferenceTree reference) {
      Symbol qualifier = ASTHelpers.getSymbol(reference.getQualifierExpression());
      if (isCallbackAfterCompletion(path, qualifier instanceof VarSymbol ? Awaited.variable(qualifier) : null, state)) {
        return true;
      }
    }
    Awaited future = Awaited.of(receiver);
    // futures.stream().map(Future::join): the reference waits on the elements of `futures`.
    if (wait instanceof MemberReferenceTree reference
        && ASTHelpers.getSymbol(reference.getQualifierExpression()) instanceof Symbol.ClassSymbol) {
      future = Awaited.variable(elementSource(path));
    }
    boolean onThis =
        receiver == null ? !method.isStatic() : LocalVariables.isThis(receiver);
    Tree child = wait;
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof MethodTree) {
        // A method of an anonymous class is a callback like a lambda: judged where the instance is
        // handed, and still inside the guards around it (a done future stays done).
        TreePath instance = p.getParentPath() == null ? null : MethodDeclarations.anonymousInstance(p.getParentPath());
        if (instance == null) {
          return false;
        }
        if (isCallbackAfterCompletion(instance, future, state)) {
          return true;
        }
        onThis = false; // `this` is the anonymous object from here on
        p = instance;
        child = instance.getLeaf();
        continue;
      }
      if (onThis
          && parent instanceof IfTree ifTree
          && ifTree.getThenStatement() == child
          && isThisScalarCallable(ifTree.getCondition())) {
        return true;
      }
      if (future != null && knownAt(parent, child, p, future, Completion.DONE)) {
        return true;
      }
      if ((parent instanceof LambdaExpressionTree || parent instanceof MemberReferenceTree)
          && isCallbackAfterCompletion(p, future, state)) {
        return true;
      }
      // The wait is on an element of a collection (for (f : futures), futures.forEach(f -> ..)):
      // from here up, a guard on the whole collection covers it.
      if (future != null) {
        Symbol collection = collectionOfElement(parent, child, p, future);
        if (collection != null) {
          future = Awaited.variable(collection);
        }
      }
      child = parent;
    }
    return false;
  }

  /**
   * The collection whose element {@code element} is, if {@code parent} is where it is bound to one:
   * an enhanced {@code for} over a variable, whose body holds the wait, or a lambda given to that
   * variable's {@code forEach} or to an operation of its {@code stream()}; else null.
   */
  private static Symbol collectionOfElement(Tree parent, Tree child, TreePath parentPath, Awaited awaited) {
    if (!awaited.isVariable()) {
      return null;
    }
    Symbol element = awaited.symbol();
    if (parent instanceof EnhancedForLoopTree loop) {
      return loop.getStatement() == child && element.equals(ASTHelpers.getSymbol(loop.getVariable()))
          ? variableOf(loop.getExpression())
          : null;
    }
    return parent instanceof LambdaExpressionTree lambda
            && lambda.getParameters().size() == 1
            && element.equals(ASTHelpers.getSymbol(lambda.getParameters().get(0)))
        ? elementSource(parentPath)
        : null;
  }

  /**
   * The variable whose elements a function at {@code function} is given: {@code futures} for
   * {@code futures.forEach(fn)} and for {@code futures.stream().filter(..).map(fn)} (through
   * element-preserving operations only); else null.
   */
  private static Symbol elementSource(TreePath function) {
    TreePath parent = parentOutsideParentheses(function);
    if (parent == null
        || !(parent.getLeaf() instanceof MethodInvocationTree operation)
        || !(ASTHelpers.getSymbol(operation) instanceof MethodSymbol method)) {
      return null;
    }
    if (method.getSimpleName().contentEquals("forEach") && !(ASTHelpers.getReceiver(operation) instanceof MethodInvocationTree)) {
      return variableOf(ASTHelpers.getReceiver(operation));
    }
    ExpressionTree link = ASTHelpers.getReceiver(operation);
    while (link != null
        && ASTHelpers.stripParentheses(link) instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof Symbol step
        && ELEMENT_PRESERVING.contains(step.getSimpleName().toString())) {
      link = ASTHelpers.getReceiver(call);
    }
    return streamSource(link);
  }

  /** The variable a stream is made from: {@code futures} for {@code futures.stream()}; else null. */
  private static Symbol streamSource(ExpressionTree stream) {
    return stream != null
            && ASTHelpers.stripParentheses(stream) instanceof MethodInvocationTree call
            && call.getArguments().isEmpty()
            && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && (method.getSimpleName().contentEquals("stream") || method.getSimpleName().contentEquals("parallelStream"))
        ? variableOf(ASTHelpers.getReceiver(call))
        : null;
  }

  private static Symbol variableOf(ExpressionTree expression) {
    return expression != null && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(expression)) instanceof VarSymbol variable
        ? variable
        : null;
  }

  /** {@code futures.stream().allMatch(Future::isDone)} (or {@code f -> f.isDone()}): all of them are done. */
  private static boolean allDoneQuery(ExpressionTree condition, Awaited collection) {
    return condition instanceof MethodInvocationTree call
        && call.getArguments().size() == 1
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("allMatch")
        && keepsOnlyDone(ASTHelpers.stripParentheses(call.getArguments().get(0)))
        && collection.isVariable()
        && collection.symbol().equals(streamSource(ASTHelpers.getReceiver(call)));
  }

  /** Stream operations that pass on some of the elements they get, unchanged. */
  private static final ImmutableSet<String> ELEMENT_PRESERVING =
      ImmutableSet.of("filter", "peek", "sorted", "distinct", "limit", "skip", "takeWhile", "dropWhile");

  /**
   * {@code futures.stream().filter(Future::isDone).map(Future::join)}: a wait given to a stream
   * operation whose elements an earlier {@code filter} kept only if done ({@code Future::isDone}, or
   * a lambda whose body implies it: {@code f -> f.isDone()}), with nothing but element-preserving
   * operations in between.
   */
  private static boolean filteredToDoneOnes(TreePath reference) {
    TreePath parent = parentOutsideParentheses(reference);
    if (parent == null || !(parent.getLeaf() instanceof MethodInvocationTree operation)) {
      return false;
    }
    ExpressionTree link = ASTHelpers.getReceiver(operation);
    while (link != null
        && ASTHelpers.stripParentheses(link) instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof Symbol method
        && ELEMENT_PRESERVING.contains(method.getSimpleName().toString())) {
      if (method.getSimpleName().contentEquals("filter")
          && call.getArguments().size() == 1
          && keepsOnlyDone(ASTHelpers.stripParentheses(call.getArguments().get(0)))) {
        return true;
      }
      link = ASTHelpers.getReceiver(call);
    }
    return false;
  }

  /**
   * {@code findActive(candidates, CompletableFuture::join)}: a wait handed to a method of this
   * compilation whose body uses that parameter only to call it on one argument, each time under a
   * guard that the argument is done ({@code if (c.isDone() && !c.isCompletedExceptionally())
   * return mapping.apply(c);}): the helper waits only on done futures (Lettuce's connection
   * providers).
   */
  private static boolean appliedOnlyToDoneFutures(TreePath reference, VisitorState state) {
    TreePath parent = parentOutsideParentheses(reference);
    if (parent == null
        || !(parent.getLeaf() instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol helper)
        || helper.isVarArgs()
        // The body read here must be the one that runs: no override can replace it.
        || !MethodDeclarations.cannotBeOverridden(helper, state)) {
      return false;
    }
    int index = call.getArguments().indexOf(reference.getLeaf());
    if (index < 0 || index >= helper.getParameters().size()) {
      return false;
    }
    Map<Integer, Boolean> byIndex = PerCompilation.lookUp(APPLIED_ONLY_TO_DONE.get(state), helper, h -> new HashMap<>());
    return PerCompilation.lookUp(byIndex, index, i -> helperAppliesOnlyToDoneFutures(helper, i, state));
  }

  /** Per compilation: for a helper and the index of a function parameter, {@link #helperAppliesOnlyToDoneFutures}. */
  private static final Supplier<Map<MethodSymbol, Map<Integer, Boolean>>> APPLIED_ONLY_TO_DONE =
      PerCompilation.sharedIdentityMap();

  private static boolean helperAppliesOnlyToDoneFutures(MethodSymbol helper, int index, VisitorState state) {
    TreePath declaration = MethodDeclarations.pathOf(helper, state);
    if (declaration == null) {
      return false;
    }
    VarSymbol function = helper.getParameters().get(index);
    int[] uses = {0, 0}; // all, calls on a future known done
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (function.equals(ASTHelpers.getSymbol(identifier))) {
          uses[0]++;
          if (appliedToADoneFuture(getCurrentPath())) {
            uses[1]++;
          }
        }
        return null;
      }
    }.scan(declaration, null);
    return uses[0] > 0 && uses[0] == uses[1];
  }

  /** {@code fn.apply(f)} with {@code fn} at {@code use}, where a guard says f is done. */
  private static boolean appliedToADoneFuture(TreePath use) {
    TreePath select = use.getParentPath();
    TreePath applied = select == null ? null : select.getParentPath();
    if (applied == null
        || !(select.getLeaf() instanceof MemberSelectTree)
        || !(applied.getLeaf() instanceof MethodInvocationTree call)
        || call.getArguments().size() != 1) {
      return false;
    }
    Awaited future = Awaited.of(call.getArguments().get(0));
    return future != null && knownWithinFunction(applied, future, Completion.DONE);
  }

  /** {@code Future::isDone} (any completion query), or {@code f -> f.isDone()} and its kin. */
  private static boolean keepsOnlyDone(ExpressionTree predicate) {
    if (predicate instanceof MemberReferenceTree query) {
      return COMPLETION_QUERY.matcher(query.getName().toString()).matches();
    }
    return predicate instanceof LambdaExpressionTree lambda
        && lambda.getParameters().size() == 1
        && lambda.getBody() instanceof ExpressionTree body
        && ASTHelpers.getSymbol(lambda.getParameters().get(0)) instanceof Symbol element
        && knownWhen(body, true, Awaited.variable(element), Completion.DONE);
  }

  /** The parent of the tree at {@code path}, past any parentheses around it; null at the root. */
  private static TreePath parentOutsideParentheses(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
      parent = parent.getParentPath();
    }
    return parent;
  }

  /**
   * What a guard can tell of a future: that it is done, or that it has no value to show (not done
   * yet, failed or cancelled).
   */
  private enum Completion {
    DONE,
    NO_VALUE
  }

  /**
   * Whether the code at {@code path} runs only where the future (a variable) is known to have no
   * value: the then branch of {@code if (!f.isDone())} or {@code if (f.isCompletedExceptionally())},
   * the else branch of {@code if (f.isDone())}, {@code case RUNNING} (or FAILED, CANCELLED) of
   * {@code switch (f.state())}, past {@code if (f.isDone()) return;}, within the enclosing method,
   * initializer or lambda: a lambda may run later, when the future has its value ({@code if
   * (f.isDone()) return; f.thenAccept(u -> log("loaded " + f))}). DescribingContexts: text about such
   * a future describes it on purpose.
   */
  static boolean knownWithoutValue(Symbol future, TreePath path) {
    return knownWithinFunction(path, Awaited.variable(future), Completion.NO_VALUE);
  }

  /**
   * Whether a guard between the code at {@code path} and the method, initializer or lambda holding
   * it says the future is {@code known} done or without a value. A lambda is a boundary: it may run
   * later, when what held at its creation no longer does.
   */
  private static boolean knownWithinFunction(TreePath path, Awaited future, Completion known) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof MethodTree
          || parent instanceof ClassTree
          || parent instanceof LambdaExpressionTree
          || parent instanceof MemberReferenceTree) {
        return false;
      }
      if (knownAt(parent, child, p, future, known)) {
        return true;
      }
      child = parent;
    }
    return false;
  }

  /**
   * Whether {@code child}, a branch or operand of {@code parent} (at {@code parentPath}), runs only
   * when the future is {@code known} done or without a value: the then branch of {@code if (C)} or
   * {@code C ? x : y} where C implies it, the else branch where C being false does, the right
   * operand of {@code &&} and {@code ||} alike, a case of {@code switch (f.state())} or a case
   * guard, and a statement after an exit taken unless it holds.
   */
  private static boolean knownAt(Tree parent, Tree child, TreePath parentPath, Awaited future, Completion known) {
    // case Reply(var id, var f) when f.isDone() -> f.join();  case SUCCESS -> f.join();
    if (parent instanceof CaseTree caseTree) {
      return child != caseTree.getGuard()
          && ((caseTree.getGuard() != null && knownWhen(caseTree.getGuard(), true, future, known))
              || caseOfState(caseTree, parentPath.getParentPath(), future, known));
    }
    if (parent instanceof IfTree ifTree) {
      return (ifTree.getThenStatement() == child && knownWhen(ifTree.getCondition(), true, future, known))
          || (ifTree.getElseStatement() == child && knownWhen(ifTree.getCondition(), false, future, known));
    }
    if (parent instanceof ConditionalExpressionTree conditional) {
      return (conditional.getTrueExpression() == child && knownWhen(conditional.getCondition(), true, future, known))
          || (conditional.getFalseExpression() == child
              && knownWhen(conditional.getCondition(), false, future, known));
    }
    if (parent instanceof BinaryTree binary && binary.getRightOperand() == child) {
      return switch (binary.getKind()) {
        case CONDITIONAL_AND -> knownWhen(binary.getLeftOperand(), true, future, known);
        case CONDITIONAL_OR -> knownWhen(binary.getLeftOperand(), false, future, known);
        default -> false;
      };
    }
    return parent instanceof BlockTree block && earlierExitUnless(block, child, future, known);
  }

  /**
   * Whether the condition having {@code value} means the future is {@code known} done (or without
   * a value). Done when true: {@code f.isDone()}, {@code a && b} where either operand is, {@code a
   * || b} where both are; when false: {@code !f.isDone()}, {@code f == null || !f.isDone()} (both
   * operands false, either does). Without a value: {@code f.isDone()} false, {@code
   * f.isCompletedExceptionally()} or {@code f.isCancelled()} true, {@code f.state()} compared with
   * RUNNING, FAILED, CANCELLED or (not equal) SUCCESS. {@code !c} has the other value.
   */
  private static boolean knownWhen(ExpressionTree condition, boolean value, Awaited future, Completion known) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return knownWhen(not.getExpression(), !value, future, known);
    }
    if (c instanceof BinaryTree binary
        && (binary.getKind() == Tree.Kind.CONDITIONAL_AND || binary.getKind() == Tree.Kind.CONDITIONAL_OR)) {
      // `a && b` true and `a || b` false fix both operands' values: either operand's implication holds.
      boolean eitherOperand = (binary.getKind() == Tree.Kind.CONDITIONAL_AND) == value;
      return eitherOperand
          ? knownWhen(binary.getLeftOperand(), value, future, known)
              || knownWhen(binary.getRightOperand(), value, future, known)
          : knownWhen(binary.getLeftOperand(), value, future, known)
              && knownWhen(binary.getRightOperand(), value, future, known);
    }
    if (c instanceof BinaryTree comparison
        && (comparison.getKind() == Tree.Kind.EQUAL_TO || comparison.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      if (known == Completion.NO_VALUE && comparesCauseWithNull(comparison, future)) {
        // f.cause() != null: Netty's and Vert.x's futures have a cause only once failed.
        return (comparison.getKind() == Tree.Kind.NOT_EQUAL_TO) == value;
      }
      String compared = stateComparedWith(comparison, future);
      if (compared != null) {
        // Whether `f.state() == compared` holds when the condition has this value.
        boolean equal = (comparison.getKind() == Tree.Kind.EQUAL_TO) == value;
        if (known == Completion.NO_VALUE) {
          return equal != compared.equals("SUCCESS");
        }
        return equal ? DONE_STATES.contains(compared) : compared.equals("RUNNING");
      }
    }
    if (known == Completion.NO_VALUE) {
      return c instanceof MethodInvocationTree call
          && ASTHelpers.getSymbol(call) instanceof Symbol query
          && future.is(ASTHelpers.getReceiver(call))
          && ((value ? NO_VALUE_QUERIES : VALUE_QUERIES).contains(query.getSimpleName().toString())
              || (!value && isTimedAwait(call, query)));
    }
    return value && (isDoneCall(c, future) || allDoneQuery(c, future));
  }

  /** Queries true only of a future done without a value (Vert.x's {@code failed()} too). */
  private static final ImmutableSet<String> NO_VALUE_QUERIES =
      ImmutableSet.of("isCompletedExceptionally", "isCancelled", "failed");

  /**
   * Queries false for every future without a value: not done ({@code isDone}, Vert.x's {@code
   * isComplete}), or not a success (Netty's {@code isSuccess}, Vert.x's {@code succeeded}).
   */
  private static final ImmutableSet<String> VALUE_QUERIES =
      ImmutableSet.of("isDone", "isComplete", "isSuccess", "succeeded");

  /**
   * A future's timed {@code await(timeout, unit)} that answers whether it completed in time
   * (Netty's, Lettuce's {@code RedisFuture}): false means not done yet.
   */
  private static boolean isTimedAwait(MethodInvocationTree call, Symbol query) {
    return query.getSimpleName().contentEquals("await")
        && !call.getArguments().isEmpty()
        && query instanceof MethodSymbol method
        && method.getReturnType().getKind() == TypeKind.BOOLEAN;
  }

  /** {@code f.cause() == null} or {@code != null}, either way round. */
  private static boolean comparesCauseWithNull(BinaryTree comparison, Awaited future) {
    ExpressionTree left = ASTHelpers.stripParentheses(comparison.getLeftOperand());
    ExpressionTree right = ASTHelpers.stripParentheses(comparison.getRightOperand());
    ExpressionTree other = left.getKind() == Tree.Kind.NULL_LITERAL ? right : left;
    ExpressionTree nullSide = other == left ? right : left;
    return nullSide.getKind() == Tree.Kind.NULL_LITERAL
        && other instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && ASTHelpers.getSymbol(call) instanceof Symbol cause
        && cause.getSimpleName().contentEquals("cause")
        && future.is(ASTHelpers.getReceiver(call));
  }

  /** The values of {@code Future.State} (JDK 19+) that only a done future has. */
  private static final ImmutableSet<String> DONE_STATES = ImmutableSet.of("SUCCESS", "FAILED", "CANCELLED");

  private static final String FUTURE_STATE = "java.util.concurrent.Future.State";

  /** {@code f.state() == State.X} (either way round): X's name; null for any other comparison. */
  private static String stateComparedWith(BinaryTree comparison, Awaited future) {
    if (isStateQuery(comparison.getLeftOperand(), future)) {
      return stateConstant(comparison.getRightOperand());
    }
    return isStateQuery(comparison.getRightOperand(), future) ? stateConstant(comparison.getLeftOperand()) : null;
  }

  /** {@code f.state()}, the JDK's completion state query, on the future. */
  private static boolean isStateQuery(ExpressionTree tree, Awaited future) {
    return ASTHelpers.stripParentheses(tree) instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol query
        && query.getSimpleName().contentEquals("state")
        && query.getReturnType().tsym != null
        && query.getReturnType().tsym.getQualifiedName().contentEquals(FUTURE_STATE)
        && ASTHelpers.getReceiver(call) != null
        && future.is(ASTHelpers.getReceiver(call));
  }

  /** The name of a {@code Future.State} constant ({@code State.SUCCESS}, or statically imported). */
  private static String stateConstant(ExpressionTree tree) {
    return ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree)) instanceof VarSymbol constant
            && constant.getKind() == ElementKind.ENUM_CONSTANT
            && constant.owner.getQualifiedName().contentEquals(FUTURE_STATE)
        ? constant.getSimpleName().toString()
        : null;
  }

  /**
   * A case of {@code switch (f.state())} that only a future {@code known} done ({@code case SUCCESS
   * ->}, {@code case SUCCESS, FAILED ->}) or without a value ({@code case RUNNING}, {@code case
   * FAILED}) takes, and that no case of other states can fall through into.
   */
  private static boolean caseOfState(CaseTree caseTree, TreePath switchPath, Awaited future, Completion known) {
    ExpressionTree selector;
    List<? extends CaseTree> cases;
    if (switchPath != null && switchPath.getLeaf() instanceof SwitchTree statement) {
      selector = statement.getExpression();
      cases = statement.getCases();
    } else if (switchPath != null && switchPath.getLeaf() instanceof SwitchExpressionTree expression) {
      selector = expression.getExpression();
      cases = expression.getCases();
    } else {
      return false;
    }
    if (!isStateQuery(selector, future) || !onlyStates(caseTree, known)) {
      return false;
    }
    if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
      return true;
    }
    // `case SUCCESS: case FAILED: f.join();`: each case that can fall into this one must be known too.
    for (int i = cases.indexOf(caseTree) - 1; i >= 0; i--) {
      List<? extends StatementTree> statements = cases.get(i).getStatements();
      if (statements != null
          && !statements.isEmpty()
          && cannotCompleteNormally(statements.get(statements.size() - 1))) {
        return true;
      }
      if (!onlyStates(cases.get(i), known)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every label of the case is a state of a future {@code known} done, or without a value. */
  private static boolean onlyStates(CaseTree caseTree, Completion known) {
    if (caseTree.getExpressions().isEmpty()) {
      return false; // default takes every state
    }
    for (ExpressionTree label : caseTree.getExpressions()) {
      String constant = stateConstant(label);
      if (constant == null
          || !(known == Completion.DONE ? DONE_STATES.contains(constant) : !constant.equals("SUCCESS"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDoneCall(ExpressionTree tree, Awaited future) {
    if (!(tree instanceof MethodInvocationTree call)) {
      return false;
    }
    Symbol method = ASTHelpers.getSymbol(call);
    if (method == null || !COMPLETION_QUERY.matcher(method.getSimpleName().toString()).matches()) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (future.is(receiver)) {
      return true;
    }
    return call.getArguments().stream()
        .anyMatch(future::is);
  }

  /** {@code this instanceof Fuseable.ScalarCallable}, possibly inside {@code a && b}. */
  private static boolean isThisScalarCallable(ExpressionTree condition) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_AND) {
      return isThisScalarCallable(binary.getLeftOperand())
          || isThisScalarCallable(binary.getRightOperand());
    }
    return c instanceof InstanceOfTree instanceOf
        && LocalVariables.isThis(instanceOf.getExpression())
        && instanceOf.getType() != null
        && ASTHelpers.getSymbol(instanceOf.getType()) instanceof Symbol.ClassSymbol type
        && type.getQualifiedName().contentEquals(SCALAR_CALLABLE);
  }

  /**
   * An earlier {@code if (f == null || !f.isDone()) return;} in the block (or a branch that cannot
   * complete normally: throw, continue, break, yield, or a block, if-else, synchronized or try that
   * always leaves), or an earlier statement that asserts it: {@code assert f.isDone();}, {@code
   * checkState(f.isDone())}; for a future known without a value, {@code if (f.isDone()) return;}.
   */
  private static boolean earlierExitUnless(BlockTree block, Tree child, Awaited future, Completion known) {
    for (StatementTree statement : block.getStatements()) {
      if (statement == child) {
        return false;
      }
      if (passedOnlyIfKnown(statement, future, known)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether running past the statement means the future is known: an assertion, a completion, an
   * exit unless known, or one of those inside a block, a {@code synchronized} block, a {@code try}
   * without catch clauses (the lock idiom: {@code lock(); try { if (!f.isDone()) return f; }
   * finally { unlock(); }}) or a labeled statement that no {@code break} leaves early.
   */
  private static boolean passedOnlyIfKnown(StatementTree statement, Awaited future, Completion known) {
    if (asserts(statement, future, known) || (known == Completion.DONE && completes(statement, future))) {
      return true;
    }
    // Past `if (C) exit;` C was false; past `if (C) {..} else exit;` it was true.
    if (statement instanceof IfTree ifTree) {
      return (cannotCompleteNormally(ifTree.getThenStatement()) && knownWhen(ifTree.getCondition(), false, future, known))
          || (ifTree.getElseStatement() != null
              && cannotCompleteNormally(ifTree.getElseStatement())
              && knownWhen(ifTree.getCondition(), true, future, known));
    }
    if (statement instanceof LabeledStatementTree labeled) {
      return !breaksOutOf(labeled) && passedOnlyIfKnown(labeled.getStatement(), future, known);
    }
    BlockTree body =
        statement instanceof BlockTree block
            ? block
            : statement instanceof SynchronizedTree synchronizedBlock
                ? synchronizedBlock.getBlock()
                : statement instanceof TryTree attempt && attempt.getCatches().isEmpty() ? attempt.getBlock() : null;
    return body != null && earlierExitUnless(body, null, future, known);
  }

  /** Whether a {@code break} names the statement's label: it may leave before the statement's end. */
  private static boolean breaksOutOf(LabeledStatementTree labeled) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        found[0] |= labeled.getLabel().equals(node.getLabel());
        return null;
      }
    }.scan(labeled.getStatement(), null);
    return found[0];
  }

  /**
   * Precondition methods (Guava's {@code checkState}, {@code checkArgument}, {@code verify},
   * Commons Lang's {@code Validate.validState}, {@code isTrue}, JUnit's {@code assertTrue}): each
   * throws unless its first argument is true.
   */
  private static final ImmutableSet<String> PRECONDITIONS =
      ImmutableSet.of("checkState", "checkArgument", "verify", "validState", "isTrue", "assertTrue");

  /**
   * {@code assert f.isDone();} or {@code checkState(f.isDone(), ..)}: past it, the future is done
   * (or, asked for a future without a value, {@code assert !f.isDone();}).
   */
  private static boolean asserts(StatementTree statement, Awaited future, Completion known) {
    if (statement instanceof AssertTree assertion) {
      return knownWhen(assertion.getCondition(), true, future, known);
    }
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof Symbol precondition
        && PRECONDITIONS.contains(precondition.getSimpleName().toString())
        && !call.getArguments().isEmpty()
        && knownWhen(call.getArguments().get(0), true, future, known);
  }

  /** Calls after which a future is done, whether or not they were the ones that completed it. */
  private static final ImmutableSet<String> COMPLETING =
      ImmutableSet.of("complete", "completeExceptionally", "obtrudeValue", "obtrudeException");

  /**
   * {@code f.complete(x);}, {@code f.completeExceptionally(e);} (CompletableFuture) or {@code
   * f.cancel(..);} (the Future contract: isDone() is true once it returns): past it, f is done.
   */
  private static boolean completes(StatementTree statement, Awaited future) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        // A local or parameter never reassigned: a field, a map's get(id) or a name assigned again
        // may be another future by the time of the wait.
        && ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver
        && future.symbol().equals(LocalVariables.neverReassignedLocalOrParameter(receiver))
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && ((COMPLETING.contains(method.getSimpleName().toString())
                && method.owner.getQualifiedName().contentEquals("java.util.concurrent.CompletableFuture"))
            || (method.getSimpleName().contentEquals("cancel")
                && method.getParameters().size() == 1
                && method.getParameters().get(0).type.getKind() == TypeKind.BOOLEAN));
  }

  /**
   * Whether the statement cannot complete normally, so what follows it is reached only some other
   * way (JLS 14.22, the parts that matter here): a return, throw, break, continue or yield; a
   * block or synchronized block that ends in one; an if-else both of whose branches cannot; a try
   * whose block and catches all cannot, or whose finally cannot. Anything else, a labelled
   * statement included (a break to its label leaves it normally), is taken to complete normally.
   */
  private static boolean cannotCompleteNormally(StatementTree statement) {
    if (statement instanceof BlockTree block) {
      return !block.getStatements().isEmpty()
          && cannotCompleteNormally(block.getStatements().get(block.getStatements().size() - 1));
    }
    if (statement instanceof IfTree ifTree) {
      return ifTree.getElseStatement() != null
          && cannotCompleteNormally(ifTree.getThenStatement())
          && cannotCompleteNormally(ifTree.getElseStatement());
    }
    if (statement instanceof SynchronizedTree synchronizedTree) {
      return cannotCompleteNormally(synchronizedTree.getBlock());
    }
    if (statement instanceof TryTree tryTree) {
      return (tryTree.getFinallyBlock() != null && cannotCompleteNormally(tryTree.getFinallyBlock()))
          || (cannotCompleteNormally(tryTree.getBlock())
              && tryTree.getCatches().stream().allMatch(clause -> cannotCompleteNormally(clause.getBlock())));
    }
    return statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof ContinueTree
        || statement instanceof BreakTree
        || statement instanceof YieldTree;
  }

  /**
   * A callback given to a stage of {@code allOf(...)} (or Guava's whenAllComplete), or to a stage
   * of the very future being waited on, or to a stage that waits for both its receiver and the
   * waited future ({@code a.thenCombine(b, ...)}): it runs only once they are complete. A receiver
   * that is a local never reassigned is followed to its initializer ({@code var all = allOf(a, b);
   * all.thenApply(...)}).
   */
  private static boolean isCallbackAfterCompletion(TreePath function, Awaited future, VisitorState state) {
    TreePath parent = parentOutsideParentheses(function);
    if (parent == null || !(parent.getLeaf() instanceof MethodInvocationTree stage)) {
      return false;
    }
    if (future != null && waitsForBoth(stage, future)) {
      return true;
    }
    // Guava's static stages (Futures.transform(input, fn, executor), addCallback) take the future
    // they follow first; FluentFuture.from(input) wraps it.
    Symbol stageMethod = ASTHelpers.getSymbol(stage);
    ExpressionTree start =
        stageMethod != null && stageMethod.isStatic() && stage.getArguments().size() > 1
            ? stage.getArguments().get(0)
            : ASTHelpers.getReceiver(stage);
    // allOf(a, b).thenCombine(c, f).thenApply(r -> c.join()): a stage on the way waits for c too.
    boolean awaitedOnTheWay = false;
    for (int wrappers = 0; start != null && wrappers <= MAX_WRAPPERS; wrappers++) {
      ExpressionTree wrapped = null;
      for (ExpressionTree link : LocalVariables.upstream(start, parent)) {
        Symbol symbol = ASTHelpers.getSymbol(link);
        if (symbol == null) {
          return false;
        }
        if (future != null && future.is(link)) {
          return true;
        }
        if (link instanceof MethodInvocationTree call) {
          String combinator = symbol.getSimpleName().toString();
          if (future != null
              && !awaitedOnTheWay
              && ALL_DONE_COMBINATORS.contains(combinator)
              && provablyNotAnInput(call, future, parent, state)) {
            return false;
          }
          awaitedOnTheWay |=
              future != null
                  && future.symbol() instanceof VarSymbol awaited
                  && call.getArguments().stream().anyMatch(a -> mentions(a, awaited));
          if (ALL_DONE_COMBINATORS.contains(combinator)
              || (symbol instanceof MethodSymbol helper && returnsOnlyCombined(helper, state))) {
            // Guava's allAsList and whenAllSucceed fail as soon as one input fails, while others
            // may still be pending: only a stage that runs on success sees them all done.
            return !FAIL_FAST_COMBINATORS.contains(combinator)
                || (stageMethod != null && SUCCESS_ONLY_STAGES.contains(stageMethod.getSimpleName().toString()));
          }
          if (symbol.isStatic() && symbol.getSimpleName().contentEquals("from") && call.getArguments().size() == 1) {
            wrapped = call.getArguments().get(0);
          }
        }
      }
      start = wrapped;
    }
    return false;
  }

  /**
   * Whether the code at {@code path} runs in a callback given to a stage of an all-done combinator
   * ({@code allOf(a, b).thenApply(v -> collect())}), also from inside lambdas the callback runs
   * inline: there a wait counts as on a complete future, one inside a helper it calls included.
   */
  static boolean inCallbackAfterAllDone(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
      if ((leaf instanceof LambdaExpressionTree || leaf instanceof MemberReferenceTree)
          && isCallbackAfterCompletion(p, /* any future */ null, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code allOf(a, b)} given only future variables, none of them the awaited one nor made from it:
   * its callbacks do not see {@code c} done ({@code allOf(a, b).thenApply(v -> a.join() +
   * c.join())}). Only where every name can be traced, so that no dependency is hidden: the awaited
   * future a parameter of the method, or a local made by a call ({@code var c = client.fetch(z)};
   * not {@code var c = a}, a conditional, a future made complete) that names no input; each input a
   * parameter or a never-reassigned local, followed up its receivers and locals to a call or a
   * parameter, no link naming the awaited future anywhere ({@code a = c.thenApply(f)}, {@code
   * d.thenCompose(x -> c)}, a cast), handing a call another future ({@code acct.thenCombine(prefs,
   * g)}: what prefs waits for is not followed) or being another combinator.
   */
  private static boolean provablyNotAnInput(
      MethodInvocationTree combinator, Awaited future, TreePath from, VisitorState state) {
    if (!future.isVariable()
        || combinator.getArguments().isEmpty()
        || !(future.symbol() instanceof VarSymbol awaited)
        || !isTraceableFuture(awaited, from, state)) {
      return false;
    }
    ExpressionTree awaitedValue =
        awaited.getKind() == ElementKind.LOCAL_VARIABLE ? LocalVariables.initializer(awaited, from) : null;
    if (awaitedValue != null
        && (!(ASTHelpers.stripParentheses(awaitedValue) instanceof MethodInvocationTree)
            || isMadeComplete(awaitedValue))) {
      return false;
    }
    for (ExpressionTree input : combinator.getArguments()) {
      if (!(LocalVariables.neverReassignedLocalOrParameter(input) instanceof VarSymbol variable)
          || !isTraceableFuture(variable, from, state)
          || (awaitedValue != null && mentions(awaitedValue, variable))) {
        return false;
      }
      ExpressionTree lastFuture = null;
      for (ExpressionTree link : LocalVariables.upstream(input, from)) {
        if (TypeNames.isJdkFuture(ASTHelpers.getType(link), state)) {
          lastFuture = link;
        }
        if (mentions(link, awaited)
            || (link instanceof MethodInvocationTree call
                && ((ASTHelpers.getSymbol(call) instanceof Symbol made
                        && ALL_DONE_COMBINATORS.contains(made.getSimpleName().toString()))
                    || call.getArguments().stream().anyMatch(a -> namesAFuture(a, state))))) {
          return false;
        }
      }
      // The futures up the chain start at a call that made one, or at a parameter; not at a local
      // the walk did not follow.
      if (!(lastFuture instanceof MethodInvocationTree
          || (ASTHelpers.getSymbol(lastFuture) instanceof VarSymbol start && start.getKind() == ElementKind.PARAMETER))) {
        return false;
      }
    }
    return true;
  }

  /** A future-typed parameter of the method around {@code from}, or a local of it with an initializer. */
  private static boolean isTraceableFuture(VarSymbol variable, TreePath from, VisitorState state) {
    if (!TypeNames.isJdkFuture(variable.type, state)) {
      return false;
    }
    if (variable.getKind() == ElementKind.LOCAL_VARIABLE) {
      return LocalVariables.initializer(variable, from) != null;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(from, MethodTree.class);
    return variable.getKind() == ElementKind.PARAMETER
        && method != null
        && method.getParameters().stream().anyMatch(p -> variable.equals(ASTHelpers.getSymbol(p)));
  }

  /** Whether the tree names the variable anywhere, lambdas in it included. */
  private static boolean mentions(Tree tree, VarSymbol variable) {
    return namesAny(tree, variable::equals);
  }

  /** Whether the tree names a variable of a future type anywhere (a future handed to a call). */
  private static boolean namesAFuture(Tree tree, VisitorState state) {
    return namesAny(tree, symbol -> symbol instanceof VarSymbol variable && TypeNames.isJdkFuture(variable.type, state));
  }

  private static boolean namesAny(Tree tree, Predicate<Symbol> named) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= named.test(ASTHelpers.getSymbol(node));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        found[0] |= named.test(ASTHelpers.getSymbol(node));
        return super.visitMemberSelect(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  private static final ImmutableSet<String> FAIL_FAST_COMBINATORS = ImmutableSet.of("allAsList", "whenAllSucceed");

  /** Stages whose function runs only when the future they follow succeeded. */
  private static final ImmutableSet<String> SUCCESS_ONLY_STAGES =
      ImmutableSet.of(
          "transform", "transformAsync", "thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync",
          "thenRun", "thenRunAsync", "thenCompose", "thenComposeAsync", "call", "callAsync", "run");

  /** FluentFuture.from(FluentFuture.from(..)): a limit only against pathological code. */
  private static final int MAX_WRAPPERS = 4;

  /**
   * A method of this compilation whose every return is an all-done combinator ({@code static
   * CompletableFuture<Void> waitForAll(List<CompletableFuture<?>> fs) { return allOf(..); }}, the
   * shape of Pulsar's and Flink's future utilities): its stages, too, run once all are done.
   */
  private static boolean returnsOnlyCombined(MethodSymbol method, VisitorState state) {
    BlockTree body = MethodDeclarations.bodyOf(method, state);
    return body != null
        && OwnBodyScanner.everyReturn(
            body,
            returned ->
                ASTHelpers.stripParentheses(returned) instanceof MethodInvocationTree call
                    && ASTHelpers.getSymbol(call) != null
                    && ALL_DONE_COMBINATORS.contains(ASTHelpers.getSymbol(call).getSimpleName().toString()));
  }

  /** Stages that run their function once both the receiver and the other stage are complete. */
  private static final ImmutableSet<String> BOTH_STAGES =
      ImmutableSet.of(
          "thenCombine",
          "thenCombineAsync",
          "thenAcceptBoth",
          "thenAcceptBothAsync",
          "runAfterBoth",
          "runAfterBothAsync");

  /** {@code a.thenCombine(future, fn)}: the other stage given is the waited future. */
  private static boolean waitsForBoth(MethodInvocationTree stage, Awaited future) {
    Symbol method = ASTHelpers.getSymbol(stage);
    return method != null
        && BOTH_STAGES.contains(method.getSimpleName().toString())
        && !stage.getArguments().isEmpty()
        && future.is(stage.getArguments().get(0));
  }
}
