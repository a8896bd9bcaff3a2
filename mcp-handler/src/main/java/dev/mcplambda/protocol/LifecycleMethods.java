package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.session.LogLevel;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionUpdate;
import java.util.Map;

/**
 * {@code initialize}, {@code ping} and {@code logging/setLevel} (session eras) and {@code
 * server/discover} (2026-07-28). Creating the session for {@code initialize} is the transport's job
 * (it reads the negotiated {@code protocolVersion} from the result); {@code logging/setLevel}
 * updates the session through {@link SessionStore#update}.
 */
final class LifecycleMethods {

  private final ServerInfo serverInfo;
  private final SessionStore sessions;
  private final DispatcherConfig config;
  private final boolean tasks;

  /**
   * @param tasks whether the tasks extension is on ({@code server/discover} advertises it)
   */
  LifecycleMethods(
      ServerInfo serverInfo, SessionStore sessions, DispatcherConfig config, boolean tasks) {
    this.serverInfo = serverInfo;
    this.sessions = sessions;
    this.config = config;
    this.tasks = tasks;
  }

  void register(Map<String, MethodHandler> methods) {
    methods.put("initialize", this::initialize);
    methods.put("ping", x -> new Outcome.Ok(Json.object()));
    methods.put("logging/setLevel", this::setLevel);
    methods.put("server/discover", this::discover);
  }

  private Outcome initialize(Exchange x) {
    JsonNode requested = x.params.get("protocolVersion");
    if (requested == null || !requested.isTextual()) {
      throw Exchange.invalidParams("initialize requires a string protocolVersion");
    }
    JsonNode caps = x.params.get("capabilities");
    if (caps != null && !caps.isObject()) {
      throw Exchange.invalidParams("capabilities must be an object");
    }
    String negotiated = ProtocolVersions.negotiate(requested.asText());
    ObjectNode result = Json.object();
    result.put("protocolVersion", negotiated);
    result.set("capabilities", capabilities(negotiated));
    result.set("serverInfo", serverInfo.implementation(negotiated));
    if (serverInfo.instructions() != null) {
      result.put("instructions", serverInfo.instructions());
    }
    return new Outcome.Ok(result);
  }

  private Outcome discover(Exchange x) {
    ObjectNode result = Json.object();
    ArrayNode versions = result.putArray("supportedVersions");
    ProtocolVersions.ALL.forEach(versions::add);
    result.set("capabilities", discoverCapabilities(x.version));
    if (serverInfo.instructions() != null) {
      result.put("instructions", serverInfo.instructions());
    }
    x.cacheable("public", config.listTtlMs());
    return new Outcome.Ok(result);
  }

  /**
   * The capabilities {@code server/discover} reports: {@link #capabilities} and the tasks
   * extension.
   */
  ObjectNode discoverCapabilities(String version) {
    ObjectNode caps = capabilities(version);
    if (tasks) {
      TaskMethods.advertise(caps);
    }
    return caps;
  }

  /**
   * Capabilities: list-changed notifications (long-lived streams watch the registry's catalog
   * version, see {@code transport.CatalogChangeFeed}) and resource subscriptions ({@code
   * resources/subscribe} in 2025 sessions, {@code resourceSubscriptions} of {@code
   * subscriptions/listen} in 2026-07-28).
   */
  private static ObjectNode capabilities(String version) {
    ObjectNode caps = Json.object();
    caps.putObject("tools").put("listChanged", true);
    ObjectNode resources = caps.putObject("resources");
    resources.put("subscribe", true);
    resources.put("listChanged", true);
    caps.putObject("prompts").put("listChanged", true);
    caps.putObject("logging");
    if (ProtocolVersions.atLeast(version, ProtocolVersions.V2025_03_26)) {
      caps.putObject("completions");
    }
    return caps;
  }

  private Outcome setLevel(Exchange x) {
    JsonNode level = x.params.get("level");
    if (level == null || !level.isTextual() || !LogLevel.isWireName(level.asText())) {
      throw Exchange.invalidParams("level must be one of " + LogLevel.wireNames());
    }
    SessionRecord s = x.context.session();
    if (s != null) {
      sessions.update(s.sessionId(), SessionUpdate.logLevel(level.asText()));
    }
    return new Outcome.Ok(Json.object());
  }
}
