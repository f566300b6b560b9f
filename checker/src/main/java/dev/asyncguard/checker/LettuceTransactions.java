package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * Lettuce's documented transaction idiom: {@code redis.multi(); redis.decrby(a, n); redis.incrby(b,
 * n); return redis.exec();}. Commands queued between {@code multi()} and {@code exec()} complete when
 * {@code exec()} does, and their errors come back in its {@code TransactionResult}; a failed {@code
 * multi()} fails {@code exec()} too. So their futures, and {@code multi()}'s, may be dropped where a
 * later statement of the same block calls {@code exec()} on the same connection's commands.
 */
final class LettuceTransactions {

  private static final String TRANSACTIONAL = "io.lettuce.core.api.async.RedisTransactionalAsyncCommands";

  private LettuceTransactions() {}

  /** Whether the dropped call at {@code state}'s path is queued in (or opens) such a transaction. */
  static boolean queuedInATransaction(ExpressionTree call, VisitorState state) {
    TreePath path = state.getPath();
    if (path == null
        || path.getLeaf() != call
        // A constructor call has no receiver (getReceiverType would throw).
        || !(call instanceof MethodInvocationTree || call instanceof MemberReferenceTree)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || method.getSimpleName().contentEquals("exec")
        || !TypeNames.isSubtype(ASTHelpers.getReceiverType(call), TRANSACTIONAL, state)) {
      return false;
    }
    Symbol commands =
        commandsVariable(
            call instanceof MemberReferenceTree reference
                ? reference.getQualifierExpression()
                : ASTHelpers.getReceiver(call));
    TreePath statementPath = statementQueueing(path);
    if (commands == null || statementPath == null) {
      return false;
    }
    StatementTree statement = (StatementTree) statementPath.getLeaf();
    // The statement of the transaction's block: the command's own, or the loop queueing it once per
    // element (for (String key : keys) redis.del(key);), a loop that neither opens nor ends one.
    StatementTree anchor = statement;
    TreePath container = statementPath.getParentPath();
    TreePath loop =
        container != null && container.getLeaf() instanceof BlockTree body && isLoopAround(container.getParentPath(), body)
            ? container.getParentPath()
            : isLoopAround(container, statement) ? container : null;
    if (loop != null
        && !callsAnywhere((StatementTree) loop.getLeaf(), OPENS_A_TRANSACTION, commands)
        && !callsAnywhere((StatementTree) loop.getLeaf(), ENDS_A_TRANSACTION, commands)) {
      anchor = (StatementTree) loop.getLeaf();
      container = loop.getParentPath();
    }
    if (container == null || !(container.getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int at = statements.indexOf(anchor);
    boolean opened = method.getSimpleName().contentEquals("multi");
    for (int i = at - 1; i >= 0 && !opened; i--) {
      StatementTree earlier = statements.get(i);
      if (callsAnywhere(earlier, ENDS_A_TRANSACTION, commands)) {
        return false; // a transaction closed before this call
      }
      opened =
          earlier instanceof ExpressionStatementTree expression
              && isCallOn(expression.getExpression(), OPENS_A_TRANSACTION, commands);
    }
    if (!opened) {
      return false;
    }
    for (int i = at + 1; i < statements.size(); i++) {
      if (callsAnywhere(statements.get(i), EXECUTES, commands)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The statement that queues the command at {@code path}: the call's own ({@code redis.del(k);}),
   * or a {@code forEach} given it as an expression lambda or a method reference ({@code
   * keys.forEach(k -> redis.del(k));}, {@code keys.forEach(redis::del);}), which queues it once per
   * element; null for anything else.
   */
  private static TreePath statementQueueing(TreePath path) {
    TreePath parent = path.getParentPath();
    if (parent == null) {
      return null;
    }
    if (path.getLeaf() instanceof MethodInvocationTree && parent.getLeaf() instanceof ExpressionStatementTree) {
      return parent;
    }
    TreePath function =
        path.getLeaf() instanceof MethodInvocationTree && parent.getLeaf() instanceof LambdaExpressionTree
            ? parent
            : path.getLeaf() instanceof MemberReferenceTree ? path : null;
    TreePath forEach = function == null ? null : function.getParentPath();
    return forEach != null
            && forEach.getLeaf() instanceof MethodInvocationTree each
            && each.getArguments().size() == 1
            && each.getArguments().get(0) == function.getLeaf()
            && ASTHelpers.getSymbol(each) instanceof MethodSymbol eachMethod
            && eachMethod.getSimpleName().contentEquals("forEach")
            // A collection's or a stream's, which runs at once (not RxJava's, which runs later).
            && eachMethod.owner.getQualifiedName().toString().startsWith("java.")
            && forEach.getParentPath() != null
            && forEach.getParentPath().getLeaf() instanceof ExpressionStatementTree
        ? forEach.getParentPath()
        : null;
  }

  /** Whether the path is a loop whose body is {@code body}. */
  private static boolean isLoopAround(TreePath path, StatementTree body) {
    if (path == null) {
      return false;
    }
    Tree loop = path.getLeaf();
    return (loop instanceof EnhancedForLoopTree each && each.getStatement() == body)
        || (loop instanceof ForLoopTree counted && counted.getStatement() == body)
        || (loop instanceof WhileLoopTree repeated && repeated.getStatement() == body);
  }

  private static final ImmutableSet<String> OPENS_A_TRANSACTION = ImmutableSet.of("multi");
  private static final ImmutableSet<String> EXECUTES = ImmutableSet.of("exec");
  private static final ImmutableSet<String> ENDS_A_TRANSACTION = ImmutableSet.of("exec", "discard");

  /**
   * Whether the statement calls one of {@code names} on the commands object anywhere in it ({@code
   * return redis.exec().thenApply(..);}).
   */
  private static boolean callsAnywhere(StatementTree statement, ImmutableSet<String> names, Symbol commands) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] || tree == null) {
          return null;
        }
        if (tree instanceof ExpressionTree expression && isCallOn(expression, names, commands)) {
          found[0] = true;
          return null;
        }
        return super.scan(tree, null);
      }
    }.scan(statement, null);
    return found[0];
  }

  /** {@code commands.name()} for one of {@code names}, on the same commands variable. */
  private static boolean isCallOn(ExpressionTree expression, ImmutableSet<String> names, Symbol commands) {
    return ASTHelpers.stripParentheses(expression) instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && names.contains(method.getSimpleName().toString())
        && commands.equals(commandsVariable(ASTHelpers.getReceiver(call)));
  }

  /**
   * The variable naming the commands object: a local or parameter never reassigned, or a final
   * field ({@code redis}, {@code this.redis}); null for anything else ({@code conn.async()}, {@code
   * other.redis}), which may be another connection's each time it is evaluated.
   */
  private static Symbol commandsVariable(ExpressionTree receiver) {
    ExpressionTree stripped = receiver == null ? null : ASTHelpers.stripParentheses(receiver);
    if (stripped instanceof MemberSelectTree select && !LocalVariables.isThis(select.getExpression())) {
      return null;
    }
    if (!(stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
        || !(ASTHelpers.getSymbol(stripped) instanceof VarSymbol variable)) {
      return null;
    }
    if (variable.getKind() == ElementKind.FIELD) {
      return (variable.flags() & Flags.FINAL) != 0 ? variable : null;
    }
    return LocalVariables.neverReassignedLocalOrParameter(stripped);
  }
}
