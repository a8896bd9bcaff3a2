package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.McpHandler;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

class HandlerWiringTest {

  private final RegistryStore registry = new InMemoryRegistryStore();
  private final SessionStore sessions = new InMemorySessionStore();

  @Test
  void theMcpPlaneRunsTheLambdaHandlerClass() {
    // given
    try (LambdaClient lambda =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .build()) {
      // when
      StreamingHandler handler =
          HandlerWiring.mcpHandler(
              registry,
              sessions,
              new dev.mcplambda.store.memory.InMemoryTaskStore(),
              lambda,
              new Environment(Map.of(Environment.STORE, "memory")),
              Clock.systemUTC());

      // then
      assertThat(handler).isInstanceOf(McpHandler.class);
    }
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
            null,
            null,
            null,
            null,
            "r",
            null,
            null,
            null,
            0L,
            http,
            // what the local server's endpoint always adds (the admin plane refuses events without)
            new FunctionUrlRequest.Authorizer(
                new FunctionUrlRequest.Iam(
                    null, null, null, null, null, CallerIdentity.LOCAL.userArn(), null)));
    return new FunctionUrlRequest(
        "2.0", "$default", "/register", "", null, Map.of(), null, context, null, false);
  }
}
