package dev.mcplambda.local;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;

/**
 * A buffered Function URL handler, as the admin plane's registration handler is: one event in, one
 * response out. Adapts {@code dev.mcplambda.RegistrationHandler#handle} (see {@link
 * HandlerWiring}).
 */
@FunctionalInterface
public interface BufferedFunctionUrlHandler {

  FunctionUrlResponse handle(FunctionUrlRequest request);
}
