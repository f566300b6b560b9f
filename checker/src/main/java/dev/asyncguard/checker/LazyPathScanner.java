package dev.asyncguard.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * A tree scanner that can give the path to the tree being visited, as javac's {@code
 * TreePathScanner} does, but builds path nodes only when asked (sharing them between requests)
 * instead of one for every tree it visits: the scans here visit whole method bodies and need a path
 * at a few trees only.
 */
abstract class LazyPathScanner<R, P> extends TreeScanner<R, P> {

  /** The trees from the scan's start down to the one being visited. */
  private final List<Tree> ancestors = new ArrayList<>();
  /** For each ancestor, its path if one was built (null otherwise). */
  private final List<TreePath> paths = new ArrayList<>();
  /** The path above the tree the scan started at; null when it started at a compilation unit. */
  private TreePath above;

  /** Scans the tree at {@code path}; the paths given out extend it. */
  final R scanFrom(TreePath path, P parameter) {
    above = path.getParentPath();
    return scan(path.getLeaf(), parameter);
  }

  @Override
  public R scan(Tree tree, P parameter) {
    if (tree == null) {
      return null;
    }
    ancestors.add(tree);
    paths.add(null);
    try {
      return super.scan(tree, parameter);
    } finally {
      ancestors.remove(ancestors.size() - 1);
      paths.remove(paths.size() - 1);
    }
  }

  /** The path to the tree being visited, built from the nearest ancestor that has one. */
  final TreePath currentPath() {
    int depth = ancestors.size() - 1;
    int from = depth;
    while (from >= 0 && paths.get(from) == null) {
      from--;
    }
    TreePath path = from < 0 ? above : paths.get(from);
    for (int i = from + 1; i <= depth; i++) {
      path =
          path == null
              ? new TreePath((CompilationUnitTree) ancestors.get(i))
              : new TreePath(path, ancestors.get(i));
      paths.set(i, path);
    }
    return path;
  }
}
