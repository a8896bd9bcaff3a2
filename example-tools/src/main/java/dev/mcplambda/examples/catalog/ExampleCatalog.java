package dev.mcplambda.examples.catalog;

import static dev.mcplambda.examples.McpResults.ordered;

import dev.mcplambda.examples.AddTool;
import dev.mcplambda.examples.CalculateTool;
import dev.mcplambda.examples.EchoTool;
import dev.mcplambda.examples.GreetingPrompt;
import dev.mcplambda.examples.NotesResource;
import dev.mcplambda.examples.conformance.ConformanceResources;
import dev.mcplambda.examples.conformance.JsonSchema202012Tool;
import dev.mcplambda.examples.conformance.TaskFixtures;
import dev.mcplambda.examples.conformance.TestAudioContent;
import dev.mcplambda.examples.conformance.TestCustomHeaders;
import dev.mcplambda.examples.conformance.TestElicitation;
import dev.mcplambda.examples.conformance.TestElicitationSep1034Defaults;
import dev.mcplambda.examples.conformance.TestElicitationSep1330Enums;
import dev.mcplambda.examples.conformance.TestEmbeddedResource;
import dev.mcplambda.examples.conformance.TestErrorHandling;
import dev.mcplambda.examples.conformance.TestImageContent;
import dev.mcplambda.examples.conformance.TestInputRequiredResultCapabilities;
import dev.mcplambda.examples.conformance.TestInputRequiredResultElicitation;
import dev.mcplambda.examples.conformance.TestInputRequiredResultListRoots;
import dev.mcplambda.examples.conformance.TestInputRequiredResultMultiRound;
import dev.mcplambda.examples.conformance.TestInputRequiredResultMultipleInputs;
import dev.mcplambda.examples.conformance.TestInputRequiredResultPrompt;
import dev.mcplambda.examples.conformance.TestInputRequiredResultRequestState;
import dev.mcplambda.examples.conformance.TestInputRequiredResultSampling;
import dev.mcplambda.examples.conformance.TestInputRequiredResultTamperedState;
import dev.mcplambda.examples.conformance.TestLoggingTool;
import dev.mcplambda.examples.conformance.TestMissingCapability;
import dev.mcplambda.examples.conformance.TestMultipleContentTypes;
import dev.mcplambda.examples.conformance.TestPromptWithArguments;
import dev.mcplambda.examples.conformance.TestPromptWithEmbeddedResource;
import dev.mcplambda.examples.conformance.TestPromptWithImage;
import dev.mcplambda.examples.conformance.TestSampling;
import dev.mcplambda.examples.conformance.TestSimplePrompt;
import dev.mcplambda.examples.conformance.TestSimpleText;
import dev.mcplambda.examples.conformance.TestStreamingElicitation;
import dev.mcplambda.examples.conformance.TestToolWithLogging;
import dev.mcplambda.examples.conformance.TestToolWithProgress;
import dev.mcplambda.examples.conformance.TestTriggerListChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every example and conformance fixture with its registration JSON and handler class. The local
 * server's {@code --register-examples} registers them all and hosts their functions; the
 * conformance fixtures' names and outputs follow the suite's server scenarios (see {@code
 * docs/conformance-fixtures.md}).
 */
public final class ExampleCatalog {

  /** The function of the four conformance resources. */
  public static final String CONFORMANCE_RESOURCES = "conformance-resources";

  /** The function of the two list-change diagnostic tools. */
  public static final String TRIGGER_FUNCTION = "registry-change-trigger";

  private ExampleCatalog() {}

