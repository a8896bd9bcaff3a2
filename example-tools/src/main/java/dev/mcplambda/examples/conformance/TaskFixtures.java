package dev.mcplambda.examples.conformance;

import static dev.mcplambda.examples.McpResults.ordered;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.List;
import java.util.Map;

/**
 * The tasks-extension fixtures of the conformance suite (SEP-2663 scenarios {@code tasks-*}), one
 * function for all, told apart by {@code extra.name}. Registered as {@code invokeMode: "task"} or
 * {@code "task-optional"} they run as MCP tasks (docs/tasks.md): the orchestrator invokes them
 * asynchronously through the task runner and keeps their state in the task store.
 *
 * <ul>
 *   <li>{@code greet} (buffered): {@code Hello, {name}!}.
 *   <li>{@code slow_compute} (task-optional): sleeps {@code seconds}, then reports the {@code
 *       label}.
 *   <li>{@code failing_job} (task): after about a second, a tool execution error ({@code isError}).
 *   <li>{@code protocol_error_job} (task): throws, a protocol-level failure.
 *   <li>{@code confirm_delete} (task): asks for a confirmation ({@code elicitation/create}), then
 *       reports whether {@code filename} was deleted.
 *   <li>{@code multi_input} (task): asks two questions at once, completes once both are answered.
 *   <li>{@code test_tool_with_task} (buffered, MRTR then task): asks for {@code user_name}; with
 *       the answer it returns {@code {"resultType": "task"}}, which makes the orchestrator continue
 *       it as a task, and that run (with {@code extra.taskId}) greets the user.
 * </ul>
 */
public final class TaskFixtures
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    String tool = FunctionEvent.stringAt(e.extra(), "name");
    return switch (tool == null ? "" : tool) {
      case "greet" -> text("Hello, " + orDefault(e.arg("name"), "World") + "!");
      case "slow_compute" -> slowCompute(e);
      case "failing_job" -> {
        Pause.millis(1000);
        yield McpResults.toolError("failing_job failed on purpose (a tool execution error)");
      }
      case "protocol_error_job" ->
          throw new IllegalStateException("protocol_error_job crashed on purpose");
      case "confirm_delete" -> confirmDelete(e);
      case "multi_input" -> multiInput(e);
      case "test_tool_with_task" -> toolWithTask(e);
      default -> McpResults.toolError("unknown task fixture " + tool);
    };
  }

  private static Map<String, Object> slowCompute(FunctionEvent e) {
    Object raw = e.args().get("seconds");
    double seconds = raw instanceof Number n ? n.doubleValue() : 0;
    Pause.millis((long) (Math.max(0, Math.min(seconds, 900)) * 1000));
    return text(
        "slow_compute finished "
            + orDefault(e.arg("label"), "(no label)")
            + " after "
            + seconds
            + " s");
  }

  private static Map<String, Object> confirmDelete(FunctionEvent e) {
    String filename = orDefault(e.arg("filename"), "(no file)");
    Object answer = e.inputResponses().get("confirm");
    if (!InputAnswers.isElicitResult(answer)) {
      return McpResults.inputRequired(
          Map.of("confirm", confirmation("Delete " + filename + "?")), null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> a = (Map<String, Object>) answer;
    boolean confirmed =
        "accept".equals(a.get("action"))
            && Boolean.TRUE.equals(FunctionEvent.mapAt(a, "content").get("confirm"));
    return text(confirmed ? "Deleted " + filename : "Kept " + filename);
  }

  private static Map<String, Object> multiInput(FunctionEvent e) {
    Map<String, Object> answers = e.inputResponses();
    if (!InputAnswers.isElicitResult(answers.get("first"))
        || !InputAnswers.isElicitResult(answers.get("second"))) {
      return McpResults.inputRequired(
          ordered(
              "first", McpResults.elicitation("First question: your name?", "name"),
              "second", McpResults.elicitation("Second question: your name again?", "name")),
          null);
    }
    return text(
        "multi_input got "
            + InputAnswers.describe(answers.get("first"))
            + " and "
            + InputAnswers.describe(answers.get("second")));
  }

  private static Map<String, Object> toolWithTask(FunctionEvent e) {
    String name = InputAnswers.elicited(e.inputResponses().get("user_name"), "name");
    if (name == null) {
      return McpResults.inputRequired(
          Map.of("user_name", McpResults.elicitation("What is your name?", "name")), null);
    }
    if (FunctionEvent.stringAt(e.extra(), "taskId") == null) {
      return ordered("resultType", "task"); // continue as a task with the same answers
    }
    return text("Hello, " + name + "! (finished as a task)");
  }

  private static Map<String, Object> confirmation(String message) {
    return ordered(
        "method",
        "elicitation/create",
        "params",
        ordered(
            "message",
            message,
            "requestedSchema",
            ordered(
                "type",
                "object",
                "properties",
                ordered("confirm", ordered("type", "boolean")),
                "required",
                List.of("confirm"))));
  }

  private static Map<String, Object> text(String text) {
    return McpResults.toolResult(McpResults.text(text));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
