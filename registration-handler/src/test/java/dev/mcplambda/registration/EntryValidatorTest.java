package dev.mcplambda.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.schema.SchemaValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryValidatorTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:f";
  private static final EntryValidator VALIDATOR = new EntryValidator(new SchemaValidator());

  private static JsonNode json(String s) throws Exception {
    return Json.readTree(s.replace('\'', '"'));
  }

  private static RegistryEntry valid(String body) throws Exception {
    ValidationResult result = VALIDATOR.validate(json(body));
    assertThat(result).isInstanceOf(ValidationResult.Valid.class);
    return ((ValidationResult.Valid) result).entry();
  }

  private static List<FieldError> invalid(String body) throws Exception {
    ValidationResult result = VALIDATOR.validate(json(body));
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return ((ValidationResult.Invalid) result).problems();
  }

  @Test
  void toolWithFullInputSchemaOutputSchemaAndAnnotations() throws Exception {
    RegistryEntry e =
        valid(
            "{'type':'tool','name':'weather.get_forecast','title':'Forecast','lambdaArn':'"
                + ARN
                + ":live','inputSchema':{'type':'object','properties':{'city':{'type':'string'}},"
                + "'required':['city'],'$defs':{'u':{'enum':['C','F']}}},"
                + "'outputSchema':{'type':'object','properties':{'t':{'type':'number'}}},"
                + "'annotations':{'title':'Forecast','readOnlyHint':true,'x-vendor':1},"
                + "'allowedPrincipals':['arn:aws:iam::123456789012:role/mcp-*']}");

    assertThat(e.id()).isEqualTo("tool-weather.get_forecast");
    assertThat(e.type()).isEqualTo(EntryType.TOOL);
    assertThat(e.parameters()).isNull();
    assertThat(e.inputSchema().path("required").get(0).asText()).isEqualTo("city");
    assertThat(e.outputSchema()).isNotNull();
    assertThat(e.annotations().path("readOnlyHint").asBoolean()).isTrue();
    assertThat(e.allowedPrincipals()).containsExactly("arn:aws:iam::123456789012:role/mcp-*");
    assertThat(e.version()).isNull();
  }

  @Test
  void shorthandIsKeptAndConverted() throws Exception {
    RegistryEntry e =
        valid(
            "{'type':'tool','name':'t','lambdaArn':'"
                + ARN
                + "','parameters':{'payload':'object','count':'number',"
                + "'tags':{'type':'array','items':'string'},'x':{'type':'string','optional':true}}}");

    assertThat(e.parameters().path("x").path("optional").asBoolean()).isTrue();
    assertThat(e.inputSchema())
        .isEqualTo(
            json(
                "{'type':'object','properties':{'payload':{'type':'object'},'count':{'type':'number'},"
                    + "'tags':{'type':'array','items':{'type':'string'}},'x':{'type':'string'}},"
                    + "'required':['payload','count','tags']}"));
  }

  @Test
  void toolWithoutArgumentsUsesEmptyParameters() throws Exception {
    RegistryEntry e =
        valid("{'type':'tool','name':'ping','lambdaArn':'" + ARN + "','parameters':{}}");

    assertThat(e.inputSchema()).isEqualTo(json("{'type':'object','properties':{}}"));
  }

  @Test
  void resourceWithUriAndPromptWithoutArguments() throws Exception {
    RegistryEntry r =
        valid(
            "{'type':'resource','name':'readme','lambdaArn':'"
                + ARN
                + "','uri':'file:///README.md','mimeType':'text/markdown; charset=utf-8'}");
    RegistryEntry p = valid("{'type':'prompt','name':'greet','lambdaArn':'" + ARN + "'}");

    assertThat(r.id()).isEqualTo("resource-readme");
    assertThat(r.uri()).isEqualTo("file:///README.md");
    assertThat(p.id()).isEqualTo("prompt-greet");
    assertThat(p.arguments()).isNull();
  }

  @Test
  void promptArgumentsKeepTitleAndEnumValues() throws Exception {
    RegistryEntry p =
        valid(
            "{'type':'prompt','name':'greet','lambdaArn':'"
                + ARN
                + "','arguments':[{'name':'style','title':'Style','required':false,"
                + "'enumValues':['formal','casual']}]}");

    assertThat(p.arguments())
        .containsExactly(
            new PromptArgument("style", "Style", null, false, List.of("formal", "casual")));
  }

  @Test
  void serverManagedFieldsAreAcceptedAndIgnored() throws Exception {
    RegistryEntry e =
        valid(
            "{'id':'tool-t','type':'tool','name':'t','lambdaArn':'"
                + ARN
                + "','parameters':{},'version':7,'createdAt':'2020-01-01T00:00:00Z',"
                + "'updatedAt':'x','description':null}");

    assertThat(e.version()).isNull();
    assertThat(e.createdAt()).isNull();
    assertThat(e.description()).isNull();
  }

  @Test
  void multiLineDescriptionIsFine() throws Exception {
    RegistryEntry e =
        valid(
            "{'type':'tool','name':'t','lambdaArn':'"
                + ARN
                + "','parameters':{},'description':'line one\\nline two\\ttabbed ✓'}");

    assertThat(e.description()).contains("\n");
  }

  @Test
  void everyProblemIsListedAtOnce() throws Exception {
    List<FieldError> problems =
        invalid(
            "{'type':'tool','name':'bad name','lambdaArn':'arn:aws:s3:::b','parameters':{'a':'nope'},"
                + "'uri':'file:///x','colour':'red','title':7}");

    assertThat(problems)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("name", "lambdaArn", "parameters.a", "uri", "colour", "title");
  }

  @Test
  void unknownTypeStillReportsTheOtherFields() throws Exception {
    List<FieldError> problems = invalid("{'type':'agent','name':'','lambdaArn':''}");

    assertThat(problems).extracting(FieldError::field).containsExactly("type", "name", "lambdaArn");
  }

  @Test
  void toolInvokeModeStreamAndBufferedAreKept() throws Exception {
    // given / when
    RegistryEntry stream =
        valid(
            "{'type':'tool','name':'s','lambdaArn':'"
                + ARN
                + "','parameters':{},'invokeMode':'stream'}");
    RegistryEntry buffered =
        valid(
            "{'type':'tool','name':'b','lambdaArn':'"
                + ARN
                + "','parameters':{},'invokeMode':'buffered'}");
    RegistryEntry absent =
        valid("{'type':'tool','name':'a','lambdaArn':'" + ARN + "','parameters':{}}");

    // then
    assertThat(stream.invokeMode()).isEqualTo("stream");
    assertThat(stream.streams()).isTrue();
    assertThat(buffered.invokeMode()).isEqualTo("buffered");
    assertThat(buffered.streams()).isFalse();
    assertThat(absent.invokeMode()).isNull();
  }

  @Test
  void toolInvokeModeTaskAndTaskOptionalAreKept() throws Exception {
    // given / when
    RegistryEntry task =
        valid(
            "{'type':'tool','name':'t','lambdaArn':'"
                + ARN
                + "','parameters':{},'invokeMode':'task'}");
    RegistryEntry optional =
        valid(
            "{'type':'tool','name':'o','lambdaArn':'"
                + ARN
                + "','parameters':{},'invokeMode':'task-optional'}");

    // then
    assertThat(task.invokeMode()).isEqualTo("task");
    assertThat(task.runsAsTask()).isTrue();
    assertThat(task.requiresTask()).isTrue();
    assertThat(task.streams()).isFalse();
    assertThat(optional.invokeMode()).isEqualTo("task-optional");
    assertThat(optional.runsAsTask()).isTrue();
    assertThat(optional.requiresTask()).isFalse();
  }

  @Test
  void unknownOrMistypedInvokeModeIsAFieldError() throws Exception {
    assertThat(
            invalid(
                "{'type':'tool','name':'s','lambdaArn':'"
                    + ARN
                    + "','parameters':{},'invokeMode':'STREAM'}"))
        .extracting(FieldError::field)
        .containsExactly("invokeMode");
    assertThat(
            invalid(
                "{'type':'tool','name':'s','lambdaArn':'"
                    + ARN
                    + "','parameters':{},'invokeMode':'tasks'}"))
        .extracting(FieldError::field)
        .containsExactly("invokeMode");
    assertThat(
            invalid(
                "{'type':'tool','name':'s','lambdaArn':'"
                    + ARN
                    + "','parameters':{},'invokeMode':true}"))
        .extracting(FieldError::field)
        .containsExactly("invokeMode");
  }

  @Test
  void invokeModeIsAToolField() throws Exception {
    assertThat(
            invalid("{'type':'prompt','name':'p','lambdaArn':'" + ARN + "','invokeMode':'stream'}"))
        .extracting(FieldError::field)
        .contains("invokeMode");
  }
}
