package dev.mcplambda.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShorthandSchemaTest {

  private final SchemaValidator validator = new SchemaValidator();

  @Test
  void convertsTheIssueExampleIntoA2020_12ObjectSchema() throws Exception {
    // given the shorthand from the seed / issue
    JsonNode parameters =
        Json.readTree(
            """
            {"payload": "object", "count": "number",
             "tags": {"type": "array", "items": "string"},
             "x": {"type": "string", "optional": true}}
            """);
    List<String> errors = new ArrayList<>();

    // when
    JsonNode schema = ShorthandSchema.toInputSchema(parameters, errors);

    // then
    assertThat(errors).isEmpty();
    assertThat(schema)
        .isEqualTo(
            Json.readTree(
                """
                {"type":"object","properties":{
                  "payload":{"type":"object"},
                  "count":{"type":"number"},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "x":{"type":"string"}},
                 "required":["payload","count","tags"]}
                """));
    assertThat(validator.checkSchema(schema)).isEmpty();
    assertThat(
            validator.validate(
                schema, Json.readTree("{\"payload\":{},\"count\":1,\"tags\":[\"a\"]}")))
        .isEmpty();
    assertThat(validator.validate(schema, Json.readTree("{\"payload\":{},\"count\":\"one\"}")))
        .hasSize(2);
  }

  @Test
  void reportsEveryUnknownTypeWithItsPath() throws Exception {
    List<String> errors = new ArrayList<>();
    ShorthandSchema.toInputSchema(
        Json.readTree("{\"a\":\"strng\",\"b\":{\"type\":\"array\",\"items\":\"nope\"},\"c\":5}"),
        errors);
    assertThat(errors)
        .hasSize(3)
        .anySatisfy(e -> assertThat(e).startsWith("parameters.a: unknown type 'strng'"))
        .anySatisfy(e -> assertThat(e).startsWith("parameters.b.items: unknown type 'nope'"))
        .anySatisfy(e -> assertThat(e).isEqualTo("parameters.c: must be a type name or an object"));
  }

  @Test
  void anEmptyShorthandHasNoRequiredList() throws Exception {
    List<String> errors = new ArrayList<>();
    JsonNode schema = ShorthandSchema.toInputSchema(Json.readTree("{}"), errors);
    assertThat(errors).isEmpty();
    assertThat(schema.has("required")).isFalse();
    assertThat(schema.get("type").asText()).isEqualTo("object");
  }

  @Test
  void metaSchemaRejectsInvalidSchemas() throws Exception {
    assertThat(validator.checkSchema(Json.readTree("{\"type\":\"strng\"}"))).isNotEmpty();
    assertThat(validator.checkSchema(Json.readTree("{\"required\":\"x\"}"))).isNotEmpty();
    assertThat(validator.checkSchema(Json.readTree("[1]"))).isNotEmpty();
    assertThat(validator.checkSchema(Json.readTree("{\"type\":\"object\"}"))).isEmpty();
  }

  @Test
  void remoteReferencesAreRefusedAtRegistrationAndNeverFetched() throws Exception {
    JsonNode schema = Json.readTree("{\"properties\":{\"a\":{\"$ref\":\"http://127.0.0.1:9/x\"}}}");
    assertThat(validator.checkSchema(schema))
        .containsExactly(
            "/properties/a/$ref: only local references (#...) are allowed, got 'http://127.0.0.1:9/x'");
    assertThat(validator.validate(schema, Json.readTree("{\"a\":1}")))
        .singleElement()
        .asString()
        .startsWith("schema cannot be used");
    assertThat(
            validator.checkSchema(
                Json.readTree("{\"$defs\":{\"n\":{\"type\":\"number\"}},\"$ref\":\"#/$defs/n\"}")))
        .isEmpty();
  }

  @Test
  void selfReferencingSchemasAreRefusedAtUseInsteadOfCrashing() throws Exception {
    JsonNode schema = Json.readTree("{\"allOf\":[{\"$ref\":\"#\"}]}");
    assertThat(validator.validate(schema, Json.readTree("{}")))
        .singleElement()
        .asString()
        .startsWith("schema cannot be used");
  }

  @Test
  void compileErrorsDoNotLeakJavaClassNames() throws Exception {
    List<String> problems =
        validator.checkSchema(Json.readTree("{\"type\":\"string\",\"pattern\":\"([a-z\"}"));
    assertThat(problems).isNotEmpty();
    assertThat(String.join(" ", problems)).doesNotContain("java.").doesNotContain("Exception");
  }
}
