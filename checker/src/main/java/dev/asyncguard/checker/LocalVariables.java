package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Locals that are never reassigned, followed to what they were initialized with: naming an
 * intermediate value ({@code var all = allOf(a, b);}, {@code var in = new BufferedReader(..);})
 * changes nothing at run time. Asked only where a catalog entry or a finding needs it. Also what
 * names the object itself ({@code this}).
 */
final class LocalVariables {

  /** Locals initialized from locals: a limit only against pathological chains. */
  static final int MAX_FOLLOWED = 16;

  /** Where a local's initializer is found, given the local. */
  @FunctionalInterface
  interface Initializers {
    /** The local's initializer, or null if it has none (or none is known). */
    ExpressionTree of(VarSymbol local);
  }

  private LocalVariables() {}

  /**
   * What a variable holds when that is known: a never-reassigned local's initializer (null if none is
   * known), a final field's initializer in this compilation, or the one value its class's
   * constructors assign it ({@code this.outbox = new LinkedBlockingQueue<>();}); else the
   * expression itself.
   */
  static ExpressionTree heldValue(ExpressionTree expression, Initializers locals, VisitorState state) {
    if (neverReassigned(expression) instanceof VarSymbol local) {
      return locals.of(local);
    }
    if (ASTHelpers.getSymbol(ASTHelpers.stripParentheses(expression)) instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && (field.flags() & Flags.FINAL) != 0
        && JavacTrees.instance(state.context).getTree(field) instanceof VariableTree declaration) {
      ExpressionTree value =
          declaration.getInitializer() != null
              ? declaration.getInitializer()
              : PerCompilation.lookUp(ASSIGNED_ONCE.get(state), field, f -> assignedOnce(f, state)).orElse(null);
      if (value != null) {
        return value;
      }
    }
    return expression;
  }

  /** Per compilation: the value each blank final field is assigned once, scanned for once. */
  private static final Supplier<Map<VarSymbol, Optional<ExpressionTree>>> ASSIGNED_ONCE =
      PerCompilation.sharedIdentityMap();

  /**
   * The value a final field without an initializer is assigned in its class, where there is one
   * assignment (a constructor's, the others delegating to it, or an initializer block's); null where
   * constructors assign it differently.
   */
  private static Optional<ExpressionTree> assignedOnce(VarSymbol field, VisitorState state) {
    if (!(JavacTrees.instance(state.context).getTree(field.owner) instanceof ClassTree owner)) {
      return Optional.empty();
    }
    List<ExpressionTree> assigned = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        if (field.equals(ASTHelpers.getSymbol(node.getVariable()))) {
          assigned.add(node.getExpression());
        }
        return super.visitAssignment(node, null);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        // A nested class cannot assign the final field; only the owner's own members are scanned.
        return node == owner ? super.visitClass(node, null) : null;
      }
    }.scan(owner, null);
    return assigned.size() == 1 ? Optional.of(assigned.get(0)) : Optional.empty();
  }

  /**
   * The local (or try-with-resources variable) the expression names, if it is one that is never
   * reassigned; else null.
   */
  static VarSymbol neverReassigned(ExpressionTree expression) {
    return namedFinal(expression, ElementKind.LOCAL_VARIABLE, ElementKind.RESOURCE_VARIABLE);
  }

  /**
   * The local or parameter the expression names, if it is never reassigned: the same object wherever
   * the method reads it (a future completed or observed under that name is the one returned or
   * waited on); else null. A field is not: other code may assign it in between.
   */
  static VarSymbol neverReassignedLocalOrParameter(ExpressionTree expression) {
    return namedFinal(expression, ElementKind.LOCAL_VARIABLE, ElementKind.PARAMETER);
  }

  private static VarSymbol namedFinal(ExpressionTree expression, ElementKind kind, ElementKind otherKind) {
    Symbol symbol =
        expression == null ? null : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(expression));
    return symbol instanceof VarSymbol variable
            && (variable.getKind() == kind || variable.getKind() == otherKind)
            && (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0
        ? variable
        : null;
  }


  /**
   * The links of a receiver chain from {@code start} upwards, each without parentheses: a call,
   * then its receiver; a local never reassigned, then its initializer (in the body around {@code
   * from}, up to {@link #MAX_FOLLOWED} locals). {@code allOf(a, b).thenApply(f)} and {@code var all =
   * allOf(a, b); all.thenApply(f)} both reach {@code allOf(a, b)}. Ends after any other expression.
   */
  static Iterable<ExpressionTree> upstream(ExpressionTree start, TreePath from) {
    return () ->
        new Iterator<>() {
          private ExpressionTree next = start == null ? null : ASTHelpers.stripParentheses(start);
          private int localsFollowed;

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public ExpressionTree next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            ExpressionTree link = next;
            ExpressionTree up = null;
            if (link instanceof MethodInvocationTree call) {
              up = ASTHelpers.getReceiver(call);
            } else if (neverReassigned(link) instanceof VarSymbol local && localsFollowed++ < MAX_FOLLOWED) {
              up = initializer(local, from);
            }
            next = up == null ? null : ASTHelpers.stripParentheses(up);
            return link;
          }
        };
  }

  /** Whether the expression is {@code this} (in parentheses or not). */
  static boolean isThis(ExpressionTree expression) {
    return expression != null
        && ASTHelpers.stripParentheses(expression) instanceof IdentifierTree identifier
        && identifier.getName().contentEquals("this");
  }

  /** Whether the expression is {@code this} or an enclosing instance's {@code Outer.this}. */
  static boolean isThisOrAnEnclosingThis(ExpressionTree expression) {
    return isThis(expression)
        || (expression != null
            && ASTHelpers.stripParentheses(expression) instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("this"));
  }

  /**
   * The outermost tree around {@code from} below its method or class: the method's body, or the
   * field initializer or initializer block; where the locals in scope at {@code from} are declared.
   */
  static Tree enclosingBody(TreePath from) {
    Tree body = null;
    for (Tree enclosing : from) {
      if (enclosing instanceof MethodTree || enclosing instanceof ClassTree) {
        break;
      }
      body = enclosing;
    }
    return body;
  }

  /** Initializers of the locals declared in the method, lambda or initializer around {@code from}. */
  static Initializers around(TreePath from) {
    return local -> initializer(local, from);
  }

  /**
   * The initializer of a local declared in the method (or initializer block) around {@code from};
   * null if it has none there. Scans that body once per question.
   */
  static ExpressionTree initializer(VarSymbol local, TreePath from) {
    Tree body = enclosingBody(from);
    if (body == null) {
      return null;
    }
    ExpressionTree[] found = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (found[0] == null && local.equals(ASTHelpers.getSymbol(node))) {
          found[0] = node.getInitializer();
        }
        return super.visitVariable(node, null);
      }
    }.scan(body, null);
    return found[0];
  }
}
