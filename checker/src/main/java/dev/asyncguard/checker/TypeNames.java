package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.Collection;
import java.util.List;

/** Subtype tests against types named by string, so no async library needs to be on the classpath. */
final class TypeNames {

  /** Loggers: every argument is rendered as text, and their methods take Throwables to print. */
  static final ImmutableList<String> LOGGER_TYPES =
      ImmutableList.of(
          "org.slf4j.Logger",
          "java.util.logging.Logger",
          "org.apache.logging.log4j.Logger",
          "org.apache.commons.logging.Log",
          "java.lang.System.Logger");

  private TypeNames() {}

  /**
   * Whether {@code type} is a subtype of the (erased) type {@code name}; false when it is absent.
   *
   * <p>Compares names along the type's supertype closure (which javac caches) instead of looking the
   * name up: most named types (Reactor, RxJava, OkHttp, ...) are absent from a given classpath, and
   * every lookup of an absent name searches the whole classpath.
   */
  static boolean isSubtype(Type type, String name, VisitorState state) {
    for (Type supertype : closureOf(type, state)) {
      if (supertype.tsym != null && supertype.tsym.getQualifiedName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The erased type's supertype closure (javac caches it); empty for null and non-class types. */
  private static List<Type> closureOf(Type type, VisitorState state) {
    if (type == null) {
      return List.of();
    }
    Type erased = state.getTypes().erasure(type);
    return erased.hasTag(TypeTag.CLASS) ? state.getTypes().closure(erased) : List.of();
  }

  /**
   * Whether {@code type} is a subtype of any of the (erased) types named; false for absent ones. One
   * walk of the closure: given a set (Reactor's and RxJava's publishers), each supertype is one lookup.
   */
  static boolean isSubtypeOfAny(Type type, Collection<String> names, VisitorState state) {
    for (Type supertype : closureOf(type, state)) {
      if (supertype.tsym != null && names.contains(supertype.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }

  private static final ImmutableSet<String> JDK_FUTURES =
      ImmutableSet.of("java.util.concurrent.Future", "java.util.concurrent.CompletionStage");

  /** A JDK future: a {@code Future} or a {@code CompletionStage} (one walk of the closure). */
  static boolean isJdkFuture(Type type, VisitorState state) {
    return isSubtypeOfAny(type, JDK_FUTURES, state);
  }

  /** Whether the erasure of {@code type} is the type {@code name} itself; false when it is absent. */
  static boolean isExactly(Type type, String name, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    return erased.hasTag(TypeTag.CLASS) && erased.tsym.getQualifiedName().contentEquals(name);
  }

  /**
   * The class type that {@code type} stands for: itself, or the bound of a type variable or wildcard,
   * followed through bounds that are variables too ({@code <T extends U, U extends Future<V>>}). An
   * intersection bound ({@code Object & Future<V>}) is a class type of its own.
   */
  static Type classBound(Type type, Types types) {
    Type bound = type;
    for (int step = 0; step < MAX_BOUND_STEPS && !bound.hasTag(TypeTag.CLASS); step++) {
      Type next = ASTHelpers.getUpperBound(bound, types);
      if (next == bound) {
        break;
      }
      bound = next;
    }
    return bound;
  }

  /** javac rejects cyclic bounds; the limit only keeps a broken type from looping. */
  private static final int MAX_BOUND_STEPS = 16;

  /** Whether the symbol's owning class is a subtype of {@code name}. */
  static boolean ownerIsSubtype(Symbol symbol, String name, VisitorState state) {
    return symbol != null
        && symbol.owner != null
        && isSubtype(symbol.owner.type, name, state);
  }
}
