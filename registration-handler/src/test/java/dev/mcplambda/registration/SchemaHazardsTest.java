package dev.mcplambda.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaHazardsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'type':'object','properties':{'child':{'$ref':'#'}}}",
        "{'$defs':{'node':{'type':'object','properties':{'next':{'$ref':'#/$defs/node'}}}},"
            + "'properties':{'head':{'$ref':'#/$defs/node'}}}",
        "{'$defs':{'a b':{'type':'string'},'x/y':{}},"
            + "'properties':{'p':{'$ref':'#/$defs/a%20b'},'q':{'$ref':'#/$defs/x~1y'}}}",
        "{'$defs':{'s':{'$anchor':'str','type':'string'}},'properties':{'p':{'$ref':'#str'}}}",
        "{'properties':{'$ref':{'type':'string'}},'const':{'$ref':'#'},'enum':[{'$ref':'#/x'}]}",
        "{'items':{'$ref':'#'}}",
        "{'allOf':[{'$ref':'#/$defs/a'}],'$defs':{'a':{'allOf':[{'$ref':'#/$defs/b'}]},'b':{}}}",
        "{'properties':{'a':{'pattern':'^[a-z]+$'}},'patternProperties':{'^x-':{}}}",
      })
  void acceptsUsableSchemas(String schema) throws Exception {
    assertThat(SchemaHazards.find(Json.readTree(schema.replace('\'', '"')))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'$ref':'#/nonexistent'}|/$ref: '#/nonexistent' does not resolve",
        "{'$ref':'#nowhere'}|'#nowhere' does not resolve",
        "{'$dynamicRef':'#meta'}|/$dynamicRef: '#meta' does not resolve",
        "{'$ref':'#'}|(root): references itself",
        "{'allOf':[{'$ref':'#'}]}|references itself",
        "{'anyOf':[{'oneOf':[{'not':{'$ref':'#'}}]}]}|references itself",
        "{'if':{'$ref':'#/$defs/a'},'$defs':{'a':{'then':{'$ref':'#'}}}}|references itself",
        "{'$defs':{'a':{'$ref':'#/$defs/b'},'b':{'$ref':'#/$defs/a'}}}|validation would never end",
        "{'properties':{'a':{'$ref':'#/properties/a'}}}|/properties/a: references itself",
        "{'dependentSchemas':{'k':{'$ref':'#'}}}|references itself",
        "{'properties':{'a':{'pattern':'('}}}|/properties/a/pattern: invalid regular expression",
        "{'patternProperties':{'[':{}}}|/patternProperties key '[': invalid regular expression",
        "{'$defs':{'e':{'$id':'https://example.com/e','$ref':'#'}}}|/$defs/e/$id: embedded schema resources are not supported",
        "{'properties':{'a':{'pattern':'^(a+)+$'}}}|/properties/a/pattern: nested quantifier '(a+)+'",
        "{'patternProperties':{'^([a-z]*\\\\.)*x$':{}}}|catastrophic backtracking",
      })
  void findsWhatWouldBreakValidation(String schema, String problem) throws Exception {
    assertThat(SchemaHazards.find(Json.readTree(schema.replace('\'', '"'))))
        .anySatisfy(p -> assertThat(p).contains(problem));
  }
}
