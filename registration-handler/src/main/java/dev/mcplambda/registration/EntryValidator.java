package dev.mcplambda.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.schema.ShorthandSchema;
import dev.mcplambda.uri.UriTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@code /register} request body into a {@link RegistryEntry}, or lists every problem with
 * it. Field rules are in {@code docs/admin-api.md}; in short: {@code type} and {@code name} give
 * the {@code id}; {@code lambdaArn} is one Lambda function; tools take {@code parameters} (the
 * seed's shorthand) or a JSON Schema 2020-12 {@code inputSchema}; resources take an absolute {@code
 * uri} or an RFC 6570 {@code uriTemplate}; prompts take well-formed {@code arguments}. Unknown
 * fields and fields of another type are errors, not silently dropped. Tools may set {@code
 * invokeMode} ({@code buffered}, {@code stream}, see docs/streaming-tools.md, or {@code task} /
 * {@code task-optional}, see docs/tasks.md). Thread-safe.
 */
public final class EntryValidator {

  public static final int MAX_NAME_LENGTH = 128;
  public static final int MAX_TITLE_LENGTH = 256;
  public static final int MAX_DESCRIPTION_LENGTH = 8192;
  public static final int MAX_URI_LENGTH = 2048;
  public static final int MAX_MIME_TYPE_LENGTH = 255;
  public static final int MAX_ARGUMENTS = 100;
  public static final int MAX_ENUM_VALUES = 1000;
  public static final int MAX_PRINCIPALS = 100;

