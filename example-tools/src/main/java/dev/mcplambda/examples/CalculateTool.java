package dev.mcplambda.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Tool {@code calculate}: {@code operation} (add, subtract, multiply, divide) on {@code a} and
 * {@code b}. Returns a {@code CallToolResult} with text and structured content; bad input (division
 * by zero, unknown operation) is a tool error ({@code isError: true}), not a function error.
 */
public final class CalculateTool
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    String op = e.arg("operation");
    double a;
    double b;
    try {
      a = Numbers.required(e.args(), "a");
      b = Numbers.required(e.args(), "b");
    } catch (IllegalArgumentException ex) {
      return McpResults.toolError(ex.getMessage());
    }
    double value;
    switch (op == null ? "" : op) {
      case "add" -> value = a + b;
      case "subtract" -> value = a - b;
      case "multiply" -> value = a * b;
      case "divide" -> {
        if (b == 0) {
          return McpResults.toolError("division by zero");
        }
        value = a / b;
      }
      default -> {
        return McpResults.toolError(
            "unknown operation '" + op + "'; use add, subtract, multiply or divide");
      }
    }
    Number result = Numbers.simplest(value);
    Map<String, Object> out = McpResults.toolResult(McpResults.text(String.valueOf(result)));
    out.put("structuredContent", McpResults.ordered("result", result));
    return out;
  }
}
