package dev.mcplambda.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Http11ServerTest {

  @Test
  void servesConnectionsOnVirtualThreadsFromJdk24() {
    // given JDK 24, where synchronized code no longer pins a virtual thread's carrier
    // when the server asks for a connection thread
    Thread thread = Http11Server.connectionThreads("mcp", 24).newThread(() -> {});

    // then it is virtual and named after the server
    assertThat(thread.isVirtual()).isTrue();
    assertThat(thread.getName()).isEqualTo("http-mcp-0");
  }

  @Test
  void servesConnectionsOnPlatformDaemonThreadsBeforeJdk24() {
    // given JDK 21
    // when the server asks for a connection thread
    Thread thread = Http11Server.connectionThreads("function-host", 21).newThread(() -> {});

    // then it is a platform daemon thread, so a blocked streamed write cannot pin a carrier
    assertThat(thread.isVirtual()).isFalse();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("http-function-host-0");
  }
}
