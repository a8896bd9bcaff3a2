package dev.mcplambda.schema;

/**
 * The input of one regex match that counts how often the regex engine reads a character and stops
 * the match ({@link RegexBudgetExceededException}) once the budget is spent. {@link
 * java.util.regex.Matcher} reads its input only through {@link #charAt}, so the count bounds the
 * work of the match, backtracking included, without timers or threads.
 */
final class StepBudgetChars implements CharSequence {

  private final String text;
  private final String pattern;
  private long left;

  StepBudgetChars(String text, String pattern, long budget) {
    this.text = text;
    this.pattern = pattern;
    this.left = budget;
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    if (--left < 0) {
      throw new RegexBudgetExceededException(pattern);
    }
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    left -= end - start;
    if (left < 0) {
      throw new RegexBudgetExceededException(pattern);
    }
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
