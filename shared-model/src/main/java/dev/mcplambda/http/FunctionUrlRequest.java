package dev.mcplambda.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Lambda Function URL request event (payload format 2.0). Header names arrive lower-cased from
 * Function URLs; {@link #header(String)} looks them up case-insensitively anyway.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record FunctionUrlRequest(
    String version,
    String routeKey,
    String rawPath,
    String rawQueryString,
    List<String> cookies,
    Map<String, String> headers,
    Map<String, String> queryStringParameters,
    RequestContext requestContext,
    String body,
    @JsonProperty("isBase64Encoded") boolean base64Encoded) {

  /** The header's value, matching the name case-insensitively; {@code null} if absent. */
  public String header(String name) {
    if (headers == null) {
      return null;
    }
    String v = headers.get(name.toLowerCase(Locale.ROOT));
    if (v != null) {
      return v;
    }
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  public String queryParameter(String name) {
    return queryStringParameters == null ? null : queryStringParameters.get(name);
  }

  public String method() {
    return requestContext == null || requestContext.http() == null
        ? null
        : requestContext.http().method();
  }

  /** The IAM caller ARN from {@code requestContext.authorizer.iam.userArn}, or {@code null}. */
  public String principalArn() {
    if (requestContext == null
        || requestContext.authorizer() == null
        || requestContext.authorizer().iam() == null) {
      return null;
    }
    return requestContext.authorizer().iam().userArn();
  }

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record RequestContext(
      String accountId,
      String apiId,
      String domainName,
      String domainPrefix,
      String requestId,
      String routeKey,
      String stage,
      String time,
      Long timeEpoch,
      Http http,
      Authorizer authorizer) {}

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record Http(
      String method, String path, String protocol, String sourceIp, String userAgent) {}

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record Authorizer(Iam iam) {}

  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record Iam(
      String accessKey,
      String accountId,
      String callerId,
      Object cognitoIdentity,
      String principalOrgId,
      String userArn,
      String userId) {}
}
