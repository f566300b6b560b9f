package dev.asyncguard.checker;

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
  /** For each ancestor, its path if one was built (null otherwise); the start's is given. */
  private final List<TreePath> paths = new ArrayList<>();
  private TreePath start;

  /** Scans the tree at {@code path}; the paths given out extend it. */
  final R scanFrom(TreePath path, P parameter) {
    start = path;
    try {
      return scan(path.getLeaf(), parameter);
    } finally {
      start = null;
    }
  }

  @Override
  public R scan(Tree tree, P parameter) {
    if (tree == null) {
      return null;
    }
    paths.add(ancestors.isEmpty() ? start : null);
    ancestors.add(tree);
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
    if (from < 0) {
      throw new IllegalStateException("currentPath() is only known inside a scan begun by scanFrom");
    }
    TreePath path = paths.get(from);
    for (int i = from + 1; i <= depth; i++) {
      path = new TreePath(path, ancestors.get(i));
      paths.set(i, path);
    }
    return path;
  }
}
