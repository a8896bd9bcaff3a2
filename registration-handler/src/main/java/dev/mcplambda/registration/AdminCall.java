package dev.mcplambda.registration;

import com.fasterxml.jackson.databind.JsonNode;

/** An admin request, routed and read: what {@link RegistrationService#execute} acts on. */
public sealed interface AdminCall {

  /** {@code POST /register}. */
  record Create(JsonNode body) implements AdminCall {}

  /** {@code GET /register?limit=&cursor=}. */
  record ListEntries(int limit, String cursor) implements AdminCall {}

  /** {@code GET /register/{id}}. */
  record Get(String id) implements AdminCall {}

  /** {@code PUT /register/{id}}. */
  record Replace(String id, JsonNode body, Precondition precondition) implements AdminCall {}

  /** {@code DELETE /register/{id}}. */
  record Delete(String id, Precondition precondition) implements AdminCall {}

  /** A request refused before it reached the registry (route, method, headers, body). */
  record Refused(AdminProblem problem) implements AdminCall {}
}
