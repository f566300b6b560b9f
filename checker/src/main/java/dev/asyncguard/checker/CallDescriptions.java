package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;

/** How diagnostics name calls and types: {@code Owner.method(...)}, {@code new Type(...)}. */
final class CallDescriptions {

  private CallDescriptions() {}

  /** A short, readable name for the call or reference, e.g. {@code UserService.save(...)}. */
  static String describe(ExpressionTree tree) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (tree instanceof NewClassTree newClass) {
      return "new " + newClass.getIdentifier() + "(...)";
    }
    if (symbol instanceof MethodSymbol method) {
      String owner = method.owner == null ? "" : simpleName(method.owner);
      String name = method.isConstructor() ? "new" : method.getSimpleName().toString();
      if (tree instanceof MemberReferenceTree) {
        return owner.isEmpty() ? name : owner + "::" + name;
      }
      return (owner.isEmpty() ? "" : owner + ".")
          + method.getSimpleName()
          + "("
          + (method.getParameters().isEmpty() ? "" : "...")
          + ")";
    }
    if (tree instanceof MethodInvocationTree invocation) {
      return invocation.getMethodSelect() + "(...)";
    }
    return tree.toString();
  }

  /** The simple name of a type, without type arguments: {@code CompletableFuture}. */
  static String typeName(Type type, VisitorState state) {
    Type bound = TypeNames.classBound(type, state.getTypes());
    if (bound instanceof Type.IntersectionClassType intersection) {
      // <T extends Object & Future<V>>: the bounds that say something, "Future & Serializable".
      List<String> names = new ArrayList<>();
      for (Type component : intersection.getComponents()) {
        if (!state.getTypes().isSameType(component, state.getSymtab().objectType)) {
          names.add(typeName(component, state));
        }
      }
      return names.isEmpty() ? "Object" : String.join(" & ", names);
    }
    if (bound.tsym == null) {
      return bound.toString();
    }
    return simpleName(bound.tsym);
  }

  /** A type's simple name; an anonymous class by what it extends or implements. */
  private static String simpleName(Symbol type) {
    if (type.getSimpleName().isEmpty() && type instanceof Symbol.ClassSymbol anonymous) {
      // new CompletableFuture<String>() {..}
      Type named =
          anonymous.getInterfaces().isEmpty() ? anonymous.getSuperclass() : anonymous.getInterfaces().get(0);
      return named == null || named.tsym == null ? "anonymous class" : "anonymous " + simpleName(named.tsym);
    }
    return type.getSimpleName().toString();
  }


  /** "a Mono", "an InnerWindow": the type name with its indefinite article. */
  static String aTypeName(Type type, VisitorState state) {
    String name = typeName(type, state);
    return (startsWithVowelSound(name) ? "an " : "a ") + name;
  }

  /** "a" or "an" before a word, a method's name included ({@code an applyToEither callback}). */
  static String article(String word) {
    return word.isEmpty()
            || !startsWithVowelSound(Character.toUpperCase(word.charAt(0)) + word.substring(1))
        ? "a"
        : "an";
  }

  /**
   * {@code an Executor}, {@code an UnmodifiableList}, but {@code a Uni}, {@code a UnaryOperator},
   * {@code a URL}: a U said "you" (before a consonant and a vowel, or in an acronym) takes "a".
   */
  static boolean startsWithVowelSound(String name) {
    if (name.startsWith("anonymous ")) {
      return true;
    }
    if (name.isEmpty() || "AEIOU".indexOf(name.charAt(0)) < 0) {
      return false;
    }
    if (name.charAt(0) != 'U') {
      return true;
    }
    if (name.length() < 2 || Character.isUpperCase(name.charAt(1))) {
      return false; // U, URL, UUID
    }
    boolean consonantThenVowel =
        name.length() > 2
            && "aeiou".indexOf(name.charAt(1)) < 0
            && "aeiouy".indexOf(name.charAt(2)) >= 0;
    return !consonantThenVowel;
  }
}
