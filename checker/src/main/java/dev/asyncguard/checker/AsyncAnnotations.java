package dev.asyncguard.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Name;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
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
  private static final ImmutableSet<String> ALLOW_BLOCKING_ONLY = ImmutableSet.of(ALLOW_BLOCKING);

  /**
   * A framework runs a method so annotated (or a method of a type so annotated) on an executor of
   * its own and hands the caller a future, or nothing, at once: its body may block, and calling it
   * does not block the caller.
   */
  static final ImmutableSet<String> RUNS_ON_EXECUTOR =
      ImmutableSet.of(
          "org.springframework.scheduling.annotation.Async",
          "jakarta.ejb.Asynchronous",
          "javax.ejb.Asynchronous",
          "jakarta.enterprise.concurrent.Asynchronous",
          "org.eclipse.microprofile.faulttolerance.Asynchronous",
          "io.micronaut.scheduling.annotation.Async",
          "io.micronaut.scheduling.annotation.ExecuteOn",
          "com.linecorp.armeria.server.annotation.Blocking");

  /**
   * The executor annotations that act through a proxy around the object: a call through {@code this}
   * bypasses the proxy and runs the method on the caller's thread (Spring's documented
   * self-invocation limit; EJB's container likewise).
   */
  private static final ImmutableSet<String> APPLIED_BY_A_PROXY =
      ImmutableSet.of(
          "org.springframework.scheduling.annotation.Async", "jakarta.ejb.Asynchronous", "javax.ejb.Asynchronous");

  private static final ImmutableSet<String> EJB_ASYNCHRONOUS =
      ImmutableSet.of("jakarta.ejb.Asynchronous", "javax.ejb.Asynchronous");

  private static final ImmutableSet<String> SPRING_ASYNC =
      ImmutableSet.of("org.springframework.scheduling.annotation.Async");

  /** Spring's {@code @Async} woven with AspectJ ({@code @EnableAsync(mode = ASPECTJ)}): no proxy. */
  private final boolean asyncWovenByAspectJ;

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
    this.asyncWovenByAspectJ = options.isTrue(AsyncGuardOptions.Key.ASYNC_WOVEN_BY_ASPECTJ);
    this.memo = new PerCompilation<>(state -> new Memo(nonBlocking, blocking, state));
  }

  /**
   * Whether any non-blocking annotation type is known to this compilation. When none is (most
   * projects), no symbol of the code being analyzed carries one, and every method of it is asked
   * whether it is async code: {@link EnteredAnnotations} says why the answer holds.
   */
  boolean anyNonBlockingKnown(VisitorState state) {
    return memo.get(state).nonBlockingEntered.anyEntered(state);
  }

  /**
   * The simple name of a non-blocking annotation on the symbol itself, if any (asked after {@link
   * #anyNonBlockingKnown}).
   */
  Optional<String> nonBlockingOn(Symbol symbol) {
    return annotationAmong(symbol, nonBlocking);
  }

  /** The non-blocking annotation on the method or on a method it overrides. */
  Optional<String> nonBlockingOnMethod(MethodSymbol method, VisitorState state) {
    Memo m = memo.get(state);
    return memoized(m.nonBlocking, method, nonBlocking, m.nonBlockingEntered, state);
  }

  /** The blocking annotation on the method or on a method it overrides. */
  Optional<String> blockingOnMethod(MethodSymbol method, VisitorState state) {
    Memo m = memo.get(state);
    return memoized(m.blocking, method, blocking, m.blockingEntered, state);
  }

  /**
   * A blocking annotation on the class declaring the method (SmallRye's and Micronaut's {@code
   * @Blocking} on a class say that its methods may block), unless the method itself is marked
   * non-blocking. It makes the methods no async contexts; it does not make calling a getter of the
   * class blocking: what their bodies do decides that.
   */
  boolean blockingOnType(MethodSymbol method, VisitorState state) {
    return memo.get(state).blockingEntered.anyEntered(state)
        && method.owner instanceof ClassSymbol owner
        && annotationAmong(owner, blocking).isPresent()
        && annotationAmong(method, nonBlocking).isEmpty();
  }

  /**
   * Whether calling the method hands its body to a framework's executor: a framework annotation on
   * it, on its class, or on a method it overrides (Spring's {@code @Async} on an interface method
   * applies to its implementations), on a method a proxy or generated subclass can intercept. A
   * static or private method or a constructor runs where it is called, whatever the annotation
   * says, unless Spring's {@code @Async} is woven with AspectJ, which reaches those methods too.
   */
  boolean runsOnExecutor(MethodSymbol method, VisitorState state) {
    if (method.isConstructor() || !underExecutorAnnotation(method, state)) {
      return false;
    }
    return isInterceptable(method) || wovenSpringAsync(method);
  }

  /** Whether a proxy or a generated subclass can intercept a call of the method. */
  private static boolean isInterceptable(MethodSymbol method) {
    return !method.isStatic() && (method.flags() & Flags.PRIVATE) == 0;
  }

  /** Spring's {@code @Async} on the method or its class, woven with AspectJ: it reaches any method. */
  private boolean wovenSpringAsync(MethodSymbol method) {
    return asyncWovenByAspectJ && onMethodOrItsClass(method, SPRING_ASYNC).isPresent();
  }

  /**
   * Whether a framework's executor annotation covers the method (see {@link #runsOnExecutor}),
   * whether or not it can intercept it: on the method itself, or on its class for a method the
   * framework intercepts or a private helper, which only the class's own code calls, from the
   * executor. Not a non-private static method of an annotated class: anyone may call it (unless
   * Spring's {@code @Async} is woven with AspectJ, which reaches static methods too).
   */
  boolean underExecutorAnnotation(MethodSymbol method, VisitorState state) {
    Memo m = memo.get(state);
    if (!m.runsOnExecutorEntered.anyEntered(state)) {
      return false;
    }
    if (annotationAmong(method, RUNS_ON_EXECUTOR).isPresent()) {
      return true;
    }
    boolean coveredByItsClass =
        !method.isStatic() || (method.flags() & Flags.PRIVATE) != 0 || wovenSpringAsync(method);
    if (coveredByItsClass && method.owner != null && annotationAmong(method.owner, RUNS_ON_EXECUTOR).isPresent()) {
      return true;
    }
    if (!OverriddenMethods.mayOverride(method)) {
      return false;
    }
    Boolean inherited = m.inheritedExecutorAnnotation.get(method);
    if (inherited == null) {
      inherited =
          OverriddenMethods.first(
                  method,
                  overridden -> annotationAmong(overridden, RUNS_ON_EXECUTOR).isPresent(),
                  state.getTypes())
              .isPresent();
      m.inheritedExecutorAnnotation.put(method, inherited);
    }
    return inherited;
  }

  /**
   * The simple name of the proxy-applied executor annotation (Spring's {@code @Async}, EJB's {@code
   * @Asynchronous}) that runs the method on an executor, on it, its class or a method it overrides;
   * empty for any other way (or none). Asked only of calls through {@code this}.
   */
  Optional<String> appliedByAProxy(MethodSymbol method, VisitorState state) {
    if (!runsOnExecutor(method, state)) {
      return Optional.empty();
    }
    return PerCompilation.lookUp(memo.get(state).appliedByAProxy, method, m -> proxyAnnotation(m, state));
  }

  private Optional<String> proxyAnnotation(MethodSymbol method, VisitorState state) {
    if (asyncWovenByAspectJ) {
      // Spring's @Async woven into the class applies to calls through this too; EJB's still does not.
      return proxyAnnotationAmong(method, EJB_ASYNCHRONOUS, state);
    }
    return proxyAnnotationAmong(method, APPLIED_BY_A_PROXY, state);
  }

  private static Optional<String> proxyAnnotationAmong(
      MethodSymbol method, ImmutableSet<String> names, VisitorState state) {
    Optional<String> found = onMethodOrItsClass(method, names);
    if (found.isPresent()) {
      return found;
    }
    return OverriddenMethods.first(
            method, overridden -> annotationAmong(overridden, names).isPresent(), state.getTypes())
        .flatMap(overridden -> annotationAmong(overridden, names));
  }

  /**
   * None when javac knows none of the annotation types; else the method's own annotation, else a
   * memoized search of the methods it overrides.
   */
  private static Optional<String> memoized(
      Map<MethodSymbol, Optional<String>> known,
      MethodSymbol method,
      ImmutableSet<String> names,
      EnteredAnnotations entered,
      VisitorState state) {
    if (!entered.anyEntered(state)) {
      return Optional.empty();
    }
    Optional<String> direct = annotationAmong(method, names);
    if (direct.isPresent() || !OverriddenMethods.mayOverride(method)) {
      return direct;
    }
    Optional<String> inherited = known.get(method);
    if (inherited == null) {
      inherited =
          OverriddenMethods.first(
                  method, overridden -> annotationAmong(overridden, names).isPresent(), state.getTypes())
              .flatMap(overridden -> annotationAmong(overridden, names));
      known.put(method, inherited);
    }
    return inherited;
  }

  /** Searching overridden methods is costly, and asked for every call in async code: once each. */
  private static final class Memo {
    final Map<MethodSymbol, Optional<String>> nonBlocking = new IdentityHashMap<>();
    final Map<MethodSymbol, Optional<String>> blocking = new IdentityHashMap<>();
    final Map<MethodSymbol, Boolean> inheritedExecutorAnnotation = new IdentityHashMap<>();
    final Map<MethodSymbol, Optional<String>> appliedByAProxy = new IdentityHashMap<>();
    final EnteredAnnotations nonBlockingEntered;
    final EnteredAnnotations blockingEntered;
    final EnteredAnnotations runsOnExecutorEntered;

    Memo(ImmutableSet<String> nonBlocking, ImmutableSet<String> blocking, VisitorState state) {
      this.nonBlockingEntered = new EnteredAnnotations(flatNameCandidates(nonBlocking, state));
      this.blockingEntered = new EnteredAnnotations(flatNameCandidates(blocking, state));
      this.runsOnExecutorEntered = new EnteredAnnotations(flatNameCandidates(RUNS_ON_EXECUTOR, state));
    }
  }

  /**
   * Whether javac knows any of the annotation types at all. An annotation on a method or a type, in
   * source or in a class file, enters its type's symbol when the annotated class is read, and a
   * method's class and supertypes are read before it is analyzed; so when none is entered, neither
   * the method, nor a method it overrides, nor a type it is nested in can carry one, and those
   * searches are skipped (most projects use none).
   *
   * <p>Asked once per compilation unit, and never again once the answer is yes (javac does not
   * forget a class). That holds because every method asked about was resolved by javac while it
   * attributed a unit (a method declared there, or a callee it resolved), and resolving a method
   * reads its class's supertypes first. A method javac never resolved (one looked up by name)
   * would need the lookup per call again.
   */
  private static final class EnteredAnnotations {
    private final List<Name> flatNames;
    private boolean entered;
    private CompilationUnitTree askedFor;

    EnteredAnnotations(List<Name> flatNames) {
      this.flatNames = flatNames;
    }

    boolean anyEntered(VisitorState state) {
      CompilationUnitTree unit = state.getPath() == null ? null : state.getPath().getCompilationUnit();
      if (entered || (unit != null && unit == askedFor)) {
        return entered;
      }
      askedFor = unit;
      entered = lookUp(state);
      return entered;
    }

    /** Kept out of {@link #anyEntered}, asked on nearly every call: a JIT inlines only the check. */
    private boolean lookUp(VisitorState state) {
      for (Name flatName : flatNames) {
        if (state.getSymtab().getClassesForName(flatName).iterator().hasNext()) {
          return true;
        }
      }
      return false;
    }
  }

  private final PerCompilation<Memo> memo;

  /** {@code a.b.Outer.Inner} may be a nested type: {@code a.b.Outer.Inner}, {@code a.b.Outer$Inner}, ... */
  private static List<Name> flatNameCandidates(ImmutableSet<String> names, VisitorState state) {
    List<Name> candidates = new ArrayList<>();
    for (String name : names) {
      candidates.add(state.getName(name));
      for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
        candidates.add(state.getName(name.substring(0, dot) + name.substring(dot).replace('.', '$')));
      }
    }
    return candidates;
  }

  /** {@code @AllowBlocking} on the symbol or an enclosing type. */
  static boolean allowsBlocking(Symbol symbol) {
    return onSymbolOrEnclosingType(symbol, ALLOW_BLOCKING_ONLY);
  }

  private static boolean onSymbolOrEnclosingType(Symbol symbol, ImmutableSet<String> names) {
    for (Symbol s = symbol; s != null && s.getKind() != javax.lang.model.element.ElementKind.PACKAGE; s = s.owner) {
      if (annotationAmong(s, names).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * An executor annotation on the method or on the class declaring it: frameworks apply a type's
   * annotation to the bean class's own methods, not to those of a class nested or made inside it (a
   * callback {@code new Runnable() {..}} in an {@code @Async} bean runs where it is called back).
   */
  private static Optional<String> onMethodOrItsClass(MethodSymbol method, ImmutableSet<String> names) {
    Optional<String> found = annotationAmong(method, names);
    return found.isPresent() || method.owner == null ? found : annotationAmong(method.owner, names);
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
