package dev.mcplambda.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.json.Json;
import dev.mcplambda.local.LocalServer;
import dev.mcplambda.local.LocalServerOptions;
import dev.mcplambda.testing.Dynalite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, Node 22 from
 * {@code node_modules}) against the local server with {@code --register-examples}, for both
 * requirement sets, with the in-memory stores and with the DynamoDB stores on dynalite.
 *
 * <p>Fails when a scored server scenario fails that {@code
 * conformance/expected-failures-<rev>.yaml} does not list, when a scenario of the tasks extension
 * ({@code tasks-*}, run but not scored by the suite) fails, and when the README's conformance table
 * differs from what this run produced (regenerate it with {@code
 * scripts/update-readme-conformance.sh}).
 */
class ConformanceIT {

  private static final List<String> REVISIONS = List.of("2025-11-25", "2026-07-28");
  private static final Path ROOT = Dynalite.repositoryRoot();
  private static final Path OUT = ROOT.resolve("local-server/target/conformance");

  @Test
  void everyScoredScenarioPassesWithInMemoryStores() throws Exception {
    Map<String, JsonNode> summaries = run("memory", null);
    assertNoUnexpectedFailures(summaries);
    assertReadmeTableMatches(summaries);
  }

  @Test
  void everyScoredScenarioPassesWithDynamoDbStoresOnDynalite() throws Exception {
    Map<String, JsonNode> summaries = run("dynalite", Dynalite.endpoint());
    assertNoUnexpectedFailures(summaries);
  }

  private static Map<String, JsonNode> run(String label, String dynamoDbEndpoint) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env =
        Map.of(
            Environment.REGISTRY_TABLE, "conformance-registry-" + suffix,
            Environment.SESSION_TABLE, "conformance-sessions-" + suffix);
    LocalServerOptions options =
        new LocalServerOptions(
            "127.0.0.1",
            0,
            0,
            0,
            dynamoDbEndpoint,
            null,
            null,
            LocalServerOptions.AuthMode.NONE,
            null,
            true,
            30,
            LocalServerOptions.DEFAULT_MAX_BODY_BYTES,
            false);
    Map<String, JsonNode> summaries = new java.util.LinkedHashMap<>();
    try (LocalServer server = LocalServer.start(options, env)) {
      for (String rev : REVISIONS) {
        Path out = OUT.resolve(label);
        Process p =
            new ProcessBuilder(
                    "bash",
                    ROOT.resolve("scripts/conformance.sh").toString(),
                    "--url",
                    server.mcpUrl() + "/mcp",
                    "--requirements",
                    rev,
                    "--out",
                    out.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        // the counts CI prints for this run
        System.out.println("[conformance " + label + "] " + output.strip().replace("\n", "\n  "));
        Path summary = out.resolve(rev).resolve("summary.json");
        assertThat(summary).as("summary of the %s run (suite output above)", rev).exists();
        summaries.put(rev, Json.mapper().readTree(summary.toFile()));
      }
    }
    return summaries;
  }

  private static void assertNoUnexpectedFailures(Map<String, JsonNode> summaries)
      throws IOException {
    List<String> unexpected = new ArrayList<>();
    for (var e : summaries.entrySet()) {
      Set<String> expected = expectedFailures(e.getKey());
      assertThat(e.getValue().path("scored").asInt())
          .as("scored scenarios run for %s", e.getKey())
          .isGreaterThan(20);
      for (JsonNode row : e.getValue().path("rows")) {
        String scenario = row.path("scenario").asText();
        if (row.path("scored").asBoolean() && !row.path("pass").asBoolean()) {
          if (!expected.contains(scenario)) {
            unexpected.add(e.getKey() + " " + scenario + ": " + row.path("failed"));
          }
        }
        // the tasks extension is implemented (docs/tasks.md): its scenarios must pass although
        // the suite does not score extensions
        if (scenario.startsWith("tasks-") && !row.path("pass").asBoolean()) {
          unexpected.add(e.getKey() + " " + scenario + " (extension): " + row.path("failed"));
        }
      }
    }
    assertThat(unexpected).as("scored scenarios failing unexpectedly").isEmpty();
  }

  /** Scenario names under {@code server:} in {@code conformance/expected-failures-<rev>.yaml}. */
  static Set<String> expectedFailures(String rev) throws IOException {
    Path file = ROOT.resolve("conformance/expected-failures-" + rev + ".yaml");
    Set<String> names = new LinkedHashSet<>();
    if (!Files.exists(file)) {
      return names;
    }
    Matcher m =
        Pattern.compile("(?m)^\\s*-\\s*([A-Za-z0-9_./-]+)\\s*(#.*)?$")
            .matcher(Files.readString(file));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static void assertReadmeTableMatches(Map<String, JsonNode> summaries) throws IOException {
    StringBuilder generated = new StringBuilder();
    for (String rev : REVISIONS) {
      generated.append(Files.readString(OUT.resolve("memory").resolve(rev).resolve("summary.md")));
      generated.append('\n');
    }
    Files.writeString(OUT.resolve("README-table.md"), generated.toString());
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf(README_BEGIN);
    int end = readme.indexOf(README_END);
    assertThat(start).as("README.md has the conformance table markers").isNotNegative();
    String current = readme.substring(start + README_BEGIN.length(), end).strip();
    assertThat(current)
        .as(
            "README conformance table is not what this run produced: run"
                + " scripts/update-readme-conformance.sh (it copies %s)",
            OUT.resolve("README-table.md"))
        .isEqualTo(generated.toString().strip());
  }

  static final String README_BEGIN =
      "<!-- conformance-table:begin (generated by ConformanceIT) -->";
  static final String README_END = "<!-- conformance-table:end -->";
}
