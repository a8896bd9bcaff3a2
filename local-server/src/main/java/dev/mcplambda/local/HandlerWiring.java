package dev.mcplambda.local;

import dev.mcplambda.RegistrationHandler;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place that names the handler and store classes of the other modules.
 *
 * <p>LEAD — COMPLETE AFTER MERGE: the MCP handler ({@value #MCP_HANDLER}) was written concurrently
 * and is not in this build yet, so {@link #mcpHandler} finds it by name and fills its public
 * constructor from the collaborators at hand (matched by type; it must take the {@link
 * RegistryStore} so both planes share one registry). Without the class the MCP plane answers 503.
 * Once it is merged, replace the body with the plain call, e.g. {@code return new
 * McpHandler(registry, sessions, lambda);}, and delete the reflection.
 */
final class HandlerWiring {

  private static final Logger LOG = LoggerFactory.getLogger(HandlerWiring.class);

  static final String MCP_HANDLER = "dev.mcplambda.McpHandler";

  private HandlerWiring() {}

  /**
   * The MCP plane's handler, sharing the admin plane's registry and invoking functions through
   * {@code lambda}. {@code collaborators} holds the stores, the {@code LambdaClient}, an {@code
   * Environment} whose {@code LAMBDA_ENDPOINT} names the function host, and a {@code Clock}.
   */
  static StreamingHandler mcpHandler(Object... collaborators) {
    return mcpHandler(MCP_HANDLER, collaborators);
  }

  static StreamingHandler mcpHandler(String className, Object... collaborators) {
    Class<?> type;
    try {
      type = Class.forName(className, true, HandlerWiring.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      LOG.warn("{} is not part of this build: the MCP plane answers 503", className);
      return new UnavailableHandler("the MCP handler is not part of this build yet");
    }
    Object handler = construct(type, RegistryStore.class, collaborators);
    if (!(handler instanceof StreamingHandler streaming)) {
      throw new IllegalStateException(className + " does not implement StreamingHandler");
    }
    return streaming;
  }

  /** The admin plane's handler over the shared registry. */
  static BufferedFunctionUrlHandler registrationHandler(RegistryStore registry) {
    return new RegistrationHandler(registry)::handle;
  }

  /** The DynamoDB stores, tables created if missing. */
  static LocalStores dynamoDbStores(
      DynamoDbClient client, String registryTable, String sessionTable, String endpoint) {
    DynamoDbTables.ensureRegistryTable(client, registryTable);
    DynamoDbTables.ensureSessionTable(client, sessionTable);
    return new LocalStores(
        new DynamoDbRegistryStore(client, registryTable),
        new DynamoDbSessionStore(client, sessionTable),
        "DynamoDB at " + endpoint + " (tables " + registryTable + ", " + sessionTable + ")");
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
