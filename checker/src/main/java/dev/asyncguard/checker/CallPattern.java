package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;

/**
 * A call named by its owner type and method names: the form of every list of known APIs in the
 * checks (what may be dropped, what turns a value into text, which executors run inline).
 *
 * <p>The same meaning as Error Prone's method matchers ({@code instanceMethod().onDescendantOf(..)
 * .namedAnyOf(..)}): the owner is the receiver's static type, as {@link
 * ASTHelpers#getReceiverType} gives it. One difference: a constructor never matches, also where
 * Error Prone's matchers take one for a method ({@code super(..)}, {@code this(..)}, {@code X::new}
 * against a pattern without names): a pattern names methods. Plain data instead of matcher
 * objects because those are built from dozens of lambdas when a check class loads, which every
 * compilation pays (also where the code has no futures at all), and a list of them runs every
 * matcher on every call it is asked about, while a {@link AnyOf} looks at the name first.
 */
final class CallPattern {

  private enum Owner {
    /** The receiver's type is the named type or a subtype of it. */
    DESCENDANT,
    /** The receiver's type is exactly the named type. */
    EXACT,
    /** Any receiver. */
    ANY
  }

  private final boolean isStatic;
  private final Owner owner;
  private final ImmutableList<String> types;
  /** Empty: any name. */
  private final ImmutableSet<String> names;
  /** The erased parameter types, by qualified name; null: any parameters. */
  private final ImmutableList<String> parameters;

  private CallPattern(
      boolean isStatic,
      Owner owner,
      ImmutableList<String> types,
      ImmutableSet<String> names,
      ImmutableList<String> parameters) {
    this.isStatic = isStatic;
    this.owner = owner;
    this.types = types;
    this.names = names;
    this.parameters = parameters;
  }

  /** An instance method of the type or a subtype; no names means any method. */
  static CallPattern instanceMethod(String type, String... names) {
    return new CallPattern(false, Owner.DESCENDANT, ImmutableList.of(type), ImmutableSet.copyOf(names), null);
  }

  /** An instance method of any of the types or their subtypes. */
  static CallPattern instanceMethodOfAny(List<String> types, String... names) {
    return new CallPattern(false, Owner.DESCENDANT, ImmutableList.copyOf(types), ImmutableSet.copyOf(names), null);
  }

  /** An instance method called on exactly this type. */
  static CallPattern instanceMethodOfExactly(String type, String... names) {
    return new CallPattern(false, Owner.EXACT, ImmutableList.of(type), ImmutableSet.copyOf(names), null);
  }

  /** An instance method of any type. */
  static CallPattern instanceMethodOfAnyType(String... names) {
    return new CallPattern(false, Owner.ANY, ImmutableList.of(), ImmutableSet.copyOf(names), null);
  }

  /** A static method of exactly this class. */
  static CallPattern staticMethod(String type, String... names) {
    return new CallPattern(true, Owner.EXACT, ImmutableList.of(type), ImmutableSet.copyOf(names), null);
  }

  /** The same pattern, only for methods without parameters. */
  CallPattern withNoParameters() {
    return withParameters();
  }

  /** The same pattern, only for methods with exactly these parameter types (erased, qualified). */
  CallPattern withParameters(String... parameterTypes) {
    return new CallPattern(isStatic, owner, types, names, ImmutableList.copyOf(parameterTypes));
  }

  /** The method names this pattern matches; empty: any name. */
  ImmutableSet<String> names() {
    return names;
  }

  /** Whether the call or method reference matches this pattern. */
  boolean matches(ExpressionTree tree, VisitorState state) {
    MethodSymbol method = calledMethod(tree);
    return method != null
        && (names.isEmpty() || names.contains(method.getSimpleName().toString()))
        && matchesMethod(tree, method, state);
  }

  /** Everything but the name, which {@link AnyOf} has already looked up. */
  private boolean matchesMethod(ExpressionTree tree, MethodSymbol method, VisitorState state) {
    if (method.isStatic() != isStatic || (parameters != null && !hasParameters(method, state))) {
      return false;
    }
    if (owner == Owner.ANY) {
      return true;
    }
    Type receiver = receiverType(tree, method, state);
    for (String type : types) {
      if (owner == Owner.EXACT ? TypeNames.isExactly(receiver, type, state) : TypeNames.isSubtype(receiver, type, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The static type of the call's receiver. For an unqualified call of an instance method ({@code
   * close()} inside a connection class) that is the innermost class around the call that the method
   * is a member of, not the class declaring it: a {@code ConnectionBase.close()} called in a class
   * implementing {@code HttpConnection} is that connection's {@code HttpConnection.close()}. The
   * classes around the call are known when the state's path holds it; otherwise (a tree matched away
   * from the scan, in a helper's body) the declaring class stands.
   */
  private static Type receiverType(ExpressionTree tree, MethodSymbol method, VisitorState state) {
    if (tree instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof IdentifierTree
        && !method.isStatic()
        && state.getPath() != null) {
      boolean around = false;
      for (Tree enclosing : state.getPath()) {
        around |= enclosing == tree;
        if (around
            && enclosing instanceof ClassTree declaration
            && ASTHelpers.getSymbol(declaration) instanceof ClassSymbol type
            && type.isSubClass(method.owner, state.getTypes())) {
          return type.type;
        }
      }
    }
    return ASTHelpers.getReceiverType(tree);
  }

  private boolean hasParameters(MethodSymbol method, VisitorState state) {
    List<Symbol.VarSymbol> declared = method.getParameters();
    if (declared.size() != parameters.size()) {
      return false;
    }
    for (int i = 0; i < declared.size(); i++) {
      if (!state.getTypes().erasure(declared.get(i).type).tsym.getQualifiedName().contentEquals(parameters.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static MethodSymbol calledMethod(ExpressionTree tree) {
    if (!(tree instanceof MethodInvocationTree || tree instanceof MemberReferenceTree)) {
      return null;
    }
    return ASTHelpers.getSymbol(tree) instanceof MethodSymbol method && !method.isConstructor()
        ? method
        : null;
  }

  static AnyOf anyOf(CallPattern... patterns) {
    return new AnyOf(ImmutableList.copyOf(patterns));
  }

  /** Patterns indexed by method name: a call is compared only with the patterns for its name. */
  static final class AnyOf {
    private final ImmutableListMultimap<String, CallPattern> byName;
    private final ImmutableList<CallPattern> anyName;

    private AnyOf(ImmutableList<CallPattern> patterns) {
      ImmutableListMultimap.Builder<String, CallPattern> named = ImmutableListMultimap.builder();
      ImmutableList.Builder<CallPattern> unnamed = ImmutableList.builder();
      for (CallPattern pattern : patterns) {
        if (pattern.names.isEmpty()) {
          unnamed.add(pattern);
        }
        for (String name : pattern.names) {
          named.put(name, pattern);
        }
      }
      this.byName = named.build();
      this.anyName = unnamed.build();
    }

    /** The names its patterns match, besides those that match any name (of their types). */
    ImmutableSet<String> names() {
      return byName.keySet();
    }

    boolean matches(ExpressionTree tree, VisitorState state) {
      MethodSymbol method = calledMethod(tree);
      if (method == null) {
        return false;
      }
      for (CallPattern pattern : byName.get(method.getSimpleName().toString())) {
        if (pattern.matchesMethod(tree, method, state)) {
          return true;
        }
      }
      for (CallPattern pattern : anyName) {
        if (pattern.matchesMethod(tree, method, state)) {
          return true;
        }
      }
      return false;
    }
  }
}
