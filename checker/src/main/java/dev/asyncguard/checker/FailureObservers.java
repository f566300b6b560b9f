package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.List;

/**
 * Calls handed something that is told of their failure ({@code f.whenComplete((v, e) -> ..)},
 * Kafka's {@code send(record, callback)}): such a call's failure is seen even if its returned future
 * is dropped.
 */
final class FailureObservers {

  private static final String VERTX_ASYNC_RESULT = "io.vertx.core.AsyncResult";
  private static final String VERTX_FUTURE = "io.vertx.core.Future";

  private FailureObservers() {}

  /**
   * Whether the call is handed something that receives its failure: an argument whose function, or
   * whose callback interface, takes a Throwable ({@code whenComplete((v, e) -> ..)}, {@code
   * exceptionally(..)}, Guava's {@code catching}, Kafka's {@code send(record, (metadata, e) -> ..)},
   * an HTTP client's {@code execute(request, callback)}). A logger takes Throwables too but is not
   * told of this call's failure.
   */
  static boolean handedTo(ExpressionTree call, VisitorState state) {
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : call instanceof NewClassTree newClass ? newClass.getArguments() : List.of();
    for (ExpressionTree argument : arguments) {
      if (receivesFailure(argument, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this argument is one that receives a failure (see {@link #handedTo}). */
  static boolean receivesFailure(ExpressionTree argument, VisitorState state) {
    Type type = ASTHelpers.getType(argument);
    return type != null
        && type.hasTag(TypeTag.CLASS)
        && receivesThrowable(type, state)
        && !TypeNames.isSubtypeOfAny(type, TypeNames.LOGGER_TYPES, state);
  }

  /**
   * A function taking a Throwable (also as a class implementing one), or a type with an abstract
   * void method taking one (a callback: {@code onFailure(Throwable)}); not a type that merely makes
   * something of one (Netty's {@code Channel.newFailedFuture(Throwable)}), which would exempt every
   * call given a channel.
   */
  private static boolean receivesThrowable(Type type, VisitorState state) {
    Types types = state.getTypes();
    if (types.isFunctionalInterface(type)) {
      return types.findDescriptorType(type).getParameterTypes().stream()
          .anyMatch(parameter -> carriesFailure(parameter, state));
    }
    // Parameter types as the argument's type sees them: a class implementing BiFunction<T, Throwable, R>.
    for (Type supertype : types.closure(type)) {
      for (Symbol member : supertype.tsym.getEnclosedElements()) {
        if (member instanceof MethodSymbol method
            && (method.flags() & Flags.ABSTRACT) != 0
            // A function's method may return anything (handle's BiFunction); another's must be a callback.
            && (method.getReturnType().hasTag(TypeTag.VOID) || types.isFunctionalInterface(supertype))
            && types.memberType(type, method).getParameterTypes().stream()
                .anyMatch(parameter -> carriesFailure(parameter, state))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A Throwable, or Vert.x's AsyncResult, which holds the failure ({@code onComplete(ar -> ..)}); not
   * a Vert.x Future, an AsyncResult too, which is a success value there: {@code Future.all(a,
   * b).onSuccess(cf -> ..)} runs only when every input succeeded.
   */
  private static boolean carriesFailure(Type parameter, VisitorState state) {
    Type erased = state.getTypes().erasure(parameter);
    return state.getTypes().isSubtype(erased, state.getSymtab().throwableType)
        || (TypeNames.isSubtype(erased, VERTX_ASYNC_RESULT, state)
            && !TypeNames.isSubtype(erased, VERTX_FUTURE, state));
  }
}
