package dev.mcplambda.runtime;

/**
 * One event from {@code GET /2018-06-01/runtime/invocation/next}.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineEpochMillis {@code Lambda-Runtime-Deadline-Ms}, 0 when absent
 * @param functionArn {@code Lambda-Runtime-Invoked-Function-Arn}, or {@code null}
 * @param traceId {@code Lambda-Runtime-Trace-Id}, or {@code null}
 * @param event the event payload (JSON)
 */
record Invocation(
    String requestId, long deadlineEpochMillis, String functionArn, String traceId, byte[] event) {

  InvocationContext context() {
    return new InvocationContext(requestId, deadlineEpochMillis, functionArn, traceId);
  }
}
