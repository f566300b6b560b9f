package dev.asyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Name;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Which calls block: directly (the catalog, a blocking annotation) or through methods of the same
 * compilation whose bodies block, to any depth.
 *
 * <p>Each method body is scanned once per compilation. A query resolves the whole not-yet-known
 * part of the call graph reachable from the method at once, iteratively (no recursion on call
 * depth) and exactly (cycles included), so every verdict it computes is memoized.
 */
final class BlockingSummaries {

  static final String ANNOTATED_ADVICE =
      "Its declaration says it blocks: call a non-blocking alternative, or offload the call to an"
          + " executor meant for blocking work.";
  static final String SYNCHRONIZED_ADVICE =
      "Waiting for a monitor parks the thread (SynchronizedIsBlocking=true): use a non-blocking"
          + " structure, or keep the critical section out of async code.";
  private static final int SHOWN_CHAIN_LENGTH = 8;
  /** The catalog family of waits on a future (get, join, getUninterruptibly, ...). */
  private static final String FUTURES_FAMILY = "futures";

  /**
   * The blocking API a chain ends in, with its catalog family's advice. {@code forkJoinWait}: {@code
   * ForkJoinTask.join} or {@code invoke}, fork/join's own waits.
   */
  record Leaf(String api, String advice, boolean awaitsFuture, boolean forkJoinWait) {
    Leaf(String api, String advice) {
      this(api, advice, false, false);
    }
  }

  /**
   * A blocking method of this compilation: it calls {@code next} (a helper), or the leaf itself.
   * {@code streamParameter}: the index of the parameter whose stream its only blocking call reads or
   * writes (a helper handed an in-memory stream does not block), else -1.
   */
  record Verdict(MethodSymbol method, MethodSymbol next, Leaf leaf, int streamParameter) {
    Verdict(MethodSymbol method, MethodSymbol next, Leaf leaf) {
      this(method, next, leaf, -1);
    }
  }

  /**
   * What one method body does: its first direct blocking call, the methods it calls inline, and
   * its first blocking call on a stream it was handed (the parameter's index), counted only if
   * nothing else blocks.
   */
  private record Facts(
      Leaf direct, List<MethodSymbol> callees, Leaf onParameter, int streamParameter, int kinds) {
    static final Facts NONE = new Facts(null, List.of(), null, -1, 0);
  }

  // The kinds of blocking a method reaches, as bits: an exemption for one kind (a wait on a future
  // after allOf, fork/join in a common-pool task, a helper handed an in-memory stream) applies to a
  // call only if that is all the method can do.
  /** Anything no exemption covers. */
  private static final int HARD = 1;
  /** A wait for a future's value (join, get, getUninterruptibly, ...). */
  private static final int FUTURE_WAIT = 2;
  /** ForkJoinTask.join or invoke. */
  private static final int FORK_JOIN_WAIT = 4;
  /** IO on the one stream the method was handed (its own parameter; a caller's is HARD). */
  private static final int OWN_STREAM = 8;

  private static final class Memo {
    final Map<MethodSymbol, Optional<Verdict>> resolved = new IdentityHashMap<>();
    /** Facts of the methods being resolved: dropped once resolved, which is all they are for. */
    final Map<MethodSymbol, Facts> facts = new IdentityHashMap<>();
    final Map<MethodSymbol, Boolean> mayBlock = new IdentityHashMap<>();
    /** The kinds each resolved blocking method reaches (absent: none). */
    final Map<MethodSymbol, Integer> kinds = new IdentityHashMap<>();
    /** Methods run on a framework's executor, as bodies run on the caller's thread. */
    final Map<MethodSymbol, Optional<Verdict>> inline = new IdentityHashMap<>();
    /** The kinds each of those reaches when it blocks. */
    final Map<MethodSymbol, Integer> inlineKinds = new IdentityHashMap<>();
    /** The toString() a string concatenation calls, per class. */
    final Map<ClassSymbol, Optional<MethodSymbol>> toStrings = new IdentityHashMap<>();
  }

