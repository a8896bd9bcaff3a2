package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
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

  /** Shaped like the registration handler is expected to be. */
  public static final class FakeRegistrationHandler {
    private final RegistryStore registry;

    public FakeRegistrationHandler(RegistryStore registry) {
      this.registry = registry;
    }

    public FunctionUrlResponse handle(FunctionUrlRequest request) {
      return new FunctionUrlResponse(200, Map.of(), String.valueOf(registry.catalogVersion()));
    }
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
  void adaptsTheRegistrationHandlersHandleMethod() {
    BufferedFunctionUrlHandler handler =
        HandlerWiring.registrationHandler(FakeRegistrationHandler.class.getName(), registry);
    assertThat(handler.handle(null).body()).isEqualTo("0");
  }

  @Test
  void standsInWith503WhenTheHandlerIsNotInTheBuild() {
    StreamingHandler handler = HandlerWiring.mcpHandler("dev.mcplambda.NoSuchHandler", registry);
    assertThat(handler).isInstanceOf(UnavailableHandler.class);
    assertThat(HandlerWiring.registrationHandler("dev.mcplambda.NoSuchHandler", registry)).isNull();
  }

  @Test
  void refusesAHandlerThatCannotShareTheStores() {
    assertThatThrownBy(
            () -> HandlerWiring.mcpHandler(SelfContainedHandler.class.getName(), registry))
        .hasMessageContaining("complete HandlerWiring");
  }
}
