package dev.mcplambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlEventCheck;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.registration.AdminProblem;
import dev.mcplambda.registration.AdminRequestReader;
import dev.mcplambda.registration.AdminResponseWriter;
import dev.mcplambda.registration.EntryValidator;
import dev.mcplambda.registration.RegistrationService;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin Lambda behind the registration Function URL (payload format 2.0, buffered): {@code
 * POST/GET/PUT/DELETE /register[/{id}]}. Reads the event, lets {@link RegistrationService} act on
 * it, writes the outcome. The local server calls {@link #handle} directly.
 */
public final class RegistrationHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationHandler.class);

  private final AdminRequestReader reader;
  private final RegistrationService service;
  private final AdminResponseWriter writer;

  /** Composition root for Lambda: the store from the environment (see {@link #storeFrom}). */
  public RegistrationHandler() {
    this(storeFrom(Environment.system()));
  }

  /** For tests and the local server. */
  public RegistrationHandler(RegistryStore store) {
    this(
        new AdminRequestReader(),
        new RegistrationService(store, new EntryValidator(new SchemaValidator())));
  }

  public RegistrationHandler(AdminRequestReader reader, RegistrationService service) {
    this.reader = reader;
    this.service = service;
    this.writer = new AdminResponseWriter();
  }

  /**
   * {@code MCP_STORE=memory}: an in-memory registry (local runs); otherwise DynamoDB, table {@code
   * REGISTRY_TABLE}, client from {@code AWS_REGION} / {@code DYNAMODB_ENDPOINT}.
   */
  static RegistryStore storeFrom(Environment env) {
    if (env.get(Environment.STORE).filter("memory"::equalsIgnoreCase).isPresent()) {
      return new InMemoryRegistryStore();
    }
    String table = env.require(Environment.REGISTRY_TABLE);
    return new DynamoDbRegistryStore(DynamoDbClients.fromEnvironment(env), table);
  }

  /** Serves one admin request. Never throws; bad input gets a 4xx, store outages a 503. */
  public FunctionUrlResponse handle(FunctionUrlRequest request) {
    // only events of the IAM-protected Function URL: a direct Invoke with a hand-made event is
    // refused
    var notFromUrl = FunctionUrlEventCheck.check(request, true);
    if (notFromUrl.isPresent()) {
      LOG.debug("refused event: {}", notFromUrl.get().detail());
      return writer.error(AdminProblem.of(notFromUrl.get().status(), notFromUrl.get().message()));
    }
    try {
      FunctionUrlResponse response = writer.write(service.execute(reader.read(request)));
      LOG.debug("{} -> {}", routeOf(request), response.statusCode());
      return response;
    } catch (RuntimeException e) {
      LOG.error("admin request failed unexpectedly", e);
      return writer.error(AdminProblem.of(500, "internal error"));
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    FunctionUrlResponse response;
    FunctionUrlRequest request;
    try {
      request = Json.mapper().readValue(input, FunctionUrlRequest.class);
    } catch (JsonProcessingException | CharConversionException e) {
      // CharConversionException: bytes that are no valid text in the encoding Jackson detected
      // (found by AdminRequestReaderFuzzTest; it used to fail the invocation instead of a 400)
      request = null;
    }
    if (request == null) {
      response = writer.error(AdminProblem.of(400, "not a Function URL event (payload 2.0)"));
    } else {
      response = handle(request);
    }
    output.write(Json.mapper().writeValueAsBytes(response));
    output.flush();
  }

  /** The route template, never client text: safe for logs. */
  private static String routeOf(FunctionUrlRequest request) {
    String p = request.rawPath();
    if ("/register".equals(p)) {
      return "/register";
    }
    return p != null && p.startsWith("/register/") ? "/register/{id}" : "(other)";
  }
}
