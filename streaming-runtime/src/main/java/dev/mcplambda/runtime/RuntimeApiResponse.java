package dev.mcplambda.runtime;

import java.util.Locale;
import java.util.Map;

/**
 * One HTTP response from the Lambda Runtime API.
 *
 * @param status the HTTP status code
 * @param headers response headers, names lower-cased
 * @param body the (de-chunked) body
 */
record RuntimeApiResponse(int status, Map<String, String> headers, byte[] body) {

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  boolean successful() {
    return status >= 200 && status < 300;
  }
}
