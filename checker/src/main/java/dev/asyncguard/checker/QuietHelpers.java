package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Helpers of this compilation that only pass on a quiet future: every return gives the future of a
 * call that may be dropped wherever it is returned (a close, a write whose failure the connection
 * reports; not {@code f.orTimeout(..)}, whose receiver only the helper may hold), or of another such
 * helper ({@code private Future<Void> writeMessage(Buffer data) { metrics.written(data); return
 * socket.write(data); }}). Dropping the helper's future drops that call's, which is fine. The helper
 * must not be overridable, since an override may return other work; each body is read once per
 * compilation, and only when a dropped future asks.
 */
final class QuietHelpers {

  /** Whether a call in the helper's body is quiet, asked with a state whose path holds it. */
  private final BiPredicate<ExpressionTree, VisitorState> quietCall;

  private final PerCompilation<Map<MethodSymbol, Boolean>> memo = PerCompilation.newIdentityMap();

  QuietHelpers(BiPredicate<ExpressionTree, VisitorState> quietCall) {
    this.quietCall = quietCall;
  }

  boolean passesOnOnlyQuietFutures(MethodSymbol method, VisitorState state) {
    if (method.isConstructor() || !MethodDeclarations.cannotBeOverridden(method, state)) {
      return false;
    }
    // A helper reached again through its own returns proves nothing.
    return PerCompilation.lookUpAssuming(memo.get(state), method, false, m -> everyReturnQuiet(m, state));
  }

  private boolean everyReturnQuiet(MethodSymbol method, VisitorState state) {
    TreePath body = MethodDeclarations.bodyPathOf(method, state);
    if (body == null) {
      return false;
    }
    int[] returns = {0, 0, 0}; // values returned other than null, calls among them, quiet calls
    boolean[] other = {false};
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        ExpressionTree value = node.getExpression();
        if (value == null) {
          other[0] = true;
          return null;
        }
        countValues(value, returns);
        scan(value, null); // reaches the returned calls with their paths
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (isReturnedValue(currentPath())) {
          returns[1]++;
          if (isQuiet(node, currentPath(), state)) {
            returns[2]++;
          }
        }
        return null; // its arguments are not returned
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null; // its returns are its own
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scanFrom(body, null);
    // Any value other than a call (a field, a new future) is not known to be quiet; null is nothing.
    return !other[0] && returns[0] > 0 && returns[0] == returns[1] && returns[1] == returns[2];
  }

  /** Counts the values a return can give (each branch of a conditional) other than {@code null}. */
  private static void countValues(ExpressionTree value, int[] counts) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(value);
    if (stripped instanceof ConditionalExpressionTree conditional) {
      countValues(conditional.getTrueExpression(), counts);
      countValues(conditional.getFalseExpression(), counts);
    } else if (stripped.getKind() != Tree.Kind.NULL_LITERAL) {
      counts[0]++;
    }
  }

  /** A call whose value is what the return gives: directly, in parentheses or a conditional's branch. */
  private static boolean isReturnedValue(TreePath call) {
    Tree child = call.getLeaf();
    for (TreePath parent = call.getParentPath(); parent != null; parent = parent.getParentPath()) {
      Tree leaf = parent.getLeaf();
      if (leaf instanceof ReturnTree) {
        return true;
      }
      boolean passesOn =
          leaf.getKind() == Tree.Kind.PARENTHESIZED
              || (leaf instanceof ConditionalExpressionTree conditional && conditional.getCondition() != child);
      if (!passesOn) {
        return false;
      }
      child = leaf;
    }
    return false;
  }

  private boolean isQuiet(MethodInvocationTree call, TreePath path, VisitorState state) {
    return quietCall.test(call, state.withPath(path))
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol callee && passesOnOnlyQuietFutures(callee, state));
  }
}
