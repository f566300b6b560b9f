package dev.asyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.BinaryTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.CompoundAssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A future-like value is turned into text, logged or compared where its result was meant: the Java
 * form of printing a coroutine object instead of awaiting it.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "FutureUsedAsValue",
    summary =
        "A future or publisher is turned into text, logged or compared where its result was meant",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.RULES + "#futureusedasvalue")
public final class FutureUsedAsValue extends BugChecker
    implements CompilationUnitTreeMatcher,
        BinaryTreeMatcher,
        CompoundAssignmentTreeMatcher,
        MethodInvocationTreeMatcher {

  /** Calls that turn every argument into text. */
  private static final CallPattern.AnyOf TEXT_OF_ARGUMENTS =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.lang.String", "valueOf", "format"),
          CallPattern.instanceMethodOfExactly("java.lang.String", "formatted"),
          CallPattern.staticMethod("java.util.Objects", "toString"),
          CallPattern.staticMethod("java.text.MessageFormat", "format"),
          CallPattern.instanceMethodOfAny(
              List.of("java.io.PrintStream", "java.io.PrintWriter"), "print", "println", "printf", "format"),
          CallPattern.instanceMethodOfAny(
              List.of("java.lang.AbstractStringBuilder", "java.lang.StringBuilder", "java.lang.StringBuffer"),
              "append",
              "insert"));

  /** Loggers' methods, whatever their name: any argument is rendered with toString(). */
  private static final CallPattern.AnyOf LOGGER_METHODS =
      CallPattern.anyOf(CallPattern.instanceMethodOfAny(TypeNames.LOGGER_TYPES));

  /** Fluent logging (SLF4J 2): the arguments are rendered with toString() too. */
  private static final CallPattern.AnyOf LOGGING_EVENT =
      CallPattern.anyOf(CallPattern.instanceMethod("org.slf4j.spi.LoggingEventBuilder", "addArgument", "log"));

  private static final CallPattern TO_STRING =
      CallPattern.instanceMethodOfAnyType("toString").withNoParameters();

  private static final CallPattern EQUALS_METHOD = CallPattern.instanceMethodOfAnyType("equals");

  private static final CallPattern.AnyOf STATIC_EQUALS =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.util.Objects", "equals"),
          CallPattern.staticMethod("com.google.common.base.Objects", "equal"));

  /**
   * Tests' equality assertions, which compare with {@code equals} (JUnit 4, JUnit 5, TestNG): a
   * future against a value always fails, and its message prints the future.
   */
  private static final CallPattern.AnyOf ASSERT_EQUALS =
      CallPattern.anyOf(
          CallPattern.staticMethod("org.junit.Assert", "assertEquals", "assertNotEquals"),
          CallPattern.staticMethod("org.junit.jupiter.api.Assertions", "assertEquals", "assertNotEquals"),
          CallPattern.staticMethod("org.testng.Assert", "assertEquals", "assertNotEquals"));

  /**
   * The names of every call the check looks at, loggers' methods aside: a name test (and, for the
   * rest, whether the method is a logger's) rules out nearly every call before any type is looked up.
   */
  private static final ImmutableSet<String> CALL_NAMES =
      ImmutableSet.<String>builder()
          .addAll(TEXT_OF_ARGUMENTS.names())
          .addAll(LOGGING_EVENT.names())
          .addAll(TO_STRING.names())
          .addAll(EQUALS_METHOD.names())
          .addAll(STATIC_EQUALS.names())
          .addAll(ASSERT_EQUALS.names())
          .build();

  /**
   * Futures whose text is what the code means: a jOOQ query renders its SQL (and R2DBC can
   * subscribe to it, so it is a Publisher); a Lettuce command prints its type and arguments.
   */
  private static final List<String> DESCRIBES_ITSELF =
      List.of("org.jooq.QueryPart", "io.lettuce.core.protocol.RedisCommand");

  /** Words that say "this is a future" anywhere in a name: futureX, xFuture, promise, stage. */
  private static final List<String> FUTURE_WORDS = List.of("future", "promise", "stage", "publisher");

  /** Reactor types' names, said at the start of a name or at the end of a word ({@code userMono}). */
  private static final List<String> PUBLISHER_WORDS = List.of("mono", "flux");

  private final AsyncGuardOptions options;
  private final FutureTypes futureTypes;
  /** Whether a class is a logger (or extends one), each class once per compilation. */
  private final PerCompilation<SupertypeMemo<Boolean>> loggerTypes =
      new PerCompilation<>(FutureUsedAsValue::loggerTypes);

  /** For the service loader; Error Prone itself uses the flags constructor. */
  public FutureUsedAsValue() {
    this(ErrorProneFlags.empty());
  }

  public FutureUsedAsValue(ErrorProneFlags flags) {
    this.options = AsyncGuardOptions.fromFlags(flags);
    this.futureTypes = new FutureTypes(options);
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    OptionProblems.reportIfInvalid(options, state);
    return NO_MATCH;
  }

  @Override
  public Description matchBinary(BinaryTree tree, VisitorState state) {
    if (options.problem().isPresent()
        || tree.getKind() != Tree.Kind.PLUS
        || !(isFuture(tree.getLeftOperand(), state) || isFuture(tree.getRightOperand(), state))
        || !isString(ASTHelpers.getType(tree), state)
        || describesOnPurpose(state)) {
      return NO_MATCH;
    }
    for (ExpressionTree operand : List.of(tree.getLeftOperand(), tree.getRightOperand())) {
      Description description = describeIfFuture(operand, "concatenating it into a string", state);
      if (description != NO_MATCH) {
        return description;
      }
    }
    return NO_MATCH;
  }

  @Override
  public Description matchCompoundAssignment(CompoundAssignmentTree tree, VisitorState state) {
    if (options.problem().isPresent()
        || tree.getKind() != Tree.Kind.PLUS_ASSIGNMENT
        || !isFuture(tree.getExpression(), state)
        || !isString(ASTHelpers.getType(tree.getVariable()), state)
        || describesOnPurpose(state)) {
      return NO_MATCH;
    }
    return describeIfFuture(tree.getExpression(), "appending it to a string", state);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (options.problem().isPresent()
        || !mayTurnIntoText(tree, state)
        || !involvesFuture(tree, state)
        || describesOnPurpose(state)) {
      return NO_MATCH;
    }
    if (TO_STRING.matches(tree, state)) {
      ExpressionTree receiver = ASTHelpers.getReceiver(tree);
      return receiver == null ? NO_MATCH : describeIfFuture(receiver, "calling toString() on it", state);
    }
    if (EQUALS_METHOD.matches(tree, state) && tree.getArguments().size() == 1) {
      return matchComparison(tree, ASTHelpers.getReceiver(tree), tree.getArguments().get(0), state);
    }
    if (STATIC_EQUALS.matches(tree, state) && tree.getArguments().size() == 2) {
      return matchComparison(tree, tree.getArguments().get(0), tree.getArguments().get(1), state);
    }
    if (ASSERT_EQUALS.matches(tree, state) && tree.getArguments().size() >= 2) {
      // JUnit 4 puts the message first (assertEquals(message, expected, actual)), the others last.
      int first = tree.getArguments().size() == 3 && startsWithMessage(tree, state) ? 1 : 0;
      return matchComparison(tree, tree.getArguments().get(first), tree.getArguments().get(first + 1), state);
    }
    String use;
    if (TEXT_OF_ARGUMENTS.matches(tree, state)) {
      use = "passing it to " + CallDescriptions.describe(tree) + " (which turns it into text)";
    } else if (LOGGER_METHODS.matches(tree, state) || LOGGING_EVENT.matches(tree, state)) {
      use = "logging it";
    } else {
      return NO_MATCH;
    }
    for (ExpressionTree argument : tree.getArguments()) {
      Description description = describeIfFuture(argument, use, state);
      if (description != NO_MATCH) {
        return description;
      }
    }
    return NO_MATCH;
  }

  /**
   * Code whose job is to describe futures, where their state is the text meant: a {@code
   * toString()}-style method ({@code pendingToString()}), an assertion's message, and the code of a future or publisher type itself (a library describing its own
   * stages and sources).
   */
  private boolean describesOnPurpose(VisitorState state) {
    Tree child = null;
    for (Tree enclosing : state.getPath()) {
      if (enclosing instanceof AssertTree assertion && assertion.getDetail() == child) {
        return true;
      }
      if (enclosing instanceof MethodTree method) {
        String name = method.getName().toString();
        if (name.equals("toString") || name.endsWith("ToString")) {
          return true;
        }
      } else if (enclosing instanceof ClassTree type) {
        ClassSymbol symbol = ASTHelpers.getSymbol(type);
        if (symbol != null && futureTypes.isFutureLike(symbol.type, state)) {
          return true;
        }
      }
      child = enclosing;
    }
    return false;
  }

  private static SupertypeMemo<Boolean> loggerTypes(VisitorState state) {
    Set<Name> loggers = new HashSet<>();
    for (String name : TypeNames.LOGGER_TYPES) {
      loggers.add(state.getName(name));
    }
    return new SupertypeMemo<>(state.getTypes(), false) {
      @Override
      Boolean own(TypeSymbol type) {
        return loggers.contains(type.getQualifiedName());
      }

      @Override
      Boolean merge(Boolean soFar, Boolean ofSupertype) {
        return soFar || ofSupertype;
      }

      @Override
      boolean isFinal(Boolean isLogger) {
        return isLogger;
      }
    };
  }

  /**
   * A call of one of the names looked at, or a logger's method given arguments (a logger's receiver
   * is no future, so without arguments it renders none).
   */
  private boolean mayTurnIntoText(MethodInvocationTree tree, VisitorState state) {
    if (!(ASTHelpers.getSymbol((Tree) tree) instanceof MethodSymbol method)) {
      return false;
    }
    return CALL_NAMES.contains(method.getSimpleName().toString())
        || (!tree.getArguments().isEmpty()
            && method.owner instanceof TypeSymbol owner
            && loggerTypes.get(state).of(owner));
  }

  /**
   * Whether the receiver or an argument is future-like: a memoized type lookup that rules out almost
   * every call before any method matcher runs.
   */
  private boolean involvesFuture(MethodInvocationTree tree, VisitorState state) {
    // An explicit receiver only: the implicit one (this) is a future only in a future's own code,
    // which describes futures on purpose.
    if (tree.getMethodSelect() instanceof MemberSelectTree select
        && isFuture(select.getExpression(), state)) {
      return true;
    }
    for (ExpressionTree argument : tree.getArguments()) {
      if (isFuture(argument, state)) {
        return true;
      }
    }
    return false;
  }

  private boolean isFuture(ExpressionTree expression, VisitorState state) {
    return futureTypes.isFutureLike(ASTHelpers.getType(expression), state);
  }

  /**
   * A value of this type may be the future itself: it casts to the future's type (an interface the
   * future's class may implement, a superclass); a string, a box or a record does not.
   */
  private static boolean mayBeTheFuture(Type other, Type future, VisitorState state) {
    Types types = state.getTypes();
    return future != null && !other.isPrimitive() && types.isCastable(types.erasure(other), types.erasure(future));
  }

  /** {@code assertEquals(String message, Object expected, Object actual)} of JUnit 4. */
  private static boolean startsWithMessage(MethodInvocationTree call, VisitorState state) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.owner.getQualifiedName().contentEquals("org.junit.Assert")
        && TypeNames.isExactly(method.getParameters().get(0).type, "java.lang.String", state);
  }

  /**
   * {@code future.equals(value)}: only where the other side's type is known not to be a future
   * (not {@code Object}, not a type variable, nor one a future could be cast to: a {@code Runnable}
   * captured in a test may be the {@code FutureTask} expected), since futures are compared by
   * identity on purpose.
   */
  private Description matchComparison(
      MethodInvocationTree tree, ExpressionTree left, ExpressionTree right, VisitorState state) {
    if (left == null) {
      return NO_MATCH;
    }
    Type leftType = ASTHelpers.getType(left);
    Type rightType = ASTHelpers.getType(right);
    boolean leftFuture = futureTypes.isFutureLike(leftType, state);
    boolean rightFuture = futureTypes.isFutureLike(rightType, state);
    if (leftFuture == rightFuture) {
      return NO_MATCH;
    }
    Type other = leftFuture ? rightType : leftType;
    ExpressionTree future = leftFuture ? left : right;
    if (other == null
        || other.hasTag(TypeTag.BOT)
        || other.hasTag(TypeTag.TYPEVAR)
        || other.tsym == state.getSymtab().objectType.tsym
        || mayBeTheFuture(other, ASTHelpers.getType(future), state)) {
      return NO_MATCH;
    }
    return describeIfFuture(
        future, "comparing it with " + CallDescriptions.aTypeName(other, state), state, tree);
  }

  /**
   * Turned into text: a future named as one is described on purpose, and so is one with no value to
   * mean ({@code CompletableFuture<Void>}, {@code ScheduledFuture<?>}, {@code Mono<Void>}).
   */
  private Description describeIfFuture(ExpressionTree expression, String use, VisitorState state) {
    Type type = ASTHelpers.getType(expression);
    if (namedAsFuture(expression)
        || !futureTypes.isFutureLike(type, state)
        // Its text is what the code means (a query's SQL, a command's arguments); not its equality.
        || TypeNames.isSubtypeOfAny(type, DESCRIBES_ITSELF, state)
        || hasNoValue(type, state)
        || describedByTheProject(type, state)
        // A failure message, or code that knows it has no value yet (not done, being cancelled,
        // timed out), describes the future itself.
        || DescribingContexts.describesOnPurpose(expression, state.getPath(), state)) {
      return NO_MATCH;
    }
    return describeIfFuture(expression, use, state, expression);
  }

  private Description describeIfFuture(
      ExpressionTree expression, String use, VisitorState state, Tree reportAt) {
    Type type = ASTHelpers.getType(expression);
    Optional<FutureTypes.Kind> kind = futureTypes.kindOf(type, state);
    if (kind.isEmpty()) {
      return NO_MATCH;
    }
    String typeName = CallDescriptions.typeName(type, state);
    String aTypeName = CallDescriptions.aTypeName(type, state);
    String what = state.getSourceForNode(expression);
    if (what == null || what.length() > 60) {
      what = "this " + typeName;
    }
    String consequence =
        kind.get() == FutureTypes.Kind.COLD
            ? "uses the publisher object itself, not the value it would emit, and nothing"
                + " subscribes, so its work never runs"
            : "uses the future object itself (its state, such as 'Incomplete'), not its result";
    String remedy =
        kind.get() == FutureTypes.Kind.COLD
            ? "Use the value inside the chain (map, flatMap, doOnNext), or block() only in"
                + " synchronous code."
            : hotRemedy(type, state);
    return buildDescription(reportAt)
        .setMessage(
            String.format(
                "%s is %s, not its result: %s %s. %s", what, aTypeName, use, consequence, remedy))
        .build();
  }

  /** How to use a hot future's value, in the words of its own API. */
  private static String hotRemedy(Type type, VisitorState state) {
    return switch (FutureTypes.apiOf(type, state)) {
      case GUAVA ->
          "Use the value when it arrives (Futures.transform, addCallback), or get it"
              + " (Futures.getUnchecked) in synchronous code.";
      case VERTX -> "Use the value when it arrives (map, onSuccess).";
      case NETTY ->
          "Use the value when it arrives (addListener, then getNow()), or sync() it in"
              + " synchronous code.";
      case PLAIN -> "get() it where the value is needed, in synchronous code.";
      case STAGE ->
          "Use the value when it arrives (thenApply, thenAccept), or join() it in synchronous"
              + " code.";
    };
  }


  /**
   * Whether the future's value is nothing ({@code Void}) or not known to be anything ({@code ?}):
   * its own type argument, or, for a type without one ({@code ChannelFuture}, Vert.x's {@code
   * Timer}), that of the future type it is.
   */
  private static boolean hasNoValue(Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    if (TypeNames.isSubtypeOfAny(type, VALUELESS_TYPES, state)) {
      return true;
    }
    Types types = state.getTypes();
    Type bound = TypeNames.classBound(type, types);
    List<Type> arguments = bound.getTypeArguments();
    // A type without one: the value of the future type it is (Vert.x's Timer is a Future<Void>).
    for (int i = 0; arguments.isEmpty() && i < VALUE_CARRYING_TYPES.size(); i++) {
      Symbol future = state.getSymbolFromString(VALUE_CARRYING_TYPES.get(i));
      Type asFuture = future == null ? null : types.asSuper(bound, future);
      arguments = asFuture == null ? List.of() : asFuture.getTypeArguments();
    }
    if (arguments.size() != 1) {
      return false;
    }
    Type value = arguments.get(0);
    if (value instanceof Type.CapturedType captured) {
      value = captured.wildcard; // a use of a Future<?> variable has its capture
    }
    if (value instanceof Type.WildcardType wildcard) {
      // Future<?> may hide a value (submit(() -> 42)); a ScheduledFuture<?> is a periodic handle.
      return (wildcard.isUnbound()
              && TypeNames.isSubtype(type, "java.util.concurrent.ScheduledFuture", state))
          || (wildcard.isExtendsBound() && isVoid(wildcard.getExtendsBound(), state));
    }
    return isVoid(value, state);
  }

  /** The future types whose one type argument is the value: that of a subtype without one. */
  private static final ImmutableList<String> VALUE_CARRYING_TYPES =
      ImmutableList.of(
          "java.util.concurrent.Future",
          "java.util.concurrent.CompletionStage",
          "io.vertx.core.Future",
          "org.reactivestreams.Publisher");

  /** RxJava's Completable (2 and 3): completion or failure, never a value. */
  private static final ImmutableList<String> VALUELESS_TYPES =
      ImmutableList.of("io.reactivex.rxjava3.core.CompletableSource", "io.reactivex.CompletableSource");

  /**
   * Whether the toString() that renders the future is the project's own: a class of this
   * compilation ({@code SumTask extends RecursiveTask<Long>}) that says what its task is, rather
   * than the state a library's future prints.
   */
  private static boolean describedByTheProject(Type type, VisitorState state) {
    Types types = state.getTypes();
    Name toString = state.getNames().toString;
    for (Type t = type == null ? null : TypeNames.classBound(type, types);
        t != null && t.tsym instanceof ClassSymbol c;
        t = types.supertype(t)) {
      if (c.members() == null) {
        return false;
      }
      for (Symbol member : c.members().getSymbolsByName(toString)) {
        if (member instanceof MethodSymbol method && method.getParameters().isEmpty()) {
          // Written here (a record's implicit one is not), and not adding the library's state to it.
          return JavacTrees.instance(state.context).getTree(method) instanceof MethodTree written
              && written.getBody() != null
              && !callsSuperToString(written);
        }
      }
    }
    return false;
  }

  private static boolean callsSuperToString(MethodTree method) {
    boolean[] found = {false};
    new OwnBodyScanner() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (call.getMethodSelect() instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("toString")
            && select.getExpression() instanceof IdentifierTree receiver
            && receiver.getName().contentEquals("super")) {
          found[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  private static boolean isVoid(Type type, VisitorState state) {
    return type != null && type.tsym != null && type.tsym.getQualifiedName().contentEquals("java.lang.Void");
  }

  /**
   * A variable or getter whose name says it holds a future ({@code responseFuture}, {@code
   * promise}, {@code getFuture()}): the code means the future object, as in {@code
   * log.debug("Aborting {}", future)}. A value-named one ({@code price}) is the bug this check is for.
   */
  private static boolean namedAsFuture(ExpressionTree expression) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(expression);
    if (stripped instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      stripped = call.getMethodSelect();
    }
    String name =
        stripped instanceof IdentifierTree identifier
            ? identifier.getName().toString()
            : stripped instanceof MemberSelectTree select ? select.getIdentifier().toString() : "";
    return saysFuture(name);
  }

  /**
   * Whether a name says it holds a future: it contains a future word, or starts with a publisher
   * word, or ends with one right after a letter or at its start ({@code monoOf}, {@code userFlux};
   * not {@code user_mono}). Case does not matter.
   */
  static boolean saysFuture(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String word : FUTURE_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    for (String word : PUBLISHER_WORDS) {
      if (lower.startsWith(word)) {
        return true;
      }
      int before = lower.length() - word.length() - 1;
      if (lower.endsWith(word) && before >= 0 && lower.charAt(before) >= 'a' && lower.charAt(before) <= 'z') {
        return true;
      }
    }
    return false;
  }

  private static boolean isString(Type type, VisitorState state) {
    return type != null && state.getTypes().isSameType(type, state.getSymtab().stringType);
  }
}
