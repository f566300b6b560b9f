package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Name;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;

/**
 * The blocking APIs: the catalog in {@code blocking-methods.txt} plus {@code
 * -XepOpt:AsyncGuard:BlockingMethods}. Lookups are memoized per method symbol and compilation.
 */
public final class BlockingCatalog {

  static final String RESOURCE = "blocking-methods.txt";
  static final String CONFIGURED_FAMILY = "configured";
  static final String CONFIGURED_ADVICE =
      "It is listed in -XepOpt:AsyncGuard:BlockingMethods: offload it to an executor meant for"
          + " blocking work, or use a non-blocking alternative.";

  /** One catalog line: the method it names, its family and the advice its findings give. */
  public record Entry(MethodSpec target, String family, String advice) {

    /** How rules.md and diagnostics show it: {@code java.lang.Thread#sleep}. */
    public String spec() {
      return target.spec();
    }
  }

  /** The catalog as shipped: parsed once per JVM. */
  private static final Parsed BUILT_IN = parse(readResource(), "blocking-methods.txt");

  /**
   * {@code exclusions}: types whose calls never block ({@code !type}); {@code neverBlocking}:
   * methods that never block on a type or its subtypes ({@code !type#method}).
   */
  private record Parsed(
      ImmutableList<Entry> entries, ImmutableList<String> exclusions, ImmutableList<Entry> neverBlocking) {}

  /** Exact-name entries first, then wildcard ones, each in file order: the first match wins. */
  private final ImmutableList<Entry> entriesInOrder;
  /** Each entry's place in that order (by identity: entries equal by value may both be listed). */
  private final Map<Entry, Integer> placeInOrder = new IdentityHashMap<>();
  private final ImmutableList<String> exclusions;
  private final ImmutableList<Entry> neverBlocking;
  private final PerCompilation<Map<MethodSymbol, Optional<Entry>>> cache =
      PerCompilation.newIdentityMap();
  /** The entries whose type a class is or extends: once per class and compilation. */
  private final PerCompilation<SupertypeMemo<List<Entry>>> entriesByOwner;

  public BlockingCatalog(AsyncGuardOptions options) {
    ImmutableList.Builder<Entry> exact = ImmutableList.builder();
    ImmutableList.Builder<Entry> wildcards = ImmutableList.builder();
    List<Entry> all = new ArrayList<>(BUILT_IN.entries());
    for (String spec : options.list(AsyncGuardOptions.Key.BLOCKING_METHODS)) {
      all.add(parseEntry(spec, CONFIGURED_FAMILY, CONFIGURED_ADVICE));
    }
    for (Entry entry : all) {
      (entry.target().method().endsWith("*") ? wildcards : exact).add(entry);
    }
    this.entriesInOrder =
        ImmutableList.<Entry>builder().addAll(exact.build()).addAll(wildcards.build()).build();
    for (Entry entry : entriesInOrder) {
      placeInOrder.put(entry, placeInOrder.size());
    }
    this.exclusions = BUILT_IN.exclusions();
    this.neverBlocking = BUILT_IN.neverBlocking();
    this.entriesByOwner = new PerCompilation<>(this::entriesByOwner);
  }