  private final BlockingCatalog catalog;
  private final AsyncAnnotations annotations;
  private final AsyncContexts contexts;
  private final boolean synchronizedIsBlocking;
  private final PerCompilation<Memo> memo = new PerCompilation<>(state -> new Memo());

  BlockingSummaries(
      BlockingCatalog catalog,
      AsyncAnnotations annotations,
      AsyncContexts contexts,
      boolean synchronizedIsBlocking) {
    this.catalog = catalog;
    this.annotations = annotations;
    this.contexts = contexts;
    this.synchronizedIsBlocking = synchronizedIsBlocking;
  }

  /**
   * How a call to {@code method} blocks by itself: a catalog entry or a blocking annotation. {@code
   * locals}: the initializers of the locals around the call, for the stream a receiver decorates
   * (null: those around the call at the state's path).
   */
  Optional<Leaf> directLeaf(
      MethodSymbol method, Tree call, LocalVariables.Initializers locals, VisitorState state) {
    Optional<BlockingCatalog.Entry> entry = catalog.lookup(method, call, locals, state);
    if (entry.isPresent()) {
      return Optional.of(
          new Leaf(
              apiName(method),
              entry.get().advice(),
              entry.get().family().equals(FUTURES_FAMILY),
              isForkJoinWait(method)));
    }
    Optional<String> annotation = annotations.blockingOnMethod(method, state);
    return annotation.isEmpty()
        ? Optional.empty()
        : Optional.of(new Leaf(apiName(method) + " (marked @" + annotation.get() + ")", ANNOTATED_ADVICE));
  }

  /** {@code ForkJoinTask.join()} and {@code invoke()} (both final): a fork/join task's own waits. */
  private static boolean isForkJoinWait(MethodSymbol method) {
    return method.owner.getQualifiedName().contentEquals("java.util.concurrent.ForkJoinTask")
        && (method.getSimpleName().contentEquals("join") || method.getSimpleName().contentEquals("invoke"));
  }

  /**
   * Whether a call to {@code method} can block at all, directly or through its body, whatever the
   * call's receiver: nearly every call in async code cannot, and this answers it with one lookup.
   */
  boolean mayBlock(MethodSymbol method, VisitorState state) {
    Memo m = memo.get(state);
    Boolean known = m.mayBlock.get(method);
    if (known == null) {
      known =
          catalog.lists(method, state)
              || annotations.blockingOnMethod(method, state).isPresent()
              || transitive(method, state).isPresent();
      m.mayBlock.put(method, known);
    }
    return known;
  }

  /**
   * The {@code toString()} that a string concatenation ({@code "at " + uri}) calls on a value of this
   * static type, when it is a method of this compilation: the class's own or the one it inherits,
   * below Object's. Null for primitives, arrays, interfaces and type variables (the class that runs
   * is not known), and where the JDK's or a library's runs (strings, boxed values, Object): none of
   * those blocks. One lookup per class and compilation.
   */
  MethodSymbol implicitToString(Type type, VisitorState state) {
    if (type == null
        || !type.hasTag(TypeTag.CLASS)
        || !(type.tsym instanceof ClassSymbol owner)
        || owner.isInterface()) {
      return null;
    }
    Memo m = memo.get(state);
    Optional<MethodSymbol> known = m.toStrings.get(owner);
    if (known == null) {
      MethodSymbol declared = declaredToString(owner, state);
      known = Optional.ofNullable(
          declared != null && MethodDeclarations.pathOf(declared, state) != null ? declared : null);
      m.toStrings.put(owner, known);
    }
    return known.orElse(null);
  }

