package dev.mcplambda.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.McpHandler;
import dev.mcplambda.RegistrationHandler;
import dev.mcplambda.TaskRunnerHandler;
import dev.mcplambda.config.Environment;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.store.dynamodb.DynamoDbTaskStore;
import dev.mcplambda.task.TaskStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The one place that names the handler and store classes of the other modules. */
final class HandlerWiring {

  private HandlerWiring() {}

  /**
   * The MCP plane's handler: the same {@link McpHandler} class the Lambda runs, sharing the admin
   * plane's registry and invoking functions through {@code lambda} (the function host or another
   * Invoke API).
   */
  static StreamingHandler mcpHandler(
      RegistryStore registry,
      SessionStore sessions,
      TaskStore tasks,
      LambdaClient lambda,
      Environment environment,
      Clock clock) {
    return new McpHandler(registry, sessions, tasks, lambda, environment, clock);
  }

  /**
   * The task-runner function (the same {@link TaskRunnerHandler} class the Lambda runs) over the
   * shared task store, invoking tools through {@code lambda}.
   */
  static RequestStreamHandler taskRunner(TaskStore tasks, LambdaClient lambda) {
    return new TaskRunnerHandler(tasks, new LambdaFunctionInvoker(lambda), Clock.systemUTC());
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
        new DynamoDbTaskStore(client, sessionTable),
        "DynamoDB at " + endpoint + " (tables " + registryTable + ", " + sessionTable + ")");
  }
}
