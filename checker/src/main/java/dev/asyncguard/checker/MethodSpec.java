package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Optional;

/**
 * A method named the way the catalog and the options name them: {@code type#method}, {@code
 * type#prefix*}, {@code type#*}, {@code type#<init>}, optionally with erased parameter types,
 * {@code type#method(p1,p2)}. It stands for that method on the type and on its subtypes.
 */
record MethodSpec(String type, String method, Optional<ImmutableList<String>> parameters) {

  /** Parses a spec whose form {@link AsyncGuardOptions} (or the catalog's author) has checked. */
  static MethodSpec parse(String spec) {
    int hash = spec.indexOf('#');
    int paren = spec.indexOf('(');
    String type = spec.substring(0, hash);
    String method = paren < 0 ? spec.substring(hash + 1) : spec.substring(hash + 1, paren);
    Optional<ImmutableList<String>> parameters = Optional.empty();
    if (paren >= 0) {
      String inside = spec.substring(paren + 1, spec.length() - 1).strip();
      ImmutableList.Builder<String> names = ImmutableList.builder();
      if (!inside.isEmpty()) {
        // A plain split: a regular expression here would be compiled again for every entry.
        for (String name : inside.split(",")) {
          names.add(name.strip());
        }
      }
      parameters = Optional.of(names.build());
    }
    return new MethodSpec(type, method, parameters);
  }

  /** How rules.md and diagnostics show it: {@code java.lang.Thread#sleep}. */
  String spec() {
    return type + "#" + method + parameters.map(p -> "(" + String.join(",", p) + ")").orElse("");
  }

  boolean matchesName(String name) {
    if (method.endsWith("*")) {
      return !name.equals("<init>") && name.startsWith(method.substring(0, method.length() - 1));
    }
    return method.equals(name);
  }

  boolean matchesParameters(MethodSymbol symbol, VisitorState state) {
    if (parameters.isEmpty()) {
      return true;
    }
    List<Type> actual = symbol.type.getParameterTypes();
    if (actual.size() != parameters.get().size()) {
      return false;
    }
    for (int i = 0; i < actual.size(); i++) {
      String erased = state.getTypes().erasure(actual.get(i)).toString();
      if (!erased.equals(parameters.get().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The whole test: name, parameters, and a declaring type that is or extends {@link #type}. */
  boolean matches(MethodSymbol symbol, VisitorState state) {
    return matchesName(symbol.getSimpleName().toString())
        && matchesParameters(symbol, state)
        && TypeNames.ownerIsSubtype(symbol, type, state);
  }
}
