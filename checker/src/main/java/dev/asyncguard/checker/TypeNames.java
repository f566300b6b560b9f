package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;

/** Subtype tests against types named by string, so no async library needs to be on the classpath. */
final class TypeNames {

  private TypeNames() {}

  /** Whether {@code type} is a subtype of the (erased) type {@code name}; false when it is absent. */
  static boolean isSubtype(Type type, String name, VisitorState state) {
    if (type == null) {
      return false;
    }
    // VisitorState caches name lookups per compilation.
    Type target = state.getTypeFromString(name);
    if (target == null) {
      return false;
    }
    return state.getTypes().isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(target));
  }

  /** Whether the symbol's owning class is a subtype of {@code name}. */
  static boolean ownerIsSubtype(Symbol symbol, String name, VisitorState state) {
    return symbol != null
        && symbol.owner != null
        && isSubtype(symbol.owner.type, name, state);
  }
}