  private static MethodSymbol declaredToString(ClassSymbol type, VisitorState state) {
    Name name = state.getName("toString");
    for (Type t = type.type; t != null && t.hasTag(TypeTag.CLASS); t = state.getTypes().supertype(t)) {
      if (t.tsym == state.getSymtab().objectType.tsym) {
        return null;
      }
      for (Symbol member : t.tsym.members().getSymbolsByName(name)) {
        if (member instanceof MethodSymbol method && method.getParameters().isEmpty() && !method.isStatic()) {
          return method;
        }
      }
    }
    return null;
  }

  /** Whether calling {@code method} blocks through its body, and by which chain. */
  Optional<Verdict> transitive(MethodSymbol method, VisitorState state) {
    Memo m = memo.get(state);
    Optional<Verdict> known = m.resolved.get(method);
    if (known != null) {
      return known;
    }
    Facts facts = facts(method, m, state);
    if (facts.direct() == null && facts.onParameter() == null && facts.callees().isEmpty()) {
      // No body here (a library method), or one that calls nothing that could block: no graph.
      m.resolved.put(method, Optional.empty());
      m.facts.remove(method);
      return Optional.empty();
    }
    resolveFrom(method, m, state);
    return m.resolved.get(method);
  }

  /**
   * Whether the body of a method a framework runs on its own executor blocks when it runs on the
   * caller's thread instead (a call through {@code this} bypasses Spring's {@code @Async} proxy), and
   * by which chain; the kinds of blocking it reaches are kept, so a call's exemptions for them
   * apply as to any method's. Once per method.
   */
  Optional<Verdict> whenRunInline(MethodSymbol method, VisitorState state) {
    // Reviewed blocking, and a method that is an async context itself (reported inside), stop here.
    if (AsyncAnnotations.allowsBlocking(method) || contexts.isAsyncMethod(method, state)) {
      return Optional.empty();
    }
    Memo m = memo.get(state);
    return PerCompilation.lookUp(m.inline, method, k -> inlineVerdict(method, m, state));
  }

  /**
   * The verdict of one body whose callees are resolved as usual, with the kinds it reaches (kept
   * apart from the call graph's, which never passes through such a method).
   */
  private Optional<Verdict> inlineVerdict(MethodSymbol method, Memo m, VisitorState state) {
    Facts facts = scanBody(method, state);
    int kinds = facts.kinds();
    Verdict verdict = facts.direct() == null ? null : new Verdict(method, null, facts.direct());
    for (MethodSymbol callee : facts.callees()) {
      Optional<Verdict> calleeVerdict = transitive(callee, state);
      if (calleeVerdict.isPresent()) {
        kinds |= asCallerSees(m.kinds.getOrDefault(callee, 0));
        if (verdict == null) {
          verdict = new Verdict(method, callee, calleeVerdict.get().leaf());
        }
      }
    }
    if (verdict == null && facts.onParameter() != null) {
      verdict = new Verdict(method, null, facts.onParameter(), facts.streamParameter());
    }
    if (verdict != null) {
      m.inlineKinds.put(method, kinds);
    }
    return Optional.ofNullable(verdict);
  }

  /**
   * Whether the call hands the stream the verdict's only blocking call works on an in-memory one
   * ({@code decode(new ByteArrayInputStream(bytes))}, a local holding one): then it cannot block.
   */
  boolean handsAnInMemoryStream(Verdict verdict, Tree call, VisitorState state) {
    if (verdict.streamParameter() < 0
        || kindsOf(verdict.method(), state) != OWN_STREAM
        || !(call instanceof MethodInvocationTree invocation)
        || verdict.method().isVarArgs()
        || verdict.streamParameter() >= invocation.getArguments().size()) {
      return false;
    }
    ExpressionTree stream = invocation.getArguments().get(verdict.streamParameter());
    return catalog.isInMemoryStream(stream, LocalVariables.around(state.getPath()), state);
  }

