package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A digest of a request's {@code arguments} that does not depend on the order of object members:
 * SHA-256 over a canonical form (members sorted by name, no whitespace, Jackson's rendering of
 * scalars), base64url. Absent and {@code null} arguments digest alike. Bound into a sealed {@code
 * requestState} so a state issued for one set of arguments cannot be replayed with another.
 */
final class ArgumentDigest {

  private ArgumentDigest() {}

  static String of(JsonNode arguments) {
    StringBuilder canonical = new StringBuilder();
    write(arguments, canonical);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(Json.write(names.get(i))).append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else {
      out.append(Json.write(node));
    }
  }
}
