package dev.mcplambda.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcplambda.json.Json;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

  private final SchemaValidator validator = new SchemaValidator();

  private static JsonNode schema(String json) throws Exception {
    return Json.readTree(json.replace('\'', '"'));
  }

  @Test
  void nothingIsBuiltUntilFirstUseAndValidatingNeverLoadsTheMetaSchema() throws Exception {
    // given a fresh validator (cold start: the MCP function builds one at init)
    SchemaValidator fresh = new SchemaValidator();
    assertThat(fresh.registryBuilt()).isFalse();

    // when it validates an instance
    JsonNode s = schema("{'type':'object','required':['a']}");
    assertThat(fresh.validate(s, Json.object())).isNotEmpty();

    // then the registry is built, the meta-schema (registration only) is not
    assertThat(fresh.registryBuilt()).isTrue();
    assertThat(fresh.metaSchemaLoaded()).isFalse();

    // and checking a schema loads the meta-schema, which still refuses bad schemas
    assertThat(fresh.checkSchema(schema("{'type':17}"))).isNotEmpty();
    assertThat(fresh.metaSchemaLoaded()).isTrue();
  }

  @Test
  void primingBuildsTheRegistryWithoutTheMetaSchema() {
    SchemaValidator fresh = new SchemaValidator();

    fresh.prime();

    assertThat(fresh.registryBuilt()).isTrue();
    assertThat(fresh.metaSchemaLoaded()).isFalse();
  }

  @Test
  void patternsStillMatchAndRefuseAsBefore() throws Exception {
    JsonNode s = schema("{'type':'string','pattern':'^[a-z]+$'}");

    assertThat(validator.validate(s, TextNode.valueOf("abc"))).isEmpty();
    assertThat(validator.validate(s, TextNode.valueOf("abc1"))).isNotEmpty();
    // ECMA-262: pattern is unanchored, '$' only at the very end
    assertThat(validator.validate(schema("{'pattern':'b'}"), TextNode.valueOf("abc"))).isEmpty();
  }

  /**
   * ReDoS regression: {@code ^(a+)+?$} against {@code a…a!} backtracks 2^n steps in a plain JDK
   * regex (JDK 25 memoizes greedy group loops, not lazy or counted ones: 9 s at n = 28, hours at n
   * = 40). With the step budget the validation ends and says why.
   */
  @Test
  void aCatastrophicPatternEndsWithAClearProblemInsteadOfRunningForMinutes() throws Exception {
    JsonNode s =
        schema("{'type':'object','properties':{'id':{'type':'string','pattern':'^(a+)+?$'}}}");
    JsonNode hostile = Json.object().put("id", "a".repeat(40) + "!");

    assertThat(validator.validate(s, hostile))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("takes too long on this input"));
  }

  @Test
  void patternPropertiesAreBoundedToo() throws Exception {
    JsonNode s = schema("{'type':'object','patternProperties':{'^(.*a){12}$':{'type':'integer'}}}");
    JsonNode hostile =
        Json.object().put("a".repeat(60) + "!", "not checked if the pattern were skipped");

    assertThat(validator.validate(s, hostile))
        .anySatisfy(p -> assertThat(p).contains("takes too long"));
  }

  @Test
  void longInputsWithLinearPatternsStayWithinTheBudget() throws Exception {
    JsonNode s = schema("{'type':'string','pattern':'^[a-z]+$'}");

    assertThat(validator.validate(s, TextNode.valueOf("a".repeat(1_000_000)))).isEmpty();
  }
}
