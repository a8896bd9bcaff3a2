package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamHeaderValidatorTest {

  static final JsonNode SCHEMA =
      json(
          "{\"type\":\"object\",\"properties\":{"
              + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
              + "\"priority\":{\"type\":\"integer\",\"x-mcp-header\":\"Priority\"},"
              + "\"verbose\":{\"type\":\"boolean\",\"x-mcp-header\":\"Verbose\"},"
              + "\"nested\":{\"type\":\"object\",\"properties\":{"
              + "\"zone\":{\"type\":\"string\",\"x-mcp-header\":\"Zone\"}}},"
              + "\"score\":{\"type\":\"number\",\"x-mcp-header\":\"Score\"},"
              + "\"list\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
              + "\"x\":{\"type\":\"string\",\"x-mcp-header\":\"X\"}}}},"
              + "\"query\":{\"type\":\"string\"}}}");

  @Test
  void onlyPrimitivePropertiesReachableThroughPropertiesCount() {
    assertThat(ParamHeaderValidator.rules(SCHEMA))
        .extracting(ParamHeaderValidator.Rule::header)
        .containsExactly("Region", "Priority", "Verbose", "Zone");
  }

  @Test
  void matchingHeadersPass() {
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA,
                json(
                    "{\"region\":\"us-west1\",\"priority\":42,\"verbose\":true,"
                        + "\"nested\":{\"zone\":\"a\"},\"query\":\"SELECT 1\"}"),
                Map.of(
                    "mcp-param-region", "us-west1",
                    "mcp-param-priority", "42.0",
                    "mcp-param-verbose", "true",
                    "mcp-param-zone", " a ")))
        .isNull();
  }

  @Test
  void absentOrNullArgumentsExpectNoHeader() {
    assertThat(ParamHeaderValidator.validate(SCHEMA, json("{\"region\":null}"), Map.of())).isNull();
    assertThat(ParamHeaderValidator.validate(SCHEMA, null, Map.of())).isNull();
  }

  @Test
  void aValueInTheBodyWithoutItsHeaderIsAMismatch() {
    assertThat(ParamHeaderValidator.validate(SCHEMA, json("{\"region\":\"test-value\"}"), Map.of()))
        .contains("Mcp-Param-Region");
  }

  @Test
  void base64ValuesAreDecodedAndMalformedOnesRefused() {
    JsonNode args = json("{\"region\":\"Hello\"}");
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA, args, Map.of("mcp-param-region", "=?base64?SGVsbG8=?=")))
        .isNull();
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA, args, Map.of("mcp-param-region", "=?base64?SGVsbG8?=")))
        .isNotNull();
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA, args, Map.of("mcp-param-region", "=?base64?SGVs!!!bG8=?=")))
        .isNotNull();
  }

  @Test
  void aValueWithoutTheFullSentinelIsLiteral() {
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA,
                json("{\"region\":\"=?base64?SGVsbG8=\"}"),
                Map.of("mcp-param-region", "=?base64?SGVsbG8=")))
        .isNull();
  }

  @Test
  void typedComparisons() {
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA, json("{\"priority\":7}"), Map.of("mcp-param-priority", "8")))
        .isNotNull();
    assertThat(
            ParamHeaderValidator.validate(
                SCHEMA, json("{\"verbose\":false}"), Map.of("mcp-param-verbose", "False")))
        .isNotNull();
  }

  @Test
  void duplicateNamesIgnoringCaseInvalidateTheAnnotations() {
    JsonNode dup =
        json(
            "{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"MyField\"},"
                + "\"b\":{\"type\":\"string\",\"x-mcp-header\":\"myfield\"}}}");
    assertThat(ParamHeaderValidator.rules(dup)).isEmpty();
  }

  static JsonNode json(String s) {
    try {
      return Json.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
