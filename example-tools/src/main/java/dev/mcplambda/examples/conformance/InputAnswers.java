package dev.mcplambda.examples.conformance;

import dev.mcplambda.examples.FunctionEvent;
import java.util.List;
import java.util.Map;

/**
 * Reads the client's answers to MRTR input requests: an {@code ElicitResult} ({@code action},
 * {@code content}), a {@code CreateMessageResult} ({@code content.text}) or a {@code
 * ListRootsResult} ({@code roots}).
 */
final class InputAnswers {

  private InputAnswers() {}

  /** Whether the answer has the shape of an {@code ElicitResult}. */
  static boolean isElicitResult(Object answer) {
    return answer instanceof Map<?, ?> m && m.get("action") instanceof String;
  }

  /** A string field of an accepted elicitation's content, or {@code null}. */
  @SuppressWarnings("unchecked")
  static String elicited(Object answer, String field) {
    if (!isElicitResult(answer)) {
      return null;
    }
    Map<String, Object> content = FunctionEvent.mapAt((Map<String, Object>) answer, "content");
    Object v = content.get(field);
    return v == null ? null : String.valueOf(v);
  }

  /** "action: accept, content: {...}" for an {@code ElicitResult}. */
  @SuppressWarnings("unchecked")
  static String describe(Object answer) {
    if (!isElicitResult(answer)) {
      return JsonText.write(answer);
    }
    Map<String, Object> m = (Map<String, Object>) answer;
    return "action: "
        + m.get("action")
        + ", content: "
        + JsonText.write(m.get("content") == null ? Map.of() : m.get("content"));
  }

  /** The text of a {@code CreateMessageResult}, or its JSON if it has no text. */
  @SuppressWarnings("unchecked")
  static String sampledText(Object answer) {
    if (answer instanceof Map<?, ?> m) {
      Object content = ((Map<String, Object>) m).get("content");
      if (content instanceof Map<?, ?> c && c.get("text") != null) {
        return String.valueOf(c.get("text"));
      }
    }
    return JsonText.write(answer);
  }

  /** The root URIs of a {@code ListRootsResult}, or {@code null} if it is not one. */
  @SuppressWarnings("unchecked")
  static List<String> rootUris(Object answer) {
    if (!(answer instanceof Map<?, ?> m) || !(m.get("roots") instanceof List<?> roots)) {
      return null;
    }
    return roots.stream()
        .map(r -> r instanceof Map<?, ?> root ? String.valueOf(root.get("uri")) : String.valueOf(r))
        .toList();
  }

  /** Whether the answer is a JSON object (anything else is a malformed input response). */
  static boolean isObject(Object answer) {
    return answer instanceof Map<?, ?>;
  }
}
