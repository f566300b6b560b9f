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
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;

/**
 * Where text about a future describes the future itself on purpose, because there is no value to
 * show: a failure message ({@code throw new IllegalStateException("not done: " + f)}, {@code
 * checkState(c, "pending " + f)}), or code that knows the future has no value: inside {@code if
 * (!f.isDone())} or {@code if (f.isCompletedExceptionally())}, the else of {@code if (f.isDone())},
 * {@code case RUNNING} of {@code switch (f.state())}, in a block that cancels it, or in the
 * handler of its timed-out wait. Not where
 * the method also reads the future's value ({@code if (n.join() != 3) throw new
 * IllegalStateException("got " + n)}): there the value was meant.
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

  /** Calls that read a future's value: once one has run, text about the future could show the value. */
  private static final ImmutableSet<String> VALUE_READS =
      ImmutableSet.<String>builder()
          .addAll(CompletedFutures.WAITS)
          .add("getNow", "resultNow", "getDone")
          .build();

  /**
   * Whether the future {@code future} is described on purpose in the text made at {@code path}: a
   * failure message, or where it is known to have no value (see above).
   */
  static boolean describesOnPurpose(ExpressionTree future, TreePath path, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(future));
    if (symbol instanceof VarSymbol && inTimedOutWaitHandler(symbol, path, state)) {
      return true;
    }
    if (!(isFailureMessage(path, state)
        || (symbol instanceof VarSymbol && knownWithoutValue(symbol, path)))) {
      return false;
    }
    return !(symbol instanceof VarSymbol) || !methodReadsValueOf(symbol, path);
  }

  /** Whether the text made at {@code path} is, alone or concatenated further, a failure message. */
  private static boolean isFailureMessage(TreePath path, VisitorState state) {
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
   * Whether the code around {@code path} knows the future has no value to show: under a guard that
   * says so ({@code if (!f.isDone())}, the else of {@code if (f.isDone())}, {@code case RUNNING} of
   * {@code switch (f.state())}, {@code if (f.isCompletedExceptionally())}:
   * CompletedFutures.knownWithoutValue), or in a block with a statement {@code f.cancel(..)}.
   */
  private static boolean knownWithoutValue(Symbol future, TreePath path) {
    if (CompletedFutures.knownWithoutValue(future, path)) {
      return true;
    }
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree enclosing = p.getLeaf();
      if (enclosing instanceof BlockTree block && cancels(block, future)) {
        return true;
      }
      if (enclosing instanceof MethodTree || enclosing instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether {@code path} is in a {@code catch (TimeoutException e)} clause of a try whose block
   * waits on the future with a timeout ({@code job.get(1, SECONDS)}): that wait gave up on it.
   */
  private static boolean inTimedOutWaitHandler(Symbol future, TreePath path, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree enclosing = p.getLeaf();
      if (enclosing instanceof CatchTree clause
          && clause.getBlock() == child
          && p.getParentPath().getLeaf() instanceof TryTree attempt
          && TypeNames.isExactly(
              ASTHelpers.getType(clause.getParameter()), "java.util.concurrent.TimeoutException", state)
          && waitsWithTimeout(attempt.getBlock(), future)) {
        return true;
      }
      if (enclosing instanceof MethodTree || enclosing instanceof ClassTree) {
        return false;
      }
      child = enclosing;
    }
    return false;
  }

  private static boolean waitsWithTimeout(Tree block, Symbol future) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        found[0] |= isCallOn(node, "get", future) && node.getArguments().size() == 2;
        return super.visitMethodInvocation(node, null);
      }
    }.scan(block, null);
    return found[0];
  }

  /** Whether the method (or initializer) around {@code path} reads the future's value anywhere. */
  private static boolean methodReadsValueOf(Symbol future, TreePath path) {
    Tree body = LocalVariables.enclosingBody(path);
    if (body == null) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (ASTHelpers.getSymbol(node) instanceof Symbol method
            && VALUE_READS.contains(method.getSimpleName().toString())) {
          ExpressionTree receiver = ASTHelpers.getReceiver(node);
          found[0] |=
              (receiver != null && future.equals(ASTHelpers.getSymbol(receiver)))
                  // Futures.getUnchecked(f), Futures.getDone(f)
                  || node.getArguments().stream()
                      .anyMatch(a -> future.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(a))));
        }
        return super.visitMethodInvocation(node, null);
      }
    }.scan(body, null);
    return found[0];
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
