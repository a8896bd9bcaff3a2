package dev.mcplambda.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;

/**
 * The regex engine of {@link SchemaValidator}: JDK regular expressions translated as networknt's
 * own JDK factory does (ECMA-262 {@code $} and long-form character properties), but every match
 * runs on a {@link StepBudgetChars} so that a schema {@code pattern} with catastrophic backtracking
 * ({@code ^(a+)+$} against {@code aaaa…!}) ends with {@link RegexBudgetExceededException} after a
 * bounded amount of work instead of occupying the CPU for minutes. Registration refuses the known
 * hazardous shapes ({@link BacktrackingLint}); this bound covers the shapes a lint cannot see and
 * entries registered before it.
 *
 * <p>The budget is {@value #BASE_BUDGET} character reads plus {@value #READS_PER_CHAR} per input
 * character: linear patterns read each character a few times, so they never come close.
 */
final class BoundedRegexFactory implements RegularExpressionFactory {

  static final long BASE_BUDGET = 1_000_000;
  static final long READS_PER_CHAR = 50;

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern =
        Pattern.compile(
            RegularExpressions.replaceLongformCharacterProperties(
                RegularExpressions.replaceDollarAnchors(regex)));
    return input ->
        pattern
            .matcher(
                new StepBudgetChars(
                    input, regex, BASE_BUDGET + READS_PER_CHAR * (long) input.length()))
            .find();
  }
}
