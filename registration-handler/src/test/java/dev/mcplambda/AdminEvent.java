package dev.mcplambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import dev.mcplambda.testing.Dynalite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/** A Function URL event from the repository's {@code events/} folder, adjustable for a test. */
public final class AdminEvent {

  private final ObjectNode node;

  private AdminEvent(ObjectNode node) {
    this.node = node;
  }

  /** Loads {@code events/<file>} from the repository root. */
  public static AdminEvent load(String file) {
    Path path = Dynalite.repositoryRoot().resolve("events").resolve(file);
    try {
      return new AdminEvent((ObjectNode) Json.mapper().readTree(Files.readString(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read event " + path, e);
    }
  }

  /** The raw event text, for the stream entry point. */
  public static byte[] bytes(String file) {
    try {
      return Files.readAllBytes(Dynalite.repositoryRoot().resolve("events").resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FunctionUrlRequest request() {
    try {
      return Json.mapper().treeToValue(node, FunctionUrlRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The whole event as JSON text, as the Lambda runtime would hand it over. */
  public String eventJson() {
    return Json.write(node);
  }

  /** The body parsed as JSON (the event's body must be JSON text). */
  public ObjectNode bodyJson() {
    try {
      String body = node.path("body").asText();
      if (node.path("isBase64Encoded").asBoolean()) {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      }
      return (ObjectNode) Json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public AdminEvent body(String raw) {
    node.put("body", raw);
    node.put("isBase64Encoded", false);
    return this;
  }

  public AdminEvent body(JsonNode json) {
    return body(json.toString());
  }

  /** Edits the JSON body in place. */
  public AdminEvent editBody(Consumer<ObjectNode> edit) {
    ObjectNode json = bodyJson();
    edit.accept(json);
    return body(json);
  }

  public AdminEvent base64Body(byte[] raw) {
    node.put("body", Base64.getEncoder().encodeToString(raw));
    node.put("isBase64Encoded", true);
    return this;
  }

  /** Marks the body as base64 without encoding it (for broken events). */
  public AdminEvent base64() {
    node.put("isBase64Encoded", true);
    return this;
  }

  /** Sets a header (lower-cased, as Function URLs deliver them); {@code null} removes it. */
  public AdminEvent header(String name, String value) {
    ObjectNode headers = (ObjectNode) node.get("headers");
    if (value == null) {
      headers.remove(name.toLowerCase(Locale.ROOT));
    } else {
      headers.put(name.toLowerCase(Locale.ROOT), value);
    }
    return this;
  }

  /** Removes a top-level field of the event. */
  public AdminEvent without(String field) {
    node.remove(field);
    return this;
  }

  /** Removes {@code requestContext.authorizer} (an event no AWS_IAM Function URL sends). */
  public AdminEvent withoutAuthorizer() {
    ((ObjectNode) node.path("requestContext")).remove("authorizer");
    return this;
  }

  public AdminEvent method(String method) {
    ((ObjectNode) node.path("requestContext").path("http")).put("method", method);
    return this;
  }

  public AdminEvent path(String path) {
    node.put("rawPath", path);
    ((ObjectNode) node.path("requestContext").path("http")).put("path", path);
    return this;
  }

  /** Sets the raw query string and the decoded parameters, as a Function URL does. */
  public AdminEvent query(String raw) {
    node.put("rawQueryString", raw == null ? "" : raw);
    if (raw == null || raw.isEmpty()) {
      node.remove("queryStringParameters");
      return this;
    }
    ObjectNode params = node.putObject("queryStringParameters");
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return this;
  }
}
