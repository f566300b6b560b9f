package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashSet;
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
        if (LocalVariables.isThis(node.getExpression())) {
          returnsReceiver[0] = true;
          return null;
        }
        Symbol symbol = variable(node.getExpression());
        if (symbol == null) {
          returnsSomethingElse[0] |= !isNullLiteral(node.getExpression());
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
    if (returnsSomethingElse[0] || (returnsReceiver[0] && !returned.isEmpty())) {
      return Returned.OTHER;
    }
    if (returnsReceiver[0]) {
      return Returned.RECEIVER;
    }
    return !returned.isEmpty() && kept.containsAll(returned) ? Returned.KEPT : Returned.OTHER;
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
