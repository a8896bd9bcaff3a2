package dev.mcplambda.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.InvocationTargetException;

/** What the runtime calls: a {@link StreamingHandler} or a plain {@link RequestStreamHandler}. */
sealed interface HandlerTarget {

  /** Function URL events stream; other events are answered buffered. */
  record Streaming(StreamingHandler handler) implements HandlerTarget {}

  /** Always buffered: the event bytes in, the response bytes out (stock-runtime semantics). */
  record Buffered(RequestStreamHandler handler) implements HandlerTarget {}

  /** Wraps an already constructed handler object. */
  static HandlerTarget of(Object handler) {
    if (handler instanceof StreamingHandler s) {
      return new Streaming(s);
    }
    if (handler instanceof RequestStreamHandler r) {
      return new Buffered(r);
    }
    throw new IllegalArgumentException(
        handler.getClass().getName()
            + " implements neither "
            + StreamingHandler.class.getName()
            + " nor "
            + RequestStreamHandler.class.getName());
  }

  /**
   * Loads and constructs the handler named by {@code _HANDLER} ({@code class} or {@code
   * class::method}; the method part is ignored: the interface decides what is called).
   */
  static HandlerTarget load(String handlerName, ClassLoader loader) throws RuntimeInitException {
    if (handlerName == null || handlerName.isBlank()) {
      throw new RuntimeInitException(
          new FunctionError(
              FunctionError.NO_SUCH_HANDLER, "InvalidHandler", "no handler configured (_HANDLER)"),
          1,
          null);
    }
    int sep = handlerName.indexOf("::");
    String className = (sep >= 0 ? handlerName.substring(0, sep) : handlerName).trim();
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new RuntimeInitException(
          new FunctionError(
              FunctionError.NO_SUCH_HANDLER,
              e.getClass().getName(),
              "handler class not found: " + className),
          1,
          e);
    } catch (LinkageError e) {
      throw new RuntimeInitException(
          new FunctionError(
              FunctionError.BAD_FUNCTION_CODE,
              e.getClass().getName(),
              "handler class " + className + " could not be initialised: " + e.getMessage()),
          1,
          e);
    }
    Object instance;
    try {
      instance = type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new RuntimeInitException(
          new FunctionError(
              FunctionError.BAD_FUNCTION_CODE,
              e.getClass().getName(),
              "handler class " + className + " needs a public no-arg constructor"),
          1,
          e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RuntimeInitException(
          new FunctionError(
              FunctionError.BAD_FUNCTION_CODE,
              cause.getClass().getName(),
              "handler constructor of " + className + " failed: " + cause.getMessage()),
          1,
          cause);
    }
    try {
      return of(instance);
    } catch (IllegalArgumentException e) {
      throw new RuntimeInitException(
          new FunctionError(FunctionError.BAD_FUNCTION_CODE, "InvalidHandler", e.getMessage()),
          1,
          e);
    }
  }
}
