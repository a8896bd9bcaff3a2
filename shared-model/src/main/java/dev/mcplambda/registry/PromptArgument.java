package dev.mcplambda.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One argument of a registered prompt. {@code enumValues} feed {@code completion/complete}. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PromptArgument(
    String name, String title, String description, Boolean required, List<String> enumValues) {

  public PromptArgument(String name, String description, Boolean required) {
    this(name, null, description, required, null);
  }
}
