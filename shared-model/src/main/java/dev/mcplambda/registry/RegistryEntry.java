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

  /** Whether the function streams events ({@link #INVOKE_STREAM}). */
  public boolean streams() {
    return INVOKE_STREAM.equals(invokeMode);
  }

  /** A builder for a new entry of this type and name; every other field starts {@code null}. */
  public static Builder builder(EntryType type, String name) {
    return new Builder().type(type).name(name);
  }

  /** A builder holding this entry's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.type = type;
    b.name = name;
    b.title = title;
    b.description = description;
    b.lambdaArn = lambdaArn;
    b.parameters = parameters;
    b.inputSchema = inputSchema;
    b.outputSchema = outputSchema;
    b.annotations = annotations;
    b.uri = uri;
    b.uriTemplate = uriTemplate;
    b.mimeType = mimeType;
    b.arguments = arguments;
    b.allowedPrincipals = allowedPrincipals;
    b.version = version;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.completions = completions;
    b.invokeMode = invokeMode;
    return b;
  }

  /** A copy with store-managed fields set. */
  public RegistryEntry withStoreFields(
      String id, long version, String createdAt, String updatedAt) {
    return toBuilder().id(id).version(version).createdAt(createdAt).updatedAt(updatedAt).build();
  }

  /** A copy with a (derived) input schema. */
  public RegistryEntry withInputSchema(JsonNode schema) {
    return toBuilder().inputSchema(schema).build();
  }

  /** Builds a {@link RegistryEntry} by field name instead of by position. */
  public static final class Builder {
    private String id;
    private EntryType type;
    private String name;
    private String title;
    private String description;
    private String lambdaArn;
    private JsonNode parameters;
    private JsonNode inputSchema;
    private JsonNode outputSchema;
    private JsonNode annotations;
    private String uri;
    private String uriTemplate;
    private String mimeType;
    private List<PromptArgument> arguments;
    private List<String> allowedPrincipals;
    private Long version;
    private String createdAt;
    private String updatedAt;
    private Map<String, List<String>> completions;
    private String invokeMode;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder type(EntryType type) {
      this.type = type;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder lambdaArn(String lambdaArn) {
      this.lambdaArn = lambdaArn;
      return this;
    }

    public Builder parameters(JsonNode parameters) {
      this.parameters = parameters;
      return this;
    }

    public Builder inputSchema(JsonNode inputSchema) {
      this.inputSchema = inputSchema;
      return this;
    }

    public Builder outputSchema(JsonNode outputSchema) {
      this.outputSchema = outputSchema;
      return this;
    }

    public Builder annotations(JsonNode annotations) {
      this.annotations = annotations;
      return this;
    }

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder uriTemplate(String uriTemplate) {
      this.uriTemplate = uriTemplate;
      return this;
    }

    public Builder mimeType(String mimeType) {
      this.mimeType = mimeType;
      return this;
    }

    public Builder arguments(List<PromptArgument> arguments) {
      this.arguments = arguments;
      return this;
    }

    public Builder allowedPrincipals(List<String> allowedPrincipals) {
      this.allowedPrincipals = allowedPrincipals;
      return this;
    }

    public Builder version(Long version) {
      this.version = version;
      return this;
    }

    public Builder createdAt(String createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(String updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder completions(Map<String, List<String>> completions) {
      this.completions = completions;
      return this;
    }

    public Builder invokeMode(String invokeMode) {
      this.invokeMode = invokeMode;
      return this;
    }

    public RegistryEntry build() {
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
  }
}
