package dev.asyncguard.checker;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.util.TreeScanner;
import java.util.function.Predicate;

/**
 * Scans one method's or lambda's own body: the lambdas and classes declared in it are bodies of
 * their own (their returns and throws are not this body's), so it does not enter them.
 */
abstract class OwnBodyScanner extends TreeScanner<Void, Void> {

  /**
   * Whether the body returns at least once and every return's expression passes the test (a bare
   * {@code return;} does not): {@code return this;}, {@code return allOf(..);} on every path.
   */
  static boolean everyReturn(BlockTree body, Predicate<ExpressionTree> test) {
    int[] returns = {0, 0}; // all, passing
    new OwnBodyScanner() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        returns[0]++;
        if (node.getExpression() != null && test.test(node.getExpression())) {
          returns[1]++;
        }
        return null;
      }
    }.scan(body, null);
    return returns[0] > 0 && returns[0] == returns[1];
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    return null;
  }
}