  /** MCP tool names: 1–128 characters of {@code A-Z a-z 0-9 _ . -}; used for every type. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** RFC 6838 type/subtype, optionally with parameters ({@code ; charset=utf-8}). */
  private static final Pattern MIME_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
              + "(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"\\\\]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

  private static final Pattern JAVA_EXCEPTION =
      Pattern.compile("(?:[a-z_$][a-z0-9_$]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error):?\\s*");

  private static final Set<String> COMMON_FIELDS =
      Set.of("type", "name", "title", "description", "lambdaArn", "allowedPrincipals");

  /** Managed by the server: accepted (so a GET result can be sent back) and ignored. */
  private static final Set<String> SERVER_FIELDS =
      Set.of("id", "version", "createdAt", "updatedAt");

  private static final Map<EntryType, Set<String>> TYPE_FIELDS =
      Map.of(
          EntryType.TOOL,
          Set.of("parameters", "inputSchema", "outputSchema", "annotations", "invokeMode"),
          EntryType.RESOURCE,
          Set.of("uri", "uriTemplate", "mimeType"),
          EntryType.PROMPT,
          Set.of("arguments"));

  private static final Set<String> ARGUMENT_FIELDS =
      Set.of("name", "title", "description", "required", "enumValues");

  private static final Set<String> BOOLEAN_HINTS =
      Set.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");

  private final SchemaValidator schemas;

  public EntryValidator(SchemaValidator schemas) {
    this.schemas = schemas;
  }

  /** Validates a request body (any JSON value). */
  public ValidationResult validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      return new ValidationResult.Invalid(
          List.of(new FieldError("body", "must be a JSON object describing one entry")));
    }
    Problems problems = new Problems();

    EntryType type = type(body, problems);

    String name = text(body, "name", true, MAX_NAME_LENGTH, false, problems);
    if (name != null && !NAME.matcher(name).matches()) {
      problems.add(
          "name",
          "must be 1-"
              + MAX_NAME_LENGTH
              + " characters of A-Z a-z 0-9 _ . - (MCP tool name rules), got '"
              + ClientText.quote(name, 64)
              + "'");
      name = null;
    }
    String id = type != null && name != null ? type.idFor(name) : null;
    checkClientId(body, id, problems);

    String title = text(body, "title", false, MAX_TITLE_LENGTH, false, problems);
    String description = text(body, "description", false, MAX_DESCRIPTION_LENGTH, true, problems);
    String lambdaArn =
        text(body, "lambdaArn", true, LambdaFunctionArn.MAX_LENGTH * 4, false, problems);
    if (lambdaArn != null) {
      for (String p : LambdaFunctionArn.problems(lambdaArn)) {
        problems.add("lambdaArn", p);
      }
    }
    List<String> principals = allowedPrincipals(body, problems);

    ToolFields tool = type == EntryType.TOOL ? tool(body, problems) : ToolFields.NONE;
    ResourceFields resource =
        type == EntryType.RESOURCE ? resource(body, problems) : ResourceFields.NONE;
    List<PromptArgument> arguments = type == EntryType.PROMPT ? arguments(body, problems) : null;

    unknownFields(body, type, problems);
    if (!problems.list.isEmpty()) {
      return new ValidationResult.Invalid(problems.list);
    }
    return new ValidationResult.Valid(
        new RegistryEntry(
            id,
            type,
            name,
            title,
            description,
            lambdaArn,
            tool.parameters(),
            tool.inputSchema(),
            tool.outputSchema(),
            tool.annotations(),
            resource.uri(),
            resource.uriTemplate(),
            resource.mimeType(),
            arguments,
            principals,
            null,
            null,
            null,
            null,
            tool.invokeMode()));
  }

  private record ToolFields(
      JsonNode parameters,
      JsonNode inputSchema,
      JsonNode outputSchema,
      JsonNode annotations,
      String invokeMode) {
    static final ToolFields NONE = new ToolFields(null, null, null, null, null);
  }

  private record ResourceFields(String uri, String uriTemplate, String mimeType) {
    static final ResourceFields NONE = new ResourceFields(null, null, null);
  }

  /**
   * {@code parameters} xor {@code inputSchema}, optional {@code outputSchema}, {@code annotations}.
   */
  private ToolFields tool(JsonNode body, Problems problems) {
    JsonNode parameters = present(body, "parameters");
    JsonNode inputSchema = present(body, "inputSchema");
    if (parameters != null && inputSchema != null) {
      problems.add("parameters", "give either parameters (shorthand) or inputSchema, not both");
      problems.add("inputSchema", "give either parameters (shorthand) or inputSchema, not both");
    } else if (parameters == null && inputSchema == null) {
      problems.add(
          "parameters",
          "a tool needs parameters (e.g. {\"payload\":\"object\"}) or an inputSchema;"
              + " use {} for a tool without arguments");
    } else if (parameters != null) {
      inputSchema = shorthand(parameters, problems);
    } else {
      objectSchema("inputSchema", inputSchema, problems);
    }
    JsonNode outputSchema = present(body, "outputSchema");
    if (outputSchema != null) {
      objectSchema("outputSchema", outputSchema, problems);
    }
    JsonNode annotations = present(body, "annotations");
    if (annotations != null) {
      annotations(annotations, problems);
    }
    String invokeMode = text(body, "invokeMode", false, 16, false, problems);
    if (invokeMode != null
        && !invokeMode.equals(RegistryEntry.INVOKE_BUFFERED)
        && !invokeMode.equals(RegistryEntry.INVOKE_STREAM)
        && !invokeMode.equals(RegistryEntry.INVOKE_TASK)
        && !invokeMode.equals(RegistryEntry.INVOKE_TASK_OPTIONAL)) {
      problems.add(
          "invokeMode",
          "must be buffered (Lambda Invoke, one JSON result), stream"
              + " (InvokeWithResponseStream, newline-delimited events), task (an MCP task, invoked"
              + " asynchronously) or task-optional (a task for clients that support tasks), got '"
              + ClientText.quote(invokeMode, 32)
              + "'");
      invokeMode = null;
    }
    return new ToolFields(parameters, inputSchema, outputSchema, annotations, invokeMode);
  }

  /** {@code uri} xor {@code uriTemplate}, optional {@code mimeType}. */
  private static ResourceFields resource(JsonNode body, Problems problems) {
    String uri = text(body, "uri", false, MAX_URI_LENGTH, false, problems);
    String uriTemplate =
        text(body, "uriTemplate", false, UriTemplate.MAX_TEMPLATE_LENGTH, false, problems);
    boolean hasUri = present(body, "uri") != null;
    boolean hasTemplate = present(body, "uriTemplate") != null;
    if (hasUri && hasTemplate) {
      problems.add("uri", "give either uri (one resource) or uriTemplate (a template), not both");
      problems.add(
          "uriTemplate", "give either uri (one resource) or uriTemplate (a template), not both");
    } else if (!hasUri && !hasTemplate) {
      problems.add("uri", "a resource needs a uri or a uriTemplate");
    }
    if (uri != null) {
      absoluteUri(uri, problems);
    }
    if (uriTemplate != null) {
      UriTemplate.problem(uriTemplate).ifPresent(p -> problems.add("uriTemplate", p));
    }
    String mimeType = text(body, "mimeType", false, MAX_MIME_TYPE_LENGTH, false, problems);
    if (mimeType != null && !MIME_TYPE.matcher(mimeType).matches()) {
      problems.add(
          "mimeType",
          "must be a media type like text/plain or application/json, got '"
              + ClientText.quote(mimeType, 64)
              + "'");
    }
    return new ResourceFields(uri, uriTemplate, mimeType);
  }

  private static EntryType type(JsonNode body, Problems problems) {
    JsonNode node = present(body, "type");
    if (node == null) {
      problems.add("type", "is required: tool, resource or prompt");
      return null;
    }
    if (!node.isTextual()) {
      problems.add("type", "must be a string: tool, resource or prompt");
      return null;
    }
    EntryType type = EntryType.fromWire(node.asText());
    if (type == null) {
      problems.add(
          "type",
          "must be tool, resource or prompt, got '" + ClientText.quote(node.asText(), 32) + "'");
    }
    return type;
  }

  private static void unknownFields(JsonNode body, EntryType type, Problems problems) {
    Set<String> belongsTo = type == null ? Set.of() : TYPE_FIELDS.get(type);
    for (String field : iterable(body.fieldNames())) {
      if (COMMON_FIELDS.contains(field) || SERVER_FIELDS.contains(field)) {
        continue;
      }
      if (belongsTo.contains(field)) {
        continue;
      }
      EntryType owner = ownerOf(field);
      if (owner != null) {
        if (type != null) {
          problems.add(
              field,
              "is a "
                  + owner.wireName()
                  + " field and not allowed on a "
                  + type.wireName()
                  + " entry");
        }
      } else {
        problems.add(ClientText.quote(field, 64), "unknown field");
      }
    }
  }

  private static EntryType ownerOf(String field) {
    for (var e : TYPE_FIELDS.entrySet()) {
      if (e.getValue().contains(field)) {
        return e.getKey();
      }
    }
    return null;
  }

  private static void checkClientId(JsonNode body, String id, Problems problems) {
    JsonNode node = present(body, "id");
    if (node == null) {
      return;
    }
    if (!node.isTextual()) {
      problems.add("id", "must be a string (and is derived from type and name anyway)");
    } else if (id != null && !node.asText().equals(id)) {
      problems.add(
          "id",
          "is derived as {type}-{name} = '"
              + id
              + "'; a client-sent id must match it, got '"
              + ClientText.quote(node.asText(), 64)
              + "'");
    }
  }

  private static List<String> allowedPrincipals(JsonNode body, Problems problems) {
    JsonNode node = present(body, "allowedPrincipals");
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      problems.add("allowedPrincipals", "must be an array of IAM/STS principal ARN patterns");
      return null;
    }
    if (node.size() > MAX_PRINCIPALS) {
      problems.add("allowedPrincipals", "at most " + MAX_PRINCIPALS + " patterns");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String field = "allowedPrincipals[" + i + "]";
      JsonNode p = node.get(i);
      if (!p.isTextual()) {
        problems.add(field, "must be a string");
        continue;
      }
      String s = p.asText();
      if (!checkCharacters(field, s, false, problems)) {
        continue;
      }
      List<String> found = PrincipalPattern.problems(s);
      found.forEach(m -> problems.add(field, m));
      out.add(s);
    }
    return out;
  }

  private ObjectNode shorthand(JsonNode parameters, Problems problems) {
    List<String> errors = new ArrayList<>();
    ObjectNode schema = ShorthandSchema.toInputSchema(parameters, errors);
    for (String e : errors) {
      int colon = e.indexOf(": ");
      if (colon > 0) {
        problems.add(e.substring(0, colon), e.substring(colon + 2));
      } else {
        problems.add("parameters", e);
      }
    }
    if (errors.isEmpty()) {
      for (String p : schemaProblems(schema)) {
        problems.add("parameters", "derived inputSchema is invalid: " + p);
      }
    }
    return schema;
  }

  /** MCP tool input and output schemas are JSON Schema 2020-12 objects with type "object". */
  private void objectSchema(String field, JsonNode schema, Problems problems) {
    if (!schema.isObject()) {
      problems.add(field, "must be a JSON Schema object");
      return;
    }
    JsonNode t = schema.get("type");
    if (t == null || !t.isTextual() || !t.asText().equals("object")) {
      problems.add(field + ".type", "must be \"object\": MCP tool schemas describe a JSON object");
    }
    for (String p : schemaProblems(schema)) {
      problems.add(field, p);
    }
  }

  /**
   * Meta-schema problems plus what would break validation at run time (dangling local references,
   * endless reference cycles, regular expressions that do not compile). Messages never carry Java
   * type names.
   */
  private List<String> schemaProblems(JsonNode schema) {
    List<String> hazards = SchemaHazards.find(schema);
    List<String> out = new ArrayList<>();
    for (String p : schemas.checkSchema(schema)) {
      if (hazards.isEmpty() || !p.startsWith("cannot be compiled")) {
        out.add(withoutJavaNames(p));
      }
    }
    out.addAll(hazards);
    return out;
  }

  private static String withoutJavaNames(String message) {
    String firstLine = message.lines().findFirst().orElse("");
    return JAVA_EXCEPTION.matcher(firstLine).replaceAll("").strip();
  }

  private static void annotations(JsonNode node, Problems problems) {
    if (!node.isObject()) {
      problems.add("annotations", "must be an object (MCP ToolAnnotations)");
      return;
    }
    for (var e : node.properties()) {
      String field = "annotations." + ClientText.quote(e.getKey(), 64);
      if (BOOLEAN_HINTS.contains(e.getKey()) && !e.getValue().isBoolean()) {
        problems.add(field, "must be true or false");
      } else if (e.getKey().equals("title")) {
        if (!e.getValue().isTextual()) {
          problems.add(field, "must be a string");
        } else {
          checkText(field, e.getValue().asText(), MAX_TITLE_LENGTH, false, problems);
        }
      }
    }
  }

  private static void absoluteUri(String uri, Problems problems) {
    try {
      URI parsed = new URI(uri);
      if (!parsed.isAbsolute()) {
        problems.add("uri", "must be an absolute URI with a scheme, e.g. file:///logs/app.log");
      }
    } catch (URISyntaxException e) {
      problems.add(
          "uri",
          "is not a valid URI: "
              + ClientText.quote(e.getReason(), 80)
              + " at character "
              + (e.getIndex() + 1));
    }
  }

  private static List<PromptArgument> arguments(JsonNode body, Problems problems) {
    JsonNode node = present(body, "arguments");
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      problems.add("arguments", "must be an array of {name, description, required}");
      return null;
    }
    if (node.size() > MAX_ARGUMENTS) {
      problems.add("arguments", "at most " + MAX_ARGUMENTS + " arguments");
      return null;
    }
    List<PromptArgument> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "arguments[" + i + "]";
      JsonNode a = node.get(i);
      if (!a.isObject()) {
        problems.add(at, "must be an object {name, description, required}");
        continue;
      }
      for (String field : iterable(a.fieldNames())) {
        if (!ARGUMENT_FIELDS.contains(field)) {
          problems.add(at + "." + ClientText.quote(field, 64), "unknown field");
        }
      }
      String name = text(a, at + ".name", "name", true, MAX_NAME_LENGTH, false, problems);
      if (name != null && name.isEmpty()) {
        problems.add(at + ".name", "must not be empty");
      } else if (name != null && !seen.add(name)) {
        problems.add(at + ".name", "duplicate argument name '" + ClientText.quote(name, 64) + "'");
      }
      String title = text(a, at + ".title", "title", false, MAX_TITLE_LENGTH, false, problems);
      String description =
          text(
              a, at + ".description", "description", false, MAX_DESCRIPTION_LENGTH, true, problems);
      Boolean required = null;
      JsonNode r = present(a, "required");
      if (r != null) {
        if (r.isBoolean()) {
          required = r.asBoolean();
        } else {
          problems.add(at + ".required", "must be true or false");
        }
      }
      List<String> enumValues = enumValues(a, at, problems);
      out.add(new PromptArgument(name, title, description, required, enumValues));
    }
    return out;
  }

  private static List<String> enumValues(JsonNode argument, String at, Problems problems) {
    JsonNode node = present(argument, "enumValues");
    if (node == null) {
      return null;
    }
    if (!node.isArray() || node.size() > MAX_ENUM_VALUES) {
      problems.add(
          at + ".enumValues", "must be an array of at most " + MAX_ENUM_VALUES + " strings");
      return null;
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      String field = at + ".enumValues[" + i + "]";
      if (!v.isTextual()) {
        problems.add(field, "must be a string");
      } else if (checkText(field, v.asText(), MAX_TITLE_LENGTH, false, problems)) {
        if (seen.add(v.asText())) {
          out.add(v.asText());
        } else {
          problems.add(field, "duplicate value '" + ClientText.quote(v.asText(), 64) + "'");
        }
      }
    }
    return out;
  }

  /** The field's value unless absent or JSON {@code null}. */
  private static JsonNode present(JsonNode object, String field) {
    JsonNode v = object.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private static String text(
      JsonNode object, String field, boolean required, int max, boolean multiline, Problems p) {
    return text(object, field, field, required, max, multiline, p);
  }

  /** A string field, or {@code null} if absent or invalid (then a problem was added). */
  private static String text(
      JsonNode object,
      String path,
      String field,
      boolean required,
      int max,
      boolean multiline,
      Problems problems) {
    JsonNode node = present(object, field);
    if (node == null) {
      if (required) {
        problems.add(path, "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(path, "must be a string, not " + kind(node));
      return null;
    }
    String s = node.asText();
    return checkText(path, s, max, multiline, problems) ? s : null;
  }

  private static boolean checkText(
      String field, String s, int max, boolean multiline, Problems problems) {
    int length = s.codePointCount(0, s.length());
    if (length > max) {
      problems.add(field, "is " + length + " characters long; at most " + max + " allowed");
      return false;
    }
    return checkCharacters(field, s, multiline, problems);
  }

  /** Refuses control characters (tab, CR, LF allowed in multi-line text) and lone surrogates. */
  private static boolean checkCharacters(
      String field, String s, boolean multiline, Problems problems) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
        problems.add(
            field,
            String.format(
                "must not contain control characters (U+%04X at character %d)", (int) c, i + 1));
        return false;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        problems.add(
            field,
            "contains an unpaired UTF-16 surrogate at character " + (i + 1) + " (invalid Unicode)");
        return false;
      }
    }
    return true;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case BINARY -> "binary";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static Iterable<String> iterable(Iterator<String> it) {
    return () -> it;
  }

  /** Collects problems in the order found. */
  private static final class Problems {
    final List<FieldError> list = new ArrayList<>();

    void add(String field, String message) {
      list.add(new FieldError(field, message));
    }
  }
}
