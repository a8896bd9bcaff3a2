package dev.mcplambda.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mcplambda.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An error reported to the Runtime API: {@code category} goes into the {@code
 * Lambda-Runtime-Function-Error-Type} header (or trailer), the rest into the JSON body {@code
 * {"errorMessage":..,"errorType":..}}. Never carries a stack trace.
 *
 * @param category e.g. {@code Runtime.UserException}, {@code Runtime.NoSuchHandler}
 * @param errorType the exception class name, or a short type name
 * @param errorMessage a human-readable message
 */
record FunctionError(String category, String errorType, String errorMessage) {

  /** Handler code threw. */
  static final String USER_EXCEPTION = "Runtime.UserException";

  /** The handler class does not exist. */
  static final String NO_SUCH_HANDLER = "Runtime.NoSuchHandler";

  /** The handler class exists but cannot serve (wrong type, constructor failed). */
  static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

  /** The event is not a JSON object. */
  static final String INVALID_EVENT = "Runtime.InvalidEvent";

  /** The streaming handler returned without calling {@code start}. */
  static final String NO_RESPONSE = "Runtime.NoResponse";

  /** A SnapStart before-snapshot hook failed (same name as the stock Java runtime). */
  static final String BEFORE_CHECKPOINT_ERROR = "Runtime.BeforeCheckpointError";

  /** A SnapStart after-restore hook failed (same name as the stock Java runtime). */
  static final String AFTER_RESTORE_ERROR = "Runtime.AfterRestoreError";

  private static final int MAX_MESSAGE = 1024;

  FunctionError {
    if (errorMessage != null && errorMessage.length() > MAX_MESSAGE) {
      errorMessage = errorMessage.substring(0, MAX_MESSAGE) + "...";
    }
  }

  static FunctionError of(String category, Throwable t) {
    String message = t.getMessage();
    return new FunctionError(
        category, t.getClass().getName(), message == null ? t.getClass().getName() : message);
  }

  byte[] toJson() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    try (JsonGenerator g = Json.factory().createGenerator(buffer)) {
      g.writeStartObject();
      g.writeStringField("errorMessage", errorMessage);
      g.writeStringField("errorType", errorType);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
