package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.SessionNotFoundException;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionStoreUnavailableException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input requests across eras: a function asks for input the 2026 way ({@code resultType:
 * "input_required"} with {@code inputRequests} and {@code requestState}); on a 2025 session
 * (Streamable HTTP, legacy SSE) each input request becomes a server-to-client JSON-RPC request
 * ({@code sampling/createMessage}, {@code elicitation/create}, {@code roots/list}) sent on the
 * request's {@link OutboundChannel} (the POST's SSE response, or the legacy session stream). The
 * client answers with POSTed JSON-RPC responses, possibly to another Lambda invocation; {@link
 * #accept} hands them to the {@link SessionStore}, where the waiting invocation collects them. The
 * function is then invoked again with {@code inputResponses} (keyed like its {@code inputRequests})
 * and its own {@code requestState}, for at most {@link #MAX_ROUNDS} rounds.
 *
 * <p>Rules: only what the client declared in its {@code initialize} capabilities is asked for
 * (otherwise the call fails naming the missing capability); every wait ends before the invocation's
 * deadline (minus the dispatcher's margin and time for one more function call) and after at most
 * {@code maxWait}; request ids are 128 random bits, and the store only accepts a response for an id
 * this session is waiting for, once. The function's {@code requestState} never leaves this
 * invocation, so it needs no sealing here.
 */
final class InputRequestRelay {

  private static final Logger LOG = LoggerFactory.getLogger(InputRequestRelay.class);

  /** Most input rounds for one request (each costs a function invocation). */
  static final int MAX_ROUNDS = 8;

  /** Most input requests in one round. */
  static final int MAX_REQUESTS = 16;

  /** Default upper bound of one round's wait for the client. */
  static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);

  /** Time kept back after a round's wait for the function's next invocation. */
  static final Duration DEFAULT_INVOKE_RESERVE = Duration.ofSeconds(2);

  /** Largest client response kept (larger ones become an error response). */
  static final int MAX_RESPONSE_CHARS = 256 * 1024;

  static final String ID_PREFIX = "mcpl-";
  private static final Pattern ID = Pattern.compile("mcpl-[A-Za-z0-9_-]{22}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** How relaying ended. */
  sealed interface Relayed {
    /** The function's final outcome (never {@code input_required}). */
    record Done(InvocationOutcome outcome) implements Relayed {}

    /**
     * The request cannot complete; {@code message} reads after "Tool 'x' " / "Prompt 'x' ".
     *
     * @param detail the request summary's detail
     */
    record Failed(String message, String detail) implements Relayed {}
  }

  private final SessionStore store;
  private final Duration marginBeforeDeadline;
  private final Duration maxWait;
  private final Duration invokeReserve;
  private final SecureRandom random = new SecureRandom();

  InputRequestRelay(SessionStore store, DispatcherConfig config) {
    this(store, config.deadlineMargin(), DEFAULT_MAX_WAIT, DEFAULT_INVOKE_RESERVE);
  }

  InputRequestRelay(
      SessionStore store, Duration marginBeforeDeadline, Duration maxWait, Duration invokeReserve) {
    this.store = store;
    this.marginBeforeDeadline = marginBeforeDeadline;
    this.maxWait = maxWait;
    this.invokeReserve = invokeReserve;
  }

  /** Whether a function's outcome asks for client input. */
  static boolean asksForInput(InvocationOutcome outcome) {
    return outcome instanceof InvocationOutcome.Success s
        && MultiRoundTrip.isInputRequired(s.payload());
  }

  /**
   * Runs input rounds until the function completes.
   *
   * @param outcome the function's first outcome; returned as it is unless it asks for input
   * @param reinvoke invokes the function again with {@code inputResponses} and {@code requestState}
   */
  Relayed relay(
      CallContext context,
      OutboundChannel channel,
      InvocationOutcome outcome,
      BiFunction<ObjectNode, String, InvocationOutcome> reinvoke) {
    SessionRecord session = context.session();
    for (int round = 1; asksForInput(outcome); round++) {
      if (round > MAX_ROUNDS) {
        return new Relayed.Failed(
            "asked for input more than " + MAX_ROUNDS + " times; giving up", "input_rounds");
      }
      if (session == null || context.era() == Era.STATELESS) {
        return new Relayed.Failed(
            "needs input from the client, which needs a session", "input_required_unsupported");
      }
      JsonNode payload = ((InvocationOutcome.Success) outcome).payload();
      Round ask;
      try {
        ask = Round.parse(payload);
      } catch (IllegalArgumentException e) {
        return new Relayed.Failed(
            "returned malformed output: " + e.getMessage(), "malformed_output");
      }
      List<String> missing = missingCapabilities(ask, session.clientCapabilities());
      if (!missing.isEmpty()) {
        return new Relayed.Failed(
            "needs the client capability "
                + String.join(", ", missing)
                + ", which this client did not declare",
            "missing_capability");
      }
      if (!ask.requests().isEmpty() && !channel.deliversRequests()) {
        return new Relayed.Failed(
            "needs input from the client, but this response cannot carry requests (the client"
                + " must accept text/event-stream)",
            "input_required_unsupported");
      }
      Answers answers;
      try {
        answers = exchange(session.sessionId(), ask, channel, context.invocation());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Relayed.Failed("was interrupted waiting for the client", "interrupted");
      } catch (SessionNotFoundException e) {
        return new Relayed.Failed("needs input, but the session has ended", "session_gone");
      } catch (SessionStoreUnavailableException e) {
        LOG.warn("session store unavailable relaying input requests");
        return new Relayed.Failed(
            "needs input, but the session store is unavailable; retry later", "store_unavailable");
      } catch (IOException e) {
        return new Relayed.Failed(
            "needs input, but the request could not be sent to the client", "input_not_sent");
      }
      if (answers.failure() != null) {
        return answers.failure();
      }
      outcome = reinvoke.apply(answers.responses(), ask.requestState());
    }
    return new Relayed.Done(outcome);
  }

  /**
   * A client's POSTed JSON-RPC response on a 2025 session: stored for the invocation waiting for
   * it; ignored when no request of this session waits for that id, or it was answered already.
   */
  void accept(JsonRpcResponse response, CallContext context) {
    SessionRecord session = context.session();
    JsonNode id = response.id();
    if (session == null || id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
      LOG.debug("ignored a client response that answers no request of ours");
      return;
    }
    String json = Json.write(response);
    if (json.length() > MAX_RESPONSE_CHARS) {
      json =
          Json.write(
              JsonRpcResponse.failure(
                  id,
                  new JsonRpcError(
                      ErrorCodes.INVALID_REQUEST,
                      "the response exceeds " + MAX_RESPONSE_CHARS + " characters")));
    }
    try {
      if (!store.putResponse(session.sessionId(), id.asText(), json)) {
        LOG.debug("ignored a client response: unknown, ended or already answered request id");
      }
    } catch (RuntimeException e) {
      LOG.warn("could not store a client response: {}", e.getClass().getSimpleName());
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** One round: the function's input requests (key → request) and its state. */
  record Round(Map<String, JsonNode> requests, String requestState) {

    static Round parse(JsonNode payload) {
      JsonNode requests = payload.get("inputRequests");
      JsonNode state = payload.get("requestState");
      if (requests != null && !requests.isNull() && !requests.isObject()) {
        throw new IllegalArgumentException("inputRequests must be an object");
      }
      if (state != null && !state.isNull() && !state.isTextual()) {
        throw new IllegalArgumentException("requestState must be a string");
      }
      Map<String, JsonNode> out = new LinkedHashMap<>();
      if (requests != null && requests.isObject()) {
        for (var entry : requests.properties()) {
          JsonNode request = entry.getValue();
          String method = request.path("method").asText("");
          JsonNode params = request.get("params");
          if (!request.isObject()
              || MultiRoundTrip.capabilityFor(method) == null
              || (params != null && !params.isNull() && !params.isObject())) {
            throw new IllegalArgumentException(
                "inputRequests."
                    + ProtocolDispatcher.clip(entry.getKey(), 100)
                    + " must be an elicitation/create, sampling/createMessage or roots/list"
                    + " request");
          }
          out.put(entry.getKey(), request);
        }
      }
      if (out.size() > MAX_REQUESTS) {
        throw new IllegalArgumentException("more than " + MAX_REQUESTS + " inputRequests");
      }
      if (out.isEmpty() && (state == null || state.isNull())) {
        throw new IllegalArgumentException(
            "an input_required result needs inputRequests or requestState");
      }
      return new Round(out, state == null || state.isNull() ? null : state.asText());
    }
  }

  /** Client capabilities a round needs that {@code declared} lacks, as dotted names. */
  static List<String> missingCapabilities(Round round, JsonNode declared) {
    List<String> missing = new ArrayList<>();
    for (JsonNode request : round.requests().values()) {
      String method = request.path("method").asText();
      JsonNode params = request.path("params");
      String needed = MultiRoundTrip.capabilityFor(method);
      JsonNode cap = declared == null ? null : declared.get(needed);
      String lacking = null;
      if (cap == null || cap.isNull()) {
        lacking = needed;
      } else if ("sampling".equals(needed)) {
        if ((params.has("tools") || params.has("toolChoice")) && !cap.has("tools")) {
          lacking = "sampling.tools";
        } else if (!"none".equals(params.path("includeContext").asText("none"))
            && !cap.has("context")) {
          lacking = "sampling.context";
        }
      } else if ("elicitation".equals(needed)) {
        String mode = params.path("mode").asText("form");
        boolean formOnly = !cap.has("form") && !cap.has("url"); // {} means form mode
        if ("url".equals(mode) && !cap.has("url")) {
          lacking = "elicitation.url";
        } else if (!"url".equals(mode) && !formOnly && !cap.has("form")) {
          lacking = "elicitation.form";
        }
      }
      if (lacking != null && !missing.contains(lacking)) {
        missing.add(lacking);
      }
    }
    return missing;
  }

  /** The client's results keyed like the requests, or why there are none. */
  private record Answers(ObjectNode responses, Relayed.Failed failure) {}

  /** Sends a round's requests and waits for every answer. */
  private Answers exchange(
      String sessionId, Round round, OutboundChannel channel, InvocationContext invocation)
      throws IOException, InterruptedException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String key : round.requests().keySet()) {
      ids.put(key, newRequestId());
    }
    ObjectNode responses = Json.object();
    try {
      for (String id : ids.values()) {
        store.expectResponse(sessionId, id);
      }
      for (var entry : round.requests().entrySet()) {
        JsonNode request = entry.getValue();
        JsonNode params = request.get("params");
        channel.send(
            new JsonRpcRequest(
                TextNode.valueOf(ids.get(entry.getKey())),
                request.get("method").asText(),
                params == null || params.isNull() ? null : params));
      }
      long endAt = endOfWait(invocation);
      for (var entry : round.requests().entrySet()) {
        String key = entry.getKey();
        String method = entry.getValue().get("method").asText();
        long left = endAt - System.currentTimeMillis();
        Optional<String> answer =
            store.awaitResponse(sessionId, ids.get(key), Duration.ofMillis(Math.max(0, left)));
        ids.remove(key);
        if (answer.isEmpty()) {
          return new Answers(
              null,
              new Relayed.Failed(
                  "got no answer from the client to its " + method + " request in time",
                  "input_timeout"));
        }
        JsonNode rsp = Json.readTree(answer.get());
        JsonNode error = rsp.get("error");
        if (error != null && !error.isNull()) {
          return new Answers(
              null,
              new Relayed.Failed(
                  "could not get input: the client answered its "
                      + method
                      + " request with error "
                      + error.path("code").asText("?")
                      + ": "
                      + ProtocolDispatcher.clip(error.path("message").asText(""), 500),
                  "input_refused"));
        }
        JsonNode result = rsp.get("result");
        responses.set(key, result == null ? Json.object() : result);
      }
      return new Answers(responses, null);
    } finally {
      // end the expectations nobody will wait for any more (a late answer is then refused)
      for (String id : ids.values()) {
        try {
          store.awaitResponse(sessionId, id, Duration.ZERO);
        } catch (RuntimeException e) {
          LOG.debug("could not end an expectation: {}", e.getClass().getSimpleName());
        }
      }
    }
  }

  /** The end of this round's wait: now + maxWait, but early enough for one more invocation. */
  private long endOfWait(InvocationContext invocation) {
    long now = System.currentTimeMillis();
    long end = now + maxWait.toMillis();
    if (invocation != null
        && invocation.deadlineEpochMillis() > 0
        && invocation.deadlineEpochMillis() != Long.MAX_VALUE) {
      end =
          Math.min(
              end,
              invocation.deadlineEpochMillis()
                  - marginBeforeDeadline.toMillis()
                  - invokeReserve.toMillis());
    }
    return end;
  }

  private String newRequestId() {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    return ID_PREFIX + B64.encodeToString(bits);
  }
}
