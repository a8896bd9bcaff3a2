package dev.mcplambda.schema;

/**
 * A schema {@code pattern} used up its step budget on one input ({@link BoundedRegexFactory}): the
 * validation is abandoned rather than left to backtrack for minutes.
 */
final class RegexBudgetExceededException extends RuntimeException {

  RegexBudgetExceededException(String pattern) {
    super(
        "pattern '"
            + (pattern.length() > 100 ? pattern.substring(0, 100) + "…" : pattern)
            + "' takes too long on this input (catastrophic backtracking)",
        null,
        false,
        false);
  }
}
