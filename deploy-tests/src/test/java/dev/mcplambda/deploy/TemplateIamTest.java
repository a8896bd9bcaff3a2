package dev.mcplambda.deploy;

import static dev.mcplambda.deploy.SamTemplate.branches;
import static dev.mcplambda.deploy.SamTemplate.map;
import static dev.mcplambda.deploy.SamTemplate.referencedId;
import static dev.mcplambda.deploy.SamTemplate.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in template.yaml. The roles are written out (no SAM policy templates, no
 * generated roles), so every statement the functions get is visible here.
 */
class TemplateIamTest {

  private static final List<String> IAM_TYPES =
      List.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");

  /** Actions that would let a function change who may invoke what at run time. */
  private static final List<String> POLICY_MUTATIONS =
      List.of(
          "lambda:AddPermission",
          "lambda:RemovePermission",
          "lambda:CreateFunctionUrlConfig",
          "lambda:UpdateFunctionUrlConfig",
          "lambda:TagResource",
          "lambda:UntagResource",
          "lambda:UpdateFunctionConfiguration",
          "iam:PutRolePolicy",
          "iam:AttachRolePolicy");

  private final SamTemplate template = SamTemplate.load();

  /** One IAM statement and the resource it sits in. */
  record Statement(String owner, Map<String, Object> body) {
    List<String> actions() {
      return strings(body.get("Action"), owner + " Action");
    }

    List<Object> resources() {
      Object r = body.get("Resource");
      return r instanceof List<?> l ? new ArrayList<>(l) : r == null ? List.of() : List.of(r);
    }

    boolean invokes() {
      return actions().stream().anyMatch(a -> a.toLowerCase().startsWith("lambda:invoke"));
    }
  }

