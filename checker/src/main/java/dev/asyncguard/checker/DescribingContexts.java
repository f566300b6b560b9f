package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;

/**
 * Where text about a future describes the future itself on purpose, because there is no value to
 * show: a failure message ({@code throw new IllegalStateException("not done: " + f)}, {@code
 * checkState(c, "pending " + f)}), or code that knows the future has not completed: inside {@code
 * if (!f.isDone())}, in a block that cancels it, or in the handler of a timed-out wait.
 */
final class DescribingContexts {

  /**
   * Assertions and preconditions that take a message to show when a condition fails (JUnit,
   * AssertJ, Guava, Spring's Assert, Objects.requireNonNull): not assertEquals, whose arguments are
   * the values compared.
   */
  private static final ImmutableSet<String> MESSAGE_TAKERS =
      ImmutableSet.of(
          "fail",
          "assertTrue",
          "assertFalse",
          "assertNull",
          "assertNotNull",
          "checkState",
          "checkArgument",
          "checkNotNull",
          "verify",
          "requireNonNull",
          "validState",
          "isTrue",
          "notNull",
          "state");

  private DescribingContexts() {}

  /**
   * Whether the text made at {@code path} (a concatenation, or a call that formats) is, alone or
   * concatenated further, the message of an exception made there or of an assertion.
   */
  static boolean isFailureMessage(TreePath path, VisitorState state) {
    Tree child = path.getLeaf();
    TreePath parent = path.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || (parent.getLeaf() instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS))) {
      child = parent.getLeaf();
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return false;
    }
    if (parent.getLeaf() instanceof NewClassTree made) {
      return made.getArguments().contains(child)
          && TypeNames.isSubtype(ASTHelpers.getType(made), "java.lang.Throwable", state);
    }
    return parent.getLeaf() instanceof MethodInvocationTree call
        && call.getArguments().contains(child)
        && ASTHelpers.getSymbol(call) instanceof Symbol method
        && MESSAGE_TAKERS.contains(method.getSimpleName().toString());
  }

  /**
   * Whether the code around {@code path} knows that the future {@code future} names has not
   * completed: the then-branch of {@code if (!f.isDone())} (or of a conjunction including it), a
   * block with a statement {@code f.cancel(..)}, or a {@code catch (TimeoutException e)} clause.
   */
  static boolean knownUnfinished(ExpressionTree future, TreePath path) {
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(future));
    if (symbol == null) {
      return false;
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree enclosing = p.getLeaf();
      if (enclosing instanceof IfTree ifTree
          && ifTree.getThenStatement() == child
          && impliesNotDone(ifTree.getCondition(), symbol)) {
        return true;
      }
      if (enclosing instanceof BlockTree block && cancels(block, symbol)) {
        return true;
      }
      if (enclosing instanceof CatchTree clause
          && clause.getBlock() == child
          && ASTHelpers.getType(clause.getParameter()) != null
          && ASTHelpers.getType(clause.getParameter())
              .tsym
              .getQualifiedName()
              .contentEquals("java.util.concurrent.TimeoutException")) {
        return true;
      }
      if (enclosing instanceof MethodTree || enclosing instanceof ClassTree) {
        return false;
      }
      child = enclosing;
    }
    return false;
  }

  /** {@code !f.isDone()}, alone or as a part of an {@code &&} chain. */
  private static boolean impliesNotDone(ExpressionTree condition, Symbol future) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c instanceof BinaryTree and && and.getKind() == Tree.Kind.CONDITIONAL_AND) {
      return impliesNotDone(and.getLeftOperand(), future) || impliesNotDone(and.getRightOperand(), future);
    }
    return c instanceof UnaryTree not
        && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && ASTHelpers.stripParentheses(not.getExpression()) instanceof MethodInvocationTree call
        && isCallOn(call, "isDone", future);
  }

  private static boolean cancels(BlockTree block, Symbol future) {
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && isCallOn(call, "cancel", future)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCallOn(MethodInvocationTree call, String name, Symbol future) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver != null
        && future.equals(ASTHelpers.getSymbol(receiver))
        && ASTHelpers.getSymbol(call) instanceof Symbol method
        && method.getSimpleName().contentEquals(name);
  }
}
