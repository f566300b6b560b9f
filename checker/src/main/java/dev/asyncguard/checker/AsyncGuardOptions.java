package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every {@code -XepOpt:AsyncGuard:*} option, parsed and validated in one place.
 *
 * <p>A bad option never throws: {@link #problem()} carries one line naming the flag and the expected
 * form, which {@link OptionProblems} reports as a compilation error.
 */
public final class AsyncGuardOptions {

  static final String PREFIX = "AsyncGuard:";

  /** An option key, its value form, and how one entry of its list is checked. */
  public enum Key {
    FUTURE_TYPES(
        "FutureTypes",
        "fully qualified type names separated by commas, e.g. com.acme.Promise,com.acme.Task",
        Form.QUALIFIED_NAME),
    NON_BLOCKING_ANNOTATIONS(
        "NonBlockingAnnotations",
        "fully qualified annotation names separated by commas, e.g. com.acme.EventLoop",
        Form.QUALIFIED_NAME),
    BLOCKING_ANNOTATIONS(
        "BlockingAnnotations",
        "fully qualified annotation names separated by commas, e.g. com.acme.Blocks",
        Form.QUALIFIED_NAME),
    BLOCKING_METHODS(
        "BlockingMethods",
        "entries of the form type#method, type#method(paramType,...), type#prefix* or"
            + " type#<init> separated by commas, e.g."
            + " com.acme.Db#query,java.util.concurrent.locks.Lock#lock",
        Form.METHOD_SPEC),
    SYNCHRONIZED_IS_BLOCKING("SynchronizedIsBlocking", "true or false", Form.BOOLEAN),
    SAFE_TO_DROP_METHODS(
        "SafeToDropMethods",
        "entries of the form type#method, type#method(paramType,...), type#prefix* or"
            + " type#<init> separated by commas, e.g. com.acme.Metrics#publish",
        Form.METHOD_SPEC),
    ASYNC_WOVEN_BY_ASPECTJ("AsyncWovenByAspectJ", "true or false", Form.BOOLEAN);

    /** How one entry of a key's value is checked. */
    private enum Form {
      QUALIFIED_NAME,
      METHOD_SPEC,
      BOOLEAN
    }

    /** Compiled only when a flag is given: most compilations give none. */
    private static final class Patterns {
      static final Pattern QUALIFIED_NAME =
          Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
      static final Pattern METHOD_SPEC =
          Pattern.compile(
              QUALIFIED_NAME.pattern()
                  + "#([\\p{L}_$][\\p{L}\\p{N}_$]*\\*?|\\*|<init>)"
                  + "(\\((" + QUALIFIED_NAME.pattern() + "(\\[\\])*"
                  + "(," + QUALIFIED_NAME.pattern() + "(\\[\\])*)*)?\\))?");
    }

    private final String flagName;
    private final String expectedForm;
    private final Form form;

    Key(String flagName, String expectedForm, Form form) {
      this.flagName = flagName;
      this.expectedForm = expectedForm;
      this.form = form;
    }

    /** The name after {@code -XepOpt:AsyncGuard:}. */
    public String flagName() {
      return flagName;
    }

    /** The full flag as users write it. */
    public String flag() {
      return "-XepOpt:" + PREFIX + flagName;
    }

    public String expectedForm() {
      return expectedForm;
    }

    private boolean entryIsValid(String entry) {
      return switch (form) {
        case QUALIFIED_NAME -> Patterns.QUALIFIED_NAME.matcher(entry).matches();
        case METHOD_SPEC -> Patterns.METHOD_SPEC.matcher(entry).matches();
        case BOOLEAN -> entry.equals("true") || entry.equals("false");
      };
    }
  }

  private static final ImmutableMap<String, Key> KEYS_BY_FLAG_NAME;

  static {
    ImmutableMap.Builder<String, Key> keys = ImmutableMap.builder();
    for (Key key : Key.values()) {
      keys.put(key.flagName(), key);
    }
    KEYS_BY_FLAG_NAME = keys.buildOrThrow();
  }

  private static final AsyncGuardOptions DEFAULTS =
      new AsyncGuardOptions(ImmutableMap.of(), Optional.empty());

  private final ImmutableMap<Key, ImmutableList<String>> values;
  private final Optional<String> problem;

  private AsyncGuardOptions(
      ImmutableMap<Key, ImmutableList<String>> values, Optional<String> problem) {
    this.values = values;
    this.problem = problem;
  }

  /** The options with no flag given. */
  public static AsyncGuardOptions defaults() {
    return DEFAULTS;
  }

  /** Parses the {@code AsyncGuard:} flags; never throws. */
  public static AsyncGuardOptions fromFlags(ErrorProneFlags flags) {
    return fromMap(flags.getFlagsMap());
  }

  static AsyncGuardOptions fromMap(Map<String, String> flags) {
    ImmutableMap.Builder<Key, ImmutableList<String>> values = ImmutableMap.builder();
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      if (!flag.getKey().startsWith(PREFIX)) {
        continue;
      }
      String name = flag.getKey().substring(PREFIX.length());
      Key key = KEYS_BY_FLAG_NAME.get(name);
      if (key == null) {
        return invalid(
            "unknown option -XepOpt:"
                + flag.getKey()
                + "; known options are "
                + String.join(", ", KEYS_BY_FLAG_NAME.keySet()));
      }
      ImmutableList.Builder<String> entries = ImmutableList.builder();
      String value = flag.getValue();
      for (String rawEntry : entriesOf(value)) {
        String entry = rawEntry.strip();
        if (entry.isEmpty() || !key.entryIsValid(entry)) {
          String what = entry.isEmpty() ? "an empty entry" : "an invalid entry '" + entry + "'";
          return invalid(
              key.flag() + "=" + value + " has " + what + ": expected " + key.expectedForm());
        }
        entries.add(entry);
      }
      values.put(key, entries.build());
    }
    return new AsyncGuardOptions(values.buildOrThrow(), Optional.empty());
  }

  /**
   * The comma-separated entries of a value; a comma inside parentheses separates the parameter
   * types of one method entry ({@code com.acme.Db#query(java.lang.String,int)}), not entries.
   */
  private static List<String> entriesOf(String value) {
    List<String> entries = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        entries.add(value.substring(start, i));
        start = i + 1;
      }
    }
    entries.add(value.substring(start));
    return entries;
  }

  private static AsyncGuardOptions invalid(String message) {
    return new AsyncGuardOptions(ImmutableMap.of(), Optional.of("AsyncGuard: " + message));
  }

  /** One line saying which flag is wrong and the form it expects, if any flag is wrong. */
  public Optional<String> problem() {
    return problem;
  }

  /** The entries of a list option, in the order given; empty when the flag is absent. */
  public ImmutableList<String> list(Key key) {
    return values.getOrDefault(key, ImmutableList.of());
  }

  public ImmutableSet<String> set(Key key) {
    return ImmutableSet.copyOf(list(key));
  }

  public boolean isTrue(Key key) {
    return list(key).equals(ImmutableList.of("true"));
  }
}
