package dev.mcplambda.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
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
 */
public final class SchemaValidator {

  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
  private static final int MAX_ERRORS = 20;
  private static final int CACHE_SIZE = 2048;

  private final SchemaRegistry registry;
  private final Schema metaSchema;
  private final Map<String, Schema> compiled =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  public SchemaValidator() {
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                            .regularExpressionFactory(new BoundedRegexFactory())
                            .build()));
    this.metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));
  }

  /**
   * Problems that make {@code schema} unusable as a JSON Schema 2020-12 document; empty if valid.
   * Messages are prefixed with the JSON pointer of the offending place inside the schema.
   */
  public List<String> checkSchema(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return List.of("must be a JSON Schema object");
    }
    List<String> problems = new ArrayList<>(messages(metaSchema.validate(schema)));
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
      s = registry.getSchema(schema);
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
