package dev.mcplambda.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.RegistrationHandler;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.testing.FuzzTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Fuzzes the admin plane end to end on its Lambda entry point: any invocation payload goes through
 * {@link AdminRequestReader} (routing, preconditions, body limits, list parameters) and {@link
 * EntryValidator} (every entry field, schemas, URI templates) into an in-memory registry, and is
 * answered with a JSON body and a status below 500 (the handler turns anything unexpected into a
 * 500, so a 500 here is an unexpected exception).
 *
 * <p>Seeds: the {@code register-*.json} sample events of {@code events/}.
 */
class AdminRequestReaderFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("AdminRequestReader+EntryValidator");

  private static RegistrationHandler handler = new RegistrationHandler(new InMemoryRegistryStore());
  private static long served;

  @FuzzTest(maxDuration = "25s")
  void everyAdminEventIsAnsweredBelow500(byte[] event) {
    TARGET.run(
        () -> {
          if (++served % 2_000 == 0) {
            handler = new RegistrationHandler(new InMemoryRegistryStore()); // bounded memory
          }
          // given any invocation payload
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          // when the registration function serves it
          handler.handleRequest(new ByteArrayInputStream(event), out, null);
          // then the answer is a Function URL response with a client-error or success status
          JsonNode response = Json.mapper().readTree(out.toByteArray());
          int status = response.path("statusCode").asInt();
          assertThat(status).as("status for %s", response).isBetween(200, 499);
          TARGET.outcome(status / 100 + "xx");
          return null;
        });
  }
}