  /**
   * Per compilation: a class's entries are those of its own type (matched by interned name) and of
   * its direct supertypes, in catalog order (every class reaches {@code Object#wait}; most reach
   * nothing else), each class once instead of a supertype closure per class, method and entry.
   */
  private SupertypeMemo<List<Entry>> entriesByOwner(VisitorState state) {
    Map<Name, List<Entry>> byType = new HashMap<>();
    for (Entry entry : entriesInOrder) {
      byType.computeIfAbsent(state.getName(entry.target().type()), name -> new ArrayList<>()).add(entry);
    }
    return new SupertypeMemo<>(state.getTypes(), List.of()) {
      @Override
      List<Entry> own(TypeSymbol type) {
        return byType.getOrDefault(type.getQualifiedName(), List.of());
      }

      @Override
      List<Entry> merge(List<Entry> soFar, List<Entry> ofSupertype) {
        if (soFar.isEmpty() || ofSupertype.isEmpty()) {
          return soFar.isEmpty() ? ofSupertype : soFar;
        }
        // Usually nothing new: every interface, too, reaches Object's entries.
        List<Entry> merged = null;
        for (Entry entry : ofSupertype) {
          // By identity: an interface reached on two paths brings the same entries twice.
          if (!containsIdentical(merged == null ? soFar : merged, entry)) {
            if (merged == null) {
              merged = new ArrayList<>(soFar);
            }
            merged.add(entry);
          }
        }
        if (merged == null) {
          return soFar;
        }
        merged.sort(Comparator.comparingInt(placeInOrder::get));
        return List.copyOf(merged);
      }
    };
  }

  private static boolean containsIdentical(List<Entry> entries, Entry entry) {
    for (Entry e : entries) {
      if (e == entry) {
        return true;
      }
    }
    return false;
  }

  /** Every shipped entry, in file order: what rules.md must list. */
  public static ImmutableList<Entry> builtInEntries() {
    return BUILT_IN.entries();
  }

  /** The catalog's {@code !} lines: types whose calls never block, and methods that never do. */
  public static ImmutableList<String> builtInExclusions() {
    ImmutableList.Builder<String> all = ImmutableList.<String>builder().addAll(BUILT_IN.exclusions());
    BUILT_IN.neverBlocking().forEach(entry -> all.add(entry.spec()));
    return all.build();
  }

  /**
   * The catalog entry for {@code call}, a call of or reference to {@code method}, if it blocks. The
   * method's owner and the receiver are looked at only for an entry, against the exclusions: the
   * receiver's static type, and the stream it decorates ({@code new BufferedReader(new StringReader(s))}), through locals that
   * {@code locals} knows the initializers of (null: those around the call at the state's path).
   */
  public Optional<Entry> lookup(
      MethodSymbol method, Tree call, LocalVariables.Initializers locals, VisitorState state) {
    Optional<Entry> entry = entryOf(method, state);
    if (entry.isPresent()
        && (excluded(method.owner.type, method, state)
            || waitsNoTime(method, call)
            || resolvesALiteralAddress(method, call)
            || decoratesExcluded(
                receiver(call),
                method,
                locals != null ? locals : LocalVariables.around(state.getPath()),
                state)
            || madeWithoutCapacity(
                receiver(call),
                method,
                locals != null ? locals : LocalVariables.around(state.getPath()),
                state))) {
      return Optional.empty();
    }
    return entry;
  }

  /** The queues whose constructors without a capacity make them unbounded. */
  private static final ImmutableList<String> OPTIONALLY_BOUNDED_QUEUES =
      ImmutableList.of("java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque");

  private static final ImmutableList<String> WAITING_FOR_ROOM =
      ImmutableList.of("put", "offer", "putFirst", "putLast", "offerFirst", "offerLast");

  /**
   * A put (or timed offer) on a queue visibly made without a capacity, which is then unbounded and
   * never waits for room: {@code new LinkedBlockingQueue<>()}, or made from a collection, held in a
   * local never reassigned or a final field of this compilation initialized so.
   */
  private static boolean madeWithoutCapacity(
      ExpressionTree queue, MethodSymbol method, LocalVariables.Initializers locals, VisitorState state) {
    if (queue == null || !WAITING_FOR_ROOM.contains(method.getSimpleName().toString())) {
      return false;
    }
    ExpressionTree made = LocalVariables.heldValue(ASTHelpers.stripParentheses(queue), locals, state);
    return made != null
        && ASTHelpers.stripParentheses(made) instanceof NewClassTree creation
        && creation.getClassBody() == null
        && ASTHelpers.getType(creation) != null
        && OPTIONALLY_BOUNDED_QUEUES.contains(
            state.getTypes().erasure(ASTHelpers.getType(creation)).tsym.getQualifiedName().toString())
        && ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor
        // new LinkedBlockingQueue<>() or (collection); an int capacity, boxed or not, bounds it.
        && constructor.getParameters().stream()
            .allMatch(parameter -> TypeNames.isSubtype(parameter.type, "java.util.Collection", state));
  }

