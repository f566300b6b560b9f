package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which types are future-like: the one definition every AsyncGuard check asks.
 *
 * <p>Types are matched by name, so none of the async libraries is a dependency. A <em>hot</em> future
 * (a {@code CompletableFuture}, a {@code ListenableFuture}) already runs: dropping it loses its
 * failure. A <em>cold</em> publisher (a Reactor {@code Mono}, an RxJava {@code Single}, a Mutiny
 * {@code Uni}) does nothing until subscribed: dropping it means the work never happens.
 */
public final class FutureTypes {

  /** How a future-like value behaves when nobody looks at it. */
  public enum Kind {
    /** Already running: a dropped one loses its failure. */
    HOT,
    /** Runs only when subscribed: a dropped one never runs. */
    COLD
  }

  /** Cold publishers: where a type is both, cold wins (some publishers also implement a hot name-alike). */
  public static final ImmutableList<String> COLD_TYPES =
      ImmutableList.of(
          "org.reactivestreams.Publisher",
          "java.util.concurrent.Flow.Publisher",
          "io.reactivex.SingleSource",
          "io.reactivex.MaybeSource",
          "io.reactivex.CompletableSource",
          "io.reactivex.ObservableSource",
          "io.reactivex.rxjava3.core.SingleSource",
          "io.reactivex.rxjava3.core.MaybeSource",
          "io.reactivex.rxjava3.core.CompletableSource",
          "io.reactivex.rxjava3.core.ObservableSource",
          "io.smallrye.mutiny.Uni",
          "io.smallrye.mutiny.Multi");

  /** Hot futures (Guava's ListenableFuture and Netty's Future are covered as Futures). */
  public static final ImmutableList<String> HOT_TYPES =
      ImmutableList.of(
          "java.util.concurrent.Future",
          "java.util.concurrent.CompletionStage",
          "com.google.common.util.concurrent.ListenableFuture",
          "io.vertx.core.Future");

  private final ImmutableList<String> extraTypes;
  private final PerCompilation<Map<TypeSymbol, Optional<Kind>>> cache =
      PerCompilation.newHashMap();

  /** The named types' interned names, per compilation: classifying then compares identities. */
  private final PerCompilation<Map<Name, Kind>> kindsByName;

  public FutureTypes(AsyncGuardOptions options) {
    this.extraTypes = options.list(AsyncGuardOptions.Key.FUTURE_TYPES);
    this.kindsByName = new PerCompilation<>(this::kindsByName);
  }

  private Map<Name, Kind> kindsByName(VisitorState state) {
    Map<Name, Kind> named = new HashMap<>();
    for (String name : HOT_TYPES) {
      named.put(state.getName(name), Kind.HOT);
    }
    for (String name : extraTypes) {
      named.put(state.getName(name), Kind.HOT);
    }
    for (String name : COLD_TYPES) {
      named.put(state.getName(name), Kind.COLD);
    }
    return named;
  }

  /** The kind of a future-like type, or empty for anything else (primitives, null, plain types). */
  public Optional<Kind> kindOf(Type type, VisitorState state) {
    if (type == null) {
      return Optional.empty();
    }
    Type bound = TypeNames.classBound(type, state.getTypes());
    if (!bound.hasTag(TypeTag.CLASS)) {
      return Optional.empty();
    }
    Map<TypeSymbol, Optional<Kind>> kinds = cache.get(state);
    Optional<Kind> known = kinds.get(bound.tsym);
    return known != null ? known : classify(bound.tsym, kinds, kindsByName.get(state), state.getTypes());
  }

  public boolean isFutureLike(Type type, VisitorState state) {
    return kindOf(type, state).isPresent();
  }

  /**
   * For a future-like type whose value is itself future-like ({@code CompletableFuture<Mono<T>>}),
   * the inner type; otherwise empty.
   */
  public Optional<Type> nestedFuture(Type type, VisitorState state) {
    if (type == null || kindOf(type, state).isEmpty()) {
      return Optional.empty();
    }
    for (Type argument : TypeNames.classBound(type, state.getTypes()).getTypeArguments()) {
      if (kindOf(argument, state).isPresent()) {
        return Optional.of(argument);
      }
    }
    return Optional.empty();
  }

  /**
   * A type's own name, then its direct supertypes', each type classified once per compilation: the
   * classes of a project share their supertypes, so nearly every lookup is a memo hit (javac's
   * supertype closure, built and merged per type, cost more).
   */
  private static Optional<Kind> classify(
      TypeSymbol symbol, Map<TypeSymbol, Optional<Kind>> kinds, Map<Name, Kind> named, Types types) {
    Optional<Kind> known = kinds.get(symbol);
    if (known != null) {
      return known;
    }
    // A placeholder while the supertypes are walked: only a cyclic hierarchy (which javac rejects
    // in source) could read it.
    kinds.put(symbol, Optional.empty());
    Kind found = named.get(symbol.getQualifiedName());
    try {
      if (found != Kind.COLD) {
        found = stronger(found, supertypeKind(types.supertype(symbol.type), kinds, named, types));
        for (Type anInterface : types.interfaces(symbol.type)) {
          if (found == Kind.COLD) {
            break;
          }
          found = stronger(found, supertypeKind(anInterface, kinds, named, types));
        }
      }
    } catch (RuntimeException | Error e) {
      kinds.remove(symbol); // an unfinished walk must not be remembered as "not a future"
      throw e;
    }
    Optional<Kind> kind = Optional.ofNullable(found);
    kinds.put(symbol, kind);
    return kind;
  }

  private static Kind supertypeKind(
      Type supertype, Map<TypeSymbol, Optional<Kind>> kinds, Map<Name, Kind> named, Types types) {
    return supertype.hasTag(TypeTag.CLASS) ? classify(supertype.tsym, kinds, named, types).orElse(null) : null;
  }

  /** Cold wins: some publishers also implement a hot name-alike. */
  private static Kind stronger(Kind one, Kind other) {
    return one == Kind.COLD || other == Kind.COLD ? Kind.COLD : one != null ? one : other;
  }
}
