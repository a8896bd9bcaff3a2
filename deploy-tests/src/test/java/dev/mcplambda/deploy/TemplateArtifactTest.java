package dev.mcplambda.deploy;

import static dev.mcplambda.deploy.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What `sam build` needs beside the template: the handler classes in the modules the functions
 * point at (read from the template, looked up in each module's build output), and the Makefile
 * targets the {@code makefile} build method runs. This module is the last of the reactor, so in
 * {@code ./mvnw verify} those modules have been compiled and packaged before these tests run.
 */
class TemplateArtifactTest {

  private static final String STREAM_HANDLER =
      "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

  private final SamTemplate template = SamTemplate.load();

  /** A function's handler as the template declares it. */
  record Handler(String function, String codeUri, String className, String method) {
    Path module() {
      return RepositoryRoot.resolve(codeUri);
    }

    Path classFile() {
      return module().resolve("target/classes").resolve(className.replace('.', '/') + ".class");
    }
  }

  private List<Handler> handlers() {
    List<Handler> out = new ArrayList<>();
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      Map<String, Object> p = template.properties(fn);
      String handler = (String) p.get("Handler");
      String codeUri = (String) p.get("CodeUri");
      assertThat(handler).as(fn + " Handler").isNotBlank();
      assertThat(codeUri).as(fn + " CodeUri").isNotBlank();
      int sep = handler.indexOf("::");
      out.add(
          new Handler(
              fn,
              codeUri,
              sep < 0 ? handler : handler.substring(0, sep),
              sep < 0 ? null : handler.substring(sep + 2)));
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  @Test
  void everyHandlerClassIsCompiledInItsModule() {
    List<String> missing = new ArrayList<>();
    for (Handler h : handlers()) {
      assertThat(h.module().resolve("pom.xml"))
          .as(h.function() + " CodeUri is a Maven module")
          .isRegularFile();
      if (!Files.isRegularFile(h.classFile())) {
        missing.add(h.function() + " -> " + h.className() + " (expected " + h.classFile() + ")");
      }
    }
    if (!missing.isEmpty()) {
      fail(
          "handler classes named in template.yaml are not in the built modules (build them first:"
              + " ./mvnw -Dnpm.skip verify builds every module before deploy-tests):\n  "
              + String.join("\n  ", missing));
    }
  }

  @Test
  void everyHandlerIsAStreamHandlerInTheDeployedJar() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Handler h : handlers()) {
      Path jar = shadedJar(h.module());
      if (jar == null) {
        problems.add(h.function() + ": no shaded *-lambda.jar in " + h.module().resolve("target"));
        continue;
      }
      try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
        Class<?> type;
        try {
          type = Class.forName(h.className(), false, loader);
        } catch (ClassNotFoundException e) {
          problems.add(h.function() + ": " + h.className() + " is not in " + jar.getFileName());
          continue;
        }
        Class<?> contract = Class.forName(STREAM_HANDLER, false, loader);
        if (!contract.isAssignableFrom(type)) {
          problems.add(
              h.function() + ": " + h.className() + " does not implement " + STREAM_HANDLER);
        }
        if (h.method() != null
            && Arrays.stream(type.getMethods())
                .map(Method::getName)
                .noneMatch(h.method()::equals)) {
          problems.add(h.function() + ": " + h.className() + " has no public method " + h.method());
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(
          "handlers are not deployable as declared in template.yaml:\n  "
              + String.join("\n  ", problems));
    }
  }

  @Test
  void everyMakefileBuiltFunctionHasItsTarget() throws IOException {
    for (String fn : template.ofType(SamTemplate.FUNCTION)) {
      Object metadata = template.resource(fn).get("Metadata");
      if (metadata == null || !"makefile".equals(map(metadata, fn).get("BuildMethod"))) {
        continue;
      }
      Map<String, Object> m = map(metadata, fn);
      String context =
          (String) m.getOrDefault("ContextPath", template.properties(fn).get("CodeUri"));
      Path makefile = RepositoryRoot.resolve(context).resolve("Makefile");
      assertThat(makefile).as(fn + " Makefile").isRegularFile();
      String body = Files.readString(makefile, StandardCharsets.UTF_8);
      assertThat(body).as(makefile.toString()).containsPattern("(?m)^build-" + fn + ":");
      String module = ((String) template.properties(fn).get("CodeUri")).replaceAll("/$", "");
      String target = targetBody(body, "build-" + fn);
      assertThat(target).as("build-" + fn + " builds " + module).contains(module);
    }
  }

  @Test
  void streamingRuntimeLayerFolderCanBeBuiltBySam() throws IOException {
    String contentUri = (String) template.properties("StreamingRuntimeLayer").get("ContentUri");
    Path makefile = RepositoryRoot.resolve(contentUri).resolve("Makefile");
    assertThat(makefile)
        .as("the layer's Makefile (written with the streaming runtime)")
        .isRegularFile();
    assertThat(Files.readString(makefile, StandardCharsets.UTF_8))
        .containsPattern("(?m)^build-StreamingRuntimeLayer:");
  }

  private static String targetBody(String makefile, String target) {
    String[] lines = makefile.split("\n");
    StringBuilder body = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith(target + ":")) {
        in = true;
        continue;
      }
      if (in) {
        if (!line.startsWith("\t") && !line.isBlank()) {
          break;
        }
        body.append(line).append('\n');
      }
    }
    return body.toString();
  }

  private static Path shadedJar(Path module) throws IOException {
    Path target = module.resolve("target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
          .findFirst()
          .orElse(null);
    }
  }
}