  /** The chain a verdict stands for: {@code a() -> b() -> Thread.sleep}. */
  List<String> chain(Verdict verdict, VisitorState state) {
    List<String> chain = new ArrayList<>();
    Memo m = memo.get(state);
    Set<MethodSymbol> seen = new HashSet<>();
    for (Verdict v = verdict; v != null && seen.add(v.method()); ) {
      if (chain.size() == SHOWN_CHAIN_LENGTH) {
        chain.add("...");
        return chain;
      }
      chain.add(helperName(v.method()));
      if (v.next() == null) {
        chain.add(v.leaf().api());
        return chain;
      }
      v = m.resolved.getOrDefault(v.next(), Optional.empty()).orElse(null);
    }
    return chain;
  }

  /**
   * Resolves every method reachable from {@code root} that is not resolved yet: collect their
   * facts (depth-first, with an explicit stack), then spread "blocking" backwards from the
   * methods that block directly, so each method learns the next step of a shortest chain.
   */
  private void resolveFrom(MethodSymbol root, Memo m, VisitorState state) {
    Set<MethodSymbol> region = new LinkedHashSet<>();
    Deque<MethodSymbol> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      MethodSymbol method = stack.pop();
      if (m.resolved.containsKey(method) || !region.add(method)) {
        continue;
      }
      for (MethodSymbol callee : facts(method, m, state).callees()) {
        if (!m.resolved.containsKey(callee) && !region.contains(callee)) {
          stack.push(callee);
        }
      }
    }
    Map<MethodSymbol, List<MethodSymbol>> callers = new IdentityHashMap<>();
    Map<MethodSymbol, Verdict> verdicts = new IdentityHashMap<>();
    Deque<MethodSymbol> blocking = new ArrayDeque<>();
    for (MethodSymbol method : region) {
      Facts facts = m.facts.get(method);
      if (facts.direct() != null) {
        verdicts.put(method, new Verdict(method, null, facts.direct()));
        blocking.add(method);
        continue;
      }
      for (MethodSymbol callee : facts.callees()) {
        if (region.contains(callee)) {
          callers.computeIfAbsent(callee, k -> new ArrayList<>()).add(method);
        } else {
          Optional<Verdict> calleeVerdict = m.resolved.getOrDefault(callee, Optional.empty());
          if (calleeVerdict.isPresent() && !verdicts.containsKey(method)) {
            verdicts.put(method, new Verdict(method, callee, calleeVerdict.get().leaf()));
            blocking.add(method);
          }
        }
      }
    }
    spread(blocking, verdicts, callers);
    // Then the methods whose only blocking call is on a stream they were handed, and their callers.
    for (MethodSymbol method : region) {
      Facts facts = m.facts.get(method);
      if (!verdicts.containsKey(method) && facts.onParameter() != null) {
        verdicts.put(method, new Verdict(method, null, facts.onParameter(), facts.streamParameter()));
        blocking.add(method);
      }
    }
    spread(blocking, verdicts, callers);
    resolveKinds(region, m);
    for (MethodSymbol method : region) {
      m.resolved.put(method, Optional.ofNullable(verdicts.get(method)));
      m.facts.remove(method);
    }
  }

  private static int kindOf(Leaf leaf, MethodSymbol callee) {
    if (leaf.forkJoinWait()) {
      return FORK_JOIN_WAIT;
    }
    return leaf.awaitsFuture() && CompletedFutures.WAITS.contains(callee.getSimpleName().toString())
        ? FUTURE_WAIT
        : HARD;
  }

  /** The kinds a caller reaches through a call: the callee's own stream is, to it, any stream. */
  private static int asCallerSees(int kinds) {
    return (kinds & OWN_STREAM) != 0 ? (kinds & ~OWN_STREAM) | HARD : kinds;
  }

  /**
   * The kinds every method of the region reaches: its own, and its callees' as a caller sees them,
   * to a fixpoint (a worklist: each method's bits only grow, so it is re-queued a few times at most).
   */
  private static void resolveKinds(Set<MethodSymbol> region, Memo m) {
    Map<MethodSymbol, List<MethodSymbol>> callersOf = new IdentityHashMap<>();
    Map<MethodSymbol, Integer> kinds = new IdentityHashMap<>();
    for (MethodSymbol method : region) {
      Facts facts = m.facts.get(method);
      int own = facts.kinds();
      for (MethodSymbol callee : facts.callees()) {
        if (region.contains(callee)) {
          callersOf.computeIfAbsent(callee, k -> new ArrayList<>()).add(method);
        } else {
          own |= asCallerSees(m.kinds.getOrDefault(callee, 0));
        }
      }
      kinds.put(method, own);
    }
    Deque<MethodSymbol> work = new ArrayDeque<>(region);
    while (!work.isEmpty()) {
      MethodSymbol callee = work.poll();
      int seen = asCallerSees(kinds.get(callee));
      for (MethodSymbol caller : callersOf.getOrDefault(callee, List.of())) {
        int before = kinds.get(caller);
        if ((before | seen) != before) {
          kinds.put(caller, before | seen);
          work.add(caller);
        }
      }
    }
    for (MethodSymbol method : region) {
      if (kinds.get(method) != 0) {
        m.kinds.put(method, kinds.get(method));
      }
    }
  }

  /** The kinds a blocking method reaches: resolved in the call graph, or as a body run inline. */
  private int kindsOf(MethodSymbol method, VisitorState state) {
    Memo m = memo.get(state);
    Integer kinds = m.kinds.get(method);
    return kinds != null ? kinds : m.inlineKinds.getOrDefault(method, 0);
  }

  /** Whether all a call of the (resolved, blocking) method can block on is waits for futures. */
  boolean onlyWaitsOnFutures(MethodSymbol method, VisitorState state) {
    int kinds = kindsOf(method, state);
    return kinds != 0 && (kinds & ~(FUTURE_WAIT | FORK_JOIN_WAIT)) == 0;
  }

  /** Whether all a call of the (resolved, blocking) method can block on is fork/join's own waits. */
  boolean onlyForkJoinWaits(MethodSymbol method, VisitorState state) {
    return kindsOf(method, state) == FORK_JOIN_WAIT;
  }

  /** Spreads "blocking" from the methods queued to their callers not yet known to block. */
  private static void spread(
      Deque<MethodSymbol> blocking,
      Map<MethodSymbol, Verdict> verdicts,
      Map<MethodSymbol, List<MethodSymbol>> callers) {
    while (!blocking.isEmpty()) {
      MethodSymbol callee = blocking.poll();
      Leaf leaf = verdicts.get(callee).leaf();
      for (MethodSymbol caller : callers.getOrDefault(callee, List.of())) {
        if (!verdicts.containsKey(caller)) {
          verdicts.put(caller, new Verdict(caller, callee, leaf));
          blocking.add(caller);
        }
      }
    }
  }

  private Facts facts(MethodSymbol method, Memo m, VisitorState state) {
    Facts facts = m.facts.get(method);
    if (facts == null) {
      facts = scan(method, state);
      m.facts.put(method, facts);
    }
    return facts;
  }

  /** Scans a body once: lambdas and classes handed elsewhere are not part of it. */
  private Facts scan(MethodSymbol method, VisitorState state) {
    // Reviewed blocking, methods that are async contexts themselves (reported inside) and methods a
    // framework runs on its own executor (calling them returns at once) stop here.
    if (AsyncAnnotations.allowsBlocking(method)
        || annotations.runsOnExecutor(method, state)
        || contexts.isAsyncMethod(method, state)) {
      return Facts.NONE;
    }
    return scanBody(method, state);
  }

  private Facts scanBody(MethodSymbol method, VisitorState state) {
    TreePath path = MethodDeclarations.pathOf(method, state);
    if (path == null
        || !(path.getLeaf() instanceof MethodTree tree)
        || tree.getBody() == null) {
      return Facts.NONE;
    }
    Leaf[] direct = {null};
    Leaf[] onParameter = {null};
    int[] streamParameter = {-1};
    int[] kinds = {0};
    Set<MethodSymbol> callees = new LinkedHashSet<>();
    new LazyPathScanner<Void, Void>() {
      /**
       * The initializers of the locals around the call being recorded, looked up (in the body) only
       * for a catalog entry, which is rare: most bodies are scanned without collecting them.
       */
      private final LocalVariables.Initializers locals =
          local -> LocalVariables.initializer(local, currentPath());

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        if (FunctionRoles.of(currentPath(), state).kind() == FunctionRoles.Kind.INLINE) {
          super.visitLambdaExpression(node, null);
        }
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        if (FunctionRoles.of(currentPath(), state).kind() == FunctionRoles.Kind.INLINE) {
          record(node);
        }
        return super.visitMemberReference(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        record(node);
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        record(node);
        scan(node.getEnclosingExpression(), null);
        return scan(node.getArguments(), null);
      }

      @Override
      public Void visitSynchronized(SynchronizedTree node, Void unused) {
        if (synchronizedIsBlocking && direct[0] == null) {
          direct[0] = new Leaf("synchronized", SYNCHRONIZED_ADVICE);
        }
        return super.visitSynchronized(node, null);
      }

      @Override
      public Void visitBinary(BinaryTree node, Void unused) {
        // "at " + uri calls uri.toString().
        if (concatenatesStrings(node, state)) {
          recordToString(node.getLeftOperand());
          recordToString(node.getRightOperand());
        }
        return super.visitBinary(node, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        // message += uri, likewise.
        if (concatenatesStrings(node, state)) {
          recordToString(node.getExpression());
        }
        return super.visitCompoundAssignment(node, null);
      }

      private void recordToString(ExpressionTree operand) {
        MethodSymbol toString = implicitToString(ASTHelpers.getType(operand), state);
        if (toString != null) {
          record(operand, toString);
        }
      }

      private void record(Tree call) {
        if (ASTHelpers.getSymbol(call) instanceof MethodSymbol callee) {
          record(call, callee);
        }
      }

      private void record(Tree call, MethodSymbol callee) {
        Optional<Leaf> leaf = directLeaf(callee, call, locals, state);
        if (leaf.isEmpty()) {
          callees.add(callee);
          return;
        }
        if ((kinds[0] & HARD) != 0
            || CompletedFutures.isKnownComplete(currentPath(), state)
            || (leaf.get().awaitsFuture() && awaitsFutureFromOutside(call, locals, state))) {
          return; // known to block whatever else it does, or this call does not block
        }
        int parameter = streamParameterIndex(method, call, locals, state);
        if (parameter >= 0) {
          if (onParameter[0] == null) {
            onParameter[0] = leaf.get();
            streamParameter[0] = parameter;
            kinds[0] |= OWN_STREAM;
          } else if (parameter != streamParameter[0]) {
            kinds[0] |= HARD; // two streams handed in: either may be a socket's
          }
          return;
        }
        if (direct[0] == null) {
          direct[0] = leaf.get();
        }
        kinds[0] |= kindOf(leaf.get(), callee);
      }
    }.scanFrom(path, null);
    return new Facts(
        direct[0], ImmutableList.copyOf(callees), onParameter[0], streamParameter[0], kinds[0]);
  }

  /**
   * Whether the tree builds a string by concatenation, calling {@code toString()} on its non-string
   * operands: {@code a + b} typed String, or {@code s += x} on a String.
   */
  static boolean concatenatesStrings(Tree tree, VisitorState state) {
    if (tree instanceof BinaryTree binary) {
      return binary.getKind() == Tree.Kind.PLUS && isString(ASTHelpers.getType(binary), state);
    }
    return tree instanceof CompoundAssignmentTree assignment
        && assignment.getKind() == Tree.Kind.PLUS_ASSIGNMENT
        && isString(ASTHelpers.getType(assignment.getVariable()), state);
  }

  private static boolean isString(Type type, VisitorState state) {
    return type != null && type.tsym == state.getSymtab().stringType.tsym;
  }

  /**
   * The index of the method's parameter that a blocking stream call's receiver is, underneath its
   * decorators ({@code new DataInputStream(in).readInt()} reads {@code in}); -1 if it is anything else.
   */
  private static int streamParameterIndex(
      MethodSymbol method, Tree call, LocalVariables.Initializers locals, VisitorState state) {
    ExpressionTree receiver = BlockingCatalog.receiver(call);
    if (receiver == null || !TypeNames.isSubtypeOfAny(ASTHelpers.getType(receiver), BlockingCatalog.STREAM_TYPES, state)) {
      return -1;
    }
    VarSymbol parameter = BlockingCatalog.streamParameter(receiver, locals, state);
    return parameter == null || parameter.owner != method ? -1 : method.getParameters().indexOf(parameter);
  }

  /**
   * Whether a helper's wait is on a future its caller handed in (a parameter, a field, the object
   * itself, or a local copied from one of those). Such helpers ({@code getIfReady(future)},
   * {@code getDone(future)}) are typically called only on completed futures, which the callers know
   * and this analysis cannot see, so the wait does not make their callers blocking. A wait on a
   * future the helper obtained itself ({@code client.sendAsync(request).join()}) does.
   */
  private static boolean awaitsFutureFromOutside(
      Tree call, LocalVariables.Initializers locals, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return true; // a method reference (Future::get) waits on futures handed to it
    }
    MethodSymbol callee = ASTHelpers.getSymbol(invocation);
    ExpressionTree awaited = ASTHelpers.getReceiver(invocation);
    Type awaitedType = awaited == null ? callee.owner.type : ASTHelpers.getType(awaited);
    if (callee.isStatic()) {
      if (invocation.getArguments().isEmpty()) {
        return false;
      }
      awaited = invocation.getArguments().get(0);
      awaitedType = ASTHelpers.getType(awaited);
    }
    if (!TypeNames.isJdkFuture(awaitedType, state)) {
      return false; // awaitTermination, invokeAll, sleepUninterruptibly: not a wait on a future
    }
    for (int hops = 0; hops < 8; hops++) {
      if (awaited == null) {
        return true; // get() on the object itself
      }
      ExpressionTree stripped = ASTHelpers.stripParentheses(awaited);
      while (stripped instanceof TypeCastTree cast) {
        stripped = ASTHelpers.stripParentheses(cast.getExpression());
      }
      if (!(stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
          || !(ASTHelpers.getSymbol(stripped) instanceof VarSymbol variable)) {
        return false; // made here: a call, a new future
      }
      if (variable.getKind() != ElementKind.LOCAL_VARIABLE) {
        return true; // a parameter, a field, this
      }
      awaited = locals.of(variable);
      if (awaited == null) {
        return false; // assigned later: not known to come from outside
      }
    }
    return false;
  }

  /** {@code Thread.sleep}, {@code new FileInputStream}. */
  static String apiName(MethodSymbol method) {
    if (method.isConstructor()) {
      return "new " + method.owner.getSimpleName();
    }
    return method.owner.getSimpleName() + "." + method.getSimpleName();
  }

  /**
   * {@code helperThatSleeps()}, as the chain shows the project's own methods; an anonymous class is
   * shown by what it extends: {@code new Task() {...}}.
   */
  static String helperName(MethodSymbol method) {
    if (!method.isConstructor()) {
      return method.getSimpleName() + "()";
    }
    if (method.owner instanceof ClassSymbol type && type.isAnonymous()) {
      Type extended =
          type.getInterfaces().isEmpty() ? type.getSuperclass() : type.getInterfaces().get(0);
      return "new " + extended.tsym.getSimpleName() + "() {...}";
    }
    return "new " + method.owner.getSimpleName() + "()";
  }
}
