package dev.mcplambda.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson {@link ObjectMapper} of the project. Wire records are serialised with absent
 * values left out and unknown fields ignored (records are append-only).
 *
 * <p>Cold start: the mapper is built on first {@link #mapper()} call, not when this class loads.
 * Building it loads some 500 databind classes (and the JDK's locale data for its date format);
 * reading and writing JSON trees ({@link #readTree}, {@link #write} of a {@link JsonNode} or a
 * {@link JsonWritable}) and the streaming {@link #factory()} need none of them, so a request that
 * only moves trees — {@code tools/list} — never builds it. Same limits, same output.
 */
public final class Json {

  /** Deeply nested or huge documents are refused by the parser, not by the heap. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(200)
          .maxStringLength(8 * 1024 * 1024)
          .maxNumberLength(1000)
          .build();

  /** Streaming only (jackson-core): parsers and generators without the mapper. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().streamReadConstraints(LIMITS).build();

  /** The mapper, built when first asked for (holder idiom: once, thread-safe). */
  private static final class Mapper {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    static {
      MAPPER.getFactory().setStreamReadConstraints(LIMITS);
    }

    private Mapper() {}
  }

  private Json() {}

  /** The shared mapper. Never reconfigure it. */
  public static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  /**
   * The streaming factory: parsers and generators with the mapper's limits but no codec ({@code
   * readValueAs}/{@code writeObject} need {@link #mapper()}'s factory).
   */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** The mapper's node factory ({@link JsonNodeFactory#instance}), without building the mapper. */
  public static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Serialises a value to a JSON string; a failure here is a programming error. Trees and {@link
   * JsonWritable}s are written by the streaming generator (as the mapper writes them), anything
   * else by the mapper.
   */
  public static String write(Object value) {
    try {
      if (value instanceof JsonNode || value instanceof JsonWritable) {
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
          try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (value instanceof JsonNode node) {
              JsonTrees.write(g, node);
            } else {
              ((JsonWritable) value).writeJson(g);
            }
          }
          return out.getAndClear();
        } finally {
          recycler.releaseToPool();
        }
      }
      return mapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a JSON string into a tree; throws {@link JsonProcessingException} on bad input. Same
   * tree as the mapper's {@code readTree} (a {@code MissingNode} for no content, trailing tokens
   * refused).
   */
  public static JsonNode readTree(String json) throws JsonProcessingException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return JsonTrees.read(p);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #readTree(String)} of UTF-8 (or UTF-16/32, detected) bytes. */
  public static JsonNode readTree(byte[] json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return JsonTrees.read(p);
    }
  }
}
