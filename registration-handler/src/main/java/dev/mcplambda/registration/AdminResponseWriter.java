package dev.mcplambda.registration;

import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.RegistryEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns an {@link AdminOutcome} into a Function URL response. */
public final class AdminResponseWriter {

  private static final String JSON = "application/json";

  public FunctionUrlResponse write(AdminOutcome outcome) {
    return switch (outcome) {
      case AdminOutcome.Created c -> {
        Map<String, String> h = headers();
        h.put("Location", "/register/" + c.entry().id());
        h.put("ETag", etag(c.entry()));
        yield new FunctionUrlResponse(201, h, Json.write(c.entry()));
      }
      case AdminOutcome.Current c -> {
        Map<String, String> h = headers();
        h.put("ETag", etag(c.entry()));
        yield new FunctionUrlResponse(200, h, Json.write(c.entry()));
      }
      case AdminOutcome.Listed l -> {
        Map<String, String> h = headers();
        if (l.page().nextCursor() != null) {
          h.put(
              "Link",
              "</register?limit="
                  + l.limit()
                  + "&cursor="
                  + URLEncoder.encode(l.page().nextCursor(), StandardCharsets.UTF_8)
                  + ">; rel=\"next\"");
        }
        yield new FunctionUrlResponse(200, h, Json.write(l.page().entries()));
      }
      case AdminOutcome.Deleted d -> new FunctionUrlResponse(204, Map.of(), null);
      case AdminOutcome.Failed f -> error(f.problem());
    };
  }

  public FunctionUrlResponse error(AdminProblem problem) {
    Map<String, String> h = headers();
    h.putAll(problem.headers());
    return new FunctionUrlResponse(problem.status(), h, Json.write(problem.body()));
  }

  /** An entry's ETag: its version, quoted (a strong validator). */
  public static String etag(RegistryEntry entry) {
    return "\"" + entry.version() + "\"";
  }

  private static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", JSON);
    h.put("Cache-Control", "no-store");
    return h;
  }
}
