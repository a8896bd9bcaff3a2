package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlRequest;
import java.io.IOException;

/**
 * A Function URL handler that streams its response. The MCP handler implements it; the Lambda
 * response-streaming runtime and the local server call it.
 */
public interface StreamingHandler {

  /**
   * Serves one request. Implementations call {@link ResponseStream#start} exactly once (also for
   * errors, with a 4xx/5xx status) and never let a client's bad input escape as an exception.
   */
  void handle(FunctionUrlRequest request, ResponseStream response, InvocationContext context)
      throws IOException;
}
