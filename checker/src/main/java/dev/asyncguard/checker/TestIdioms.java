package dev.asyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Name;
import java.util.List;

/**
 * Test code where a call is written for what it names or for the exception it throws, not for its
 * result: Mockito verification and stubbing, Mockito Answers, and tests that expect the call to
 * throw; JMockit's recorded expectations. Asked only of a dropped future, so none of this runs on ordinary code. (Error Prone's
 * UnusedReturnValueMatcher knows most of these forms, but its static matchers load dozens of
 * classes into every compiler that meets a dropped future.)
 */
final class TestIdioms {

  private TestIdioms() {}

  /** Calls whose failure a test asserts: the call just before, inside a try, is expected to throw. */
  private static final CallPattern.AnyOf FAIL =
      CallPattern.anyOf(
          CallPattern.staticMethod("org.junit.Assert", "fail"),
          CallPattern.staticMethod("junit.framework.Assert", "fail"),
          CallPattern.staticMethod("junit.framework.TestCase", "fail"),
          CallPattern.staticMethod("org.junit.jupiter.api.Assertions", "fail"),
          CallPattern.staticMethod(
              "org.assertj.core.api.Assertions", "fail", "failBecauseExceptionWasNotThrown"),
          CallPattern.staticMethod("org.assertj.core.api.Fail", "fail", "failBecauseExceptionWasNotThrown"),
          CallPattern.instanceMethod("com.google.common.truth.AbstractVerb", "fail"),
          CallPattern.instanceMethod("com.google.common.truth.StandardSubjectBuilder", "fail"));

  /** JUnit 4's rule: {@code thrown.expect(Foo.class); call();} expects the last call to throw. */
  private static final CallPattern.AnyOf EXPECTED_EXCEPTION_RULE =
      CallPattern.anyOf(CallPattern.instanceMethodOfExactly("org.junit.rules.ExpectedException"));

  /** Functions that tests hand to assertThrows and its kind: code that is meant to throw. */
  private static final List<String> THROWING_FUNCTIONS =
      List.of(
          "org.junit.function.ThrowingRunnable",
          "org.junit.jupiter.api.function.Executable",
          "org.assertj.core.api.ThrowableAssert.ThrowingCallable",
          "com.google.common.truth.ExpectFailure.AssertionCallback",
          "com.google.common.truth.ExpectFailure.DelegatedAssertionCallback",
          "com.google.common.truth.ExpectFailure.StandardSubjectBuilderCallback",
          "com.google.common.truth.ExpectFailure.SimpleSubjectBuilderCallback");