  @Test
  void functionsUseTheExplicitRolesOnly() {
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      Map<String, Object> p = template.properties(fn);
      assertThat(p)
          .as(fn + ": Policies would hide statements in SAM templates")
          .doesNotContainKey("Policies");
      assertThat(referencedId(p.get("Role"))).as(fn + " Role").isNotNull();
      assertThat(template.type(referencedId(p.get("Role")))).isEqualTo("AWS::IAM::Role");
    }
  }

  @Test
  void noStatementUsesWildcardOrNegatedActions() {
    List<Statement> all = statements(null);
    assertThat(all).isNotEmpty();
    for (Statement s : all) {
      assertThat(s.body()).as(s.owner()).doesNotContainKeys("NotAction", "NotResource");
      assertThat(s.actions()).as(s.owner()).isNotEmpty().noneMatch(a -> a.contains("*"));
    }
  }

  @Test
  void invokeActionsNeverApplyToEveryResource() {
    for (Statement s : statements(null)) {
      if (s.invokes()) {
        assertThat(s.resources()).as(s.owner()).isNotEmpty().noneMatch("*"::equals);
      }
    }
  }

  @Test
  void registrationRoleCannotInvokeAnyFunction() {
    List<Statement> reg = statements(roleOf("RegistrationFunction"));
    assertThat(reg).isNotEmpty();
    for (Statement s : reg) {
      assertThat(s.actions()).as(s.owner()).noneMatch(a -> a.toLowerCase().startsWith("lambda:"));
    }
  }

  @Test
  void registrationRoleWritesOnlyTheRegistryTable() {
    for (Statement s : statements(roleOf("RegistrationFunction"))) {
      if (s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
        assertThat(s.resources())
            .as(s.owner())
            .allMatch(r -> "RegistryTable".equals(referencedId(r)));
      }
    }
  }

  @Test
  void mcpRoleInvokesOnlyOperatorScopedToolFunctions() {
    List<Statement> invokes =
        statements(roleOf("McpFunction")).stream().filter(Statement::invokes).toList();
    assertThat(invokes).as("the MCP function must be able to invoke tools").isNotEmpty();
    for (Statement s : invokes) {
      if (launchesTheTaskRunner(s)) {
        assertThat(s.actions()).as(s.owner()).containsExactly("lambda:InvokeFunction");
        continue;
      }
      assertThat(s.actions())
          .as(s.owner())
          .as(
              s.owner()
                  + ": InvokeWithResponseStream is authorised by lambda:InvokeFunction;"
                  + " lambda:InvokeWithResponseStream is not an IAM action")
          .containsExactly("lambda:InvokeFunction");
      boolean byArnParameter =
          s.resources().size() == 1
              && SamTemplate.isRef(s.resources().get(0), "ToolFunctionArnPattern");
      boolean byTag =
          s.body().get("Condition") instanceof Map<?, ?> c
              && c.get("StringEquals") instanceof Map<?, ?> eq
              && SamTemplate.isRef(
                  eq.get("aws:ResourceTag/mcp-lambda:tool"), "ToolFunctionTagValue");
      assertThat(byArnParameter || byTag)
          .as(s.owner() + ": invoke scoped by ToolFunctionArnPattern or the mcp-lambda:tool tag")
          .isTrue();
    }
  }

  /** The MCP function's one non-tool invoke: the stack's own task runner, by its name. */
  private static boolean launchesTheTaskRunner(Statement s) {
    return s.resources().size() == 1
        && String.valueOf(s.resources().get(0)).contains("function:${StackIdentifier}-task-runner");
  }

  @Test
  void taskRunnerRoleInvokesOnlyScopedToolsAndTouchesOnlyTaskItems() {
    List<Statement> statements = statements(roleOf("TaskRunnerFunction"));
    List<Statement> invokes = statements.stream().filter(Statement::invokes).toList();
    assertThat(invokes).isNotEmpty();
    for (Statement s : invokes) {
      assertThat(s.actions()).as(s.owner()).containsOnly("lambda:InvokeFunction");
      boolean byArnParameter =
          s.resources().size() == 1
              && SamTemplate.isRef(s.resources().get(0), "ToolFunctionArnPattern");
      boolean byTag =
          s.body().get("Condition") instanceof Map<?, ?> c
              && c.get("StringEquals") instanceof Map<?, ?> eq
              && SamTemplate.isRef(
                  eq.get("aws:ResourceTag/mcp-lambda:tool"), "ToolFunctionTagValue");
      assertThat(byArnParameter || byTag).as(s.owner()).isTrue();
    }
    for (Statement s : statements) {
      if (s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
        assertThat(s.resources())
            .as(s.owner())
            .allMatch(r -> "SessionTable".equals(referencedId(r)));
        assertThat(String.valueOf(s.body().get("Condition"))).contains("task#*");
      }
    }
  }

  @Test
  void mcpRoleReadsTheRegistryAndWritesOnlySessions() {
    for (Statement s : statements(roleOf("McpFunction"))) {
      boolean writes =
          s.actions().stream()
              .anyMatch(
                  a ->
                      List.of(
                              "dynamodb:PutItem",
                              "dynamodb:UpdateItem",
                              "dynamodb:DeleteItem",
                              "dynamodb:BatchWriteItem")
                          .contains(a));
      if (writes) {
        assertThat(s.resources())
            .as(s.owner())
            .allMatch(r -> "SessionTable".equals(referencedId(r)));
      }
    }
  }

  @Test
  void noRoleCanChangeResourcePoliciesOrItsOwnPermissions() {
    for (Statement s : statements(null)) {
      assertThat(s.actions()).as(s.owner()).doesNotContainAnyElementsOf(POLICY_MUTATIONS);
    }
  }

  @Test
  void managedPoliciesAreLimitedToVpcNetworking() {
    for (String role : template.ofType("AWS::IAM::Role")) {
      for (Object arns : branches(template.properties(role).get("ManagedPolicyArns"))) {
        for (Object arn : (List<?>) arns) {
          Object sub = arn instanceof Map<?, ?> m ? m.get("Fn::Sub") : arn;
          assertThat(String.valueOf(sub))
              .as(role)
              .endsWith(":policy/service-role/AWSLambdaVPCAccessExecutionRole");
        }
      }
    }
  }

  @Test
  void callerGrantsCannotBypassTheFunctionUrl() {
    List<String> grants = template.ofType("AWS::Lambda::Permission");
    assertThat(grants).isNotEmpty();
    for (String id : grants) {
      Map<String, Object> p = template.properties(id);
      assertThat(p.get("Principal")).as(id).isNotEqualTo("*");
      switch ((String) p.get("Action")) {
        case "lambda:InvokeFunctionUrl" ->
            assertThat(p).as(id).containsEntry("FunctionUrlAuthType", "AWS_IAM");
        case "lambda:InvokeFunction" ->
            assertThat(p)
                .as(id + ": InvokeFunction only through the URL, never a direct Invoke")
                .containsEntry("InvokedViaFunctionUrl", true);
        default -> throw new AssertionError(id + " grants unexpected action " + p.get("Action"));
      }
    }
  }

  @Test
  void theStateKeyIsReadAtRunTimeFromTheOneSecretNeverPlacedInTheEnvironment() {
    // no function environment resolves a secret value at deploy time
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      template
          .environment(fn)
          .forEach(
              (name, value) ->
                  assertThat(String.valueOf(value))
                      .as(fn + " " + name)
                      .doesNotContain("resolve:secretsmanager"));
    }
    assertThat(
            SamTemplate.isRef(
                template.environment("McpFunction").get("MCP_STATE_SECRET_ARN"), "StateSecret"))
        .isTrue();
    // and only the MCP role may read it, only that secret, only GetSecretValue
    List<Statement> reads =
        statements(null).stream()
            .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
            .toList();
    assertThat(reads).hasSize(1);
    assertThat(reads.get(0).owner()).startsWith(roleOf("McpFunction"));
    assertThat(reads.get(0).actions()).containsExactly("secretsmanager:GetSecretValue");
    assertThat(reads.get(0).resources()).containsExactly(Map.of("Ref", "StateSecret"));
  }

  @Test
  void noStatementNamesTheNonexistentInvokeWithResponseStreamAction() {
    for (Statement s : statements(null)) {
      assertThat(s.actions())
          .as(s.owner())
          .noneMatch(a -> a.equalsIgnoreCase("lambda:InvokeWithResponseStream"));
    }
  }

  @Test
  void callerGrantsAreTheDefaultRouteNotAnOption() {
    // the resource-policy grants (InvokeFunction only via the URL) exist whatever the parameters:
    // to AdminPrincipal / ClientPrincipal when set, to the stack's own account otherwise
    for (String id : template.ofType("AWS::Lambda::Permission")) {
      assertThat(template.resource(id))
          .as(id + " must not depend on a Condition")
          .doesNotContainKey("Condition");
      Object principal = template.properties(id).get("Principal");
      List<Object> choices = branches(principal);
      assertThat(choices).as(id + " Principal").hasSize(2);
      assertThat(choices.get(1)).as(id).isEqualTo(Map.of("Ref", "AWS::AccountId"));
      assertThat(
              SamTemplate.isRef(choices.get(0), "AdminPrincipal")
                  || SamTemplate.isRef(choices.get(0), "ClientPrincipal"))
          .as(id + " grants the configured principal first")
          .isTrue();
    }
  }

  @Test
  void eachPlaneGrantsBothActionsTheUrlNeeds() {
    assertThat(grantedActions("RegistrationFunctionAliaslive"))
        .containsExactlyInAnyOrder("lambda:InvokeFunctionUrl", "lambda:InvokeFunction");
    assertThat(grantedActions("McpFunctionAliaslive"))
        .containsExactlyInAnyOrder("lambda:InvokeFunctionUrl", "lambda:InvokeFunction");
  }

  private List<Object> grantedActions(String target) {
    List<Object> actions = new ArrayList<>();
    for (String id : template.ofType("AWS::Lambda::Permission")) {
      Map<String, Object> p = template.properties(id);
      if (target.equals(referencedId(p.get("FunctionName")))) {
        actions.add(p.get("Action"));
      }
    }
    return actions;
  }

  private String roleOf(String function) {
    String role = referencedId(template.properties(function).get("Role"));
    assertThat(role).as(function + " Role").isNotNull();
    return role;
  }

  /** Every statement of every IAM resource (both branches of conditions), or of one resource. */
  private List<Statement> statements(String onlyResource) {
    List<Statement> out = new ArrayList<>();
    for (String type : IAM_TYPES) {
      for (String id : template.ofType(type)) {
        if (onlyResource != null && !onlyResource.equals(id)) {
          continue;
        }
        Map<String, Object> props = template.properties(id);
        props.forEach(
            (key, value) -> {
              if (key.equals("AssumeRolePolicyDocument")) {
                return; // trust policy: who may assume the role, not what it may do
              }
              SamTemplate.eachMap(
                  value,
                  m -> {
                    if (m.containsKey("Effect")) {
                      out.add(new Statement(id + "." + key, m));
                    }
                  });
            });
      }
    }
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      if (onlyResource == null) {
        SamTemplate.eachMap(
            template.properties(fn).get("Policies"),
            m -> {
              if (m.containsKey("Effect")) {
                out.add(new Statement(fn + ".Policies", map(m, fn)));
              }
            });
      }
    }
    return out;
  }
}
