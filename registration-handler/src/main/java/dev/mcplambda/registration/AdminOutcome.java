package dev.mcplambda.registration;

import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;

/** What came of an {@link AdminCall}; {@link AdminResponseWriter} turns it into HTTP. */
public sealed interface AdminOutcome {

  /** 201 with {@code Location} and {@code ETag}. */
  record Created(RegistryEntry entry) implements AdminOutcome {}

  /** 200 with {@code ETag} (GET and PUT). */
  record Current(RegistryEntry entry) implements AdminOutcome {}

  /** 200 with a JSON array, {@code Link: rel="next"} if there is a next page. */
  record Listed(RegistryPage page, int limit) implements AdminOutcome {}

  /** 204. */
  record Deleted() implements AdminOutcome {}

  /** 4xx/5xx with an {@link ErrorBody}. */
  record Failed(AdminProblem problem) implements AdminOutcome {}
}