  /** The useful samples: echo, add, calculate, the notes template, the greeting prompt. */
  public static List<CatalogEntry> samples() {
    List<CatalogEntry> e = new ArrayList<>();
    e.add(
        tool(
            "echo",
            EchoTool.class,
            "Echoes the message back",
            ordered(
                "inputSchema",
                objectSchema(
                    ordered(
                        "message", ordered("type", "string", "description", "What to echo back")),
                    "message"))));
    e.add(
        tool(
            "add",
            AddTool.class,
            "Adds two numbers (registered with the seed's parameters shorthand)",
            ordered("parameters", ordered("a", "number", "b", "number"))));
    e.add(
        tool(
            "calculate",
            CalculateTool.class,
            "Adds, subtracts, multiplies or divides two numbers",
            ordered(
                "inputSchema",
                objectSchema(
                    ordered(
                        "operation",
                        ordered(
                            "type",
                            "string",
                            "enum",
                            List.of("add", "subtract", "multiply", "divide")),
                        "a",
                        ordered("type", "number"),
                        "b",
                        ordered("type", "number")),
                    "operation",
                    "a",
                    "b"),
                "outputSchema",
                objectSchema(ordered("result", ordered("type", "number")), "result"),
                "annotations",
                ordered("readOnlyHint", true, "idempotentHint", true))));
    e.add(
        entry(
            "notes",
            NotesResource.class,
            ordered(
                "type",
                "resource",
                "name",
                "notes",
                "description",
                "Markdown notes by id (welcome, todo, ideas)",
                "uriTemplate",
                "notes://{id}",
                "mimeType",
                "text/markdown")));
    e.add(
        entry(
            "greeting",
            GreetingPrompt.class,
            ordered(
                "type",
                "prompt",
                "name",
                "greeting",
                "description",
                "Asks the model for a greeting",
                "arguments",
                List.of(
                    argument("name", "Who to greet", true),
                    ordered(
                        "name",
                        "style",
                        "description",
                        "Tone of the greeting",
                        "required",
                        false,
                        "enumValues",
                        List.of("friendly", "formal", "pirate"))))));
    return List.copyOf(e);
  }

  /** The fixtures the official conformance suite's server scenarios call. */
  public static List<CatalogEntry> conformanceFixtures() {
    List<CatalogEntry> e = new ArrayList<>();
    e.add(noArgTool("test_simple_text", TestSimpleText.class, "Returns simple text"));
    e.add(noArgTool("test_image_content", TestImageContent.class, "Returns a PNG image"));
    e.add(noArgTool("test_audio_content", TestAudioContent.class, "Returns a WAV clip"));
    e.add(
        noArgTool(
            "test_embedded_resource", TestEmbeddedResource.class, "Returns an embedded resource"));
    e.add(
        noArgTool(
            "test_multiple_content_types",
            TestMultipleContentTypes.class,
            "Returns text, image and resource content"));
    e.add(noArgTool("test_error_handling", TestErrorHandling.class, "Always fails"));
    e.add(streamingTool("test_tool_with_logging", TestToolWithLogging.class, "Logs while it runs"));
    e.add(
        streamingTool(
            "test_tool_with_progress",
            TestToolWithProgress.class,
            "Reports progress while it runs"));
    e.add(noArgTool("test_logging_tool", TestLoggingTool.class, "Diagnostic logging tool"));
    e.add(
        noArgTool(
            "test_missing_capability",
            TestMissingCapability.class,
            "Diagnostic tool that needs the client's sampling capability"));
    e.add(
        noArgTool(
            "test_streaming_elicitation",
            TestStreamingElicitation.class,
            "Diagnostic tool that needs user input mid-call"));
    e.add(
        tool(
            "test_sampling",
            TestSampling.class,
            "Asks the client's LLM to answer a prompt",
            ordered(
                "inputSchema",
                objectSchema(
                    ordered(
                        "prompt",
                        ordered("type", "string", "description", "The prompt to send to the LLM")),
                    "prompt"))));
    e.add(
        tool(
            "test_elicitation",
            TestElicitation.class,
            "Asks the user for input",
            ordered(
                "inputSchema",
                objectSchema(
                    ordered(
                        "message",
                        ordered("type", "string", "description", "The message to show the user")),
                    "message"))));
    e.add(
        noArgTool(
            "test_elicitation_sep1034_defaults",
            TestElicitationSep1034Defaults.class,
            "Asks the user with defaults for every primitive type (SEP-1034)"));
    e.add(
        noArgTool(
            "test_elicitation_sep1330_enums",
            TestElicitationSep1330Enums.class,
            "Asks the user with every enum schema variant (SEP-1330)"));
    e.add(
        tool(
            "json_schema_2020_12_tool",
            JsonSchema202012Tool.class,
            "Tool with a JSON Schema 2020-12 input schema",
            ordered("inputSchema", jsonSchema202012())));
    e.add(
        noArgTool(
            "test_input_required_result_elicitation",
            TestInputRequiredResultElicitation.class,
            "MRTR: asks for the user's name"));
    e.add(
        noArgTool(
            "test_input_required_result_sampling",
            TestInputRequiredResultSampling.class,
            "MRTR: asks the client's LLM a question"));
    e.add(
        noArgTool(
            "test_input_required_result_list_roots",
            TestInputRequiredResultListRoots.class,
            "MRTR: asks for the client's roots"));
    e.add(
        noArgTool(
            "test_input_required_result_request_state",
            TestInputRequiredResultRequestState.class,
            "MRTR: round-trips requestState"));
    e.add(
        noArgTool(
            "test_input_required_result_multiple_inputs",
            TestInputRequiredResultMultipleInputs.class,
            "MRTR: several input requests at once"));
    e.add(
        noArgTool(
            "test_input_required_result_multi_round",
            TestInputRequiredResultMultiRound.class,
            "MRTR: two rounds of questions"));
    e.add(
        noArgTool(
            "test_input_required_result_tampered_state",
            TestInputRequiredResultTamperedState.class,
            "MRTR: rejects a tampered requestState"));
    e.add(
        noArgTool(
            "test_input_required_result_capabilities",
            TestInputRequiredResultCapabilities.class,
            "MRTR: asks only for declared client capabilities"));
    e.add(
        tool(
            "test_custom_headers",
            TestCustomHeaders.class,
            "Tool whose region argument is mirrored into the Mcp-Param-Region header (SEP-2243)",
            ordered(
                "inputSchema",
                objectSchema(
                    ordered(
                        "region",
                        ordered(
                            "type",
                            "string",
                            "description",
                            "Region (mirrored into Mcp-Param-Region)",
                            "x-mcp-header",
                            "Region"),
                        "query",
                        ordered("type", "string", "description", "Not mirrored")),
                    "region"))));
    e.add(trigger("test_trigger_tool_change", "Diagnostic: changes the tool list"));
    e.add(trigger("test_trigger_prompt_change", "Diagnostic: changes the prompt list"));
    e.add(
        resource(
            "static-text", "test://static-text", "text/plain", "A static text resource", "uri"));
    e.add(
        resource(
            "static-binary",
            "test://static-binary",
            "image/png",
            "A static binary resource (PNG)",
            "uri"));
    e.add(
        resource(
            "watched-resource",
            "test://watched-resource",
            "text/plain",
            "A resource to subscribe to",
            "uri"));
    e.add(
        resource(
            "template",
            "test://template/{id}/data",
            "application/json",
            "A resource template with an id parameter",
            "uriTemplate"));
    e.add(prompt("test_simple_prompt", TestSimplePrompt.class, "A simple prompt", List.of()));
    e.add(
        prompt(
            "test_prompt_with_arguments",
            TestPromptWithArguments.class,
            "A prompt with two arguments",
            List.of(
                argument("arg1", "First test argument", true),
                argument("arg2", "Second test argument", true))));
    e.add(
        prompt(
            "test_prompt_with_embedded_resource",
            TestPromptWithEmbeddedResource.class,
            "A prompt embedding a resource",
            List.of(argument("resourceUri", "URI of the resource to embed", true))));
    e.add(
        prompt(
            "test_prompt_with_image",
            TestPromptWithImage.class,
            "A prompt with an image",
            List.of()));
    e.add(
        prompt(
            "test_input_required_result_prompt",
            TestInputRequiredResultPrompt.class,
            "MRTR on prompts/get: asks for context first",
            List.of()));
    e.addAll(taskFixtures());
    return List.copyOf(e);
  }

