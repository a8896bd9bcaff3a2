package dev.mcplambda.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleCatalogTest {

  @Test
  void everyEntryHasAnInstantiableHandlerAndAUniqueId() throws Exception {
    // given
    List<CatalogEntry> all = ExampleCatalog.all();
    Set<String> ids = new HashSet<>();

    // then
    for (CatalogEntry entry : all) {
      assertThat(ids.add(entry.type() + "-" + entry.name())).as(entry.name()).isTrue();
      assertThat(entry.registration()).containsKeys("type", "name", "description");
      Object handler = Class.forName(entry.handlerClass()).getConstructor().newInstance();
      assertThat(handler).isInstanceOf(RequestHandler.class);
      assertThat(entry.functionName()).matches("[A-Za-z0-9_-]{1,64}");
    }
  }

  @Test
  void toolNamesFollowTheMcpToolNameRules() {
    for (CatalogEntry entry : ExampleCatalog.all()) {
      if (entry.type().equals("tool")) {
        assertThat(entry.name()).matches("[A-Za-z0-9_.-]{1,128}");
        assertThat(entry.registration())
            .containsAnyOf(
                Map.entry("inputSchema", entry.registration().getOrDefault("inputSchema", "")),
                Map.entry("parameters", entry.registration().getOrDefault("parameters", "")));
      }
    }
  }

  @Test
  void registrationAddsTheLambdaArnAndKeepsTypeAndNameFirst() {
    // given
    CatalogEntry echo =
        ExampleCatalog.samples().stream().filter(e -> e.name().equals("echo")).findFirst().get();

    // when
    Map<String, Object> body = echo.registration(ExampleCatalog.localArn("echo"));

    // then
    assertThat(body.keySet()).startsWith("type", "name");
    assertThat(body)
        .containsEntry("lambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:echo");
  }

  @Test
  void catalogContainsTheConformanceScenarioNames() {
    Set<String> names = new HashSet<>();
    ExampleCatalog.conformanceFixtures().forEach(e -> names.add(e.name()));
    assertThat(names)
        .contains(
            "test_simple_text",
            "test_image_content",
            "test_audio_content",
            "test_embedded_resource",
            "test_multiple_content_types",
            "test_error_handling",
            "test_simple_prompt",
            "test_prompt_with_arguments",
            "test_prompt_with_embedded_resource",
            "test_prompt_with_image",
            "static-text",
            "static-binary",
            "template");
  }
}
