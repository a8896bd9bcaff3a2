package dev.mcplambda.registration;

/**
 * One problem with one part of an admin request.
 *
 * @param field where: a body field ({@code name}, {@code arguments[1].name}, {@code
 *     parameters.tags.items}), a query parameter ({@code limit}), a header ({@code If-Match}) or
 *     {@code body}
 * @param message what is wrong, for a human
 */
public record FieldError(String field, String message) {}
