package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the methods of this compilation are declared: the path to each method's tree.
 *
 * <p>{@code JavacTrees.getPath(element)} searches the whole compilation unit on every call, which
 * makes an analysis that visits every method of a unit quadratic in the unit's size. Here each unit
 * is indexed once, on first use, and every later lookup is a map access.
 */
final class MethodDeclarations {

  private static final class Index {
    final Map<CompilationUnitTree, Map<MethodSymbol, TreePath>> byUnit = new IdentityHashMap<>();
  }

  private static final Supplier<Index> INDEX = VisitorState.memoize(state -> new Index());

  private MethodDeclarations() {}

  /** The path to the method's declaration, or null if it has no source in this compilation. */
  static TreePath pathOf(MethodSymbol method, VisitorState state) {
    CompilationUnitTree unit = unitOf(method, state);
    if (unit == null) {
      return null;
    }
    return INDEX.get(state).byUnit.computeIfAbsent(unit, MethodDeclarations::index).get(method);
  }

  private static CompilationUnitTree unitOf(MethodSymbol method, VisitorState state) {
    ClassSymbol type = ASTHelpers.outermostClass(method);
    if (type == null) {
      return null;
    }
    Env<AttrContext> env = Enter.instance(state.context).getEnv(type);
    return env == null ? null : env.toplevel;
  }

  private static Map<MethodSymbol, TreePath> index(CompilationUnitTree unit) {
    Map<MethodSymbol, TreePath> paths = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        MethodSymbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null) {
          paths.put(symbol, getCurrentPath());
        }
        return super.visitMethod(tree, null);
      }
    }.scan(unit, null);
    return paths;
  }
}