  /** The function of the tasks-extension fixtures. */
  public static final String TASK_FIXTURES = "conformance-task-fixtures";

  /** The tasks-extension fixtures (docs/tasks.md), all served by {@link TaskFixtures}. */
  public static List<CatalogEntry> taskFixtures() {
    List<CatalogEntry> e = new ArrayList<>();
    e.add(
        taskFixture(
            "greet",
            "Greets by name (synchronous)",
            objectSchema(ordered("name", ordered("type", "string")), "name"),
            null));
    e.add(
        taskFixture(
            "slow_compute",
            "Sleeps for the given seconds, then reports (a task for clients that support tasks)",
            objectSchema(
                ordered(
                    "seconds", ordered("type", "number", "minimum", 0),
                    "label", ordered("type", "string"))),
            "task-optional"));
    e.add(
        taskFixture(
            "failing_job",
            "Always ends with a tool execution error (task only)",
            objectSchema(ordered()),
            "task"));
    e.add(
        taskFixture(
            "protocol_error_job", "Always crashes (task only)", objectSchema(ordered()), "task"));
    e.add(
        taskFixture(
            "confirm_delete",
            "Asks for a confirmation before deleting a file (task only)",
            objectSchema(ordered("filename", ordered("type", "string"))),
            "task"));
    e.add(
        taskFixture(
            "multi_input",
            "Asks two questions at once (task only)",
            objectSchema(ordered()),
            "task"));
    e.add(
        taskFixture(
            "test_tool_with_task",
            "Asks for a name, then continues as a task",
            objectSchema(ordered()),
            null));
    return List.copyOf(e);
  }

