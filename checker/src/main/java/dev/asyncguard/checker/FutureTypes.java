package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Context;
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

  /** Whose API a hot future offers, so advice can name the methods it really has. */
  public enum Api {
    GUAVA,
    VERTX,
    NETTY,
    /** A Future that is not a CompletionStage: an executor's, or a client's own (async-http-client). */
    PLAIN,
    /** A CompletionStage, and anything else hot. */
    STAGE
  }

  /** The API a hot future's advice should speak in; the most specific one wins. */
  static Api apiOf(Type type, VisitorState state) {
    if (TypeNames.isSubtype(type, "com.google.common.util.concurrent.ListenableFuture", state)) {
      return Api.GUAVA;
    }
    if (TypeNames.isSubtype(type, "io.vertx.core.Future", state)) {
      return Api.VERTX;
    }
    if (TypeNames.isSubtype(type, "io.netty.util.concurrent.Future", state)) {
      return Api.NETTY;
    }
    return !TypeNames.isSubtype(type, "java.util.concurrent.CompletionStage", state)
            && TypeNames.isSubtype(type, "java.util.concurrent.Future", state)
        ? Api.PLAIN
        : Api.STAGE;
  }

  private static final Optional<Kind> HOT = Optional.of(Kind.HOT);
  private static final Optional<Kind> COLD = Optional.of(Kind.COLD);

  private final ImmutableList<String> extraTypes;
  private final PerCompilation<SupertypeMemo<Optional<Kind>>> kinds;

  public FutureTypes(AsyncGuardOptions options) {
    this.extraTypes = options.list(AsyncGuardOptions.Key.FUTURE_TYPES);
    this.kinds = new PerCompilation<>(this::kinds);
  }

  /**
   * The memos of one compilation, shared by the checks (each has its own FutureTypes), by the
   * future types configured: a class is classified once, not once per check.
   */
  private static final Context.Key<Map<ImmutableList<String>, SupertypeMemo<Optional<Kind>>>> SHARED =
      new Context.Key<>();

  private SupertypeMemo<Optional<Kind>> kinds(VisitorState state) {
    Map<ImmutableList<String>, SupertypeMemo<Optional<Kind>>> shared = state.context.get(SHARED);
    if (shared == null) {
      shared = new HashMap<>();
      state.context.put(SHARED, shared);
    }
    return shared.computeIfAbsent(extraTypes, types -> newMemo(state));
  }

  /**
   * A type is classified by its own name, then its direct supertypes', each type once; the named
   * types' interned names make the name test an identity comparison.
   */
  private SupertypeMemo<Optional<Kind>> newMemo(VisitorState state) {
    Map<Name, Optional<Kind>> named = new HashMap<>();
    for (String name : HOT_TYPES) {
      named.put(state.getName(name), HOT);
    }
    for (String name : extraTypes) {
      named.put(state.getName(name), HOT);
    }
    for (String name : COLD_TYPES) {
      named.put(state.getName(name), COLD);
    }
    return new SupertypeMemo<>(state.getTypes(), Optional.empty()) {
      @Override
      Optional<Kind> own(TypeSymbol type) {
        return named.getOrDefault(type.getQualifiedName(), Optional.empty());
      }

      /** Cold wins: some publishers also implement a hot name-alike. */
      @Override
      Optional<Kind> merge(Optional<Kind> soFar, Optional<Kind> ofSupertype) {
        return soFar.isEmpty() || ofSupertype.orElse(null) == Kind.COLD ? ofSupertype : soFar;
      }

      @Override
      boolean isFinal(Optional<Kind> kind) {
        return kind.orElse(null) == Kind.COLD;
      }
    };
  }

  /** The kind of a future-like type, or empty for anything else (primitives, null, plain types). */
  public Optional<Kind> kindOf(Type type, VisitorState state) {
    if (type == null || type.isPrimitiveOrVoid()) {
      return Optional.empty();
    }
    Type bound = TypeNames.classBound(type, state.getTypes());
    if (!bound.hasTag(TypeTag.CLASS)) {
      return Optional.empty();
    }
    return kinds.get(state).of(bound.tsym);
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
}
