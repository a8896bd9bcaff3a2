package dev.mcplambda.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads typed attributes of a DynamoDB item; absent attributes read as {@code null} or 0. */
final class ItemAttributes {

  private ItemAttributes() {}

  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  /** A JSON attribute stored as a string; {@code unreadable} when the text is not JSON. */
  static JsonNode json(
      Map<String, AttributeValue> item, String name, Supplier<RuntimeException> unreadable) {
    String text = string(item, name);
    if (text == null) {
      return null;
    }
    try {
      return Json.readTree(text);
    } catch (JsonProcessingException e) {
      throw unreadable.get();
    }
  }
}
