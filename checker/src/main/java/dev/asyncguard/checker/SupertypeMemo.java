package dev.asyncguard.checker;

import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A value per class made from the class's own name and its direct supertypes' values, each class
 * once per compilation. A project's classes share their supertypes, so nearly every lookup is a
 * memo hit; javac's supertype closure, built and merged per type, costs more. Made per compilation.
 */
abstract class SupertypeMemo<V> {

  private final Map<TypeSymbol, V> known = new IdentityHashMap<>();
  private final Types types;
  private final V none;

  /** {@code none}: the value of a class that has nothing, also read as a cycle's placeholder. */
  SupertypeMemo(Types types, V none) {
    this.types = types;
    this.none = none;
  }

  /** The value the class has by itself (by its name). */
  abstract V own(TypeSymbol type);

  /** The value so far combined with a direct supertype's value. */
  abstract V merge(V soFar, V ofSupertype);

  /** Whether no supertype can change the value any more. */
  boolean isFinal(V value) {
    return false;
  }

  final V of(TypeSymbol type) {
    V value = known.get(type);
    return value != null ? value : walk(type);
  }

  /**
   * A class seen for the first time. Kept out of {@link #of}, which runs for nearly every tree
   * node: a JIT compiler then inlines only the lookup into its callers, not this walk (recursively).
   */
  private V walk(TypeSymbol type) {
    V value;
    // A placeholder while the supertypes are walked: only a cyclic hierarchy (which javac rejects
    // in source) could read it.
    known.put(type, none);
    try {
      value = own(type);
      if (!isFinal(value)) {
        value = mergeSupertype(value, types.supertype(type.type));
        for (Type anInterface : types.interfaces(type.type)) {
          if (isFinal(value)) {
            break;
          }
          value = mergeSupertype(value, anInterface);
        }
      }
    } catch (RuntimeException | Error e) {
      known.remove(type); // an unfinished walk must not be remembered as "nothing"
      throw e;
    }
    known.put(type, value);
    return value;
  }

  private V mergeSupertype(V soFar, Type supertype) {
    return supertype.hasTag(TypeTag.CLASS) ? merge(soFar, of(supertype.tsym)) : soFar;
  }
}