  /**
   * The call only names the method a mock verifies or stubs: {@code verify(mock).call()}, {@code
   * inOrder.verify(mock).call()}, {@code doReturn(x).when(mock).call()}, {@code
   * then(mock).should().call()}.
   */
  static boolean namesMockedCall(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof MemberSelectTree select)
        || !(select.getExpression() instanceof MethodInvocationTree receiver)
        || !(ASTHelpers.getSymbol(receiver) instanceof MethodSymbol naming)) {
      return false;
    }
    String name = naming.getSimpleName().toString();
    if (name.equals("verify")) {
      return naming.isStatic()
          ? naming.owner.getQualifiedName().contentEquals("org.mockito.Mockito")
          : TypeNames.ownerIsSubtype(naming, "org.mockito.InOrder", state);
    }
    if (name.equals("when")) {
      return !naming.isStatic() && TypeNames.ownerIsSubtype(naming, "org.mockito.stubbing.Stubber", state);
    }
    // BDD style: willReturn(x).given(mock).call(), whose BDDStubber is not a Stubber.
    if (name.equals("given") && !naming.isStatic()) {
      return TypeNames.ownerIsSubtype(naming, "org.mockito.BDDMockito.BDDStubber", state);
    }
    return name.startsWith("should") && TypeNames.ownerIsSubtype(naming, "org.mockito.BDDMockito.Then", state);
  }

  /**
   * JMockit records and verifies expected calls in the initializer of an anonymous subclass: {@code
   * new Expectations() {{ client.fetch("a"); result = f; }}}.
   */
  private static final List<String> JMOCKIT_RECORDERS =
      List.of("mockit.Expectations", "mockit.Verifications");

  /** Code inside a Mockito {@code Answer} is a test double: what it drops is not production work. */
  static boolean insideMockitoAnswer(VisitorState state) {
    for (Tree enclosing : state.getPath()) {
      if (enclosing instanceof ClassTree
          && TypeNames.isSubtypeOfAny(ASTHelpers.getType(enclosing), JMOCKIT_RECORDERS, state)) {
        return true;
      }
      if ((enclosing instanceof LambdaExpressionTree || enclosing instanceof ClassTree)
          && TypeNames.isSubtype(ASTHelpers.getType(enclosing), "org.mockito.stubbing.Answer", state)) {
        return true;
      }
      if (enclosing instanceof MethodTree method
          && TypeNames.ownerIsSubtype(ASTHelpers.getSymbol(method), "org.mockito.stubbing.Answer", state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The test expects the call at the state's path (or the method reference {@code tree}) to throw:
   * {@code assertThrows(Foo.class, () -> call())} and a method reference given to it, {@code try {
   * call(); fail(); } catch (Foo expected) {}}, {@code thrown.expect(Foo.class); call();} as the
   * block's last statement, and the only statement of an {@code @Test(expected = Foo.class)} method.
   */
  static boolean expectsThrow(ExpressionTree tree, VisitorState state) {
    if (tree instanceof MemberReferenceTree) {
      return isThrowingFunction(ASTHelpers.getType(tree), state);
    }
    TreePath path = state.getPath();
    StatementTree statement = ASTHelpers.findEnclosingNode(path, StatementTree.class);
    BlockTree block = ASTHelpers.findEnclosingNode(path, BlockTree.class);
    if (statement == null || block == null) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(statement);
    boolean last = index >= 0 && index == statements.size() - 1;
    return (last && index > 0 && callsAny(statements.get(index - 1), EXPECTED_EXCEPTION_RULE, state))
        || (index >= 0
            && index + 1 < statements.size()
            && callsAny(statements.get(index + 1), FAIL, state)
            && ASTHelpers.findEnclosingNode(path, TryTree.class) != null)
        || ((last || path.getParentPath().getLeaf() instanceof LambdaExpressionTree)
            && insideThrowingFunction(path, state))
        || (statements.size() == 1
            && index == 0
            && expectsException(ASTHelpers.findEnclosingNode(path, MethodTree.class)));
  }

  private static boolean callsAny(StatementTree statement, CallPattern.AnyOf patterns, VisitorState state) {
    return statement instanceof ExpressionStatementTree expression
        && patterns.matches(expression.getExpression(), state);
  }

  /** The nearest lambda or class around the code is a function tests expect to throw. */
  private static boolean insideThrowingFunction(TreePath path, VisitorState state) {
    for (Tree enclosing : path) {
      if (enclosing instanceof LambdaExpressionTree || enclosing instanceof ClassTree) {
        return isThrowingFunction(ASTHelpers.getType(enclosing), state);
      }
    }
    return false;
  }

  private static boolean isThrowingFunction(Type type, VisitorState state) {
    for (String function : THROWING_FUNCTIONS) {
      if (TypeNames.isSubtype(type, function, state)) {
        return true;
      }
    }
    return false;
  }

  /** JUnit 4's {@code @Test(expected = Foo.class)} on a method that is not {@code @Ignore}d. */
  private static boolean expectsException(MethodTree tree) {
    Symbol method = tree == null ? null : ASTHelpers.getSymbol(tree);
    if (method == null) {
      return false;
    }
    boolean expects = false;
    for (Attribute.Compound annotation : method.getAnnotationMirrors()) {
      Name name = annotation.type.tsym.getQualifiedName();
      if (name.contentEquals("org.junit.Ignore")) {
        return false;
      }
      if (name.contentEquals("org.junit.Test")) {
        for (var element : annotation.values) {
          expects |=
              element.fst.getSimpleName().contentEquals("expected")
                  && element.snd instanceof Attribute.Class expected
                  && !expected.classType.tsym.getQualifiedName().contentEquals("org.junit.Test.None");
        }
      }
    }
    return expects;
  }
}
