package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Reports a bad {@code -XepOpt:AsyncGuard:*} flag as one javac error line, once per compilation.
 *
 * <p>A checker constructor that throws makes Error Prone print a crash with a stack trace; logging an
 * error instead fails the build with the flag named and nothing else.
 */
final class OptionProblems {

  private static final Set<Context> REPORTED = Collections.newSetFromMap(new WeakHashMap<>());

  private OptionProblems() {}

  /** Returns true when the options are bad: the caller then skips its analysis. */
  static boolean reportIfInvalid(AsyncGuardOptions options, VisitorState state) {
    if (options.problem().isEmpty()) {
      return false;
    }
    Context context = state.context;
    boolean first;
    synchronized (REPORTED) {
      first = REPORTED.add(context);
    }
    if (first) {
      // "compiler.err.proc.messager" is javac's verbatim-message error, as annotation processors use.
      Log.instance(context)
          .error(new JCDiagnostic.Error("compiler", "proc.messager", options.problem().get()));
    }
    return true;
  }
}
