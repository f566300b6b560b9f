package dev.asyncguard.checker;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.Optional;

/**
 * A future of a future, made by mapping with a function that itself returns a future ({@code
 * thenApply(id -> fetch(id))}): the outer future completes when the inner one is created, not when
 * it is done, and nobody awaits the inner one. Part of {@link DiscardedFuture}.
 */
final class NestedFutures {

  /** Where a composing form exists, the rename is the whole fix. */
  private record Flattening(String owner, String method, String inner, String replacement) {}

  private static final ImmutableList<Flattening> FLATTENINGS =
      ImmutableList.of(
          new Flattening(
              "java.util.concurrent.CompletionStage",
              "thenApply",
              "java.util.concurrent.CompletionStage",
              "thenCompose"),
          new Flattening(
              "java.util.concurrent.CompletionStage",
              "thenApplyAsync",
              "java.util.concurrent.CompletionStage",
              "thenComposeAsync"),
          new Flattening(
              "com.google.common.util.concurrent.Futures",
              "transform",
              "com.google.common.util.concurrent.ListenableFuture",
              "transformAsync"),
          new Flattening(
              "com.google.common.util.concurrent.FluentFuture",
              "transform",
              "com.google.common.util.concurrent.ListenableFuture",
              "transformAsync"),
          new Flattening(
              "reactor.core.publisher.Mono", "map", "reactor.core.publisher.Mono", "flatMap"),
          new Flattening(
              "reactor.core.publisher.Mono",
              "map",
              "reactor.core.publisher.Flux",
              "flatMapMany"),
          new Flattening(
              "reactor.core.publisher.Flux", "map", "org.reactivestreams.Publisher", "flatMap"),
          new Flattening("io.smallrye.mutiny.Uni", "map", "io.smallrye.mutiny.Uni", "flatMap"),
          new Flattening(
              "io.reactivex.rxjava3.core.Single",
              "map",
              "io.reactivex.rxjava3.core.SingleSource",
              "flatMap"));

  /** Calls that take the inner future out right away: the nesting is handled on purpose. */
  private static final ImmutableSet<String> UNWRAPPING =
      ImmutableSet.of(
          "thenCompose",
          "thenComposeAsync",
          "join",
          "get",
          "getNow",
          "resultNow",
          "getDone",
          "transformAsync",
          "flatMap",
          "flatMapMany",
          "concatMap",
          "switchMap",
          "flatten",
          "merge",
          "concat");

  /** Whether a call's future may be dropped where it is made: DiscardedFuture's exemptions. */
  interface DropPolicy {
    boolean mayBeDropped(ExpressionTree call, VisitorState state);
  }

  private final FutureTypes futureTypes;
  private final DropPolicy dropPolicy;

  NestedFutures(FutureTypes futureTypes, DropPolicy dropPolicy) {
    this.futureTypes = futureTypes;
    this.dropPolicy = dropPolicy;
  }

