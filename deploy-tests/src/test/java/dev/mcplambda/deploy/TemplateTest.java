package dev.mcplambda.deploy;

import static dev.mcplambda.deploy.SamTemplate.branches;
import static dev.mcplambda.deploy.SamTemplate.isNoValue;
import static dev.mcplambda.deploy.SamTemplate.isRef;
import static dev.mcplambda.deploy.SamTemplate.map;
import static dev.mcplambda.deploy.SamTemplate.referencedId;
import static dev.mcplambda.deploy.SamTemplate.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml: Function URLs, tables, layer, SnapStart, parameters, outputs, SAR metadata. */
class TemplateTest {

  private final SamTemplate template = SamTemplate.load();

  @Test
  void isASamTemplate() {
    assertThat(template.document().get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
    assertThat(template.ofType(SamTemplate.FUNCTION))
        .containsExactlyInAnyOrder("McpFunction", "RegistrationFunction", "TaskRunnerFunction");
  }

  @Test
  void theTaskRunnerRunsFromTheMcpJarForUpTo15MinutesWithoutRetries() {
    // docs/tasks.md: one asynchronous invocation per task round, the tool invoked synchronously
    Map<String, Object> runner = template.properties("TaskRunnerFunction");
    assertThat(runner).containsEntry("CodeUri", "mcp-handler/");
    assertThat(runner).containsEntry("Handler", "dev.mcplambda.TaskRunnerHandler::handleRequest");
    assertThat(runner.get("Timeout")).isEqualTo(900);
    assertThat(runner).doesNotContainKey("FunctionUrlConfig");
    assertThat(map(runner.get("EventInvokeConfig"), "EventInvokeConfig"))
        .containsEntry("MaximumRetryAttempts", 0);
    Map<String, Object> env = template.environment("TaskRunnerFunction");
    assertThat(env).containsKey("SESSION_TABLE").doesNotContainKey("REGISTRY_TABLE");
    assertThat(Long.parseLong(String.valueOf(env.get("MCP_FUNCTION_TIMEOUT_MS"))))
        .isLessThan(900_000L);
    assertThat(String.valueOf(template.environment("McpFunction").get("MCP_TASK_RUNNER_FUNCTION")))
        .contains("task-runner");
  }

  @Test
  void everyFunctionUrlUsesIamAuth() {
    // given every function with a URL, and any URL or permission resource written out by hand
    for (String id : template.ofType(SamTemplate.FUNCTION)) {
      Object url = template.properties(id).get("FunctionUrlConfig");
      if (url != null) {
        assertThat(map(url, id).get("AuthType")).as(id + " URL AuthType").isEqualTo("AWS_IAM");
      }
    }
    for (String id : template.ofType("AWS::Lambda::Url")) {
      assertThat(template.properties(id).get("AuthType")).as(id).isEqualTo("AWS_IAM");
    }
    // then nothing opens a function to the public
    for (String id : template.ofType("AWS::Lambda::Permission")) {
      Map<String, Object> p = template.properties(id);
      assertThat(p.get("Principal")).as(id + " Principal").isNotEqualTo("*");
      assertThat(p.get("FunctionUrlAuthType")).as(id).isNotEqualTo("NONE");
    }
  }

  @Test
  void bothPlanesHaveAUrl() {
    assertThat(url("McpFunction")).isNotNull();
    assertThat(url("RegistrationFunction")).isNotNull();
  }

  @Test
  void mcpUrlStreamsTheResponse() {
    assertThat(url("McpFunction").get("InvokeMode")).isEqualTo("RESPONSE_STREAM");
  }

  @Test
  void registrationUrlIsBuffered() {
    Object mode = url("RegistrationFunction").get("InvokeMode");
    assertThat(mode == null || "BUFFERED".equals(mode)).as("InvokeMode " + mode).isTrue();
  }

  @Test
  void mcpFunctionStartsTheStreamingRuntimeFromItsLayer() {
    Map<String, Object> mcp = template.properties("McpFunction");
    assertThat(isRef(template.functionProperty("McpFunction", "Runtime"), "JavaRuntime")).isTrue();
    assertThat((List<?>) mcp.get("Layers")).anyMatch(l -> isRef(l, "StreamingRuntimeLayer"));
    assertThat(template.environment("McpFunction").get("AWS_LAMBDA_EXEC_WRAPPER"))
        .isEqualTo("/opt/mcp-lambda-streaming");

    assertThat(template.type("StreamingRuntimeLayer")).isEqualTo("AWS::Serverless::LayerVersion");
    assertThat(template.properties("StreamingRuntimeLayer").get("ContentUri"))
        .isEqualTo("layers/streaming-runtime/");
    // BuildMethod makefile keeps the wrapper script's execute bit in the layer zip
    assertThat(map(template.resource("StreamingRuntimeLayer").get("Metadata"), "Metadata"))
        .containsEntry("BuildMethod", "makefile");
  }

  @Test
  void handlersAreTheOnesTheModulesProvide() {
    Map<String, Object> mcp = template.properties("McpFunction");
    Map<String, Object> reg = template.properties("RegistrationFunction");
    assertThat(mcp).containsEntry("CodeUri", "mcp-handler/");
    assertThat(mcp).containsEntry("Handler", "dev.mcplambda.McpHandler");
    assertThat(reg).containsEntry("CodeUri", "registration-handler/");
    assertThat(reg).containsEntry("Handler", "dev.mcplambda.RegistrationHandler::handleRequest");
    assertThat(isRef(template.functionProperty("RegistrationFunction", "Runtime"), "JavaRuntime"))
        .isTrue();
  }

  @Test
  void registrationFunctionUsesSnapStartBehindItsAlias() {
    Map<String, Object> reg = template.properties("RegistrationFunction");
    assertThat(map(reg.get("SnapStart"), "SnapStart"))
        .containsEntry("ApplyOn", "PublishedVersions");
    // SnapStart applies to published versions only: the URL must point at the alias
    assertThat(reg.get("AutoPublishAlias")).isEqualTo("live");
  }

  @Test
  void mcpFunctionUsesSnapStartBehindItsAliasByDefault() {
    Map<String, Object> mcp = template.properties("McpFunction");
    assertThat(isRef(map(mcp.get("SnapStart"), "SnapStart").get("ApplyOn"), "McpSnapStart"))
        .isTrue();
    assertThat(mcp.get("AutoPublishAlias")).isEqualTo("live");
    Map<String, Object> parameter =
        map(template.section("Parameters").get("McpSnapStart"), "McpSnapStart");
    assertThat(parameter).containsEntry("Default", "PublishedVersions");
    assertThat(strings(parameter.get("AllowedValues"), "AllowedValues"))
        .containsExactlyInAnyOrder("PublishedVersions", "None");
  }

  @Test
  void theJavaRuntimeIsJava21OrJava25() {
    Map<String, Object> parameter =
        map(template.section("Parameters").get("JavaRuntime"), "JavaRuntime");
    assertThat(parameter).containsEntry("Default", "java21");
    assertThat(strings(parameter.get("AllowedValues"), "AllowedValues"))
        .containsExactly("java21", "java25");
    assertThat(
            strings(
                template.properties("StreamingRuntimeLayer").get("CompatibleRuntimes"),
                "CompatibleRuntimes"))
        .containsExactly("java21", "java25");
  }

  @Test
  void mcpTimeoutIsTheMaximumStreamTimeParameter() {
    assertThat(isRef(template.properties("McpFunction").get("Timeout"), "McpTimeoutSeconds"))
        .isTrue();
    Map<String, Object> p = parameter("McpTimeoutSeconds");
    assertThat(p).containsEntry("Type", "Number").containsEntry("MaxValue", 900);
  }

  @Test
  void architectureIsAParameter() {
    Object arch = template.functionProperty("McpFunction", "Architectures");
    assertThat((List<?>) arch).singleElement().matches(a -> isRef(a, "Architecture"));
    assertThat(SamTemplate.strings(parameter("Architecture").get("AllowedValues"), "AllowedValues"))
        .containsExactlyInAnyOrder("arm64", "x86_64");
  }

  @Test
  void registryTableMatchesTheRegistryStore() {
    Map<String, Object> t = template.properties("RegistryTable");
    assertThat(template.type("RegistryTable")).isEqualTo("AWS::DynamoDB::Table");
    assertThat(keySchema(t)).containsExactly(Map.entry("id", "HASH"));
    assertThat(attributeTypes(t)).containsExactly(Map.entry("id", "S"));
    assertThat(t).containsEntry("BillingMode", "PAY_PER_REQUEST");
    assertThat(map(t.get("PointInTimeRecoverySpecification"), "PITR"))
        .containsEntry("PointInTimeRecoveryEnabled", true);
    assertThat(map(t.get("SSESpecification"), "SSE")).containsEntry("SSEEnabled", true);
  }

  @Test
  void sessionTableMatchesTheSessionStore() {
    Map<String, Object> t = template.properties("SessionTable");
    assertThat(keySchema(t))
        .containsExactly(Map.entry("sessionId", "HASH"), Map.entry("sk", "RANGE"));
    assertThat(attributeTypes(t))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sessionId", "S", "sk", "S"));
    assertThat(t).containsEntry("BillingMode", "PAY_PER_REQUEST");
    assertThat(map(t.get("TimeToLiveSpecification"), "TTL"))
        .containsEntry("AttributeName", "expiresAt")
        .containsEntry("Enabled", true);
    assertThat(map(t.get("SSESpecification"), "SSE")).containsEntry("SSEEnabled", true);
  }

  @Test
  void tableNamesReachTheFunctionsFromTheTemplate() {
    Map<String, Object> mcp = template.environment("McpFunction");
    Map<String, Object> reg = template.environment("RegistrationFunction");
    assertThat(isRef(mcp.get("REGISTRY_TABLE"), "RegistryTable")).isTrue();
    assertThat(isRef(mcp.get("SESSION_TABLE"), "SessionTable")).isTrue();
    assertThat(isRef(reg.get("REGISTRY_TABLE"), "RegistryTable")).isTrue();
    assertThat(reg)
        .as("the registration function has no business with sessions")
        .doesNotContainKey("SESSION_TABLE");
  }

  @Test
  void reservedConcurrencyComesFromParametersSoOverloadAnswers429() {
    assertReservedConcurrency("McpFunction", "McpReservedConcurrency");
    assertReservedConcurrency("RegistrationFunction", "RegistrationReservedConcurrency");
  }

  private void assertReservedConcurrency(String function, String parameter) {
    Object value = template.properties(function).get("ReservedConcurrentExecutions");
    assertThat(branches(value)).as(function).isNotEmpty().allMatch(v -> isRef(v, parameter));
    assertThat(parameter(parameter)).containsEntry("Type", "Number");
    // a new account's small concurrency limit must not fail the first deploy: by default nothing is
    // reserved, and -1 removes the property through a Condition (Lambda has no "-1" value)
    assertThat(parameter(parameter)).as(parameter).containsEntry("Default", -1);
    List<?> choice = (List<?>) map(value, function).get("Fn::If");
    assertThat(isNoValue(choice.get(2)))
        .as(function + ": -1 = no ReservedConcurrentExecutions")
        .isTrue();
    Object condition = map(template.section("Conditions").get(choice.get(0)), "condition");
    assertThat(condition)
        .isEqualTo(
            Map.of(
                "Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", parameter), "-1")))));
  }

  @Test
  void streamsEndWithinMinutesAndAreCappedPerPrincipalByDefault() {
    // the stream lifetime bounds what an abandoned stream costs (docs/cost.md)
    Map<String, Object> lifetime = parameter("McpStreamLifetimeSeconds");
    assertThat(((Number) lifetime.get("Default")).intValue()).isBetween(60, 300);
    assertThat(((Number) parameter("McpMaxStreamsPerPrincipal").get("Default")).intValue())
        .isPositive();
    Map<String, Object> env = template.environment("McpFunction");
    assertThat(isRef(env.get("MCP_STREAM_LIFETIME_SECONDS"), "McpStreamLifetimeSeconds")).isTrue();
    assertThat(isRef(env.get("MCP_MAX_STREAMS_PER_PRINCIPAL"), "McpMaxStreamsPerPrincipal"))
        .isTrue();
  }

  @Test
  void mcpFunctionTakesRuntimeUpdatesOnlyWhenItIsDeployed() {
    // the exec wrapper depends on the stock java21 command line: a runtime update must not reach
    // the function under live traffic
    assertThat(map(template.properties("McpFunction").get("RuntimeManagementConfig"), "rmc"))
        .isEqualTo(Map.of("UpdateRuntimeOn", "FunctionUpdate"));
  }

  @Test
  void logGroupsAreExplicitWithRetentionFromAParameter() {
    for (String function : template.ofType(SamTemplate.FUNCTION)) {
      Map<String, Object> logging =
          map(template.properties(function).get("LoggingConfig"), function + ".LoggingConfig");
      String group = referencedId(logging.get("LogGroup"));
      assertThat(group).as(function + " log group").isNotNull();
      assertThat(template.type(group)).isEqualTo("AWS::Logs::LogGroup");
      Map<String, Object> lg = template.properties(group);
      assertThat(isRef(lg.get("RetentionInDays"), "LogRetentionDays")).as(group).isTrue();
      // the group is the function's default one, so nothing is ever written elsewhere
      String name = (String) map(lg.get("LogGroupName"), group).get("Fn::Sub");
      String fn =
          (String) map(template.properties(function).get("FunctionName"), function).get("Fn::Sub");
      assertThat(name).isEqualTo("/aws/lambda/" + fn);
    }
  }

  @Test
  void operatorParametersExist() {
    assertThat(template.section("Parameters"))
        .containsKeys(
            "StackIdentifier",
            "ToolFunctionArnPattern",
            "ToolFunctionTagValue",
            "SubnetIds",
            "SecurityGroupIds",
            "LogRetentionDays",
            "McpReservedConcurrency",
            "RegistrationReservedConcurrency",
            "AllowedOrigins",
            "AdminPrincipal",
            "ClientPrincipal",
            "McpTimeoutSeconds",
            "Architecture");
  }

  @Test
  void vpcParametersSayThatFunctionUrlsDoNotStreamInAVpc() {
    for (String p : List.of("SubnetIds", "SecurityGroupIds")) {
      assertThat((String) parameter(p).get("Description"))
          .as(p)
          .containsIgnoringCase("function URLs do not support response streaming within a VPC");
    }
    Object vpc = template.functionProperty("McpFunction", "VpcConfig");
    assertThat(map(vpc, "VpcConfig").get("Fn::If")).isInstanceOf(List.class);
    assertThat(((List<?>) map(vpc, "VpcConfig").get("Fn::If")).get(0)).isEqualTo("UseVpc");
  }

  @Test
  void rulesUseOnlyRuleFunctions() {
    // CloudFormation evaluates Rules with its own, smaller set of intrinsic functions
    java.util.Set<String> allowed =
        java.util.Set.of(
            "Fn::And",
            "Fn::Contains",
            "Fn::EachMemberEquals",
            "Fn::EachMemberIn",
            "Fn::Equals",
            "Fn::Not",
            "Fn::Or",
            "Fn::RefAll",
            "Fn::ValueOf",
            "Fn::ValueOfAll",
            "Ref");
    java.util.List<String> used = new java.util.ArrayList<>();
    SamTemplate.eachMap(
        template.section("Rules"),
        m ->
            m.keySet().stream()
                .filter(k -> k.startsWith("Fn::") || k.equals("Ref"))
                .forEach(used::add));
    assertThat(used).isNotEmpty();
    assertThat(allowed).containsAll(used);
  }

  @Test
  void allowedOriginsReachTheMcpFunction() {
    assertThat(template.environment("McpFunction").values())
        .anyMatch(v -> isRef(v, "AllowedOrigins"));
  }

  @Test
  void outputsNameBothUrlsFunctionsAndTables() {
    Map<String, Object> outputs = template.section("Outputs");
    assertThat(outputs)
        .containsKeys(
            "McpFunctionUrl",
            "RegistrationFunctionUrl",
            "McpFunctionName",
            "McpFunctionArn",
            "RegistrationFunctionName",
            "RegistrationFunctionArn",
            "RegistryTableName",
            "SessionTableName");
    assertThat(map(outputs.get("McpFunctionUrl"), "out").get("Value"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("McpFunctionUrl", "FunctionUrl")));
    assertThat(map(outputs.get("RegistrationFunctionUrl"), "out").get("Value"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("RegistrationFunctionUrl", "FunctionUrl")));
  }

  @Test
  void serverlessRepositoryMetadataIsComplete() throws Exception {
    Map<String, Object> app =
        map(template.section("Metadata").get("AWS::ServerlessRepo::Application"), "SAR");
    assertThat(app)
        .containsKeys(
            "Name",
            "Description",
            "Author",
            "SpdxLicenseId",
            "LicenseUrl",
            "ReadmeUrl",
            "Labels",
            "HomePageUrl",
            "SemanticVersion",
            "SourceCodeUrl");
    assertThat(app).containsEntry("SpdxLicenseId", "MIT");
    // SAR refuses a Description over 256 characters (folded YAML: newlines became spaces)
    assertThat(((String) app.get("Description")).strip()).hasSizeLessThanOrEqualTo(256);
    assertThat((String) app.get("Name")).hasSizeLessThanOrEqualTo(140);
    assertThat((String) app.get("SemanticVersion")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.isRegularFile(RepositoryRoot.resolve((String) app.get("LicenseUrl"))))
        .isTrue();
    assertThat(Files.isRegularFile(RepositoryRoot.resolve((String) app.get("ReadmeUrl")))).isTrue();
  }

  private Map<String, Object> url(String function) {
    Object url = template.properties(function).get("FunctionUrlConfig");
    return url == null ? null : map(url, function + ".FunctionUrlConfig");
  }

  private Map<String, Object> parameter(String name) {
    Object p = template.section("Parameters").get(name);
    assertThat(p).as("parameter " + name).isNotNull();
    return map(p, name);
  }

  private static Map<String, String> keySchema(Map<String, Object> table) {
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    for (Object k : (List<?>) table.get("KeySchema")) {
      Map<String, Object> m = map(k, "KeySchema");
      keys.put((String) m.get("AttributeName"), (String) m.get("KeyType"));
    }
    return keys;
  }

  private static Map<String, String> attributeTypes(Map<String, Object> table) {
    Map<String, String> types = new java.util.LinkedHashMap<>();
    for (Object a : (List<?>) table.get("AttributeDefinitions")) {
      Map<String, Object> m = map(a, "AttributeDefinitions");
      types.put((String) m.get("AttributeName"), (String) m.get("AttributeType"));
    }
    return types;
  }
}
