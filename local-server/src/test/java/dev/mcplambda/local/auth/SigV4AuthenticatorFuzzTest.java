package dev.mcplambda.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcplambda.local.ReceivedRequest;
import dev.mcplambda.testing.FuzzTarget;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the SigV4 parsing of the local server: the Authorization header, the presigned-URL query,
 * X-Amz-Date and the signed headers of a request are client text; every request is either
 * authenticated or rejected with a message (a 403), never an exception. Nothing the fuzzer makes
 * can carry a valid signature for the configured key, so none may be authenticated.
 *
 * <p>Input, one field per line: method, path, raw query, Authorization, X-Amz-Date, Host, body.
 * {@code {now}} in the query, the Authorization or X-Amz-Date stands for the current time as {@code
 * yyyyMMddTHHmmssZ} ({@code {today}} for {@code yyyyMMdd}), so inputs get past the clock-skew check
 * to the signature itself. Seeds in {@code SigV4AuthenticatorFuzzTestInputs}.
 */
class SigV4AuthenticatorFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("SigV4Authenticator");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final SigV4Authenticator AUTHENTICATOR =
      new SigV4Authenticator(
          new LocalCredentials(
              Map.of(
                  "AKIDALICE",
                  new LocalCredentials.Key(
                      "AKIDALICE", "alice-secret", "arn:aws:iam::123456789012:user/alice"))),
          Clock.systemUTC());

  @FuzzTest(maxDuration = "20s")
  void everyRequestIsAuthenticatedOrRejected(byte[] input) {
    Instant now = Instant.now();
    String amzNow = AMZ_DATE.format(now);
    String[] f =
        new String(input, StandardCharsets.UTF_8)
            .replace("{now}", amzNow)
            .replace("{today}", amzNow.substring(0, 8))
            .split("\n", 7);
    String method = f[0].isEmpty() ? "POST" : f[0];
    String path = f.length > 1 ? f[1] : "/mcp";
    String query = f.length > 2 && !f[2].isEmpty() ? f[2] : null;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (f.length > 3 && !f[3].isEmpty()) {
      headers.put("Authorization", List.of(f[3]));
    }
    if (f.length > 4 && !f[4].isEmpty()) {
      headers.put("X-Amz-Date", List.of(f[4]));
    }
    headers.put("Host", List.of(f.length > 5 ? f[5] : "127.0.0.1:8081"));
    byte[] body = f.length > 6 ? f[6].getBytes(StandardCharsets.UTF_8) : new byte[0];

    TARGET.run(
        () -> {
          // given a request with client-chosen signature parts
          ReceivedRequest request =
              new ReceivedRequest(method, path, query, headers, body, "127.0.0.1");
          // when it is authenticated
          AuthOutcome outcome = AUTHENTICATOR.authenticate(request);
          // then it is rejected with a reason: no forged signature gets through
          assertThat(outcome).isInstanceOf(AuthOutcome.Rejected.class);
          String message = ((AuthOutcome.Rejected) outcome).message();
          assertThat(message).isNotBlank();
          TARGET.outcome(reason(message));
          return null;
        });
  }

  /** A coarse reason class for the tally (the message up to its first quote or colon). */
  private static String reason(String message) {
    int cut = message.length();
    for (char c : new char[] {'\'', ':', '('}) {
      int i = message.indexOf(c);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    return "rejected: " + message.substring(0, Math.min(cut, 60)).strip();
  }
}
