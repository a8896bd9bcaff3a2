package dev.mcplambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The key and TTL attribute names template.yaml gives the tables (the tables the code expects) are
 * the ones the DynamoDB stores write: each appears as a string literal in the store sources.
 */
class TableAttributeTest {

  private static final String STORE_PACKAGE =
      "shared-model/src/main/java/dev/mcplambda/store/dynamodb";

  @Test
  void registryStoreUsesTheRegistryTableKey() throws IOException {
    assertThat(sourcesNamed("Registry"))
        .as("DynamoDB registry store sources in " + STORE_PACKAGE)
        .isNotEmpty()
        .anyMatch(s -> s.contains("\"id\""));
  }

  @Test
  void sessionStoreUsesTheSessionTableKeysAndTtlAttribute() throws IOException {
    List<String> sources = sourcesNamed("Session");
    assertThat(sources).as("DynamoDB session store sources in " + STORE_PACKAGE).isNotEmpty();
    for (String attribute : List.of("sessionId", "sk", "expiresAt")) {
      assertThat(sources).as(attribute).anyMatch(s -> s.contains("\"" + attribute + "\""));
    }
  }

  private static List<String> sourcesNamed(String part) throws IOException {
    Path dir = RepositoryRoot.resolve(STORE_PACKAGE);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".java"))
          .filter(p -> p.getFileName().toString().contains(part))
          .map(TableAttributeTest::read)
          .toList();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
