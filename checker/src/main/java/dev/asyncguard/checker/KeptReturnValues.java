package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Methods of this compilation that return a value they also keep or hand on: a field the body
 * assigns, or a local it stores in a field or passes to a call ({@code window = w; return w;}). A
 * plain getter does not count: nothing in it keeps the value. The returned
 * future is a convenience copy: whoever holds the other reference is responsible for it, so a
 * caller may drop it. Methods whose every return is {@code return this;} (a fluent method of a
 * future, such as a promise's {@code await()}) return their receiver, which a caller that names it
 * holds. Each body is scanned once per compilation.
 */
final class KeptReturnValues {

  /** What a method's returns give back. */
  enum Returned {
    /** A value that it also keeps or hands on. */
    KEPT,
    /** Always {@code this}: the receiver of the call. */
    RECEIVER,
    /**
     * A future whose failure the body hands to an observer: {@code return f.exceptionally(log);},
     * or {@code f.whenComplete(log); return f;}. Its failure is seen; dropping it loses nothing.
     */
    HANDLED,
    /** Anything else, or no body here. */
    OTHER
  }

  private final PerCompilation<Map<MethodSymbol, Returned>> memo = PerCompilation.newIdentityMap();

  Returned of(MethodSymbol method, VisitorState state) {
    return memo.get(state).computeIfAbsent(method, m -> scan(m, state));
  }

  private static Returned scan(MethodSymbol method, VisitorState state) {
    TreePath path = MethodDeclarations.pathOf(method, state);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return Returned.OTHER;
    }
    Set<Symbol> returned = new HashSet<>();
    Set<Symbol> kept = new HashSet<>();
    boolean[] returnsSomethingElse = {false};
    boolean[] returnsReceiver = {false};
    new OwnBodyScanner() {
      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        ExpressionTree value = node.getExpression();
        if (LocalVariables.isThis(value)) {
          returnsReceiver[0] = true;
          return null;
        }
        if (isNullLiteral(value)) {
          return null;
        }
        Symbol symbol = variable(value);
        if (symbol == null) {
          returnsSomethingElse[0] = true;
        } else {
          returned.add(symbol);
        }
        return super.visitReturn(node, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        Symbol target = ASTHelpers.getSymbol(node.getVariable());
        Symbol value = variable(node.getExpression());
        if (target != null && target.getKind() == ElementKind.FIELD) {
          kept.add(target);
          if (value != null) {
            kept.add(value);
          }
        }
        return super.visitAssignment(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        node.getArguments().forEach(argument -> addIfVariable(argument, kept));
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        node.getArguments().forEach(argument -> addIfVariable(argument, kept));
        return super.visitNewClass(node, null);
      }
    }.scan(tree.getBody(), null);
    if (returnsReceiver[0]) {
      return returnsSomethingElse[0] || !returned.isEmpty() ? Returned.OTHER : Returned.RECEIVER;
    }
    if (!returnsSomethingElse[0] && !returned.isEmpty() && kept.containsAll(returned)) {
      return Returned.KEPT;
    }
    return everyReturnObserved(tree.getBody(), state) ? Returned.HANDLED : Returned.OTHER;
  }

  /**
   * Whether each return, in order, gives a future whose failure is already handed to an observer: a
   * call given one ({@code return f.exceptionally(log);}), or a name never reassigned that a
   * statement of the body before it hands to one ({@code f.whenComplete(log); return f;}). Only
   * statements of the body itself count, not those in a branch, which may not have run. The observer
   * must be seen to handle the failure: a lambda or anonymous class that uses the Throwable it gets
   * and throws nothing ({@code e -> { throw new StoreException(e); }} translates the failure, and
   * {@code (v, e) -> span.end()} ignores it).
   */
  private static boolean everyReturnObserved(BlockTree body, VisitorState state) {
    Set<Symbol> observed = new HashSet<>();
    boolean[] anyReturn = {false}; // one that returns a future, not only null
    for (StatementTree statement : body.getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && handlesFailure(call, state)) {
        // f.whenComplete(log), Futures.addCallback(f, callback, executor): f's failure is seen.
        addIfNeverReassigned(ASTHelpers.getReceiver(call), observed);
        call.getArguments().forEach(argument -> addIfNeverReassigned(argument, observed));
        continue;
      }
      boolean[] unobserved = {false};
      new OwnBodyScanner() {
        @Override
        public Void visitReturn(ReturnTree node, Void unused) {
          ExpressionTree value = node.getExpression();
          anyReturn[0] |= value != null && !isNullLiteral(value);
          Symbol named = LocalVariables.neverReassignedLocalOrParameter(value);
          boolean seen =
              isNullLiteral(value)
                  || (named != null && observed.contains(named))
                  || (named == null
                      && value != null
                      && ASTHelpers.stripParentheses(value) instanceof MethodInvocationTree call
                      && handlesFailure(call, state));
          unobserved[0] |= !seen;
          return null;
        }
      }.scan(statement, null);
      if (unobserved[0]) {
        return false;
      }
    }
    return anyReturn[0];
  }

  /** A call handed an observer that visibly handles the failure (see above). */
  static boolean handlesFailure(MethodInvocationTree call, VisitorState state) {
    if (!FailureObservers.handedTo(call, state)) {
      return false;
    }
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree stripped = ASTHelpers.stripParentheses(argument);
      if (stripped instanceof LambdaExpressionTree lambda
          && handlesTheThrowable(lambda.getParameters(), lambda.getBody(), state)) {
        return true;
      }
      if (stripped instanceof NewClassTree made && made.getClassBody() != null) {
        for (Tree member : made.getClassBody().getMembers()) {
          if (member instanceof MethodTree method
              && method.getBody() != null
              && handlesTheThrowable(method.getParameters(), method.getBody(), state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A parameter of a Throwable type that the body uses, and a body that throws nothing itself. */
  private static boolean handlesTheThrowable(
      List<? extends VariableTree> parameters, Tree body, VisitorState state) {
    Set<Symbol> throwables = new HashSet<>();
    for (VariableTree parameter : parameters) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      if (symbol != null && state.getTypes().isSubtype(symbol.type, state.getSymtab().throwableType)) {
        throwables.add(symbol);
      }
    }
    if (throwables.isEmpty()) {
      return false;
    }
    boolean[] used = {false};
    boolean[] rethrows = {false};
    new OwnBodyScanner() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        used[0] |= throwables.contains(ASTHelpers.getSymbol(node));
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        rethrows[0] = true;
        return super.visitThrow(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        // Passing the failure on to another future, which someone must then observe.
        rethrows[0] |= ASTHelpers.getSymbol(node) instanceof MethodSymbol method
            && RETHROWING.contains(method.getSimpleName().toString());
        return super.visitMethodInvocation(node, null);
      }
    }.scan(body, null);
    return used[0] && !rethrows[0];
  }

  private static final ImmutableSet<String> RETHROWING =
      ImmutableSet.of("completeExceptionally", "obtrudeException", "setException", "tryFailure", "setFailure");

  /** A local or parameter never reassigned (so the name returned is the future observed). */
  private static void addIfNeverReassigned(ExpressionTree expression, Set<Symbol> into) {
    Symbol symbol = LocalVariables.neverReassignedLocalOrParameter(expression);
    if (symbol != null) {
      into.add(symbol);
    }
  }

  private static void addIfVariable(ExpressionTree expression, Set<Symbol> into) {
    Symbol symbol = variable(expression);
    if (symbol != null) {
      into.add(symbol);
    }
  }

  /** The local variable or field an expression names, or null. */
  private static Symbol variable(ExpressionTree expression) {
    if (expression == null) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(expression));
    return symbol instanceof VarSymbol
            && (symbol.getKind() == ElementKind.LOCAL_VARIABLE || symbol.getKind() == ElementKind.FIELD)
        ? symbol
        : null;
  }

  private static boolean isNullLiteral(ExpressionTree expression) {
    return expression != null && expression.getKind() == com.sun.source.tree.Tree.Kind.NULL_LITERAL;
  }
}
