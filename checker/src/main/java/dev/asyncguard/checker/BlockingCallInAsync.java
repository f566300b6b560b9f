package dev.asyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.BinaryTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.CompoundAssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.SynchronizedTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.TryTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncguard.checker.AsyncContexts.AsyncContext;
import java.util.List;
import java.util.Optional;

/**
 * A blocking call (sleeping, waiting on a future or a latch, file, network or JDBC IO) in code that
 * must not block: a method marked non-blocking, a method that returns a future, or a callback that
 * runs on a completing thread or on the common pool. Nothing fails; latency and throughput
 * collapse.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "BlockingCallInAsync",
    summary =
        "A blocking call in code that must not block: a non-blocking method, a method that returns a"
            + " future, or a callback on a completing thread or the common pool",
    severity = WARNING,
    linkType = CUSTOM,
    link = Docs.RULES + "#blockingcallinasync")
public final class BlockingCallInAsync extends BugChecker
    implements CompilationUnitTreeMatcher,
        ClassTreeMatcher,
        MethodTreeMatcher,
        LambdaExpressionTreeMatcher,
        MethodInvocationTreeMatcher,
        BinaryTreeMatcher,
        CompoundAssignmentTreeMatcher,
        NewClassTreeMatcher,
        MemberReferenceTreeMatcher,
        SynchronizedTreeMatcher,
        TryTreeMatcher {

  private final AsyncGuardOptions options;
  private final AsyncAnnotations annotations;
  private final AsyncContexts contexts;
  private final BlockingSummaries summaries;

  /** For the service loader; Error Prone itself uses the flags constructor. */
  public BlockingCallInAsync() {
    this(ErrorProneFlags.empty());
  }

  public BlockingCallInAsync(ErrorProneFlags flags) {
    this.options = AsyncGuardOptions.fromFlags(flags);
    this.annotations = new AsyncAnnotations(options);
    this.contexts = new AsyncContexts(annotations, new FutureTypes(options));
    this.summaries =
        new BlockingSummaries(
            new BlockingCatalog(options),
            annotations,
            contexts,
            options.isTrue(AsyncGuardOptions.Key.SYNCHRONIZED_IS_BLOCKING));
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    OptionProblems.reportIfInvalid(options, state);
    return NO_MATCH;
  }

  // The functions whose code may not block, classified as the scan enters them (AsyncContexts.enter).

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    return enterFunction(state);
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return enterFunction(state);
  }

  @Override
  public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    return enterFunction(state);
  }

  private Description enterFunction(VisitorState state) {
    if (options.problem().isEmpty()) {
      contexts.enter(state.getPath(), state);
    }
    return NO_MATCH;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return matchCall(tree, state);
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return matchCall(tree, state);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return matchCall(tree, state);
  }

  @Override
  public Description matchSynchronized(SynchronizedTree tree, VisitorState state) {
    if (options.problem().isPresent()
        || !options.isTrue(AsyncGuardOptions.Key.SYNCHRONIZED_IS_BLOCKING)) {
      return NO_MATCH;
    }
    Optional<AsyncContext> context = contexts.of(state.getPath(), state);
    if (context.isEmpty()) {
      return NO_MATCH;
    }
    if (allowedToBlock(state.getPath())) {
      return NO_MATCH;
    }
    return describe(tree, "a synchronized block", context.get(), BlockingSummaries.SYNCHRONIZED_ADVICE);
  }

  /**
   * A string concatenation calls each operand's {@code toString()} ({@code "at " + uri}): one of
   * this compilation may block as any call does (Lettuce's {@code RedisURI.toString()} joins a
   * credentials future).
   */
  @Override
  public Description matchBinary(BinaryTree tree, VisitorState state) {
    if (options.problem().isPresent() || !BlockingSummaries.concatenatesStrings(tree, state)) {
      return NO_MATCH;
    }
    Description left = matchToString(tree.getLeftOperand(), state);
    return left != NO_MATCH ? left : matchToString(tree.getRightOperand(), state);
  }

  /** {@code message += uri}, likewise. */
  @Override
  public Description matchCompoundAssignment(CompoundAssignmentTree tree, VisitorState state) {
    if (options.problem().isPresent() || !BlockingSummaries.concatenatesStrings(tree, state)) {
      return NO_MATCH;
    }
    return matchToString(tree.getExpression(), state);
  }

  /**
   * {@code try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {..}}: the implicit {@code
   * close()} at its end waits for every task submitted (JDK 19+), as an explicit one does. Only
   * executors: other resources (a stream, a socket) are reported where they are opened.
   */
  @Override
  public Description matchTry(TryTree tree, VisitorState state) {
    if (options.problem().isPresent()) {
      return NO_MATCH;
    }
    for (Tree resource : tree.getResources()) {
      Type type;
      ExpressionTree held;
      if (resource instanceof VariableTree variable) {
        type = ASTHelpers.getSymbol(variable) == null ? null : ASTHelpers.getSymbol(variable).type;
        held = variable.getInitializer();
      } else { // try (pool): a variable declared before
        type = ASTHelpers.getType(resource);
        held = LocalVariables.heldValue((ExpressionTree) resource, LocalVariables.around(state.getPath()), state);
      }
      MethodSymbol close =
          TypeNames.isSubtype(type, "java.util.concurrent.ExecutorService", state)
                  && !(held != null && CLOSE_RETURNS_AT_ONCE.matches(ASTHelpers.stripParentheses(held), state))
              ? closeOf(type, state)
              : null;
      Description implicitClose =
          close == null ? NO_MATCH : matchCall(resource, close, "the try-with-resources' implicit ", state);
      if (implicitClose != NO_MATCH) {
        return implicitClose;
      }
    }
    return NO_MATCH;
  }

  /**
   * Executors whose close() returns at once: the common pool's does nothing, a direct executor
   * service has run every task on its submitter's thread.
   */
  private static final CallPattern.AnyOf CLOSE_RETURNS_AT_ONCE =
      CallPattern.anyOf(
          CallPattern.staticMethod("java.util.concurrent.ForkJoinPool", "commonPool"),
          CallPattern.staticMethod("com.google.common.util.concurrent.MoreExecutors", "newDirectExecutorService"));

  /** The {@code close()} a value of this type runs: the most specific one declared. */
  private static MethodSymbol closeOf(Type type, VisitorState state) {
    MethodSymbol found = null;
    for (MethodSymbol close :
        ASTHelpers.findMatchingMethods(
            state.getName("close"),
            m -> m.getParameters().isEmpty() && !m.isStatic(),
            state.getTypes().erasure(type),
            state.getTypes())) {
      if (found == null || close.owner.isSubClass(found.owner, state.getTypes())) {
        found = close;
      }
    }
    return found;
  }

  private Description matchToString(ExpressionTree operand, VisitorState state) {
    MethodSymbol toString = summaries.implicitToString(ASTHelpers.getType(operand), state);
    return toString == null ? NO_MATCH : matchCall(operand, toString, "the string concatenation's ", state);
  }

  private Description matchCall(Tree call, VisitorState state) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        ? matchCall(call, method, "", state)
        : NO_MATCH;
  }

  /** {@code implicitly}: how the code calls the method without naming it, or empty. */
  private Description matchCall(Tree call, MethodSymbol method, String implicitly, VisitorState state) {
    if (options.problem().isPresent()) {
      return NO_MATCH;
    }
    Optional<AsyncContext> context =
        call instanceof MemberReferenceTree
            ? contexts.ofReference(state.getPath(), state)
            : contexts.of(state.getPath(), state);
    if (context.isEmpty()) {
      return NO_MATCH;
    }
    if (!summaries.mayBlock(method, state)) {
      return matchSelfInvokedAsync(call, method, implicitly, context.get(), state);
    }
    String blocks;
    BlockingSummaries.Leaf blockingLeaf;
    Optional<BlockingSummaries.Leaf> leaf =
        summaries.directLeaf(method, call, /* the locals around the call */ null, state);
    if (leaf.isPresent()) {
      blockingLeaf = leaf.get();
      blocks = blockingLeaf.api();
      // Fork/join in a common-pool task: the pool's own design, its worker helps while it waits.
      if (blockingLeaf.forkJoinWait() && context.get().onCommonPool()) {
        return NO_MATCH;
      }
    } else {
      Optional<BlockingSummaries.Verdict> verdict = summaries.transitive(method, state);
      if (verdict.isEmpty()) {
        return NO_MATCH;
      }
      blockingLeaf = verdict.get().leaf();
      if (exemptThroughItsBody(verdict.get(), call, context.get(), state)) {
        return NO_MATCH;
      }
      blocks = chainText(verdict.get(), state);
    }
    String advice = blockingLeaf.advice();
    if (CompletedFutures.isKnownComplete(state.getPath(), state) || allowedToBlock(state.getPath())) {
      return NO_MATCH;
    }
    return describe(call, implicitly + blocks, context.get(), advice);
  }

  /**
   * The exemptions of a call that blocks through a body of this compilation, for the kinds of
   * blocking that are all it can do: a stream it works on that the call hands an in-memory one, a
   * wait on futures from a callback after {@code allOf(..)} (complete, as a wait written in the
   * callback is), fork/join's own waits in a common-pool task.
   */
  private boolean exemptThroughItsBody(
      BlockingSummaries.Verdict verdict, Tree call, AsyncContext context, VisitorState state) {
    MethodSymbol method = verdict.method();
    return summaries.handsAnInMemoryStream(verdict, call, state)
        || (summaries.onlyWaitsOnFutures(method, state)
            && CompletedFutures.inCallbackAfterAllDone(state.getPath(), state))
        || (summaries.onlyForkJoinWaits(method, state) && context.onCommonPool());
  }

  /** {@code helper() (helper() -> Thread.sleep)}. */
  private String chainText(BlockingSummaries.Verdict verdict, VisitorState state) {
    List<String> chain = summaries.chain(verdict, state);
    return chain.get(0) + " (" + String.join(" -> ", chain) + ")";
  }

  /**
   * Spring's {@code @Async} (and EJB's {@code @Asynchronous}) act through a proxy around the bean: a
   * call through {@code this} bypasses it and runs the method right here, so what its body blocks on
   * blocks this code (Spring documents this self-invocation limit). Only a call written as such (not
   * a string concatenation's toString()); static methods and constructors never run on the executor.
   */
  private Description matchSelfInvokedAsync(
      Tree call, MethodSymbol method, String implicitly, AsyncContext context, VisitorState state) {
    if (!implicitly.isEmpty()
        || !(call instanceof MethodInvocationTree invocation)
        || !(ASTHelpers.getReceiver(invocation) == null || LocalVariables.isThis(ASTHelpers.getReceiver(invocation)))) {
      return NO_MATCH;
    }
    Optional<String> annotation = annotations.appliedByAProxy(method, state);
    if (annotation.isEmpty()) {
      return NO_MATCH;
    }
    Optional<BlockingSummaries.Verdict> verdict = summaries.whenRunInline(method, state);
    if (verdict.isEmpty()
        || exemptThroughItsBody(verdict.get(), call, context, state)
        || CompletedFutures.isKnownComplete(state.getPath(), state)
        || allowedToBlock(state.getPath())) {
      return NO_MATCH;
    }
    String blocks =
        chainText(verdict.get(), state)
            + ", called through this, where @"
            + annotation.get()
            + " does not apply (the proxy that runs it on an executor is bypassed),";
    return describe(
        call,
        blocks,
        context,
        "Call it through the proxy (from another bean, or through a reference to this bean injected"
            + " into it) so that @"
            + annotation.get()
            + " runs it on its executor, or do not block in it.");
  }

  /**
   * {@code @AllowBlocking} on the enclosing method, constructor or type (or one enclosing those):
   * asked only of a finding. As an Error Prone suppression annotation it would cost a lookup on
   * every call Error Prone hands this check and on every declaration it enters.
   */
  private static boolean allowedToBlock(TreePath path) {
    for (Tree enclosing : path) {
      if (enclosing instanceof MethodTree || enclosing instanceof ClassTree) {
        Symbol symbol = ASTHelpers.getSymbol(enclosing);
        return symbol != null && AsyncAnnotations.allowsBlocking(symbol);
      }
    }
    return false;
  }

  private Description describe(Tree tree, String blocks, AsyncContext context, String advice) {
    return buildDescription(tree)
        .setMessage(
            blocks
                + " blocks the current thread "
                + context.description()
                + ". "
                + advice)
        .build();
  }
}
