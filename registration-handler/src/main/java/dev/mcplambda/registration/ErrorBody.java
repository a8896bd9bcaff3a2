package dev.mcplambda.registration;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of every admin error response: {@code {"error": "...", "details": [...]}}. {@code
 * details} is always present (empty when the summary says it all) and lists every problem found.
 */
public record ErrorBody(String error, List<FieldError> details) {

  /** More details than this are summarised by one last "… and N more" detail. */
  public static final int MAX_DETAILS = 100;

  public ErrorBody {
    if (details.size() > MAX_DETAILS) {
      List<FieldError> capped = new ArrayList<>(details.subList(0, MAX_DETAILS));
      capped.add(
          new FieldError(
              "body", "… and " + (details.size() - MAX_DETAILS) + " more problems not listed"));
      details = capped;
    }
    details = List.copyOf(details);
  }
}
