package dev.mcplambda.examples.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example or fixture: the Lambda function that serves it and the body to {@code POST /register}
 * (without {@code lambdaArn}, which depends on where the function runs).
 *
 * @param functionName the Lambda function name (several entries may share one function)
 * @param handlerClass the handler class, a {@code RequestHandler<Map, Map>}
 * @param registration the registration JSON as nested maps and lists
 */
public record CatalogEntry(
    String functionName, String handlerClass, Map<String, Object> registration) {

  public CatalogEntry {
    registration = Collections.unmodifiableMap(new LinkedHashMap<>(registration));
  }

  public String type() {
    return (String) registration.get("type");
  }

  public String name() {
    return (String) registration.get("name");
  }

  /** The registration body with {@code lambdaArn} set, keys in a readable order. */
  public Map<String, Object> registration(String lambdaArn) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type());
    body.put("name", name());
    registration.forEach(body::putIfAbsent);
    body.put("lambdaArn", lambdaArn);
    return body;
  }
}
