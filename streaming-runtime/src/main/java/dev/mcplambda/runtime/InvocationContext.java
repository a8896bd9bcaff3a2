package dev.mcplambda.runtime;

/**
 * What a handler knows about the invocation it serves.
 *
 * @param requestId the Lambda request id (or a local one)
 * @param deadlineEpochMillis when the invocation is cut off; long-lived streams end cleanly before
 *     it
 * @param functionArn the invoked function's ARN, or {@code null} locally
 * @param traceId the X-Ray trace header, or {@code null}
 */
public record InvocationContext(
    String requestId, long deadlineEpochMillis, String functionArn, String traceId) {}
