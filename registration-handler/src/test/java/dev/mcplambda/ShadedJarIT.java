package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.testing.Dynalite;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shaded JAR SAM deploys for the admin plane ({@code target/registration-handler-*-lambda.jar})
 * run on its own: a separate JVM with {@code -XX:+BytecodeVerificationRemote} whose class path is
 * only {@link ShadedHandlerLauncher}, which loads {@link RegistrationHandler} from the JAR and
 * calls its {@code RequestStreamHandler} entry with the repository's sample events, on the real
 * DynamoDB registry store (dynalite).
 */
class ShadedJarIT {

  static final String[] LINKAGE_ERRORS = {
    "NoClassDefFoundError",
    "ClassNotFoundException",
    "VerifyError",
    "LinkageError",
    "IncompatibleClassChangeError",
    "NoSuchMethodError",
    "NoSuchFieldError",
    "ExceptionInInitializerError"
  };

  static Path shadedJar() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(Path.of("target"), "registration-handler-*-lambda.jar")) {
      s.forEach(found::add);
    }
    assertThat(found).as("the shaded JAR in target (run `mvn package` first)").hasSize(1);
    return found.get(0).toAbsolutePath();
  }

  /** A class path holding nothing but the launcher. */
  static Path launcherClassPath(Path dir) throws Exception {
    String resource = ShadedHandlerLauncher.class.getName().replace('.', '/') + ".class";
    Path source = Path.of(ShadedHandlerLauncher.class.getResource("/" + resource).toURI());
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    Files.copy(source, target);
    return dir;
  }

  @Test
  void theShadedJarRegistersListsAndReadsOnTheDynamoDbStore(@TempDir Path dir) throws Exception {
    // given a fresh registry table and the sample admin events (POST, POST of the same id with
    // other content, GET one, GET list)
    String table = "shaded-registry-" + UUID.randomUUID().toString().substring(0, 8);
    try (DynamoDbClient dynamo = DynamoDbClients.forEndpoint(Dynalite.endpoint())) {
      DynamoDbTables.ensureRegistryTable(dynamo, table);
    }
    Path events = Dynalite.repositoryRoot().resolve("events");
    Path otherContent = dir.resolve("register-post-other-content.json");
    Files.writeString(
        otherContent,
        AdminEvent.load("register-post.json")
            .editBody(b -> b.put("description", "something else"))
            .eventJson());
    List<String> eventFiles =
        List.of(
            events.resolve("register-post.json").toString(),
            otherContent.toString(),
            events.resolve("register-get.json").toString(),
            events.resolve("register-list.json").toString());

    // when the shaded JAR serves them in a JVM of its own
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UnlockDiagnosticVMOptions", // the flag is diagnostic from JDK 25 on
                "-XX:+BytecodeVerificationRemote",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                launcherClassPath(Files.createDirectories(dir.resolve("cp"))).toString(),
                ShadedHandlerLauncher.class.getName(),
                shadedJar().toString(),
                RegistrationHandler.class.getName()));
    command.addAll(eventFiles);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("MCP_"));
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "shaded-it-secret");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("REGISTRY_TABLE", table);
    env.put("DYNAMODB_ENDPOINT", Dynalite.endpoint());
    Path stdout = dir.resolve("responses.txt");
    Path log = dir.resolve("handler.log");
    pb.redirectOutput(stdout.toFile());
    pb.redirectError(log.toFile());
    Process process = pb.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String logText = Files.readString(log);

    // then every event got its answer: created, conflict, the entry, the list
    assertThat(ended).as(logText).isTrue();
    assertThat(process.exitValue()).as(logText).isZero();
    List<String> lines = Files.readAllLines(stdout);
    assertThat(lines).as(logText).hasSize(4);
    JsonNode created = Json.readTree(lines.get(0));
    JsonNode conflict = Json.readTree(lines.get(1));
    JsonNode got = Json.readTree(lines.get(2));
    JsonNode listed = Json.readTree(lines.get(3));
    assertThat(created.path("statusCode").asInt()).as(lines.get(0)).isEqualTo(201);
    assertThat(conflict.path("statusCode").asInt()).as(lines.get(1)).isEqualTo(409);
    assertThat(got.path("statusCode").asInt()).as(lines.get(2)).isEqualTo(200);
    assertThat(body(got).path("name").asText()).isEqualTo("data_processor");
    assertThat(listed.path("statusCode").asInt()).as(lines.get(3)).isEqualTo(200);
    assertThat(body(listed).toString()).contains("data_processor");
    assertThat(logText).doesNotContain(LINKAGE_ERRORS);
  }

  static JsonNode body(JsonNode response) throws IOException {
    ObjectNode copy = response.deepCopy();
    return Json.readTree(copy.path("body").asText());
  }
}
