package dev.asyncguard.checker;

/** Where each check is documented: its section of rules.md. */
final class Docs {
  private Docs() {}

  /** rules.md in the project; every {@code @BugPattern} links to its own section of it. */
  static final String RULES = "https://github.com/asyncguard/asyncguard/blob/main/rules.md";
}
