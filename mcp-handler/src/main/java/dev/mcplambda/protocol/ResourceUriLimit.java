package dev.mcplambda.protocol;

import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.uri.UriTemplate;

/**
 * The longest resource URI a request may name ({@link UriTemplate#MAX_URI_LENGTH} characters):
 * longer ones are refused with -32602 before any look-up or template matching, so the cost of a
 * {@code resources/read}, {@code resources/subscribe} or resource completion is bounded whatever
 * the client sends.
 */
final class ResourceUriLimit {

  private ResourceUriLimit() {}

  /** {@code uri} unchanged, or a -32602 error if it is too long. */
  static String check(String field, String uri) {
    if (uri.length() > UriTemplate.MAX_URI_LENGTH) {
      throw new ProtocolException(
          ErrorCodes.INVALID_PARAMS,
          field
              + " is "
              + uri.length()
              + " characters long; at most "
              + UriTemplate.MAX_URI_LENGTH
              + " are accepted",
          Json.object().put("maxLength", UriTemplate.MAX_URI_LENGTH),
          "uri_too_long");
    }
    return uri;
  }
}
