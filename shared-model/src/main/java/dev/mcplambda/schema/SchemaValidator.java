package dev.mcplambda.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema 2020-12 checks backed by networknt json-schema-validator: schemas against the
 * meta-schema (at registration) and instances against schemas (tool arguments and structured
 * results at run time). Remote {@code $ref}s are never fetched: schemas are client input.
 *
 * <p>{@code pattern} and {@code patternProperties} run on JDK regular expressions with a step
 * budget per match ({@link BoundedRegexFactory}): a pattern that backtracks catastrophically on
 * some input makes {@link #validate} report that instead of running for minutes.
 *
 * <p>Compiled schemas are cached by their JSON text (bounded, LRU); build one instance per process
 * and share it. Thread-safe.
 *
 * <p>Cold start: construction is free. The networknt registry (its 2020-12 dialect, some 200
 * classes and 50 lambdas) is built on first use, and the meta-schema (its seven vocabulary
 * documents read and compiled) only by {@link #checkSchema}, which registration needs and the MCP
 * function does not: a {@code tools/list} never pays for either, a first {@code tools/call} pays
 * for the registry only. {@link #prime} builds the registry ahead of time (SnapStart priming).
 */
public final class SchemaValidator {

  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
  private static final int MAX_ERRORS = 20;
  private static final int CACHE_SIZE = 2048;

  /** A small schema exercising the usual keywords, validated by {@link #prime}. */
  private static final String PRIMING_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"minLength\":1,"
          + "\"pattern\":\"^[a-z]+$\"},\"n\":{\"type\":\"integer\",\"minimum\":0},"
          + "\"e\":{\"enum\":[\"a\",\"b\"]},\"a\":{\"type\":\"array\",\"items\":"
          + "{\"type\":\"number\"}}},\"required\":[\"s\"],\"additionalProperties\":false}";

  private final Object lock = new Object();
  private volatile SchemaRegistry registry;
  private volatile Schema metaSchema;
  private final Map<String, Schema> compiled =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  /**
   * Builds nothing yet: the registry on first use, the meta-schema on first {@link #checkSchema}.
   */
  public SchemaValidator() {}

  private static SchemaRegistry newRegistry() {
    return SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        builder ->
            builder
                .schemaLoader(loader -> loader.fetchRemoteResources(false))
                .schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .regularExpressionFactory(new BoundedRegexFactory())
                        .build()));
  }

  private SchemaRegistry registry() {
    SchemaRegistry r = registry;
    if (r == null) {
      synchronized (lock) {
        r = registry;
        if (r == null) {
          r = newRegistry();
          registry = r;
        }
      }
    }
    return r;
  }

  private Schema metaSchema() {
    Schema m = metaSchema;
    if (m == null) {
      synchronized (lock) {
        m = metaSchema;
        if (m == null) {
          m = registry().getSchema(SchemaLocation.of(META_SCHEMA));
          metaSchema = m;
        }
      }
    }
    return m;
  }

  /**
   * Builds the registry now and runs one validation through it (what a first {@code tools/call}
   * would otherwise load): SnapStart priming. The meta-schema stays unloaded.
   */
  public void prime() {
    try {
      JsonNode schema = Json.mapper().readTree(PRIMING_SCHEMA);
      validate(schema, Json.mapper().readTree("{\"s\":\"ok\",\"n\":1,\"e\":\"a\",\"a\":[1.5]}"));
      validate(schema, Json.mapper().readTree("{\"s\":\"\",\"n\":-1,\"x\":true}"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the networknt registry has been built (by a validation, a check or {@link #prime}). */
  public boolean registryBuilt() {
    return registry != null;
  }

  /** Whether the 2020-12 meta-schema has been loaded (only {@link #checkSchema} needs it). */
  public boolean metaSchemaLoaded() {
    return metaSchema != null;
  }

  /**
   * Problems that make {@code schema} unusable as a JSON Schema 2020-12 document; empty if valid.
   * Messages are prefixed with the JSON pointer of the offending place inside the schema.
   */
  public List<String> checkSchema(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return List.of("must be a JSON Schema object");
    }
    List<String> problems = new ArrayList<>(messages(metaSchema().validate(schema)));
    collectRemoteRefs(schema, "", problems, 0);
    if (problems.isEmpty()) {
      try {
        compile(schema);
      } catch (SchemaException | IllegalArgumentException e) {
        problems = List.of("cannot be compiled: " + clientText(e));
      }
    }
    return problems;
  }

  /**
   * Problems with {@code instance} against {@code schema}; empty if it conforms. The schema must
   * have passed {@link #checkSchema} before.
   */
  public List<String> validate(JsonNode schema, JsonNode instance) {
    try {
      return messages(compile(schema).validate(instance));
    } catch (RegexBudgetExceededException e) {
      return List.of(e.getMessage());
    } catch (SchemaException | IllegalArgumentException e) {
      return List.of("schema cannot be used: " + clientText(e));
    } catch (StackOverflowError e) {
      // self-referencing schemas ({"$ref":"#"}) that bypassed registration
      return List.of("schema cannot be used: it refers to itself without end");
    }
  }

  /** The exception's message without Java class names, for responses. */
  private static String clientText(RuntimeException e) {
    String m = e.getMessage() == null ? "invalid schema" : e.getMessage();
    return m.replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error): ?", "").strip();
  }

  /** Only document-local references ({@code #...}) are allowed: nothing is ever fetched. */
  private static void collectRemoteRefs(JsonNode node, String at, List<String> out, int depth) {
    if (depth > 64) {
      return;
    }
    if (node.isObject()) {
      for (var field : node.properties()) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        String here = at + "/" + key.replace("~", "~0").replace("/", "~1");
        if ((key.equals("$ref") || key.equals("$dynamicRef"))
            && value.isTextual()
            && !value.asText().startsWith("#")) {
          out.add(
              here + ": only local references (#...) are allowed, got '" + value.asText() + "'");
        } else {
          collectRemoteRefs(value, here, out, depth + 1);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectRemoteRefs(node.get(i), at + "/" + i, out, depth + 1);
      }
    }
  }

  private Schema compile(JsonNode schema) {
    String key = schema.toString();
    Schema s = compiled.get(key);
    if (s == null) {
      s = registry().getSchema(schema);
      compiled.put(key, s);
    }
    return s;
  }

  private static List<String> messages(List<Error> errors) {
    if (errors.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(Math.min(errors.size(), MAX_ERRORS));
    for (Error e : errors) {
      if (out.size() == MAX_ERRORS) {
        out.add("… and " + (errors.size() - MAX_ERRORS) + " more");
        break;
      }
      out.add(e.toString());
    }
    return out;
  }
}
