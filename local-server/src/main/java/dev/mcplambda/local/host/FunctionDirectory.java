package dev.mcplambda.local.host;

import dev.mcplambda.examples.catalog.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * The functions the in-process host runs, by function name: the example catalog's handlers and the
 * handlers a {@code --functions} JAR lists in {@value #FUNCTIONS_LISTING} ({@code
 * functionName=fully.qualified.HandlerClass}, one per line).
 */
public final class FunctionDirectory {

  public static final String FUNCTIONS_LISTING = "META-INF/mcp-lambda/functions.properties";

  private final Map<String, HostedFunction> functions = new LinkedHashMap<>();

  public FunctionDirectory() {}

  /** The catalog's functions, loaded from the local server's own class path. */
  public static FunctionDirectory of(List<CatalogEntry> catalog) {
    FunctionDirectory directory = new FunctionDirectory();
    ClassLoader loader = FunctionDirectory.class.getClassLoader();
    for (CatalogEntry entry : catalog) {
      directory.add(new HostedFunction(entry.functionName(), entry.handlerClass(), loader));
    }
    return directory;
  }

  /** Adds (or replaces) a function. */
  public FunctionDirectory add(HostedFunction function) {
    functions.put(function.name(), function);
    return this;
  }

  /**
   * Adds the functions a JAR lists.
   *
   * @throws IllegalArgumentException if the JAR is missing or lists nothing
   */
  public FunctionDirectory addJar(Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--functions: no such file " + jar);
    }
    Properties listing = new Properties();
    try (JarFile file = new JarFile(jar.toFile())) {
      var entry = file.getJarEntry(FUNCTIONS_LISTING);
      if (entry == null) {
        throw new IllegalArgumentException(
            "--functions: "
                + jar
                + " has no "
                + FUNCTIONS_LISTING
                + " (lines functionName=fully.qualified.HandlerClass)");
      }
      try (InputStream in = file.getInputStream(entry)) {
        listing.load(in);
      }
    }
    if (listing.isEmpty()) {
      throw new IllegalArgumentException("--functions: " + FUNCTIONS_LISTING + " lists nothing");
    }
    // lives as long as the server: the functions' classes stay loaded
    @SuppressWarnings("resource")
    URLClassLoader loader =
        new URLClassLoader(
            "functions", new URL[] {jar.toUri().toURL()}, FunctionDirectory.class.getClassLoader());
    for (String name : listing.stringPropertyNames()) {
      add(new HostedFunction(name.strip(), listing.getProperty(name).strip(), loader));
    }
    return this;
  }

  public HostedFunction find(String name) {
    return functions.get(name);
  }

  public Collection<HostedFunction> all() {
    return functions.values();
  }
}
