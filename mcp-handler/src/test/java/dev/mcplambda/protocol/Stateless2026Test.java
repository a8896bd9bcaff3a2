package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one reader of the 2026-07-28 envelope: {@code _meta} and the standard headers. */
class Stateless2026Test {

  private static final String CAPS = "\"io.modelcontextprotocol/clientCapabilities\":{\"x\":{}}";

  private static JsonRpcRequest request(String method, String params) {
    return new JsonRpcRequest(Json.nodes().numberNode(1), method, Fixture.json(params));
  }

  private static Stateless2026.Reading read(JsonRpcRequest request, Map<String, String> headers) {
    return Stateless2026.read(request, headers, name -> Optional.empty());
  }

  @Test
  void aWellFormedEnvelopeIsReadIntoWhatTheCallContextCarries() {
    // given
    JsonRpcRequest rpc =
        request(
            "tools/call",
            "{\"name\":\"echo\",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                + "\"2026-07-28\","
                + CAPS
                + ",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\"},"
                + "\"io.modelcontextprotocol/logLevel\":\"warning\"}}");

    // when
    Stateless2026.Reading reading =
        read(
            rpc,
            Map.of(
                "mcp-protocol-version", " 2026-07-28 ",
                "mcp-method", "tools/call",
                "mcp-name", "echo"));

    // then
    assertThat(reading)
        .isInstanceOfSatisfying(
            Stateless2026.Envelope.class,
            e -> {
              assertThat(e.protocolVersion()).isEqualTo("2026-07-28");
              assertThat(e.clientCapabilities().has("x")).isTrue();
              assertThat(e.clientInfo().path("name").asText()).isEqualTo("c");
              assertThat(e.logLevel()).isEqualTo("warning");
            });
    CallContext context = CallContext.stateless((Stateless2026.Envelope) reading, "p", null);
    assertThat(context.era()).isEqualTo(Era.STATELESS);
    assertThat(context.protocolVersion()).isEqualTo("2026-07-28");
    assertThat(context.logLevel()).isEqualTo("warning");
  }

  @Test
  void headerChecksComeBeforeTheVersionIsJudged() {
    // given a version this server lacks, announced in both places but with a wrong Mcp-Method
    JsonRpcRequest rpc =
        request(
            "tools/list",
            "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1999-01-01\","
                + CAPS
                + "}}");

    // when
    Stateless2026.Reading wrongMethod =
        read(rpc, Map.of("mcp-protocol-version", "1999-01-01", "mcp-method", "tools/call"));
    Stateless2026.Reading rightMethod =
        read(rpc, Map.of("mcp-protocol-version", "1999-01-01", "mcp-method", "tools/list"));

    // then
    assertRefused(wrongMethod, ErrorCodes.HEADER_MISMATCH, "header_mismatch");
    assertRefused(rightMethod, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "unsupported_version");
  }

  @Test
  void aMissingVersionHeaderIsReportedBeforeAMalformedMeta() {
    // when
    Stateless2026.Reading reading = read(request("tools/list", "{}"), Map.of());

    // then
    assertRefused(reading, ErrorCodes.HEADER_MISMATCH, "header_mismatch");
  }

  @Test
  void mcpParamHeadersAreCheckedAgainstTheToolsSchema() {
    // given
    JsonNode schema =
        Fixture.json(
            "{\"type\":\"object\",\"properties\":{"
                + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"}}}");
    JsonRpcRequest rpc =
        request(
            "tools/call",
            "{\"name\":\"sql\",\"arguments\":{\"region\":\"eu\"},\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + CAPS
                + "}}");
    Map<String, String> headers =
        Map.of("mcp-protocol-version", "2026-07-28", "mcp-method", "tools/call", "mcp-name", "sql");

    // when
    Stateless2026.Reading reading =
        Stateless2026.read(
            rpc, headers, name -> Optional.of(schema).filter(s -> "sql".equals(name)));

    // then
    assertRefused(reading, ErrorCodes.HEADER_MISMATCH, "header_mismatch");
  }

  @Test
  void withoutHeadersOnlyTheMetaIsChecked() {
    // given
    JsonRpcRequest noMeta = request("tools/list", "{}");
    JsonRpcRequest badLevel =
        request(
            "tools/list",
            "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + CAPS
                + ",\"io.modelcontextprotocol/logLevel\":\"loud\"}}");

    // then
    assertRefused(
        Stateless2026.readWithoutHeaders(noMeta), ErrorCodes.INVALID_PARAMS, "invalid_meta");
    assertRefused(
        Stateless2026.readWithoutHeaders(badLevel), ErrorCodes.INVALID_PARAMS, "invalid_meta");
  }

  private static void assertRefused(Stateless2026.Reading reading, int code, String detail) {
    assertThat(reading)
        .isInstanceOfSatisfying(
            Stateless2026.Refused.class,
            r -> {
              assertThat(r.error().code()).isEqualTo(code);
              assertThat(r.detail()).isEqualTo(detail);
            });
  }
}
