package dev.asyncguard.checker;

import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Searches the methods a method overrides for one with a wanted property (an annotation, a return
 * type), testing that property before javac's override test.
 *
 * <p>Error Prone's {@code findSuperMethods} runs the override test, which substitutes the
 * supertype's type arguments, on every same-named member of every supertype, and collects them all.
 * The properties asked about here are rare, so nearly every search ends after name lookups.
 */
final class OverriddenMethods {

  private OverriddenMethods() {}

  /** Whether {@code method} overrides anything at all. */
  static boolean overridesAny(MethodSymbol method, Types types) {
    return first(method, overridden -> true, types).isPresent();
  }

  /** Constructors and static or private methods override nothing. */
  static boolean mayOverride(MethodSymbol method) {
    return !method.isConstructor() && (method.flags() & (Flags.STATIC | Flags.PRIVATE)) == 0;
  }

  /**
   * The first method, in the order of javac's supertype closure, that {@code method} overrides and
   * that satisfies {@code wanted}. Every same-named member of a supertype is considered, where
   * Error Prone's {@code findSuperMethods} keeps only the first that is overridden: a method can
   * override two members of one generic supertype ({@code m(T)} and {@code m(String)} of {@code
   * I<String>}), and a mark on either applies.
   */
  static Optional<MethodSymbol> first(
      MethodSymbol method, Predicate<MethodSymbol> wanted, Types types) {
    if (!mayOverride(method) || !(method.owner instanceof TypeSymbol owner)) {
      return Optional.empty();
    }
    for (Type supertype : types.closure(owner.type)) {
      if (supertype.tsym == owner || supertype.tsym == null) {
        continue;
      }
      for (Symbol member : supertype.tsym.members().getSymbolsByName(method.name)) {
        if (member instanceof MethodSymbol candidate
            && (candidate.flags() & (Flags.STATIC | Flags.SYNTHETIC)) == 0
            && wanted.test(candidate)
            && method.overrides(candidate, owner, types, /* checkResult= */ true)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
