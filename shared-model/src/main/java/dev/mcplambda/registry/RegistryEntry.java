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
 * @param invokeMode tools: {@code "buffered"} (default, Lambda {@code Invoke}, one JSON result) or
 *     {@code "stream"} (Lambda {@code InvokeWithResponseStream}; the function writes
 *     newline-delimited progress/log/result events, see docs/streaming-tools.md), {@code "task"} (a
 *     long-running tool run as an MCP task, SEP-2663: invoked asynchronously, its state and result
 *     kept in the task store; clients must support the tasks extension) or {@code "task-optional"}
 *     (a task for clients that support the extension, a buffered call for the others), see
 *     docs/tasks.md; {@code null} means buffered
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
    Map<String, List<String>> completions,
    String invokeMode) {

  /** {@link #invokeMode()} of a tool that is invoked with {@code Invoke} (the default). */
  public static final String INVOKE_BUFFERED = "buffered";

  /** {@link #invokeMode()} of a tool invoked with {@code InvokeWithResponseStream}. */
  public static final String INVOKE_STREAM = "stream";

  /** {@link #invokeMode()} of a tool that only runs as an MCP task. */
  public static final String INVOKE_TASK = "task";

  /** {@link #invokeMode()} of a tool run as a task for clients that support tasks. */
  public static final String INVOKE_TASK_OPTIONAL = "task-optional";

  /** Whether the tool runs as an MCP task for clients that support them. */
  public boolean runsAsTask() {
    return INVOKE_TASK.equals(invokeMode) || INVOKE_TASK_OPTIONAL.equals(invokeMode);
  }

  /** Whether the tool runs only as an MCP task (other clients get -32021). */
  public boolean requiresTask() {
    return INVOKE_TASK.equals(invokeMode);
  }

  /** The constructor without {@code invokeMode} (source compatibility). */
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
      String updatedAt,
      Map<String, List<String>> completions) {
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
        completions,
        null);
  }

  /** Whether the function streams events ({@link #INVOKE_STREAM}). */
  public boolean streams() {
    return INVOKE_STREAM.equals(invokeMode);
  }

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
        completions,
        invokeMode);
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
        completions,
        invokeMode);
  }
}
