package dev.mcplambda.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in: where template.yaml and the modules are. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  /**
   * The root from the {@code mcplambda.root} system property the build sets, else the parent of
   * this module's folder.
   */
  static Path path() {
    String configured = System.getProperty("mcplambda.root");
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.dir")).getParent();
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("template.yaml"))) {
      throw new IllegalStateException("no template.yaml in " + root + " (mcplambda.root)");
    }
    return root;
  }

  static Path resolve(String relative) {
    return path().resolve(relative).normalize();
  }
}
