package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Type;
import java.util.List;

/**
 * A task started by a call whose future only that task completes ({@code runAsync(() -> {..},
 * pool)}, {@code executor.submit(..)}), written to handle its own failures: its whole body is one
 * {@code try} with a clause catching {@code Exception} or {@code Throwable} that does not throw.
 * Such a future fails only if the task is cancelled (or with an {@link Error}), so dropping it
 * loses nothing the task did not already report.
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
          CallPattern.staticMethod("com.google.common.util.concurrent.Futures", "submit"));

  private SelfHandlingTasks() {}

  /** Whether the call starts a task that catches and handles every exception it can throw. */
  static boolean startsOne(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)
        || invocation.getArguments().isEmpty()
        || !STARTS_TASK.matches(call, state)) {
      return false;
    }
    BlockTree body = bodyOf(ASTHelpers.stripParentheses(invocation.getArguments().get(0)));
    return body != null
        && body.getStatements().size() == 1
        && body.getStatements().get(0) instanceof TryTree attempt
        && attempt.getCatches().stream().anyMatch(clause -> handlesEverything(clause, state));
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

  /** {@code catch (Exception e)} or {@code catch (Throwable t)} whose block throws nothing. */
  private static boolean handlesEverything(CatchTree clause, VisitorState state) {
    Type caught = ASTHelpers.getType(clause.getParameter());
    if (caught == null) {
      return false;
    }
    boolean catchAll =
        state.getTypes().isSameType(caught, state.getSymtab().exceptionType)
            || state.getTypes().isSameType(caught, state.getSymtab().throwableType);
    return catchAll && !throwsAnything(clause.getBlock());
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
