package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.tree.Tree;
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
    /** Methods that are members of named classes, found without entering any method body. */
    final Map<CompilationUnitTree, Map<MethodSymbol, TreePath>> members = new IdentityHashMap<>();
    /** Every method of the unit, local and anonymous classes included: built only when asked for one. */
    final Map<CompilationUnitTree, Map<MethodSymbol, TreePath>> all = new IdentityHashMap<>();
  }

  private static final Supplier<Index> INDEX = VisitorState.memoize(state -> new Index());

  private MethodDeclarations() {}

  /** The path to the method's declaration, or null if it has no source in this compilation. */
  static TreePath pathOf(MethodSymbol method, VisitorState state) {
    CompilationUnitTree unit = unitOf(method, state);
    if (unit == null) {
      return null;
    }
    Index index = INDEX.get(state);
    // A local or anonymous class is declared inside a body, which the member walk does not enter.
    return method.owner.isDirectlyOrIndirectlyLocal()
        ? index.all.computeIfAbsent(unit, MethodDeclarations::indexAll).get(method)
        : index.members.computeIfAbsent(unit, MethodDeclarations::indexMembers).get(method);
  }

  private static CompilationUnitTree unitOf(MethodSymbol method, VisitorState state) {
    ClassSymbol type = ASTHelpers.outermostClass(method);
    if (type == null) {
      return null;
    }
    Env<AttrContext> env = Enter.instance(state.context).getEnv(type);
    return env == null ? null : env.toplevel;
  }

  /** Walks only type declarations and their members: the bulk of a unit, method bodies, is skipped. */
  private static Map<MethodSymbol, TreePath> indexMembers(CompilationUnitTree unit) {
    Map<MethodSymbol, TreePath> paths = new HashMap<>();
    TreePath top = new TreePath(unit);
    for (Tree declaration : unit.getTypeDecls()) {
      indexMembers(declaration, top, paths);
    }
    return paths;
  }

  private static void indexMembers(Tree tree, TreePath parent, Map<MethodSymbol, TreePath> paths) {
    if (!(tree instanceof ClassTree type)) {
      return;
    }
    TreePath typePath = new TreePath(parent, type);
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol != null) {
          paths.put(symbol, new TreePath(typePath, method));
        }
      } else {
        indexMembers(member, typePath, paths);
      }
    }
  }

  /** One scan of the whole unit, method bodies included; paths are built only for methods. */
  private static Map<MethodSymbol, TreePath> indexAll(CompilationUnitTree unit) {
    Map<MethodSymbol, TreePath> paths = new HashMap<>();
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        MethodSymbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null) {
          paths.put(symbol, currentPath());
        }
        return super.visitMethod(tree, null);
      }
    }.scanFrom(new TreePath(unit), null);
    return paths;
  }
}
