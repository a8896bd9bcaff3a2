package dev.mcplambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Environment variables: every name the code reads (the {@code public static final String}
 * constants of {@code dev.mcplambda.config.Environment}) is set by template.yaml where it is
 * needed, and the template sets nothing the code does not read.
 *
 * <p>Convention: a constant whose javadoc starts with "Optional" is an override for local runs or a
 * setting with a default, so the template need not set it; a constant naming a variable the Lambda
 * runtime itself provides (AWS_REGION, ...) must not be set by the template.
 */
class TemplateEnvironmentTest {

  private static final String ENVIRONMENT_SOURCE =
      "shared-model/src/main/java/dev/mcplambda/config/Environment.java";

  /** Variables the Lambda runtime sets; a function configuration may not set them. */
  private static final Set<String> LAMBDA_RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  /** Variables the template sets for the Lambda runtime or the JVM, not for our code. */
  private static final Set<String> READ_BY_THE_PLATFORM =
      Set.of("AWS_LAMBDA_EXEC_WRAPPER", "JAVA_TOOL_OPTIONS");

  private static final Pattern CONSTANT =
      Pattern.compile(
          "(/\\*\\*((?:(?!\\*/).)*)\\*/)?\\s*public\\s+static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;",
          Pattern.DOTALL);

  private final SamTemplate template = SamTemplate.load();

  /** One env var name constant of Environment.java. */
  record Variable(String constant, String name, boolean optional) {}

  static List<Variable> variablesTheCodeReads() throws IOException {
    return constants(
        Files.readString(RepositoryRoot.resolve(ENVIRONMENT_SOURCE), StandardCharsets.UTF_8));
  }

  static List<Variable> constants(String javaSource) {
    List<Variable> out = new ArrayList<>();
    Matcher m = CONSTANT.matcher(javaSource);
    while (m.find()) {
      String doc = m.group(2) == null ? "" : m.group(2).replaceAll("(?m)^\\s*\\*", " ").strip();
      out.add(new Variable(m.group(3), m.group(4), doc.startsWith("Optional")));
    }
    return out;
  }

  @Test
  void environmentSourceDeclaresTheTableVariables() throws IOException {
    assertThat(variablesTheCodeReads())
        .extracting(Variable::name)
        .contains("REGISTRY_TABLE", "SESSION_TABLE");
  }

  @Test
  void everyRequiredVariableIsSetOnSomeFunction() throws IOException {
    Set<String> set = new TreeSet<>();
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      set.addAll(template.environment(fn).keySet());
    }
    List<String> unset = new ArrayList<>();
    for (Variable v : variablesTheCodeReads()) {
      if (!v.optional() && !LAMBDA_RESERVED.contains(v.name()) && !set.contains(v.name())) {
        unset.add(v.constant() + " = \"" + v.name() + "\"");
      }
    }
    assertThat(unset)
        .as(
            "Environment.java constants that no function in template.yaml sets (set them, or start"
                + " their javadoc with \"Optional\" if the code has a default)")
        .isEmpty();
  }

  @Test
  void templateSetsNoVariableTheRuntimeReserves() {
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      assertThat(template.environment(fn).keySet())
          .as(fn)
          .doesNotContainAnyElementsOf(LAMBDA_RESERVED);
    }
  }

  @Test
  void everyVariableTheTemplateSetsIsReadByTheCode() throws IOException {
    Set<String> read = new TreeSet<>(READ_BY_THE_PLATFORM);
    variablesTheCodeReads().forEach(v -> read.add(v.name()));
    Map<String, List<String>> unread = new LinkedHashMap<>();
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      for (String name : template.environment(fn).keySet()) {
        if (!read.contains(name)) {
          unread.computeIfAbsent(fn, k -> new ArrayList<>()).add(name);
        }
      }
    }
    assertThat(unread)
        .as("variables template.yaml sets that no Environment.java constant names")
        .isEmpty();
  }

  @Test
  void eachFunctionGetsTheTablesItUsesAndNoOthers() {
    assertThat(template.environment("McpFunction")).containsKeys("REGISTRY_TABLE", "SESSION_TABLE");
    assertThat(template.environment("RegistrationFunction"))
        .containsKey("REGISTRY_TABLE")
        .doesNotContainKey("SESSION_TABLE");
  }

  @Test
  void constantParserReadsNamesAndTheOptionalMarker() {
    // given a source shaped like Environment.java
    String source =
        """
        /** Registry table name. */
        public static final String REGISTRY_TABLE = "REGISTRY_TABLE";

        /** Optional DynamoDB endpoint override. */
        public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

        /**
         * Optional: {@code memory} to use in-memory stores.
         */
        public static final String STORE = "MCP_STORE";

        public static final String AWS_REGION = "AWS_REGION";
        """;
    // when
    List<Variable> vars = constants(source);
    // then
    assertThat(vars)
        .containsExactly(
            new Variable("REGISTRY_TABLE", "REGISTRY_TABLE", false),
            new Variable("DYNAMODB_ENDPOINT", "DYNAMODB_ENDPOINT", true),
            new Variable("STORE", "MCP_STORE", true),
            new Variable("AWS_REGION", "AWS_REGION", false));
  }
}
