package dev.mcplambda.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A registered tool, resource or prompt, as stored and as served by {@code /register}. One record
 * for the three types (the seed's flat shape); fields not used by a type stay {@code null}. Wire
 * record: append fields only.
 *
 * @param id {@code {type}-{name}}, derived, never chosen by the client
 * @param parameters the seed's shorthand map, kept as sent; {@code inputSchema} is derived from it
 * @param inputSchema JSON Schema 2020-12 for tool arguments
 * @param allowedPrincipals optional ARN patterns ({@code *} wildcards) that may see and use the
 *     entry
 * @param version optimistic-locking version, 1 on create, bumped on every update
 * @param completions resource templates: values offered by {@code completion/complete} for each URI
 *     template variable (variable name → values); {@code null} if none
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RegistryEntry(
    String id,
    EntryType type,
    String name,
    String title,
    String description,
    String lambdaArn,
    JsonNode parameters,
    JsonNode inputSchema,
    JsonNode outputSchema,
    JsonNode annotations,
    String uri,
    String uriTemplate,
    String mimeType,
    List<PromptArgument> arguments,
    List<String> allowedPrincipals,
    Long version,
    String createdAt,
    String updatedAt,
    Map<String, List<String>> completions) {

  /** The constructor without {@code completions} (source compatibility). */
  public RegistryEntry(
      String id,
      EntryType type,
      String name,
      String title,
      String description,
      String lambdaArn,
      JsonNode parameters,
      JsonNode inputSchema,
      JsonNode outputSchema,
      JsonNode annotations,
      String uri,
      String uriTemplate,
      String mimeType,
      List<PromptArgument> arguments,
      List<String> allowedPrincipals,
      Long version,
      String createdAt,
      String updatedAt) {
    this(
        id,
        type,
        name,
        title,
        description,
        lambdaArn,
        parameters,
        inputSchema,
        outputSchema,
        annotations,
        uri,
        uriTemplate,
        mimeType,
        arguments,
        allowedPrincipals,
        version,
        createdAt,
        updatedAt,
        null);
  }

  /** A copy with store-managed fields set. */
  public RegistryEntry withStoreFields(
      String id, long version, String createdAt, String updatedAt) {
    return new RegistryEntry(
        id,
        type,
        name,
        title,
        description,
        lambdaArn,
        parameters,
        inputSchema,
        outputSchema,
        annotations,
        uri,
        uriTemplate,
        mimeType,
        arguments,
        allowedPrincipals,
        version,
        createdAt,
        updatedAt,
        completions);
  }

  /** A copy with a (derived) input schema. */
  public RegistryEntry withInputSchema(JsonNode schema) {
    return new RegistryEntry(
        id,
        type,
        name,
        title,
        description,
        lambdaArn,
        parameters,
        schema,
        outputSchema,
        annotations,
        uri,
        uriTemplate,
        mimeType,
        arguments,
        allowedPrincipals,
        version,
        createdAt,
        updatedAt,
        completions);
  }
}
