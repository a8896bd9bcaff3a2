package dev.mcplambda.local.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The access keys the local server accepts with {@code --auth iam}, each with the principal it
 * stands for.
 *
 * <p>File format, one key per line, {@code #} comments and blank lines ignored:
 *
 * <pre>
 * accessKeyId:secretAccessKey[:principalArn]
 * </pre>
 *
 * The principal ARN may itself contain colons (it is everything after the second one); without it
 * the principal is {@code arn:aws:iam::000000000000:user/<accessKeyId>}.
 */
public record LocalCredentials(Map<String, Key> keys) {

  /** One access key. */
  public record Key(String accessKeyId, String secretAccessKey, String principalArn) {

    @Override
    public String toString() {
      return "Key[" + accessKeyId + ", " + principalArn + "]"; // never the secret
    }
  }

  public static final String ENV_ACCESS_KEY_ID = "MCP_LOCAL_ACCESS_KEY_ID";
  public static final String ENV_SECRET_ACCESS_KEY = "MCP_LOCAL_SECRET_ACCESS_KEY";
  public static final String ENV_PRINCIPAL_ARN = "MCP_LOCAL_PRINCIPAL_ARN";

  public LocalCredentials {
    keys = Map.copyOf(keys);
  }

  public Key find(String accessKeyId) {
    return keys.get(accessKeyId);
  }

  public static String defaultPrincipal(String accessKeyId) {
    return "arn:aws:iam::000000000000:user/" + accessKeyId;
  }

  /**
   * Reads a credentials file.
   *
   * @throws IllegalArgumentException naming the line of a malformed entry (never its secret)
   */
  public static LocalCredentials read(Path file) throws IOException {
    Map<String, Key> keys = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split(":", 3);
      if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException(
            file + " line " + lineNo + ": expected accessKeyId:secretAccessKey[:principalArn]");
      }
      String principal = parts.length == 3 && !parts[2].isBlank() ? parts[2].strip() : null;
      if (principal != null && !principal.startsWith("arn:")) {
        throw new IllegalArgumentException(
            file + " line " + lineNo + ": the principal must be an ARN (arn:aws:iam::...)");
      }
      String id = parts[0].strip();
      keys.put(
          id, new Key(id, parts[1].strip(), principal == null ? defaultPrincipal(id) : principal));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no credentials");
    }
    return new LocalCredentials(keys);
  }

  /**
   * From {@code MCP_LOCAL_ACCESS_KEY_ID} / {@code MCP_LOCAL_SECRET_ACCESS_KEY}, if both are set.
   */
  public static LocalCredentials fromEnvironment(Map<String, String> env) {
    String id = env.get(ENV_ACCESS_KEY_ID);
    String secret = env.get(ENV_SECRET_ACCESS_KEY);
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      return null;
    }
    String principal = env.getOrDefault(ENV_PRINCIPAL_ARN, defaultPrincipal(id));
    return new LocalCredentials(Map.of(id, new Key(id, secret, principal)));
  }
}
