package dev.asyncguard.bench;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.BugPattern;
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
import com.google.errorprone.bugpatterns.BugChecker.ReturnTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.SynchronizedTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.TryTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;

/**
 * The benchmark's floor: three checks that match the same kinds of tree as AsyncGuard's three
 * (corpus.py compares the {@code implements} lists) and do nothing. Their cost over checks off is
 * what Error Prone charges for handing every such tree to three enabled checks, before any work.
 */
public final class IdleChecks {
  private IdleChecks() {}

  /**
   * Every match method, returning at once; each check below declares which of them Error Prone may
   * call by the matcher interfaces it implements.
   */
  abstract static class Idle extends BugChecker {
    public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchVariable(VariableTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchReturn(ReturnTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchBinary(BinaryTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchCompoundAssignment(CompoundAssignmentTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchSynchronized(SynchronizedTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchTry(TryTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchClass(ClassTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchMethod(MethodTree tree, VisitorState state) {
      return NO_MATCH;
    }

    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      return NO_MATCH;
    }
  }

  /** Shaped like DiscardedFuture. */
  @BugPattern(summary = "Does nothing: the benchmark's floor", severity = WARNING)
  public static final class IdleDiscardedFuture extends Idle
      implements CompilationUnitTreeMatcher,
          MethodInvocationTreeMatcher,
          NewClassTreeMatcher,
          MemberReferenceTreeMatcher,
          VariableTreeMatcher,
          ReturnTreeMatcher {
    public IdleDiscardedFuture() {}
  }

  /** Shaped like FutureUsedAsValue. */
  @BugPattern(summary = "Does nothing: the benchmark's floor", severity = WARNING)
  public static final class IdleFutureUsedAsValue extends Idle
      implements CompilationUnitTreeMatcher,
          BinaryTreeMatcher,
          CompoundAssignmentTreeMatcher,
          MethodInvocationTreeMatcher {
    public IdleFutureUsedAsValue() {}
  }

  /** Shaped like BlockingCallInAsync. */
  @BugPattern(summary = "Does nothing: the benchmark's floor", severity = WARNING)
  public static final class IdleBlockingCallInAsync extends Idle
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
    public IdleBlockingCallInAsync() {}
  }
}
