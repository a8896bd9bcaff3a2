package dev.mcplambda.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A buffered Function URL response (payload format 2.0). */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record FunctionUrlResponse(
    int statusCode,
    Map<String, String> headers,
    String body,
    @JsonProperty("isBase64Encoded") boolean base64Encoded,
    List<String> cookies) {

  public FunctionUrlResponse(int statusCode, Map<String, String> headers, String body) {
    this(statusCode, headers, body, false, null);
  }

  /** The header's value, matching the name case-insensitively; {@code null} if absent. */
  public String header(String name) {
    if (headers == null) {
      return null;
    }
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
