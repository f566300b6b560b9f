package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the methods of this compilation are declared: the path to each method's tree.
 *
 * <p>{@code JavacTrees.getPath(element)} searches the whole compilation unit on every call, which
 * makes an analysis that visits every method of a unit quadratic in the unit's size. A member of a
 * named class is found instead from javac's own record of where each class is declared (its class
 * environment), among that class's members only; the constructor of an anonymous class being
 * created at the tree under analysis, in that class's body; a method of any other local or anonymous
 * class, declared inside a body, from an index of its unit built once, on first use.
 */
final class MethodDeclarations {

  /** The methods of each named class of this compilation, indexed when one of them is first asked for. */
  private static final Supplier<Map<ClassSymbol, Map<MethodSymbol, TreePath>>> MEMBERS =
      PerCompilation.sharedIdentityMap();

  /** Every method of a unit, local and anonymous classes included: built only when asked for one. */
  private static final Supplier<Map<CompilationUnitTree, Map<MethodSymbol, TreePath>>> LOCAL_INDEX =
      PerCompilation.sharedIdentityMap();

  private MethodDeclarations() {}

  /** The path to the method's declaration, or null if it has no source in this compilation. */
  static TreePath pathOf(MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof ClassSymbol owner)) {
      return null;
    }
    if (owner.isAnonymous()
        && state.getPath() != null
        && state.getPath().getLeaf() instanceof NewClassTree creation
        && creation.getClassBody() != null) {
      // The constructor of the anonymous class being created at the tree under analysis: its
      // declaration is in the class body right here.
      TreePath declaration =
          indexMembers(new TreePath(state.getPath(), creation.getClassBody())).get(method);
      if (declaration != null) {
        return declaration;
      }
    }
    Enter enter = Enter.instance(state.context);
    if (owner.isDirectlyOrIndirectlyLocal()) {
      Env<AttrContext> env = enter.getEnv(ASTHelpers.outermostClass(method));
      return env == null
          ? null
          : LOCAL_INDEX.get(state).computeIfAbsent(env.toplevel, MethodDeclarations::indexAll).get(method);
    }
    Map<MethodSymbol, TreePath> members =
        MEMBERS.get(state).computeIfAbsent(owner, type -> indexMembers(pathOfType(type, enter)));
    return members.get(method);
  }

  /** The methods declared in a class body, by symbol; none for null (a class without source). */
  private static Map<MethodSymbol, TreePath> indexMembers(TreePath type) {
    if (type == null) {
      return Map.of();
    }
    Map<MethodSymbol, TreePath> paths = new IdentityHashMap<>();
    for (JCTree member : ((JCClassDecl) type.getLeaf()).getMembers()) {
      if (member instanceof JCMethodDecl declaration && declaration.sym != null) {
        paths.put(declaration.sym, new TreePath(type, declaration));
      }
    }
    return paths;
  }

  /**
   * Whether no override can replace the method: it is private, static or final, or of a final or
   * anonymous class, or of a private or local class that no class of its compilation unit extends
   * (only code of that unit can name such a class). The body seen in this compilation is the one a
   * call runs.
   */
  static boolean cannotBeOverridden(MethodSymbol method, VisitorState state) {
    if ((method.flags() & (Flags.PRIVATE | Flags.STATIC | Flags.FINAL)) != 0) {
      return true;
    }
    if (!(method.owner instanceof ClassSymbol owner) || owner.isInterface()) {
      return false;
    }
    if ((owner.flags() & Flags.FINAL) != 0 || owner.isAnonymous()) {
      return true;
    }
    return ((owner.flags() & Flags.PRIVATE) != 0 || owner.isDirectlyOrIndirectlyLocal())
        && NEVER_EXTENDED.get(state).computeIfAbsent(owner, type -> noClassExtends(type, state));
  }

  /** Private and local classes of this compilation, and whether no class of their unit extends them. */
  private static final Supplier<Map<ClassSymbol, Boolean>> NEVER_EXTENDED =
      PerCompilation.sharedIdentityMap();

  /** One scan of the outermost class around {@code type}, the only code that can name it. */
  private static boolean noClassExtends(ClassSymbol type, VisitorState state) {
    Env<AttrContext> env = Enter.instance(state.context).getEnv(ASTHelpers.outermostClass(type));
    if (env == null || env.tree == null) {
      return false;
    }
    boolean[] extended = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) instanceof ClassSymbol declared
            && declared.getSuperclass() != null
            && declared.getSuperclass().tsym == type) {
          extended[0] = true;
          return null;
        }
        return extended[0] ? null : super.visitClass(tree, null);
      }
    }.scan(env.tree, null);
    return !extended[0];
  }

  /** The {@code new T() {..}} whose body the class at {@code classPath} is; null for a named class. */
  static TreePath anonymousInstance(TreePath classPath) {
    TreePath instance = classPath.getParentPath();
    return classPath.getLeaf() instanceof ClassTree body
            && instance != null
            && instance.getLeaf() instanceof NewClassTree made
            && made.getClassBody() == body
        ? instance
        : null;
  }

  /** The body of the method's declaration in this compilation; null if it has none here. */
  static BlockTree bodyOf(MethodSymbol method, VisitorState state) {
    TreePath declaration = pathOf(method, state);
    return declaration != null && declaration.getLeaf() instanceof MethodTree tree ? tree.getBody() : null;
  }

  /**
   * The path to the body of the method's declaration in this compilation, for a scan that needs the
   * paths of the trees in it; null if it has none here.
   */
  static TreePath bodyPathOf(MethodSymbol method, VisitorState state) {
    TreePath declaration = pathOf(method, state);
    return declaration != null && declaration.getLeaf() instanceof MethodTree tree && tree.getBody() != null
        ? new TreePath(declaration, tree.getBody())
        : null;
  }

  /** A named class's declaration, under those of the classes it is nested in; null if not in source. */
  private static TreePath pathOfType(ClassSymbol type, Enter enter) {
    Env<AttrContext> env = enter.getEnv(type);
    if (env == null || !(env.tree instanceof JCClassDecl declaration)) {
      return null;
    }
    TreePath enclosing =
        type.owner instanceof ClassSymbol outer ? pathOfType(outer, enter) : new TreePath(env.toplevel);
    return enclosing == null ? null : new TreePath(enclosing, declaration);
  }

  /** One scan of the whole unit, method bodies included; paths are built only for methods. */
  private static Map<MethodSymbol, TreePath> indexAll(CompilationUnitTree unit) {
    Map<MethodSymbol, TreePath> paths = new IdentityHashMap<>();
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