  Description match(MethodInvocationTree tree, VisitorState state, BugChecker checker) {
    if (!hasFunctionArgument(tree)) {
      return NO_MATCH;
    }
    Type result = ASTHelpers.getType(tree);
    Optional<Type> inner = futureTypes.nestedFuture(result, state);
    if (inner.isEmpty() || !functionMakesInner(tree, inner.get(), state) || isHandedOn(state)) {
      return NO_MATCH;
    }
    // schedule(() -> ch.close(), ..) picks the Callable overload over the Runnable one, nesting the
    // close's future, which may be dropped anyway: the task is a Runnable in all but type. A
    // function whose value is the point (thenApply) still nests by mistake.
    if (callableStandingForARunnable(tree, state)) {
      return NO_MATCH;
    }
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return NO_MATCH;
    }
    Optional<String> replacement = flattening(method, inner.get(), state);
    String outerName = CallDescriptions.typeName(result, state);
    String innerName = CallDescriptions.typeName(inner.get(), state);
    String advice =
        replacement
            .map(r -> "Use " + r + " instead of " + method.getSimpleName() + " to chain the inner " + innerName + ".")
            .orElse(
                TypeNames.ownerIsSubtype(method, "java.util.concurrent.Executor", state)
                    // An executor has no composing form: the task itself must look after the inner one.
                    ? "Handle the inner one inside the task (a block lambda that awaits it or adds"
                        + " whenComplete), or start the work with supplyAsync(.., executor) and"
                        + " thenCompose it."
                    : "Flatten it (thenCompose, transformAsync, flatMap) so the outer future"
                        + " completes with the inner one.");
    Description.Builder description =
        checker
            .buildDescription(tree)
            .setMessage(
                String.format(
                    "%s makes a %s of a %s: the function returns a future, so the outer one"
                        + " completes as soon as the inner %s is created, and nobody awaits the"
                        + " inner one (its result and failure are lost). %s",
                    CallDescriptions.describe(tree), outerName, innerName, innerName, advice));
    replacement.ifPresent(
        r -> description.addFix(DiscardedFuture.renameMethod(tree, r, state)));
    return description.build();
  }

  /**
   * Whether a function argument returns the inner future: {@code thenApply(x -> fetchAsync(x))}
   * nests by mistake, while {@code window(..)} or {@code windowWhen(.., x -> Mono.delay(..))} make a
   * publisher of publishers on purpose (the function returns something else).
   */
  private static boolean functionMakesInner(MethodInvocationTree tree, Type inner, VisitorState state) {
    Types types = state.getTypes();
    for (ExpressionTree argument : tree.getArguments()) {
      Type functionType = isFunction(argument) ? ASTHelpers.getType(argument) : null;
      if (functionType == null || !types.isFunctionalInterface(functionType)) {
        continue;
      }
      Type returned = types.findDescriptorType(functionType).getReturnType();
      if (returned != null
          && returned.hasTag(TypeTag.CLASS)
          && types.isSameType(types.erasure(returned), types.erasure(inner))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every function argument is a {@code Callable} that javac chose over {@code Runnable} (an
   * expression lambda calling a method, or a method reference) whose call makes a future that may
   * be dropped where it is made.
   */
  private boolean callableStandingForARunnable(MethodInvocationTree tree, VisitorState state) {
    boolean any = false;
    for (ExpressionTree argument : tree.getArguments()) {
      if (isFunction(argument)
          && !TypeNames.isExactly(ASTHelpers.getType(argument), CALLABLE, state)) {
        return false;
      }
      ExpressionTree made =
          argument instanceof LambdaExpressionTree lambda && lambda.getBody() instanceof ExpressionTree body
              ? ASTHelpers.stripParentheses(body)
              : argument instanceof MemberReferenceTree ? argument : null;
      if (made == null) {
        if (isFunction(argument)) {
          return false; // a block lambda: its returns are not looked into
        }
        continue;
      }
      if (!(made instanceof MethodInvocationTree || made instanceof MemberReferenceTree)
          || !dropPolicy.mayBeDropped(made, state)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static final String CALLABLE = "java.util.concurrent.Callable";

  private static boolean isFunction(ExpressionTree argument) {
    return argument instanceof LambdaExpressionTree || argument instanceof MemberReferenceTree;
  }

  /** Asked of every call: a loop, not a stream. */
  private static boolean hasFunctionArgument(MethodInvocationTree tree) {
    for (ExpressionTree argument : tree.getArguments()) {
      if (isFunction(argument)) {
        return true;
      }
    }
    return false;
  }

  /** The nested value is passed to a call, or unwrapped by the next call in the chain. */
  private static boolean isHandedOn(VisitorState state) {
    Tree child = state.getPath().getLeaf();
    for (Tree parent : state.getPath().getParentPath()) {
      if (parent instanceof ParenthesizedTree) {
        child = parent;
        continue;
      }
      if (parent instanceof MemberSelectTree select) {
        return UNWRAPPING.contains(select.getIdentifier().toString());
      }
      if (parent instanceof MethodInvocationTree invocation) {
        return invocation.getArguments().contains(child);
      }
      return parent instanceof NewClassTree;
    }
    return false;
  }

  private static Optional<String> flattening(MethodSymbol method, Type inner, VisitorState state) {
    for (Flattening flattening : FLATTENINGS) {
      if (method.getSimpleName().contentEquals(flattening.method())
          && TypeNames.ownerIsSubtype(method, flattening.owner(), state)
          && TypeNames.isSubtype(inner, flattening.inner(), state)) {
        return Optional.of(flattening.replacement());
      }
    }
    return Optional.empty();
  }
}
