package dev.mcplambda.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code layers/streaming-runtime/} is, from the build's root property. */
final class LayerFiles {

  private LayerFiles() {}

  static Path layerDir() {
    String root = System.getProperty("mcplambda.root");
    Path base = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
    Path dir = base.resolve("layers/streaming-runtime").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = Path.of("..", "layers", "streaming-runtime").toAbsolutePath().normalize();
    }
    return dir;
  }

  static Path wrapper() {
    return layerDir().resolve("mcp-lambda-streaming");
  }
}
