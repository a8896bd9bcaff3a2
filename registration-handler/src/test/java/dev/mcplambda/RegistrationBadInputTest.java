package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: every case is a request built from an {@code events/} file, the status it
 * must get, and the field and message that must explain it. No bad input may get a 500 or leak a
 * Java class name or stack trace.
 */
class RegistrationBadInputTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:data-processor";

  private InMemoryRegistryStore store;
  private RegistrationHandler handler;

  @BeforeEach
  void setUp() {
    store = new InMemoryRegistryStore();
    handler = new RegistrationHandler(store);
    // an entry for the PUT/DELETE cases to hit
    assertThat(handler.handle(AdminEvent.load("register-post.json").request()).statusCode())
        .isEqualTo(201);
  }

  /**
   * @param field the {@code details[].field} that must carry the message, or {@code null} if the
   *     message is in {@code error}
   */
  record Case(Supplier<AdminEvent> event, int status, String field, String message) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGetsAPrecise4xx(Case c) throws Exception {
    long catalogBefore = store.catalogVersion();

    FunctionUrlResponse response = handler.handle(c.event().get().request());

    assertThat(response.statusCode()).isEqualTo(c.status());
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = Json.readTree(response.body());
    assertThat(body.path("error").asText()).isNotBlank();
    assertThat(body.path("details").isArray()).isTrue();
    if (c.field() == null) {
      assertThat(body.path("error").asText()).contains(c.message());
    } else {
      assertThat(body.path("details"))
          .as("details %s", body.path("details"))
          .anySatisfy(
              d -> {
                assertThat(d.path("field").asText()).isEqualTo(c.field());
                assertThat(d.path("message").asText()).contains(c.message());
              });
    }
    assertNoLeak(response);
    // a write refused by the store (404, 409, 412) still bumps the catalog version, so that
    // retrying a request whose bump failed announces its write; nothing else does
    boolean attemptedWrite =
        (c.status() == 404 || c.status() == 409 || c.status() == 412)
            && !"GET".equals(c.event().get().request().method());
    assertThat(store.catalogVersion())
        .as("a refused request writes nothing")
        .isEqualTo(attemptedWrite ? catalogBefore + 1 : catalogBefore);
  }

  static void assertNoLeak(FunctionUrlResponse response) {
    assertThat(response.statusCode()).isNotEqualTo(500);
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("com.fasterxml")
        .doesNotContain("dev.mcplambda")
        .doesNotContain("\tat ")
        .doesNotContain("Source:");
  }

  // ---- the table ------------------------------------------------------------------------------

  static Stream<Arguments> cases() {
    return Stream.of(
        // malformed JSON and bodies
        bad(
            "malformed JSON: trailing comma",
            raw("{\"type\":\"tool\",}"),
            400,
            null,
            "malformed JSON at line 1, column 16"),
        bad(
            "malformed JSON: truncated",
            raw("{\"type\":\"tool\""),
            400,
            null,
            "malformed JSON at line 1"),
        bad("malformed JSON: bare word", raw("tool"), 400, "body", "Unrecognized token 'tool'"),
        bad(
            "malformed JSON: second document",
            raw("{} {}"),
            400,
            "body",
            "unexpected content after the JSON value"),
        bad(
            "malformed JSON: duplicate key",
            raw("{\"name\":\"a\",\"name\":\"b\"}"),
            400,
            "body",
            "Duplicate field 'name'"),
        bad(
            "malformed JSON: nested 500 deep",
            raw("[".repeat(500) + "]".repeat(500)),
            400,
            "body",
            "nested too deeply"),
        bad(
            "malformed JSON: invalid UTF-8 in base64 body",
            () -> post().base64Body(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}),
            400,
            null,
            "malformed JSON"),
        bad("body is an array", raw("[]"), 400, "body", "must be a JSON object"),
        bad("body is a string", raw("\"tool\""), 400, "body", "must be a JSON object"),
        bad("body is empty", raw(""), 400, "body", "is empty"),
        bad("body is only whitespace", raw("   "), 400, "body", "has no JSON value"),
        bad(
            "body not valid base64",
            () -> post().body("%%%not base64%%%").base64(),
            400,
            "body",
            "cannot be decoded"),
        // size and content type
        bad(
            "oversized body",
            raw("{\"description\":\"" + "x".repeat(300_000) + "\"}"),
            413,
            "body",
            "at most 262144 bytes"),
        bad(
            "oversized body of multi-byte characters",
            raw("{\"description\":\"" + "é".repeat(140_000) + "\"}"),
            413,
            null,
            "larger than 262144 bytes"),
        bad(
            "oversized base64 body",
            () ->
                post()
                    .base64Body(
                        ("{\"d\":\"" + "y".repeat(270_000) + "\"}")
                            .getBytes(StandardCharsets.UTF_8)),
            413,
            "body",
            "at most 262144 bytes"),
        bad(
            "Content-Type text/plain (event)",
            () -> AdminEvent.load("register-post-wrong-content-type.json"),
            415,
            "Content-Type",
            "must be application/json"),
        bad(
            "Content-Type missing",
            () -> post().header("Content-Type", null),
            415,
            null,
            "got none"),
        bad(
            "Content-Type form-urlencoded",
            () -> post().header("Content-Type", "application/x-www-form-urlencoded"),
            415,
            null,
            "application/x-www-form-urlencoded"),
        bad(
            "Content-Type json with latin1 charset",
            () -> post().header("Content-Type", "application/json; charset=ISO-8859-1"),
            415,
            null,
            "must be application/json"),
        bad(
            "Content-Type on PUT",
            () -> put().header("Content-Type", "text/json"),
            415,
            null,
            "must be application/json"),
        // type and name
        bad("type missing", edit(b -> b.remove("type")), 400, "type", "is required"),
        bad(
            "type unknown",
            edit(b -> b.put("type", "function")),
            400,
            "type",
            "must be tool, resource or prompt, got 'function'"),
        bad("type is a number", edit(b -> b.put("type", 42)), 400, "type", "must be a string"),
        bad("type in upper case", edit(b -> b.put("type", "TOOL")), 400, "type", "got 'TOOL'"),
        bad("name missing", edit(b -> b.remove("name")), 400, "name", "is required"),
        bad("name is empty", edit(b -> b.put("name", "")), 400, "name", "must be 1-128 characters"),
        bad(
            "name of 129 characters",
            edit(b -> b.put("name", "n".repeat(129))),
            400,
            "name",
            "is 129 characters long; at most 128 allowed"),
        bad(
            "name of 100k characters",
            edit(b -> b.put("name", "n".repeat(100_000))),
            400,
            "name",
            "at most 128 allowed"),
        bad(
            "name with a space",
            edit(b -> b.put("name", "data processor")),
            400,
            "name",
            "A-Z a-z 0-9 _ . -"),
        bad(
            "name with a slash",
            edit(b -> b.put("name", "a/b")),
            400,
            "name",
            "MCP tool name rules"),
        bad("name in unicode letters", edit(b -> b.put("name", "tööl")), 400, "name", "got 'tööl'"),
        bad(
            "name with an emoji",
            edit(b -> b.put("name", "tool_\uD83D\uDE80")),
            400,
            "name",
            "got 'tool_\uD83D\uDE80'"),
        bad(
            "name with a NUL",
            edit(b -> b.put("name", "a\u0000b")),
            400,
            "name",
            "control characters (U+0000"),
        bad(
            "name is a number",
            edit(b -> b.put("name", 7)),
            400,
            "name",
            "must be a string, not a number"),
        bad(
            "client id differs from type-name",
            edit(b -> b.put("id", "tool-other")),
            400,
            "id",
            "'tool-data_processor'"),
        // other strings
        bad(
            "description is an object",
            edit(b -> b.putObject("description")),
            400,
            "description",
            "must be a string, not an object"),
        bad(
            "description over 8192 characters",
            edit(b -> b.put("description", "d".repeat(8193))),
            400,
            "description",
            "at most 8192"),
        bad(
            "description with a BEL control character",
            edit(b -> b.put("description", "ring\u0007")),
            400,
            "description",
            "U+0007"),
        bad(
            "description with an escape sequence",
            edit(b -> b.put("description", "\u001b[31mred")),
            400,
            "description",
            "U+001B"),
        bad(
            "description with a lone surrogate",
            raw(
                "{\"type\":\"tool\",\"name\":\"x\",\"lambdaArn\":\""
                    + ARN
                    + "\",\"parameters\":{},\"description\":\"\\ud800\"}"),
            400,
            "description",
            "unpaired UTF-16 surrogate"),
        bad(
            "title with a newline",
            edit(b -> b.put("title", "two\nlines")),
            400,
            "title",
            "U+000A"),
        // Lambda ARNs
        bad(
            "ARN with the seed's placeholders (event)",
            () -> AdminEvent.load("register-post-bad-arn.json"),
            400,
            "lambdaArn",
            "region 'region' is not a region name"),
        bad("ARN missing", edit(b -> b.remove("lambdaArn")), 400, "lambdaArn", "is required"),
        bad(
            "ARN is a bare function name",
            arn("data-processor"),
            400,
            "lambdaArn",
            "is not an ARN"),
        bad(
            "ARN with a wildcard name",
            arn("arn:aws:lambda:us-east-1:123456789012:function:*"),
            400,
            "lambdaArn",
            "wildcards"),
        bad(
            "ARN with a wildcard region",
            arn("arn:aws:lambda:*:123456789012:function:f"),
            400,
            "lambdaArn",
            "wildcards"),
        bad(
            "ARN of an S3 bucket",
            arn("arn:aws:s3:::my-bucket"),
            400,
            "lambdaArn",
            "not one of service 's3'"),
        bad(
            "ARN of an IAM role",
            arn("arn:aws:iam::123456789012:role/x"),
            400,
            "lambdaArn",
            "service 'iam'"),
        bad(
            "ARN of a Lambda layer",
            arn("arn:aws:lambda:us-east-1:123456789012:layer:my-layer:3"),
            400,
            "lambdaArn",
            "names a Lambda layer"),
        bad(
            "ARN of an event source mapping",
            arn("arn:aws:lambda:us-east-1:123456789012:event-source-mapping:abc"),
            400,
            "lambdaArn",
            "not a resource of type 'event-source-mapping'"),
        bad(
            "ARN in an unknown partition",
            arn("arn:aws-mars:lambda:us-east-1:123456789012:function:f"),
            400,
            "lambdaArn",
            "unknown partition 'aws-mars'"),
        bad(
            "ARN region of another partition",
            arn("arn:aws-cn:lambda:us-east-1:123456789012:function:f"),
            400,
            "lambdaArn",
            "is not in partition 'aws-cn'"),
        bad(
            "ARN GovCloud partition, commercial region",
            arn("arn:aws-us-gov:lambda:eu-west-1:123456789012:function:f"),
            400,
            "lambdaArn",
            "is not in partition 'aws-us-gov'"),
        bad(
            "ARN with an 11-digit account",
            arn("arn:aws:lambda:us-east-1:12345678901:function:f"),
            400,
            "lambdaArn",
            "must be 12 digits"),
        bad(
            "ARN with a 65-character function name",
            arn("arn:aws:lambda:us-east-1:123456789012:function:" + "f".repeat(65)),
            400,
            "lambdaArn",
            "must be 1-64 characters"),
        bad(
            "ARN with a dotted function name",
            arn("arn:aws:lambda:us-east-1:123456789012:function:my.fn"),
            400,
            "lambdaArn",
            "function name 'my.fn'"),
        bad(
            "ARN with a bad qualifier",
            arn("arn:aws:lambda:us-east-1:123456789012:function:f:v1.0"),
            400,
            "lambdaArn",
            "qualifier 'v1.0'"),
        bad(
            "ARN with version 0",
            arn("arn:aws:lambda:us-east-1:123456789012:function:f:0"),
            400,
            "lambdaArn",
            "qualifier '0'"),
        bad(
            "ARN with an empty qualifier",
            arn("arn:aws:lambda:us-east-1:123456789012:function:f:"),
            400,
            "lambdaArn",
            "qualifier ''"),
        bad(
            "ARN without a function name",
            arn("arn:aws:lambda:us-east-1:123456789012:function"),
            400,
            "lambdaArn",
            "must have the form"),
        bad(
            "ARN with too many parts",
            arn("arn:aws:lambda:us-east-1:123456789012:function:f:1:2"),
            400,
            "lambdaArn",
            "must have the form"),
        bad(
            "ARN with upper-case region",
            arn("arn:aws:lambda:US-EAST-1:123456789012:function:f"),
            400,
            "lambdaArn",
            "region 'US-EAST-1'"),
        bad(
            "ARN over 256 characters",
            arn("arn:aws:lambda:us-east-1:123456789012:function:" + "f".repeat(300)),
            400,
            "lambdaArn",
            "at most 256"),
        bad(
            "ARN is a list",
            edit(b -> b.putArray("lambdaArn").add(ARN)),
            400,
            "lambdaArn",
            "must be a string, not an array"),
        // tool schemas
        bad(
            "tool with parameters and inputSchema",
            edit(b -> b.putObject("inputSchema").put("type", "object")),
            400,
            "inputSchema",
            "not both"),
        bad(
            "tool with neither parameters nor inputSchema",
            edit(b -> b.remove("parameters")),
            400,
            "parameters",
            "needs parameters"),
        bad(
            "parameters with an unknown type",
            edit(b -> b.putObject("parameters").put("payload", "objekt")),
            400,
            "parameters.payload",
            "unknown type 'objekt'"),
        bad(
            "parameters is a list",
            edit(b -> b.putArray("parameters").add("payload")),
            400,
            "parameters",
            "must be an object"),
        bad(
            "parameters passing an invalid keyword",
            edit(
                b ->
                    b.putObject("parameters")
                        .putObject("n")
                        .put("type", "integer")
                        .put("minimum", "zero")),
            400,
            "parameters",
            "derived inputSchema is invalid"),
        bad(
            "inputSchema of type string",
            schema("{\"type\":\"string\"}"),
            400,
            "inputSchema.type",
            "must be \"object\""),
        bad(
            "inputSchema without type",
            schema("{\"properties\":{}}"),
            400,
            "inputSchema.type",
            "must be \"object\""),
        bad(
            "inputSchema with a misspelled type",
            schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"strin\"}}}"),
            400,
            "inputSchema",
            "/properties/a/type"),
        bad(
            "inputSchema with required not a list",
            schema("{\"type\":\"object\",\"required\":\"a\"}"),
            400,
            "inputSchema",
            "/required"),
        bad(
            "inputSchema with a remote $ref",
            schema(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://evil.example/s.json\"}}}"),
            400,
            "inputSchema",
            "only local references"),
        bad(
            "inputSchema with a dangling $ref",
            schema("{\"type\":\"object\",\"$ref\":\"#/$defs/missing\"}"),
            400,
            "inputSchema",
            "does not resolve"),
        bad(
            "inputSchema referring to itself",
            schema("{\"type\":\"object\",\"allOf\":[{\"$ref\":\"#\"}]}"),
            400,
            "inputSchema",
            "validation would never end"),
        bad(
            "inputSchema with a broken regex",
            schema(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"(\"}}}"),
            400,
            "inputSchema",
            "invalid regular expression: Unclosed group"),
        bad(
            "inputSchema with a catastrophic-backtracking pattern",
            schema(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\","
                    + "\"pattern\":\"^(a+)+?$\"}}}"),
            400,
            "inputSchema",
            "/properties/a/pattern: nested quantifier '(a+)+?'"),
        bad(
            "parameters with a self-referencing fragment",
            edit(b -> b.putObject("parameters").putObject("a").put("$ref", "#/properties/a")),
            400,
            "parameters",
            "validation would never end"),
        bad(
            "inputSchema is a string",
            edit(
                b -> {
                  b.remove("parameters");
                  b.put("inputSchema", "object");
                }),
            400,
            "inputSchema",
            "must be a JSON Schema object"),
        bad(
            "outputSchema of type array",
            edit(b -> b.putObject("outputSchema").put("type", "array")),
            400,
            "outputSchema.type",
            "must be \"object\""),
        bad(
            "annotations is a list",
            edit(b -> b.putArray("annotations")),
            400,
            "annotations",
            "must be an object"),
        bad(
            "annotations hint not boolean",
            edit(b -> b.putObject("annotations").put("readOnlyHint", "yes")),
            400,
            "annotations.readOnlyHint",
            "must be true or false"),
        // unknown and misplaced fields
        bad(
            "unknown field (typo lamdaArn)",
            edit(b -> b.put("lamdaArn", b.remove("lambdaArn").asText())),
            400,
            "lamdaArn",
            "unknown field"),
        bad(
            "unknown field (handler)",
            edit(b -> b.put("handler", "index.handler")),
            400,
            "handler",
            "unknown field"),
        bad(
            "resource field uri on a tool",
            edit(b -> b.put("uri", "file:///x")),
            400,
            "uri",
            "is a resource field and not allowed on a tool entry"),
        bad(
            "prompt field arguments on a tool",
            edit(b -> b.putArray("arguments")),
            400,
            "arguments",
            "is a prompt field"),
        // resources
        bad(
            "resource without uri or uriTemplate",
            resource(b -> b.remove("uriTemplate")),
            400,
            "uri",
            "needs a uri or a uriTemplate"),
        bad(
            "resource with uri and uriTemplate",
            resource(b -> b.put("uri", "logs://app/today")),
            400,
            "uriTemplate",
            "not both"),
        bad(
            "resource with a relative uri",
            resource(
                b -> {
                  b.remove("uriTemplate");
                  b.put("uri", "logs/app.log");
                }),
            400,
            "uri",
            "must be an absolute URI"),
        bad(
            "resource with a uri containing a space",
            resource(
                b -> {
                  b.remove("uriTemplate");
                  b.put("uri", "file:///my logs");
                }),
            400,
            "uri",
            "is not a valid URI"),
        bad(
            "uriTemplate with adjacent expressions",
            resource(b -> b.put("uriTemplate", "db://{a}{b}{c}/end")),
            400,
            "uriTemplate",
            "at character 9: an expression directly after another must start with one of the"
                + " operators"),
        bad(
            "uriTemplate with an unclosed brace",
            resource(b -> b.put("uriTemplate", "logs://app/{date")),
            400,
            "uriTemplate",
            "'{' is never closed"),
        bad(
            "uriTemplate with a stray closing brace",
            resource(b -> b.put("uriTemplate", "logs://app/date}")),
            400,
            "uriTemplate",
            "'}' without a matching '{'"),
        bad(
            "uriTemplate with a reserved operator",
            resource(b -> b.put("uriTemplate", "logs://app/{=date}")),
            400,
            "uriTemplate",
            "reserved by RFC 6570"),
        bad(
            "uriTemplate with a hyphenated varname",
            resource(b -> b.put("uriTemplate", "logs://app/{a-b}")),
            400,
            "uriTemplate",
            "unexpected '-'"),
        bad(
            "uriTemplate with an empty expression",
            resource(b -> b.put("uriTemplate", "logs://app/{}")),
            400,
            "uriTemplate",
            "empty expression"),
        bad(
            "uriTemplate with a zero prefix",
            resource(b -> b.put("uriTemplate", "logs://app/{date:0}")),
            400,
            "uriTemplate",
            "prefix modifier"),
        bad(
            "uriTemplate without a scheme",
            resource(b -> b.put("uriTemplate", "{path}")),
            400,
            "uriTemplate",
            "must start with a URI scheme"),
        bad(
            "mimeType without a subtype",
            resource(b -> b.put("mimeType", "text")),
            400,
            "mimeType",
            "must be a media type"),
        bad(
            "tool field parameters on a resource",
            resource(b -> b.putObject("parameters")),
            400,
            "parameters",
            "is a tool field and not allowed on a resource entry"),
        // prompts
        bad(
            "prompt argument without a name",
            prompt(b -> ((ObjectNode) b.path("arguments").get(0)).remove("name")),
            400,
            "arguments[0].name",
            "is required"),
        bad(
            "prompt argument with an empty name",
            prompt(b -> ((ObjectNode) b.path("arguments").get(0)).put("name", "")),
            400,
            "arguments[0].name",
            "must not be empty"),
        bad(
            "prompt arguments with duplicate names",
            prompt(b -> ((ObjectNode) b.path("arguments").get(1)).put("name", "code")),
            400,
            "arguments[1].name",
            "duplicate argument name 'code'"),
        bad(
            "prompt argument required not boolean",
            prompt(b -> ((ObjectNode) b.path("arguments").get(0)).put("required", "yes")),
            400,
            "arguments[0].required",
            "must be true or false"),
        bad(
            "prompt argument with an unknown field",
            prompt(b -> ((ObjectNode) b.path("arguments").get(0)).put("default", "x")),
            400,
            "arguments[0].default",
            "unknown field"),
        bad(
            "prompt arguments is an object",
            prompt(b -> b.putObject("arguments")),
            400,
            "arguments",
            "must be an array"),
        // allowedPrincipals
        bad(
            "allowedPrincipals is a string",
            edit(b -> b.put("allowedPrincipals", "arn:aws:iam::123456789012:root")),
            400,
            "allowedPrincipals",
            "must be an array"),
        bad(
            "allowedPrincipals with a Lambda ARN",
            edit(b -> b.putArray("allowedPrincipals").add(ARN)),
            400,
            "allowedPrincipals[0]",
            "service must be iam or sts"),
        bad(
            "allowedPrincipals with a region",
            edit(
                b ->
                    b.putArray("allowedPrincipals")
                        .add("arn:aws:iam:us-east-1:123456789012:role/x")),
            400,
            "allowedPrincipals[0]",
            "empty region"),
        bad(
            "allowedPrincipals with a short account",
            edit(b -> b.putArray("allowedPrincipals").add("arn:aws:iam::1234:role/x")),
            400,
            "allowedPrincipals[0]",
            "must be 12 digits"),
        // If-Match, PUT identity
        bad(
            "If-Match garbage on PUT",
            () -> put().header("If-Match", "banana"),
            400,
            "If-Match",
            "must be * or one entry ETag"),
        bad(
            "If-Match unquoted version",
            () -> put().header("If-Match", "1"),
            400,
            "If-Match",
            "got '1'"),
        bad(
            "If-Match weak ETag",
            () -> put().header("If-Match", "W/\"1\""),
            400,
            "If-Match",
            "weak ETags"),
        bad(
            "If-Match list",
            () -> put().header("If-Match", "\"1\", \"2\""),
            400,
            "If-Match",
            "one entry ETag"),
        bad(
            "If-Match version 0 on DELETE",
            () -> AdminEvent.load("register-delete.json").header("If-Match", "\"0\""),
            400,
            "If-Match",
            "got '\"0\"'"),
        bad(
            "If-Match stale on PUT (event)",
            () -> AdminEvent.load("register-put-stale.json"),
            412,
            null,
            "GET it again"),
        bad(
            "If-Match stale on DELETE (event)",
            () -> AdminEvent.load("register-delete-stale.json"),
            412,
            null,
            "If-Match does not match"),
        bad(
            "PUT renaming the entry (event)",
            () -> AdminEvent.load("register-put-rename.json"),
            400,
            "name",
            "type and name cannot be changed"),
        bad(
            "PUT changing the type",
            () ->
                put()
                    .body(
                        "{\"type\":\"prompt\",\"name\":\"data_processor\",\"lambdaArn\":\""
                            + ARN
                            + "\"}"),
            400,
            "type",
            "cannot be changed"),
        bad(
            "PUT with a different id in the body",
            () -> put().editBody(b -> b.put("id", "tool-other")),
            400,
            "id",
            "must match"),
        bad(
            "PUT with an invalid body",
            () -> put().editBody(b -> b.put("lambdaArn", "nope")),
            400,
            "lambdaArn",
            "is not an ARN"),
        // list parameters
        bad("limit 0", () -> list("limit=0"), 400, "limit", "from 1 to 1000, got '0'"),
        bad("limit 1001", () -> list("limit=1001"), 400, "limit", "got '1001'"),
        bad("limit negative", () -> list("limit=-5"), 400, "limit", "got '-5'"),
        bad("limit not a number", () -> list("limit=ten"), 400, "limit", "got 'ten'"),
        bad("limit empty", () -> list("limit="), 400, "limit", "got ''"),
        bad(
            "cursor not handed out (event)",
            () -> AdminEvent.load("register-list-bad-cursor.json"),
            400,
            "cursor",
            "is not a cursor this registry handed out"),
        bad("cursor empty", () -> list("cursor="), 400, "cursor", "previous page's Link header"),
        bad(
            "cursor base64 of something else",
            () -> list("cursor=bm9wZQ"),
            400,
            "cursor",
            "handed out"),
        // routing
        bad(
            "PATCH an entry (event)",
            () -> AdminEvent.load("register-patch.json"),
            405,
            null,
            "method PATCH is not allowed"),
        bad(
            "POST to an entry",
            () -> post().path("/register/tool-data_processor"),
            405,
            null,
            "allowed: GET, PUT, DELETE"),
        bad(
            "PUT to the collection",
            () -> put().path("/register"),
            405,
            null,
            "allowed: GET, POST"),
        bad(
            "GET an unknown entry (event)",
            () -> AdminEvent.load("register-get-missing.json"),
            404,
            null,
            "no entry 'tool-no_such_tool'"),
        bad(
            "GET a nested path",
            () -> AdminEvent.load("register-get.json").path("/register/a/b"),
            404,
            null,
            "no such route"),
        bad(
            "GET the root",
            () -> AdminEvent.load("register-get.json").path("/"),
            404,
            null,
            "the admin API is /register"),
        bad(
            "POST an existing id with other content",
            () -> post().editBody(b -> b.put("description", "other content")),
            409,
            null,
            "already exists"));
  }

  private static Arguments bad(
      String name, Supplier<AdminEvent> event, int status, String field, String message) {
    return Arguments.of(Named.of(name, new Case(event, status, field, message)));
  }

  private static AdminEvent post() {
    return AdminEvent.load("register-post.json");
  }

  private static AdminEvent put() {
    return AdminEvent.load("register-put.json").header("If-Match", null);
  }

  private static AdminEvent list(String query) {
    return AdminEvent.load("register-list.json").query(query);
  }

  private static Supplier<AdminEvent> raw(String body) {
    return () -> post().body(body);
  }

  private static Supplier<AdminEvent> edit(Consumer<ObjectNode> edit) {
    return () -> post().editBody(edit);
  }

  private static Supplier<AdminEvent> arn(String arn) {
    return edit(b -> b.put("lambdaArn", arn));
  }

  private static Supplier<AdminEvent> schema(String inputSchema) {
    return edit(
        b -> {
          b.remove("parameters");
          b.set("inputSchema", parse(inputSchema));
        });
  }

  private static Supplier<AdminEvent> resource(Consumer<ObjectNode> edit) {
    return () -> AdminEvent.load("register-post-resource.json").editBody(edit);
  }

  private static Supplier<AdminEvent> prompt(Consumer<ObjectNode> edit) {
    return () -> AdminEvent.load("register-post-prompt.json").editBody(edit);
  }

  private static JsonNode parse(String json) {
    try {
      return Json.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The table is as large as the issue asks. */
  @org.junit.jupiter.api.Test
  void tableHasAtLeastFortyCases() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }
}
