package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Size of each shaded Lambda JAR ({@code *-lambda.jar}). */
public final class ArtifactSection implements BenchSection {

  static final List<String> MODULES =
      List.of("mcp-handler", "registration-handler", "example-tools");

  @Override
  public String id() {
    return "artifacts";
  }

  @Override
  public void run(BenchConfig config, ObjectNode out) throws Exception {
    ObjectNode jars = out.putObject("jars");
    for (String module : MODULES) {
      Path target = config.root().resolve(module).resolve("target");
      if (!Files.isDirectory(target)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, "*-lambda.jar")) {
        for (Path jar : ds) {
          ObjectNode j = jars.putObject(module);
          j.put("file", config.root().relativize(jar).toString());
          j.put("bytes", Files.size(jar));
          j.put("mib", Stats.round(Files.size(jar) / (1024.0 * 1024.0)));
          j.put("mb", Stats.round(Files.size(jar) / 1e6));
        }
      }
    }
    if (!jars.has("mcp-handler")) {
      throw new NotAvailableException("no mcp-handler/target/*-lambda.jar (build first)");
    }
  }
}
