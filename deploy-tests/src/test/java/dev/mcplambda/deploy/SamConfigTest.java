package dev.mcplambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** samconfig.toml parses, has the deploy defaults, and overrides only parameters that exist. */
class SamConfigTest {

  private static JsonNode config() throws IOException {
    return new TomlMapper().readTree(RepositoryRoot.resolve("samconfig.toml").toFile());
  }

  @Test
  void defaultEnvironmentDeploysWithSafeDefaults() throws IOException {
    JsonNode c = config();
    assertThat(c.path("version").asDouble()).isEqualTo(0.1);
    assertThat(c.at("/default/global/parameters/stack_name").asText()).isNotBlank();
    JsonNode deploy = c.at("/default/deploy/parameters");
    assertThat(deploy.path("capabilities").asText()).isEqualTo("CAPABILITY_IAM");
    assertThat(deploy.path("resolve_s3").asBoolean()).isTrue();
    assertThat(deploy.path("confirm_changeset").asBoolean()).isTrue();
  }

  @Test
  void theDefaultEnvironmentReservesNoConcurrencySoAFirstDeployCannotFailOnIt() throws IOException {
    // a new account's concurrency limit can be too small for any reservation
    List<String> overrides = new ArrayList<>();
    config()
        .at("/default/deploy/parameters/parameter_overrides")
        .forEach(o -> overrides.add(o.asText()));
    assertThat(overrides)
        .filteredOn(o -> o.contains("ReservedConcurrency="))
        .isNotEmpty()
        .allMatch(o -> o.endsWith("=-1"));
  }

  @Test
  void buildsSequentiallyBecauseBothTargetsShareTheReactor() throws IOException {
    assertThat(config().at("/default/build/parameters/parallel").asBoolean(true)).isFalse();
  }

  @Test
  void everyParameterOverrideNamesATemplateParameter() throws IOException {
    Set<String> parameters = SamTemplate.load().section("Parameters").keySet();
    List<String> names = new ArrayList<>();
    config()
        .properties()
        .forEach(
            env ->
                env.getValue()
                    .properties()
                    .forEach(
                        command -> {
                          JsonNode overrides =
                              command.getValue().at("/parameters/parameter_overrides");
                          overrides.forEach(o -> names.add(o.asText().split("=", 2)[0]));
                        }));
    assertThat(names).isNotEmpty();
    assertThat(parameters).containsAll(names);
  }
}
