package dev.mcplambda.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.examples.EchoTool;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionDirectoryTest {

  @TempDir Path dir;

  private Path jar(String listing) throws Exception {
    Path jar = dir.resolve("functions.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      if (listing != null) {
        out.putNextEntry(new JarEntry(FunctionDirectory.FUNCTIONS_LISTING));
        out.write(listing.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void addsTheFunctionsAJarLists() throws Exception {
    // given
    Path jar = jar("# my functions\nmy-echo = " + EchoTool.class.getName() + "\n");

    // when
    FunctionDirectory directory = new FunctionDirectory().addJar(jar);

    // then
    HostedFunction function = directory.find("my-echo");
    assertThat(function).isNotNull();
    assertThat(function.handlerClass()).isEqualTo(EchoTool.class.getName());
    assertThat(directory.all()).hasSize(1);
  }

  @Test
  void refusesAJarWithoutAListing() throws Exception {
    Path jar = jar(null);
    assertThatThrownBy(() -> new FunctionDirectory().addJar(jar))
        .hasMessageContaining(FunctionDirectory.FUNCTIONS_LISTING);
    assertThatThrownBy(() -> new FunctionDirectory().addJar(dir.resolve("missing.jar")))
        .hasMessageContaining("no such file");
  }
}
