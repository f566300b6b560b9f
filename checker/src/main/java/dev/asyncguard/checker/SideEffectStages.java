package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
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
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

  /** Calls that wait for a future and throw its failure. */
  private static final CallPattern.AnyOf WAITS =
      CallPattern.anyOf(
          CallPattern.instanceMethod("java.util.concurrent.Future", "get", "resultNow"),
          CallPattern.instanceMethod("java.util.concurrent.CompletableFuture", "join", "getNow"),
          CallPattern.instanceMethod("com.google.common.util.concurrent.ListenableFuture", "get"),
          CallPattern.instanceMethod("io.netty.util.concurrent.Future", "sync", "syncUninterruptibly"));

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
   * The stage's receiver is a local or parameter never reassigned, read elsewhere in its method, or
   * a final field of a class of this file, read elsewhere in the file, where the read observes the
   * future ({@link #observes}).
   */
  private boolean sourceIsObserved(MethodInvocationTree stage, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(stage);
    if (receiver == null) {
      return false;
    }
    receiver = ASTHelpers.stripParentheses(receiver);
    TreePath scope;
    VarSymbol source = LocalVariables.neverReassignedLocalOrParameter(receiver);
    if (source != null) {
      scope = enclosingMethod(state.getPath());
    } else if (isFinalField(receiver)) {
      source = (VarSymbol) ASTHelpers.getSymbol(receiver);
      scope = new TreePath(state.getPath().getCompilationUnit());
    } else {
      return false;
    }
    if (scope == null) {
      return false;
    }
    Reads reads = new Reads(scope);
    return reads.observed(source, receiver, new HashSet<>(), state);
  }

  /** {@code handshake} or {@code this.handshake}, a final field. */
  private static boolean isFinalField(ExpressionTree receiver) {
    boolean named =
        receiver instanceof IdentifierTree
            || (receiver instanceof MemberSelectTree select
                && LocalVariables.isThisOrAnEnclosingThis(select.getExpression()));
    return named
        && ASTHelpers.getSymbol(receiver) instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && (field.flags() & Flags.FINAL) != 0;
  }

  /** The method around the path (its lambdas included), or the body of an initializer or field. */
  private static TreePath enclosingMethod(TreePath path) {
    TreePath below = null;
    for (TreePath at = path; at != null; at = at.getParentPath()) {
      if (at.getLeaf() instanceof MethodTree) {
        return at;
      }
      if (at.getLeaf() instanceof ClassTree) {
        return below;
      }
      below = at;
    }
    return null;
  }

  /** Every read of a variable in one scope, found in one scan. */
  private final class Reads {
    private final Map<Symbol, List<TreePath>> byVariable = new HashMap<>();

    Reads(TreePath scope) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          record(node);
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
          record(node);
          return super.visitMemberSelect(node, null);
        }

        private void record(ExpressionTree node) {
          if (ASTHelpers.getSymbol(node) instanceof VarSymbol variable) {
            byVariable.computeIfAbsent(variable, v -> new ArrayList<>()).add(getCurrentPath());
          }
        }
      }.scan(scope, null);
    }

    /** Whether a read of the variable other than {@code excluded} observes its future. */
    boolean observed(VarSymbol variable, Tree excluded, Set<VarSymbol> followed, VisitorState state) {
      if (!followed.add(variable)) {
        return false;
      }
      for (TreePath read : byVariable.getOrDefault(variable, List.of())) {
        if (read.getLeaf() != excluded && observes(read, followed, state)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the value at the path reaches something that sees its failure: it is returned (also
     * by a lambda), passed to a call or constructor (not a logger's), stored in a field or an array
     * (or in a local that is so observed), awaited ({@code join()}, {@code get()}), handed a failure
     * handler ({@code whenComplete}, {@code exceptionally}, Vert.x {@code onComplete(promise)}), or
     * made into another future that is so observed ({@code return f.thenCompose(..)}). A stage
     * dropped in turn, a state query or a {@code cancel} does not observe it.
     */
    private boolean observes(TreePath path, Set<VarSymbol> followed, VisitorState state) {
      Tree value = path.getLeaf();
      TreePath parentPath = path.getParentPath();
      while (parentPath.getLeaf() instanceof ParenthesizedTree
          || parentPath.getLeaf() instanceof TypeCastTree
          || (parentPath.getLeaf() instanceof ConditionalExpressionTree conditional
              && conditional.getCondition() != value)) {
        value = parentPath.getLeaf();
        parentPath = parentPath.getParentPath();
      }
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ReturnTree || parent instanceof LambdaExpressionTree) {
        return true;
      }
      if (parent instanceof MethodInvocationTree call && call.getArguments().contains(value)) {
        return !TypeNames.isSubtypeOfAny(ASTHelpers.getReceiverType(call), TypeNames.LOGGER_TYPES, state);
      }
      if (parent instanceof NewClassTree made) {
        return made.getArguments().contains(value);
      }
      if (parent instanceof VariableTree declared && declared.getInitializer() == value) {
        return storedWhereObserved(ASTHelpers.getSymbol(declared), followed, state);
      }
      if (parent instanceof AssignmentTree assignment && assignment.getExpression() == value) {
        return storedWhereObserved(ASTHelpers.getSymbol(assignment.getVariable()), followed, state);
      }
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        if (FailureObservers.handedTo(call, state) || WAITS.matches(call, state)) {
          return true;
        }
        return futureTypes.isFutureLike(ASTHelpers.getType(call), state)
            && observes(parentPath.getParentPath(), followed, state);
      }
      return false;
    }

    /** A field or an array element observes a value stored in it; a local, where it is read so. */
    private boolean storedWhereObserved(Symbol target, Set<VarSymbol> followed, VisitorState state) {
      if (target instanceof VarSymbol local
          && (local.getKind() == ElementKind.LOCAL_VARIABLE || local.getKind() == ElementKind.RESOURCE_VARIABLE)) {
        return observed(local, null, followed, state);
      }
      return true;
    }
  }
}
