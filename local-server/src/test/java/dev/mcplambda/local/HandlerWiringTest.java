package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.runtime.ResponseStream;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerWiringTest {

  /** Shaped like the MCP handler is expected to be: a no-arg and a collaborator constructor. */
  public static final class FakeMcpHandler implements StreamingHandler {
    final RegistryStore registry;
    final SessionStore sessions;
    final Environment env;

    public FakeMcpHandler() {
      this(null, null, null);
    }

    public FakeMcpHandler(RegistryStore registry, SessionStore sessions, Environment env) {
      this.registry = registry;
      this.sessions = sessions;
      this.env = env;
    }

    @Override
    public void handle(FunctionUrlRequest r, ResponseStream s, InvocationContext c) {}
  }

  /** Only a no-arg constructor: it would not share the local server's stores. */
  public static final class SelfContainedHandler implements StreamingHandler {
    @Override
    public void handle(FunctionUrlRequest r, ResponseStream s, InvocationContext c) {}
  }

  private final RegistryStore registry = new InMemoryRegistryStore();
  private final SessionStore sessions = new InMemorySessionStore();
  private final Environment env = new Environment(Map.of());

  @Test
  void fillsTheLargestConstructorFromTheCollaborators() {
    // when
    StreamingHandler handler =
        HandlerWiring.mcpHandler(
            FakeMcpHandler.class.getName(), registry, sessions, "lambda", env, Clock.systemUTC());

    // then
    FakeMcpHandler fake = (FakeMcpHandler) handler;
    assertThat(fake.registry).isSameAs(registry);
    assertThat(fake.sessions).isSameAs(sessions);
    assertThat(fake.env).isSameAs(env);
  }

  @Test
  void adaptsTheRegistrationHandler() {
    BufferedFunctionUrlHandler handler = HandlerWiring.registrationHandler(registry);
    assertThat(handler.handle(getRegister()).statusCode()).isEqualTo(200);
  }

  private static FunctionUrlRequest getRegister() {
    var http = new FunctionUrlRequest.Http("GET", "/register", "HTTP/1.1", "127.0.0.1", "test");
    var context =
        new FunctionUrlRequest.RequestContext(
            null, null, null, null, "r", null, null, null, 0L, http, null);
    return new FunctionUrlRequest(
        "2.0", "$default", "/register", "", null, Map.of(), null, context, null, false);
  }

  @Test
  void standsInWith503WhenTheHandlerIsNotInTheBuild() {
    StreamingHandler handler = HandlerWiring.mcpHandler("dev.mcplambda.NoSuchHandler", registry);
    assertThat(handler).isInstanceOf(UnavailableHandler.class);
  }

  @Test
  void refusesAHandlerThatCannotShareTheStores() {
    assertThatThrownBy(
            () -> HandlerWiring.mcpHandler(SelfContainedHandler.class.getName(), registry))
        .hasMessageContaining("complete HandlerWiring");
  }
}
