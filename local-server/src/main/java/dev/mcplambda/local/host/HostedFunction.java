package dev.mcplambda.local.host;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One function of the in-process host: a handler class, instantiated once on first use (the cold
 * start) and then shared by all invocations. Like the Java managed runtime, a {@link
 * RequestHandler}'s input is converted from the JSON payload to its declared input type and its
 * output back to JSON with the project's one mapper; a {@link RequestStreamHandler} gets the raw
 * bytes.
 */
public final class HostedFunction {

  private final String name;
  private final String handlerClass;
  private final ClassLoader loader;
  private volatile Object instance;
  private volatile JavaType inputType;

  public HostedFunction(String name, String handlerClass, ClassLoader loader) {
    this.name = name;
    this.handlerClass = handlerClass;
    this.loader = loader;
  }

  /** A function whose handler object already exists (the local server's own task runner). */
  public static HostedFunction of(String name, RequestStreamHandler handler) {
    HostedFunction f =
        new HostedFunction(name, handler.getClass().getName(), handler.getClass().getClassLoader());
    f.instance = handler;
    return f;
  }

  public String name() {
    return name;
  }

  public String handlerClass() {
    return handlerClass;
  }

  /**
   * Runs the handler.
   *
   * @param payload the invocation payload as JSON ({@code null} node for an empty payload)
   * @return the response payload
   * @throws Exception whatever the handler throws, or a failure to load or convert
   */
  byte[] invoke(JsonNode payload, byte[] rawPayload, Context context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    invoke(payload, rawPayload, context, out);
    return out.toByteArray();
  }

  /**
   * Runs the handler, its response going to {@code out}: a {@link RequestStreamHandler} writes (and
   * flushes) there itself, a {@link RequestHandler}'s JSON result is written in one piece.
   */
  void invoke(JsonNode payload, byte[] rawPayload, Context context, OutputStream out)
      throws Exception {
    Object handler = instance();
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    try {
      if (handler instanceof RequestStreamHandler stream) {
        stream.handleRequest(new ByteArrayInputStream(rawPayload), out, context);
        return;
      }
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> request = (RequestHandler<Object, Object>) handler;
      Object input =
          payload == null || payload.isNull()
              ? null
              : Json.mapper().convertValue(payload, inputType);
      Object output = request.handleRequest(input, context);
      out.write(Json.mapper().writeValueAsBytes(output));
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  private Object instance() throws ReflectiveOperationException {
    Object h = instance;
    if (h == null) {
      synchronized (this) {
        h = instance;
        if (h == null) {
          Class<?> type = Class.forName(handlerClass, true, loader);
          h = type.getConstructor().newInstance();
          if (h instanceof RequestHandler<?, ?>) {
            inputType = Json.mapper().constructType(inputTypeOf(type));
          } else if (!(h instanceof RequestStreamHandler)) {
            throw new IllegalStateException(
                handlerClass + " implements neither RequestHandler nor RequestStreamHandler");
          }
          instance = h;
        }
      }
    }
    return h;
  }

  /** The declared input type of {@code handleRequest(I, Context)} (not the erased bridge). */
  private static java.lang.reflect.Type inputTypeOf(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals("handleRequest")
          && m.getParameterCount() == 2
          && m.getParameterTypes()[1] == Context.class
          && !m.isBridge()
          && !Modifier.isStatic(m.getModifiers())) {
        return m.getGenericParameterTypes()[0];
      }
    }
    return Object.class;
  }
}
