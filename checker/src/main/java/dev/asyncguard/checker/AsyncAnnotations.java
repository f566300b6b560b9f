package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The annotations that mark code non-blocking, blocking, or allowed to block; matched by name. */
final class AsyncAnnotations {

  static final ImmutableSet<String> NON_BLOCKING =
      ImmutableSet.of(
          "dev.asyncguard.annotations.NonBlocking",
          "org.jetbrains.annotations.NonBlocking",
          "io.smallrye.common.annotation.NonBlocking",
          "io.micronaut.core.annotation.NonBlocking");

  static final ImmutableSet<String> BLOCKING =
      ImmutableSet.of(
          "dev.asyncguard.annotations.Blocking",
          "org.jetbrains.annotations.Blocking",
          "io.smallrye.common.annotation.Blocking",
          "io.micronaut.core.annotation.Blocking");

  static final String ALLOW_BLOCKING = "dev.asyncguard.annotations.AllowBlocking";

  private final ImmutableSet<String> nonBlocking;
  private final ImmutableSet<String> blocking;

  AsyncAnnotations(AsyncGuardOptions options) {
    this.nonBlocking =
        ImmutableSet.<String>builder()
            .addAll(NON_BLOCKING)
            .addAll(options.list(AsyncGuardOptions.Key.NON_BLOCKING_ANNOTATIONS))
            .build();
    this.blocking =
        ImmutableSet.<String>builder()
            .addAll(BLOCKING)
            .addAll(options.list(AsyncGuardOptions.Key.BLOCKING_ANNOTATIONS))
            .build();
  }

  /** The simple name of a non-blocking annotation on the symbol itself, if any. */
  Optional<String> nonBlockingOn(Symbol symbol) {
    return annotationAmong(symbol, nonBlocking);
  }

  /** The non-blocking annotation on the method or on a method it overrides. */
  Optional<String> nonBlockingOnMethod(MethodSymbol method, VisitorState state) {
    return memo.get(state).nonBlocking.computeIfAbsent(
        method, m -> onMethodOrOverridden(m, nonBlocking, state));
  }

  /** The blocking annotation on the method or on a method it overrides. */
  Optional<String> blockingOnMethod(MethodSymbol method, VisitorState state) {
    return memo.get(state).blocking.computeIfAbsent(
        method, m -> onMethodOrOverridden(m, blocking, state));
  }

  /** Looking through overridden methods is costly and asked for every call in async code: once each. */
  private static final class Memo {
    final Map<MethodSymbol, Optional<String>> nonBlocking = new HashMap<>();
    final Map<MethodSymbol, Optional<String>> blocking = new HashMap<>();
  }

  private final Supplier<Memo> memo = VisitorState.memoize(state -> new Memo());

  private static Optional<String> onMethodOrOverridden(
      MethodSymbol method, ImmutableSet<String> names, VisitorState state) {
    Optional<String> direct = annotationAmong(method, names);
    if (direct.isPresent()) {
      return direct;
    }
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      Optional<String> inherited = annotationAmong(overridden, names);
      if (inherited.isPresent()) {
        return inherited;
      }
    }
    return Optional.empty();
  }

  /** {@code @AllowBlocking} on the symbol or an enclosing type. */
  static boolean allowsBlocking(Symbol symbol) {
    for (Symbol s = symbol; s != null && s.getKind() != javax.lang.model.element.ElementKind.PACKAGE; s = s.owner) {
      if (annotationAmong(s, ImmutableSet.of(ALLOW_BLOCKING)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> annotationAmong(Symbol symbol, ImmutableSet<String> names) {
    for (Attribute.Compound annotation : symbol.getRawAttributes()) {
      Symbol type = annotation.type.tsym;
      if (type != null && names.contains(type.getQualifiedName().toString())) {
        return Optional.of(type.getSimpleName().toString());
      }
    }
    return Optional.empty();
  }
}
