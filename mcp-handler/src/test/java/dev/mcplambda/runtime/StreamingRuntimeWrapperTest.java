package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exec wrapper rewrites the stock java21 command line; the layer Makefile keeps its run bit. A
 * stub "java" prints the arguments it receives.
 */
class StreamingRuntimeWrapperTest {

  /** The java21 stock command as observed on Lambda (the wrapper receives it in "$@"). */
  static List<String> stockCommand(String java, String classpath) {
    return List.of(
        java,
        "-XX:MaxHeapSize=445645k",
        "-javaagent:/var/runtime/lib/Log4jHotPatch.jar=log4jFixerVerbose=false",
        "-XX:+UseSerialGC",
        "-Xshare:on",
        "-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa",
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
        "-XX:+ErrorFileToStderr",
        "-classpath",
        classpath,
        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
        "dev.mcplambda.McpHandler::handleRequest");
  }

  static List<String> run(Path stubJava, List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    Result r = runRaw(stubJava, args, env);
    assertThat(r.exit()).as(r.output()).isZero();
    return r.output().lines().toList();
  }

  record Result(int exit, String output) {}

  static Result runRaw(Path stubJava, List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(LayerFiles.wrapper().toString());
    command.add(stubJava.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  static Path stubJava(Path dir) throws IOException {
    Path stub = dir.resolve("java");
    Files.writeString(stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    stub.toFile().setExecutable(true);
    return stub;
  }

  @Test
  void theStockCommandBecomesTheStreamingRuntimeWithLambdaFlags(@TempDir Path dir)
      throws Exception {
    // given the stock command line and a 1024 MB function
    List<String> stock =
        stockCommand(
            "IGNORED", "/var/runtime/lib/aws-lambda-java-core.jar:/var/runtime/lib/ric.jar");

    // when the wrapper runs it
    List<String> args =
        run(
            stubJava(dir),
            stock.subList(1, stock.size()),
            Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024", "LAMBDA_TASK_ROOT", "/var/task"));

    // then
    assertThat(args)
        .containsExactly(
            "-XX:+UseSerialGC",
            "-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
            "-XX:+ErrorFileToStderr",
            "-XX:MaxHeapSize=891289k",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-classpath",
            "/var/runtime/lib/aws-lambda-java-core.jar:/var/runtime/lib/ric.jar"
                + ":/var/task:/var/task/lib/*:/var/task/*:/opt/java/lib/*",
            "dev.mcplambda.runtime.StreamingRuntime",
            "dev.mcplambda.McpHandler::handleRequest");
  }

  @Test
  void onJava25AnAotCacheInTheTaskRootReplacesTheStockArchive(@TempDir Path dir) throws Exception {
    // given code with a trained AOT cache
    Path task = Files.createDirectories(dir.resolve("task"));
    Files.writeString(task.resolve("mcp-lambda.aot"), "trained");
    List<String> stock = stockCommand("IGNORED", "/var/runtime/lib/ric.jar");

    // when the java25 and the java21 runtime start it
    List<String> java25 =
        run(
            stubJava(dir),
            stock.subList(1, stock.size()),
            Map.of("LAMBDA_TASK_ROOT", task.toString(), "AWS_EXECUTION_ENV", "AWS_Lambda_java25"));
    List<String> java21 =
        run(
            stubJava(dir),
            stock.subList(1, stock.size()),
            Map.of("LAMBDA_TASK_ROOT", task.toString(), "AWS_EXECUTION_ENV", "AWS_Lambda_java21"));

    // then only java25 uses it, instead of the stock CDS archive
    assertThat(java25)
        .contains("-XX:AOTCache=" + task.resolve("mcp-lambda.aot"))
        .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
    assertThat(java21)
        .contains("-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa")
        .noneMatch(a -> a.startsWith("-XX:AOTCache"));
  }

  @Test
  void withoutAStockCommandTheHandlerComesFromTheEnvironment(@TempDir Path dir) throws Exception {
    // when
    List<String> args =
        run(stubJava(dir), List.of(), Map.of("_HANDLER", "dev.mcplambda.McpHandler"));

    // then
    assertThat(args)
        .containsExactly(
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-classpath",
            "/var/task:/var/task/lib/*:/var/task/*:/opt/java/lib/*",
            "dev.mcplambda.runtime.StreamingRuntime",
            "dev.mcplambda.McpHandler");
  }

  @Test
  void aCommandLineWithAnotherMainClassIsRefusedInsteadOfGuessed(@TempDir Path dir)
      throws Exception {
    // given a stock command line whose main class is not the java21 runtime's
    List<String> stock =
        new ArrayList<>(stockCommand("IGNORED", "/var/runtime/lib/ric.jar").subList(1, 15));
    stock.set(stock.size() - 2, "lambdainternal.AWSLambda");

    // when the wrapper runs it
    Result r = runRaw(stubJava(dir), stock, Map.of());

    // then it stops with a message naming the argument and the expected main class, and the
    // stub java never ran
    assertThat(r.exit()).isEqualTo(65);
    assertThat(r.output())
        .contains("unexpected argument 'lambdainternal.AWSLambda'")
        .contains("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
        .doesNotContain("dev.mcplambda.runtime.StreamingRuntime");
  }

  @Test
  void optionsWithoutTheStockMainClassAreRefused(@TempDir Path dir) throws Exception {
    // when the command line carries JVM options but no main class at all
    Result r = runRaw(stubJava(dir), List.of("-XX:+UseSerialGC", "-Xshare:on"), Map.of());

    // then
    assertThat(r.exit()).isEqualTo(65);
    assertThat(r.output()).contains("has no main class");
  }

  @Test
  void theWrapperIsCommittedExecutable() throws IOException {
    assertThat(Files.getPosixFilePermissions(LayerFiles.wrapper()))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
  }

  @Test
  void theSamMakefileTargetCopiesTheWrapperWithItsRunBit(@TempDir Path artifacts) throws Exception {
    // when SAM's makefile build runs the layer target
    Process p =
        new ProcessBuilder(
                "make",
                "-s",
                "-C",
                LayerFiles.layerDir().toString(),
                "build-StreamingRuntimeLayer",
                "ARTIFACTS_DIR=" + artifacts)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    // then the artifact is the wrapper, executable by everyone
    assertThat(p.exitValue()).as(out).isZero();
    Path copied = artifacts.resolve("mcp-lambda-streaming");
    assertThat(Files.readAllBytes(copied)).isEqualTo(Files.readAllBytes(LayerFiles.wrapper()));
    assertThat(Files.getPosixFilePermissions(copied))
        .contains(
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_EXECUTE);
  }
}
