package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
        Key::isQualifiedName),
    NON_BLOCKING_ANNOTATIONS(
        "NonBlockingAnnotations",
        "fully qualified annotation names separated by commas, e.g. com.acme.EventLoop",
        Key::isQualifiedName),
    BLOCKING_ANNOTATIONS(
        "BlockingAnnotations",
        "fully qualified annotation names separated by commas, e.g. com.acme.Blocks",
        Key::isQualifiedName),
    BLOCKING_METHODS(
        "BlockingMethods",
        "entries of the form type#method, type#method(paramType,...), type#prefix* or"
            + " type#<init> separated by commas, e.g."
            + " com.acme.Db#query,java.util.concurrent.locks.Lock#lock",
        Key::isMethodSpec),
    SYNCHRONIZED_IS_BLOCKING("SynchronizedIsBlocking", "true or false", Key::isBoolean);

    private static final Pattern QUALIFIED_NAME =
        Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern METHOD_SPEC =
        Pattern.compile(
            QUALIFIED_NAME.pattern()
                + "#([\\p{L}_$][\\p{L}\\p{N}_$]*\\*?|\\*|<init>)"
                + "(\\((" + QUALIFIED_NAME.pattern() + "(\\[\\])*"
                + "(," + QUALIFIED_NAME.pattern() + "(\\[\\])*)*)?\\))?");

    private final String flagName;
    private final String expectedForm;
    private final Function<String, Boolean> entryIsValid;

    Key(String flagName, String expectedForm, Function<String, Boolean> entryIsValid) {
      this.flagName = flagName;
      this.expectedForm = expectedForm;
      this.entryIsValid = entryIsValid;
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

    private static boolean isQualifiedName(String s) {
      return QUALIFIED_NAME.matcher(s).matches();
    }

    private static boolean isMethodSpec(String s) {
      return METHOD_SPEC.matcher(s).matches();
    }

    private static boolean isBoolean(String s) {
      return s.equals("true") || s.equals("false");
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
      for (String rawEntry : value.split(",", -1)) {
        String entry = rawEntry.strip();
        if (entry.isEmpty() || !key.entryIsValid.apply(entry)) {
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
