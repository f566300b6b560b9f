package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * A stage that only runs a side effect on a future someone else observes ({@code
 * f.thenAccept(c -> this.connection = c); return f;}). Such a stage fails only when its source
 * fails, whose failure is seen where the source is returned, passed on, stored, awaited or handed
 * to a failure handler, or when its function throws, which one that cannot fail ({@link
 * SelfHandlingTasks#cannotFail}) does not: dropping it loses nothing.
 */
final class SideEffectStages {

  /**
   * Stages whose future fails only with their source or their function: run on the completing
   * thread (not an {@code Async} form, whose executor may reject the function).
   */
  private static final CallPattern.AnyOf STAGES =
      CallPattern.anyOf(
          CallPattern.instanceMethod("java.util.concurrent.CompletionStage", "thenAccept", "thenRun", "thenApply"),
          CallPattern.instanceMethod("io.vertx.core.Future", "map"));

  /** Trees a read inside of may not run every time the stage is made. */
  private static final ImmutableSet<Class<? extends Tree>> BRANCHES =
      ImmutableSet.of(
          IfTree.class,
          ConditionalExpressionTree.class,
          SwitchTree.class,
          SwitchExpressionTree.class,
          CaseTree.class,
          WhileLoopTree.class,
          DoWhileLoopTree.class,
          ForLoopTree.class,
          EnhancedForLoopTree.class,
          CatchTree.class,
          LambdaExpressionTree.class,
          ClassTree.class);

  private final FutureTypes futureTypes;
  private final SelfHandlingTasks selfHandlingTasks;

  SideEffectStages(FutureTypes futureTypes, SelfHandlingTasks selfHandlingTasks) {
    this.futureTypes = futureTypes;
    this.selfHandlingTasks = selfHandlingTasks;
  }

  /** Whether the dropped call is such a stage: a function that cannot fail, on an observed source. */
  boolean onAnObservedFuture(ExpressionTree call, VisitorState state) {
    return call instanceof MethodInvocationTree invocation
        && invocation.getArguments().size() == 1
        && STAGES.matches(invocation, state)
        && functionCannotFail(invocation, state)
        && sourceIsObserved(invocation, state);
  }

  /**
   * The stage's function cannot fail: a value ({@code map(callable -> callable)}, Vert.x's {@code
   * map(value)}) or a function judged as a task is ({@code thenRun(() -> timeout.cancel())}).
   */
  private boolean functionCannotFail(MethodInvocationTree stage, VisitorState state) {
    ExpressionTree function = ASTHelpers.stripParentheses(stage.getArguments().get(0));
    if (function instanceof LambdaExpressionTree lambda
        && lambda.getBody() instanceof ExpressionTree value
        && SelfHandlingTasks.isPlainValue(value, state)) {
      return true;
    }
    Type type = ASTHelpers.getType(function);
    if (type != null && !state.getTypes().isFunctionalInterface(type)) {
      return SelfHandlingTasks.isPlainValue(function, state);
    }
    return selfHandlingTasks.cannotFail(stage, function, state);
  }

  /**
   * The stage's receiver is made by a call that hands the failure to a handler using it (directly or
   * in a local never reassigned), a local or parameter never reassigned that the body declaring it
   * observes ({@link Reads#observes}) on every path that makes the stage, or a final field of this
   * file that the file observes somewhere (an accessor returns it).
   */
  private boolean sourceIsObserved(MethodInvocationTree stage, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(stage);
    if (receiver == null || LocalVariables.isThisOrAnEnclosingThis(receiver)) {
      return false;
    }
    receiver = ASTHelpers.stripParentheses(receiver);
    VarSymbol local = LocalVariables.neverReassignedLocalOrParameter(receiver);
    ExpressionTree made =
        local == null ? receiver : LocalVariables.initializer(local, state.getPath());
    // Made by handing the failure to a handler that uses it (fetch().exceptionally(e -> log(e)),
    // directly or through a local): the source's failure is seen there. Not a recovery that
    // returns another future (exceptionallyCompose(e -> backup()), Vert.x recover, Guava
    // catchingAsync), whose future fails with that new work's failure.
    if (made != null
        && ASTHelpers.stripParentheses(made) instanceof MethodInvocationTree source
        && !handsAFunctionReturningAFuture(source, state)
        && handsTheFailureOn(source, state)) {
      return true;
    }
    if (local != null) {
      TreePath body = pathOf(LocalVariables.enclosingBody(state.getPath()), state.getPath());
      return body != null && new Reads(body, stage, state.getPath()).observed(local, state);
    }
    VarSymbol field = finalField(receiver);
    return field != null
        && (returnedByAGeneratedAccessor(field)
            || new Reads(new TreePath(state.getPath().getCompilationUnit()), stage, null).observed(field, state));
  }

  /** A record component whose accessor javac generated, which returns the field as it is. */
  private static boolean returnedByAGeneratedAccessor(VarSymbol field) {
    if (!(field.owner instanceof Symbol.ClassSymbol record) || !record.isRecord() || field.isStatic()) {
      return false;
    }
    for (Symbol member : record.members().getSymbolsByName(field.name)) {
      if (member instanceof MethodSymbol accessor
          && accessor.getParameters().isEmpty()
          && (accessor.flags() & Flags.GENERATED_MEMBER) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether an argument of the call is a function whose result is a future: the call composes. */
  private boolean handsAFunctionReturningAFuture(MethodInvocationTree call, VisitorState state) {
    Types types = state.getTypes();
    for (ExpressionTree argument : call.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (type != null
          && types.isFunctionalInterface(type)
          && futureTypes.isFutureLike(types.findDescriptorType(type).getReturnType(), state)) {
        return true;
      }
    }
    return false;
  }

  /** {@code handshake} or {@code this.handshake}, a final field; else null. */
  private static VarSymbol finalField(ExpressionTree receiver) {
    boolean named =
        (receiver instanceof IdentifierTree identifier && !isThisOrSuper(identifier))
            || (receiver instanceof MemberSelectTree select
                && LocalVariables.isThisOrAnEnclosingThis(select.getExpression()));
    return named
            && ASTHelpers.getSymbol(receiver) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && (field.flags() & Flags.FINAL) != 0
        ? field
        : null;
  }

  private static boolean isThisOrSuper(IdentifierTree identifier) {
    return identifier.getName().contentEquals("this") || identifier.getName().contentEquals("super");
  }

  /** The path to {@code tree} among the trees around {@code from}; null if it is not one. */
  private static TreePath pathOf(Tree tree, TreePath from) {
    for (TreePath at = from; at != null; at = at.getParentPath()) {
      if (at.getLeaf() == tree) {
        return at;
      }
    }
    return null;
  }

  /** Aliases followed from one source: far beyond real code. */
  private static final int MAX_ALIASES = 64;

  /** Every read of a variable in one scope, found in one scan. */
  private final class Reads {
    private final Map<Symbol, List<TreePath>> byVariable = new HashMap<>();
    private final MethodInvocationTree stage;
    /** The trees around the stage, for a local: a read must not be in a branch below them. */
    private final Set<Tree> aroundTheStage;

    /** {@code stagePath}: where the stage is, for a local's scope; null for a field's file. */
    Reads(TreePath scope, MethodInvocationTree stage, TreePath stagePath) {
      this.stage = stage;
      if (stagePath == null) {
        this.aroundTheStage = null;
      } else {
        this.aroundTheStage = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tree tree : stagePath) {
          aroundTheStage.add(tree);
        }
      }
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          record(node);
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
          // this.ready is this object's field; other.ready another object's.
          if (LocalVariables.isThisOrAnEnclosingThis(node.getExpression())) {
            record(node);
          }
          return super.visitMemberSelect(node, null);
        }

        private void record(ExpressionTree node) {
          if (ASTHelpers.getSymbol(node) instanceof VarSymbol variable) {
            byVariable.computeIfAbsent(variable, v -> new ArrayList<>()).add(getCurrentPath());
          }
        }
      }.scan(scope, null);
    }

    boolean observed(VarSymbol source, VisitorState state) {
      return observed(source, new HashSet<>(), state);
    }

    /**
     * Whether a read of the variable observes its future (through aliases, each followed once, and
     * not beyond {@link #MAX_ALIASES}: a chain of thousands, generated code, would overflow javac's stack).
     */
    private boolean observed(VarSymbol variable, Set<VarSymbol> followed, VisitorState state) {
      if (followed.size() >= MAX_ALIASES || !followed.add(variable)) {
        return false;
      }
      for (TreePath read : byVariable.getOrDefault(variable, List.of())) {
        if (runsWithTheStage(read, variable) && observes(read, followed, state)) {
          return true;
        }
      }
      return false;
    }

    /**
     * A read outside the calls on the variable ({@code f.thenRun(() -> this.last = f)} runs only
     * once {@code f} succeeded, and the receiver of the stage is the stage itself) and, for a
     * local, in no branch, loop, catch, lambda or class that the stage is not in as well: it runs
     * whenever the stage is made.
     */
    private boolean runsWithTheStage(TreePath read, VarSymbol variable) {
      Tree below = read.getLeaf();
      for (TreePath at = read.getParentPath(); at != null; at = at.getParentPath()) {
        Tree tree = at.getLeaf();
        if (tree == stage
            || (tree instanceof MethodInvocationTree call
                && call.getArguments().contains(below)
                && names(ASTHelpers.getReceiver(call), variable))) {
          return false;
        }
        if (aroundTheStage != null) {
          if (aroundTheStage.contains(tree)) {
            return true;
          }
          if (isBranch(tree) || isShortCircuit(tree, below)) {
            return false;
          }
        }
        below = tree;
      }
      return true;
    }

    /** {@code f}, or {@code this.f} for a field. */
    private boolean names(ExpressionTree expression, VarSymbol variable) {
      ExpressionTree stripped = expression == null ? null : ASTHelpers.stripParentheses(expression);
      return (stripped instanceof IdentifierTree
              || (stripped instanceof MemberSelectTree select
                  && LocalVariables.isThisOrAnEnclosingThis(select.getExpression())))
          && ASTHelpers.getSymbol(stripped) == variable;
    }

    private boolean isBranch(Tree tree) {
      for (Class<? extends Tree> branch : BRANCHES) {
        if (branch.isInstance(tree)) {
          return true;
        }
      }
      return false;
    }

    /** The right side of {@code &&} or {@code ||}, evaluated only sometimes. */
    private boolean isShortCircuit(Tree tree, Tree below) {
      return tree instanceof BinaryTree binary
          && (binary.getKind() == Tree.Kind.CONDITIONAL_AND || binary.getKind() == Tree.Kind.CONDITIONAL_OR)
          && binary.getRightOperand() == below;
    }

    /**
     * Whether the value at the path reaches something that sees its failure: it is returned (also
     * by a lambda that returns a value), passed where a future or a type variable is taken ({@code
     * pending.add(f)}, {@code allOf(f, g)}; not {@code Objects.equals(f, g)}, a logger's or {@code
     * println}'s {@code Object}), stored in a field or an array (or in a local that is observed in
     * turn), awaited ({@code join()}, {@code get()}), handed a failure handler that uses the failure
     * or a named one ({@code whenComplete((v, e) -> log(e))}, Vert.x {@code onComplete(promise)}),
     * or made into another future that is so observed ({@code return f.thenCompose(..)}).
     */
    private boolean observes(TreePath path, Set<VarSymbol> followed, VisitorState state) {
      Tree value = path.getLeaf();
      TreePath parentPath = path.getParentPath();
      while (parentPath.getLeaf() instanceof ParenthesizedTree || parentPath.getLeaf() instanceof TypeCastTree) {
        value = parentPath.getLeaf();
        parentPath = parentPath.getParentPath();
      }
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ReturnTree) {
        return true;
      }
      if (parent instanceof LambdaExpressionTree lambda) {
        return returnsAValue(lambda, state);
      }
      if (parent instanceof MethodInvocationTree call && call.getArguments().contains(value)) {
        return DiscardedFuture.RETURN_AN_ARGUMENT.matches(call, state)
            ? observes(parentPath, followed, state)
            : takesAFuture(ASTHelpers.getSymbol(call), call.getArguments().indexOf(value), state);
      }
      if (parent instanceof NewClassTree made && made.getArguments().contains(value)) {
        return takesAFuture(ASTHelpers.getSymbol(made), made.getArguments().indexOf(value), state);
      }
      if (parent instanceof VariableTree declared && declared.getInitializer() == value) {
        return storedWhereObserved(ASTHelpers.getSymbol(declared), followed, state);
      }
      if (parent instanceof AssignmentTree assignment && assignment.getExpression() == value) {
        ExpressionTree target = ASTHelpers.stripParentheses(assignment.getVariable());
        return target instanceof ArrayAccessTree element
            ? storedWhereObserved(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(element.getExpression())), followed, state)
            // A local or parameter assigned here is reassigned: which future it holds later is not known.
            : ASTHelpers.getSymbol(target) instanceof VarSymbol variable && variable.getKind() == ElementKind.FIELD;
      }
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        if (CompletedFutures.WAITS.contains(select.getIdentifier().toString()) || handsTheFailureOn(call, state)) {
          return true;
        }
        return futureTypes.isFutureLike(ASTHelpers.getType(call), state)
            && observes(parentPath.getParentPath(), followed, state);
      }
      return false;
    }

    /**
     * A field (or array element) holding the value observes it for its readers; a local never
     * reassigned (or an array it names), where that local is observed.
     */
    private boolean storedWhereObserved(Symbol target, Set<VarSymbol> followed, VisitorState state) {
      if (!(target instanceof VarSymbol variable)) {
        return false;
      }
      if (variable.getKind() == ElementKind.FIELD) {
        return true;
      }
      return (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0 && observed(variable, followed, state);
    }
  }

  /**
   * A call handed something that sees the failure: a lambda or anonymous class that uses its
   * {@code Throwable} ({@link KeptReturnValues#handlesFailure}), or a named handler, trusted to
   * (a promise: {@code fut.onComplete(promise)} passes the outcome on).
   */
  private static boolean handsTheFailureOn(MethodInvocationTree call, VisitorState state) {
    if (KeptReturnValues.handlesFailure(call, state)) {
      return true;
    }
    // A named handler that receives the failure itself: not any named argument of the call (the
    // executor of whenCompleteAsync((v, e) -> done.set(true), pool) sees no failure).
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree stripped = ASTHelpers.stripParentheses(argument);
      if ((stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
          && ASTHelpers.getSymbol(stripped) instanceof VarSymbol
          && FailureObservers.receivesFailure(stripped, state)) {
        return true;
      }
    }
    return false;
  }

  /** A lambda whose function returns a value (not a void one, whose value goes nowhere). */
  private static boolean returnsAValue(LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    Types types = state.getTypes();
    return type != null
        && types.isFunctionalInterface(type)
        && !types.findDescriptorType(type).getReturnType().hasTag(TypeTag.VOID);
  }

  /**
   * Whether the parameter an argument at {@code index} is passed to takes a future or any type
   * ({@code List.add(E)}, {@code allOf(CompletableFuture<?>...)}): not {@code Object} or a string,
   * which loggers, {@code println} and {@code equals} take.
   */
  private boolean takesAFuture(Symbol callee, int index, VisitorState state) {
    if (!(callee instanceof MethodSymbol method) || method.getParameters().isEmpty() || index < 0) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    int last = parameters.size() - 1;
    Type parameter = index < last ? parameters.get(index).type : parameters.get(last).type;
    if (method.isVarArgs() && index >= last) {
      parameter = state.getTypes().elemtype(parameter);
    }
    return parameter != null
        && (parameter.hasTag(TypeTag.TYPEVAR) || futureTypes.isFutureLike(parameter, state));
  }
}
