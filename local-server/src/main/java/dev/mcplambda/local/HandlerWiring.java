package dev.mcplambda.local;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.session.SessionStore;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * LEAD — COMPLETE AFTER MERGE. The one place that names classes written concurrently in other
 * modules: the MCP handler ({@value #MCP_HANDLER}), the registration handler ({@value
 * #REGISTRATION_HANDLER}) and the DynamoDB stores ({@value #DYNAMODB_REGISTRY_STORE}, {@value
 * #DYNAMODB_SESSION_STORE}, {@value #DYNAMODB_TABLES}).
 *
 * <p>Until those classes are merged this class finds them by name and fills their constructors from
 * the collaborators at hand (matched by type); a missing class yields a handler answering 503 and a
 * warning, a missing DynamoDB store a clear start-up error. After the merge, replace each method
 * body with the plain constructor call, e.g. {@code return new McpHandler(registry, sessions,
 * lambda);} and {@code return new RegistrationHandler(registry)::handle;}, and delete the
 * reflection.
 */
final class HandlerWiring {

  private static final Logger LOG = LoggerFactory.getLogger(HandlerWiring.class);

  static final String MCP_HANDLER = "dev.mcplambda.McpHandler";
  static final String REGISTRATION_HANDLER = "dev.mcplambda.RegistrationHandler";
  static final String DYNAMODB_REGISTRY_STORE =
      "dev.mcplambda.store.dynamodb.DynamoDbRegistryStore";
  static final String DYNAMODB_SESSION_STORE = "dev.mcplambda.store.dynamodb.DynamoDbSessionStore";
  static final String DYNAMODB_TABLES = "dev.mcplambda.store.dynamodb.DynamoDbTables";

  private HandlerWiring() {}

  /**
   * The MCP plane's handler, sharing the admin plane's registry and invoking functions through
   * {@code lambda}. {@code collaborators} holds the stores, the {@code LambdaClient} and an {@code
   * Environment} whose {@code LAMBDA_ENDPOINT} names the function host.
   */
  static StreamingHandler mcpHandler(Object... collaborators) {
    Class<?> type = load(MCP_HANDLER);
    if (type == null) {
      LOG.warn("{} is not part of this build: the MCP plane answers 503", MCP_HANDLER);
      return new UnavailableHandler("the MCP handler is not part of this build yet");
    }
    Object handler = construct(type, RegistryStore.class, collaborators);
    if (!(handler instanceof StreamingHandler streaming)) {
      throw new IllegalStateException(MCP_HANDLER + " does not implement StreamingHandler");
    }
    return streaming;
  }

  /** The admin plane's handler over the shared registry. */
  static BufferedFunctionUrlHandler registrationHandler(RegistryStore registry) {
    Class<?> type = load(REGISTRATION_HANDLER);
    if (type == null) {
      LOG.warn("{} is not part of this build: the admin plane answers 503", REGISTRATION_HANDLER);
      return null;
    }
    Object handler = construct(type, RegistryStore.class, registry);
    Method handle;
    try {
      handle = type.getMethod("handle", FunctionUrlRequest.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          REGISTRATION_HANDLER + " has no method handle(FunctionUrlRequest)", e);
    }
    if (handle.getReturnType() != FunctionUrlResponse.class) {
      throw new IllegalStateException(
          REGISTRATION_HANDLER + ".handle does not return FunctionUrlResponse");
    }
    return request -> {
      try {
        return (FunctionUrlResponse) handle.invoke(handler, request);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** The DynamoDB stores, tables created if missing. */
  static LocalStores dynamoDbStores(
      DynamoDbClient client, String registryTable, String sessionTable, String endpoint) {
    Class<?> registryType = load(DYNAMODB_REGISTRY_STORE);
    Class<?> sessionType = load(DYNAMODB_SESSION_STORE);
    Class<?> tables = load(DYNAMODB_TABLES);
    if (registryType == null || sessionType == null || tables == null) {
      throw new IllegalStateException(
          "--dynamodb-endpoint needs "
              + DYNAMODB_REGISTRY_STORE
              + ", "
              + DYNAMODB_SESSION_STORE
              + " and "
              + DYNAMODB_TABLES
              + ", which are not part of this build yet; run without --dynamodb-endpoint");
    }
    callStatic(tables, "Registry", client, registryTable);
    callStatic(tables, "Session", client, sessionTable);
    RegistryStore registry =
        (RegistryStore) construct(registryType, DynamoDbClient.class, client, registryTable);
    SessionStore sessions =
        (SessionStore) construct(sessionType, DynamoDbClient.class, client, sessionTable);
    return new LocalStores(
        registry,
        sessions,
        "DynamoDB at " + endpoint + " (tables " + registryTable + ", " + sessionTable + ")");
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, true, HandlerWiring.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** Calls the public constructor with most parameters that the collaborators can all fill. */
  private static Object construct(Class<?> type, Class<?> mustTake, Object... collaborators) {
    Constructor<?>[] constructors = type.getConstructors();
    Arrays.sort(constructors, Comparator.comparingInt(Constructor::getParameterCount));
    for (int i = constructors.length - 1; i >= 0; i--) {
      Constructor<?> c = constructors[i];
      if (!Arrays.asList(c.getParameterTypes()).contains(mustTake)) {
        continue;
      }
      Object[] args = fill(c.getParameterTypes(), collaborators);
      if (args != null) {
        try {
          return c.newInstance(args);
        } catch (InvocationTargetException e) {
          throw new IllegalStateException(
              "constructing " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("constructing " + type.getName() + " failed", e);
        }
      }
    }
    throw new IllegalStateException(
        type.getName()
            + " has no public constructor taking "
            + mustTake.getSimpleName()
            + " that the local server can fill from "
            + describe(collaborators)
            + "; complete HandlerWiring (constructors: "
            + Arrays.toString(constructors)
            + ")");
  }

  private static void callStatic(Class<?> type, String kind, Object... collaborators) {
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          && m.getName().startsWith("ensure")
          && m.getName().contains(kind)) {
        Object[] args = fill(m.getParameterTypes(), collaborators);
        if (args != null) {
          try {
            m.invoke(null, args);
            return;
          } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                type.getName() + "." + m.getName() + " failed: " + e.getCause(), e.getCause());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    throw new IllegalStateException(
        type.getName() + " has no static ensure" + kind + "Table method; complete HandlerWiring");
  }

  /** Each parameter gets a distinct collaborator of its type, or {@code null} if one is missing. */
  private static Object[] fill(Class<?>[] parameters, Object[] collaborators) {
    Object[] args = new Object[parameters.length];
    List<Object> unused = new ArrayList<>(Arrays.asList(collaborators));
    for (int p = 0; p < parameters.length; p++) {
      Object match = null;
      for (Object candidate : unused) {
        if (candidate != null && parameters[p].isInstance(candidate)) {
          match = candidate;
          break;
        }
      }
      if (match == null) {
        return null;
      }
      unused.remove(match);
      args[p] = match;
    }
    return args;
  }

  private static String describe(Object[] collaborators) {
    return Arrays.stream(collaborators)
        .map(o -> o == null ? "null" : o.getClass().getSimpleName())
        .toList()
        .toString();
  }
}
