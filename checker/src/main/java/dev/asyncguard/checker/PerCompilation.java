package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.sun.tools.javac.util.Context;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A value made once per compilation, for a checker's own collaborators (which live no longer than
 * the checker, itself made per compilation).
 *
 * <p>Error Prone's {@code VisitorState.memoize} allocates a state and takes a lock on every
 * {@code get}, and keeps its value only softly; the type and method memos here are asked for on
 * nearly every tree node, so they compare the compilation's context instead.
 */
final class PerCompilation<T> {

  private final Function<VisitorState, T> factory;
  private Context context;
  private T value;

  PerCompilation(Function<VisitorState, T> factory) {
    this.factory = factory;
  }

  /**
   * An empty identity map per compilation, for a memo keyed by javac's symbols (which are compared
   * by identity anyway): no entry objects, and one shared factory instead of a lambda per memo.
   */
  static <K, V> PerCompilation<Map<K, V>> newIdentityMap() {
    return new PerCompilation<>(state -> new IdentityHashMap<>());
  }

  /**
   * An empty identity map per compilation for a static memo, which every checker instance shares
   * (Error Prone's memoize, safe across threads). One lambda for all of them: the JVM spins a class
   * for each lambda the first time it runs, and every javac process pays that again.
   */
  static <K, V> Supplier<Map<K, V>> sharedIdentityMap() {
    return VisitorState.memoize(state -> new IdentityHashMap<>());
  }

  /**
   * The memo's value for {@code key} in this compilation, computed on the first ask (the computation
   * may ask the memo for other keys).
   */
  static <K, V> V lookUp(PerCompilation<Map<K, V>> memo, K key, VisitorState state, Function<K, V> compute) {
    return lookUp(memo.get(state), key, compute);
  }

  /** The map's value for {@code key}, computed and kept on the first ask (re-entrant, unlike computeIfAbsent). */
  static <K, V> V lookUp(Map<K, V> known, K key, Function<K, V> compute) {
    V value = known.get(key);
    if (value == null) {
      value = compute.apply(key);
      known.put(key, value);
    }
    return value;
  }

  /**
   * The map's value for {@code key}, computed and kept on the first ask, for a computation that may
   * reach the same key again (a helper whose body calls itself): there it sees {@code whileComputing},
   * a verdict that proves nothing.
   */
  static <K, V> V lookUpAssuming(Map<K, V> known, K key, V whileComputing, Function<K, V> compute) {
    V value = known.get(key);
    if (value == null) {
      int[] depth = NESTED_COMPUTATIONS.get();
      if (depth[0] >= MAX_NESTED_COMPUTATIONS) {
        // A chain of helpers each asking about the next, hundreds deep (generated code): the
        // verdict that proves nothing, rather than a StackOverflowError in javac. Not kept here,
        // but the computations above it keep what it led them to.
        return whileComputing;
      }
      known.put(key, whileComputing);
      depth[0]++;
      try {
        value = compute.apply(key);
      } finally {
        depth[0]--;
      }
      known.put(key, value);
    }
    return value;
  }

  /**
   * How many {@link #lookUpAssuming} computations are under way on this thread: each may scan a
   * helper's body and ask about the helpers it calls, so the chain's length is the recursion's depth.
   */
  private static final ThreadLocal<int[]> NESTED_COMPUTATIONS = ThreadLocal.withInitial(() -> new int[1]);

  /** Beyond real helper chains; each level takes several kilobytes of javac's stack (1 MB by default). */
  static final int MAX_NESTED_COMPUTATIONS = 64;

  T get(VisitorState state) {
    if (state.context != context) {
      value = factory.apply(state);
      context = state.context;
    }
    return value;
  }
}
