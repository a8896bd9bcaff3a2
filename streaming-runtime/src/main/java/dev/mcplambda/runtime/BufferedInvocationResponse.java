package dev.mcplambda.runtime;

import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response collected in a {@link BufferedResponseStream} and posted whole to {@code /response} as
 * a payload-2.0 Function URL response document: used when the event is not a Function URL event
 * (direct invokes, {@code sam local invoke} with a custom event).
 */
final class BufferedInvocationResponse implements InvocationResponse {

  private final RuntimeApiClient client;
  private final String requestId;
  private final BufferedResponseStream buffered = new BufferedResponseStream();
  private boolean ended;
  private boolean endedAtDeadline;

  BufferedInvocationResponse(RuntimeApiClient client, String requestId) {
    this.client = client;
    this.requestId = requestId;
  }

  @Override
  public void start(int statusCode, Map<String, String> headers, List<String> cookies)
      throws IOException {
    buffered.start(statusCode, headers, cookies);
  }

  @Override
  public OutputStream body() {
    return buffered.body();
  }

  @Override
  public boolean started() {
    return buffered.started();
  }

  @Override
  public synchronized boolean complete() throws IOException {
    if (ended) {
      return true;
    }
    if (!buffered.started()) {
      return false;
    }
    ended = true;
    buffered.end("the response has already ended");
    client.postResponse(
        requestId,
        Json.write(buffered.toFunctionUrlResponse()).getBytes(StandardCharsets.UTF_8),
        "application/json");
    return true;
  }

  /** Nothing has left yet in buffered mode: the caller always reports on {@code /error}. */
  @Override
  public synchronized boolean fail(FunctionError error) {
    if (!ended) {
      ended = true;
      buffered.end("the response has already ended");
      return false;
    }
    return true;
  }

  @Override
  public synchronized void endAtDeadline() throws IOException {
    if (ended) {
      return;
    }
    endedAtDeadline = true;
    buffered.end("the response was ended because the invocation deadline is close");
    buffered.replace(
        504,
        Map.of("content-type", "application/json"),
        DeadlineWatchdog.DEADLINE_BODY.getBytes(StandardCharsets.UTF_8));
    complete();
  }

  @Override
  public synchronized boolean ended() {
    return ended;
  }

  @Override
  public synchronized boolean endedAtDeadline() {
    return endedAtDeadline;
  }
}
