package dev.asyncguard.checker;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;

/**
 * Scans one method's or lambda's own body: the lambdas and classes declared in it are bodies of
 * their own (their returns and throws are not this body's), so it does not enter them.
 */
abstract class OwnBodyScanner extends TreeScanner<Void, Void> {

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    return null;
  }
}
