package dev.mcplambda.registration;

import dev.mcplambda.registry.RegistryEntry;
import java.util.List;

/** What {@link EntryValidator} made of a request body. */
public sealed interface ValidationResult {

  /** A well-formed entry: {@code id} derived, tool {@code inputSchema} derived if needed. */
  record Valid(RegistryEntry entry) implements ValidationResult {}

  /** Every problem found, at least one. */
  record Invalid(List<FieldError> problems) implements ValidationResult {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