  /**
   * A timed wait given no time: the literal timeout before a {@code TimeUnit} is zero or less
   * ({@code tryAcquire(0, SECONDS)}, {@code poll(0L, MILLISECONDS)}, {@code get(0, unit)}), which
   * {@code java.util.concurrent} documents as not waiting at all. {@code Thread.join(0)} and
   * {@code Object.wait(0)}, which wait forever, take no {@code TimeUnit}.
   */
  private static boolean waitsNoTime(MethodSymbol method, Tree call) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    // tryAcquire(Duration.ZERO), join(Duration.ZERO): a synchronizer's or a thread's timeout as a
    // Duration constant (not a sleep, which yields as sleep(0) does, nor Reactor's block(..), which
    // runs a synchronous chain whatever the timeout).
    String owner = method.owner.getQualifiedName().toString();
    if (!method.getSimpleName().contentEquals("sleep")
        && (owner.startsWith("java.") || owner.startsWith("com.google.common."))) {
      for (int i = 0; i < parameters.size() && i < invocation.getArguments().size(); i++) {
        if (parameters.get(i).type.tsym.getQualifiedName().contentEquals("java.time.Duration")
            && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(invocation.getArguments().get(i)))
                instanceof VarSymbol zero
            && zero.getSimpleName().contentEquals("ZERO")
            && zero.owner.getQualifiedName().contentEquals("java.time.Duration")) {
          return true;
        }
      }
    }
    for (int i = 1; i < parameters.size() && i < invocation.getArguments().size(); i++) {
      if (parameters.get(i).type.tsym.getQualifiedName().contentEquals(TIME_UNIT)
          && parameters.get(i - 1).type.hasTag(TypeTag.LONG)) {
        return ASTHelpers.stripParentheses(invocation.getArguments().get(i - 1)) instanceof LiteralTree timeout
            && timeout.getValue() instanceof Number number
            && number.longValue() <= 0;
      }
    }
    return false;
  }

  private static final String TIME_UNIT = "java.util.concurrent.TimeUnit";

  /**
   * {@code InetAddress.getByName("10.0.0.1")}, {@code new InetSocketAddress("10.0.0.1", 443)}:
   * given a literal IP address, the JDK only checks its format, without a lookup.
   */
  private static boolean resolvesALiteralAddress(MethodSymbol method, Tree call) {
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : call instanceof NewClassTree made ? made.getArguments() : List.of();
    boolean resolves =
        ((method.getSimpleName().contentEquals("getByName") || method.getSimpleName().contentEquals("getAllByName"))
                && method.owner.getQualifiedName().contentEquals("java.net.InetAddress")
                && arguments.size() == 1)
            // new InetSocketAddress("10.0.0.1", 443)
            || (method.isConstructor()
                && method.owner.getQualifiedName().contentEquals("java.net.InetSocketAddress")
                && arguments.size() == 2);
    return resolves
        && ASTHelpers.stripParentheses(arguments.get(0)) instanceof LiteralTree literal
        && literal.getValue() instanceof String host
        && isAddressLiteral(host);
  }

  /** An IPv4 dotted quad, or an IPv6 literal (it has a colon, which no host name has). */
  private static boolean isAddressLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the catalog has an entry for the method, whatever the receiver of a call to it. */
  boolean lists(MethodSymbol method, VisitorState state) {
    return entryOf(method, state).isPresent();
  }

  private Optional<Entry> entryOf(MethodSymbol method, VisitorState state) {
    Map<MethodSymbol, Optional<Entry>> known = cache.get(state);
    Optional<Entry> entry = known.get(method);
    if (entry == null) {
      entry = find(method, state);
      known.put(method, entry);
    }
    return entry;
  }

  /**
   * Calls that return a stream over bytes already in memory, typed only as an {@code InputStream}:
   * async-http-client's response body, buffered before the response completes.
   */
  static final CallPattern.AnyOf IN_MEMORY_STREAMS =
      CallPattern.anyOf(CallPattern.instanceMethod("org.asynchttpclient.Response", "getResponseBodyAsStream"));

  /** The streams a decorator's first constructor argument can be. */
  static final ImmutableList<String> STREAM_TYPES =
      ImmutableList.of("java.io.InputStream", "java.io.OutputStream", "java.io.Reader", "java.io.Writer");

  /**
   * Whether the stream is, underneath its decorators and the locals holding them, an excluded
   * (in-memory) one: {@code new GZIPOutputStream(bytes)}, {@code r} for {@code var r = new
   * BufferedReader(new StringReader(s))}. A decorator is a stream made from a stream, its first
   * argument.
   */
  private boolean decoratesExcluded(
      ExpressionTree stream, MethodSymbol method, LocalVariables.Initializers locals, VisitorState state) {
    ExpressionTree underneath = underneathDecorators(stream, type -> excluded(type, method, state), locals, state);
    return underneath != null
        && (excluded(ASTHelpers.getType(underneath), method, state) || IN_MEMORY_STREAMS.matches(underneath, state));
  }

  /**
   * Whether the expression is an in-memory stream underneath its decorators and locals ({@code new
   * ByteArrayInputStream(bytes)}, {@code new DataInputStream(new StringReader(s))}): one the
   * catalog's exclusions say never blocks.
   */
  boolean isInMemoryStream(ExpressionTree stream, LocalVariables.Initializers locals, VisitorState state) {
    ExpressionTree underneath = underneathDecorators(stream, type -> inMemory(type, state), locals, state);
    return underneath != null
        && (inMemory(ASTHelpers.getType(underneath), state) || IN_MEMORY_STREAMS.matches(underneath, state));
  }

  private boolean inMemory(Type type, VisitorState state) {
    return TypeNames.isSubtypeOfAny(type, exclusions, state);
  }

  /**
   * The parameter a stream is, underneath its decorators and the locals holding them ({@code in}
   * for {@code new DataInputStream(in).readInt()}); null if it is anything else.
   */
  static VarSymbol streamParameter(ExpressionTree stream, LocalVariables.Initializers locals, VisitorState state) {
    ExpressionTree underneath = underneathDecorators(stream, type -> false, locals, state);
    return underneath != null
            && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(underneath)) instanceof VarSymbol variable
            && variable.getKind() == ElementKind.PARAMETER
            && LocalVariables.neverReassignedLocalOrParameter(ASTHelpers.stripParentheses(underneath)) != null
        ? variable
        : null;
  }

  /**
   * Follows a stream through the decorators made around it (a stream made from a stream, its first
   * argument) and the never-reassigned locals holding them, until {@code stop} holds for its type
   * or it is anything else: that last expression (null if a local's initializer is not found).
   */
  private static ExpressionTree underneathDecorators(
      ExpressionTree stream, Predicate<Type> stop, LocalVariables.Initializers locals, VisitorState state) {
    for (int hops = 0; stream != null && hops < MAX_DECORATORS_FOLLOWED; hops++) {
      ExpressionTree stripped = ASTHelpers.stripParentheses(stream);
      Type type = ASTHelpers.getType(stripped);
      if (stop.test(type)) {
        return stripped;
      }
      if (stripped instanceof NewClassTree made
          && !made.getArguments().isEmpty()
          && TypeNames.isSubtypeOfAny(type, STREAM_TYPES, state)
          && TypeNames.isSubtypeOfAny(ASTHelpers.getType(made.getArguments().get(0)), STREAM_TYPES, state)) {
        stream = made.getArguments().get(0);
      } else if (LocalVariables.neverReassigned(stripped) instanceof VarSymbol local) {
        stream = locals.of(local);
      } else {
        return stripped;
      }
    }
    return null;
  }

  /**
   * Whether a call of the method on a receiver of this type never blocks: the type is excluded (an
   * in-memory stream), or the method is on it (an unbounded queue's {@code put}).
   */
  private boolean excluded(Type type, MethodSymbol method, VisitorState state) {
    if (TypeNames.isSubtypeOfAny(type, exclusions, state)) {
      return true;
    }
    String name = method.getSimpleName().toString();
    for (Entry never : neverBlocking) {
      if (never.target().matchesName(name)
          && never.target().matchesParameters(method, state)
          && TypeNames.isSubtype(type, never.target().type(), state)) {
        return true;
      }
    }
    return false;
  }

  /** Decorators on decorators, and locals holding them: a limit only against pathological code. */
  private static final int MAX_DECORATORS_FOLLOWED = 8;

  private Optional<Entry> find(MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof TypeSymbol owner)) {
      return Optional.empty();
    }
    String name = method.getSimpleName().toString();
    for (Entry entry : entriesByOwner.get(state).of(owner)) {
      if (entry.target().matchesName(name)
          && entry.target().matchesParameters(method, state)
          && isTheListedMethod(method, owner, entry.target().type())) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the method, declared in {@code owner}, is one the entry for {@code listedType} lists. A
   * subtype's method of the same name counts (a JDBC {@code PreparedStatement.executeQuery()} is
   * listed by {@code Statement#execute*}), except under {@code Object}, which every class extends:
   * there only Object's own methods are meant (Lettuce's {@code RedisCommandBuilder.wait(int,
   * long)} builds a command; it is not {@code Object.wait}, whose overloads are final).
   */
  private static boolean isTheListedMethod(MethodSymbol method, TypeSymbol owner, String listedType) {
    return !listedType.equals("java.lang.Object") || owner.getQualifiedName().contentEquals(listedType);
  }

  /** The receiver of a call or method reference ({@code in} of {@code in::read}); null where there is none. */
  static ExpressionTree receiver(Tree call) {
    if (call instanceof MethodInvocationTree invocation) {
      return ASTHelpers.getReceiver(invocation);
    }
    return call instanceof MemberReferenceTree reference
            && !(ASTHelpers.getSymbol(reference.getQualifierExpression()) instanceof Symbol.ClassSymbol)
        ? reference.getQualifierExpression()
        : null;
  }

  // ---- Parsing ----

  private static String readResource() {
    try (InputStream in = BlockingCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("AsyncGuard: " + RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Parsed parse(String text, String source) {
    ImmutableList.Builder<Entry> entries = ImmutableList.builder();
    ImmutableList.Builder<String> exclusions = ImmutableList.builder();
    ImmutableList.Builder<Entry> neverBlocking = ImmutableList.builder();
    String family = null;
    String advice = null;
    int lineNumber = 0;
    for (String raw : text.split("\n")) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        int close = line.indexOf(']');
        family = line.substring(1, close);
        advice = line.substring(close + 1).strip();
      } else if (line.startsWith("!") && line.contains("#")) {
        neverBlocking.add(parseEntry(line.substring(1), "never blocking", ""));
      } else if (line.startsWith("!")) {
        exclusions.add(line.substring(1));
      } else if (family == null) {
        throw new IllegalStateException(source + ":" + lineNumber + ": entry before any [family]");
      } else {
        entries.add(parseEntry(line, family, advice));
      }
    }
    return new Parsed(entries.build(), exclusions.build(), neverBlocking.build());
  }

  /** Parses {@code type#method} or {@code type#method(p1,p2)}; the form is validated beforehand. */
  static Entry parseEntry(String spec, String family, String advice) {
    return new Entry(MethodSpec.parse(spec), family, advice);
  }
}