  private static CatalogEntry taskFixture(
      String name, String description, Map<String, Object> inputSchema, String invokeMode) {
    Map<String, Object> reg = ordered("type", "tool", "name", name, "description", description);
    reg.put("inputSchema", inputSchema);
    if (invokeMode != null) {
      reg.put("invokeMode", invokeMode);
    }
    return new CatalogEntry(TASK_FIXTURES, TaskFixtures.class.getName(), reg);
  }

  /** Samples and fixtures together. */
  public static List<CatalogEntry> all() {
    List<CatalogEntry> all = new ArrayList<>(samples());
    all.addAll(conformanceFixtures());
    return List.copyOf(all);
  }

  /** The Lambda ARN of a function hosted locally (account 000000000000, us-east-1). */
  public static String localArn(String functionName) {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
  }

  private static CatalogEntry tool(
      String name, Class<?> handler, String description, Map<String, Object> rest) {
    Map<String, Object> reg = ordered("type", "tool", "name", name, "description", description);
    reg.putAll(rest);
    return new CatalogEntry(name, handler.getName(), reg);
  }

  private static CatalogEntry noArgTool(String name, Class<?> handler, String description) {
    return tool(name, handler, description, ordered("inputSchema", objectSchema(ordered())));
  }

  private static CatalogEntry trigger(String name, String description) {
    Map<String, Object> reg = ordered("type", "tool", "name", name, "description", description);
    reg.put("inputSchema", objectSchema(ordered()));
    return new CatalogEntry(TRIGGER_FUNCTION, TestTriggerListChange.class.getName(), reg);
  }

  /** A tool without arguments that writes {@link dev.mcplambda.examples.ToolEvents}. */
  private static CatalogEntry streamingTool(String name, Class<?> handler, String description) {
    return tool(
        name,
        handler,
        description,
        ordered("inputSchema", objectSchema(ordered()), "invokeMode", "stream"));
  }

  private static CatalogEntry resource(
      String name, String uri, String mimeType, String description, String uriField) {
    return new CatalogEntry(
        CONFORMANCE_RESOURCES,
        ConformanceResources.class.getName(),
        ordered(
            "type",
            "resource",
            "name",
            name,
            "description",
            description,
            uriField,
            uri,
            "mimeType",
            mimeType));
  }

  private static CatalogEntry prompt(
      String name, Class<?> handler, String description, List<Object> arguments) {
    Map<String, Object> reg = ordered("type", "prompt", "name", name, "description", description);
    if (!arguments.isEmpty()) {
      reg.put("arguments", arguments);
    }
    return new CatalogEntry(name, handler.getName(), reg);
  }

  private static CatalogEntry entry(
      String functionName, Class<?> handler, Map<String, Object> registration) {
    return new CatalogEntry(functionName, handler.getName(), registration);
  }

  private static Map<String, Object> argument(String name, String description, boolean required) {
    return ordered("name", name, "description", description, "required", required);
  }

  private static Map<String, Object> objectSchema(
      Map<String, Object> properties, String... required) {
    Map<String, Object> schema = ordered("type", "object", "properties", properties);
    if (required.length > 0) {
      schema.put("required", List.of(required));
    }
    return schema;
  }

  /** The input schema the json-schema-2020-12 scenario expects to see preserved. */
  private static Map<String, Object> jsonSchema202012() {
    return ordered(
        "$schema",
        "https://json-schema.org/draft/2020-12/schema",
        "type",
        "object",
        "$defs",
        ordered(
            "address",
            ordered(
                "$anchor",
                "addressDef",
                "type",
                "object",
                "properties",
                ordered("street", ordered("type", "string"), "city", ordered("type", "string")))),
        "properties",
        ordered(
            "name",
            ordered("type", "string"),
            "address",
            ordered("$ref", "#/$defs/address"),
            "contactMethod",
            ordered("type", "string", "enum", List.of("phone", "email")),
            "phone",
            ordered("type", "string"),
            "email",
            ordered("type", "string")),
        "allOf",
        List.of(
            ordered(
                "anyOf",
                List.of(
                    ordered("required", List.of("phone")), ordered("required", List.of("email"))))),
        "if",
        ordered(
            "properties",
            ordered("contactMethod", ordered("const", "phone")),
            "required",
            List.of("contactMethod")),
        "then",
        ordered("required", List.of("phone")),
        "else",
        ordered("required", List.of("email")),
        "additionalProperties",
        false);
  }
}
