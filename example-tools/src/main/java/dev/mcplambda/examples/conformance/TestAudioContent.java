package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance tool {@code test_audio_content} (scenario tools-call-audio). */
public final class TestAudioContent
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.toolResult(McpResults.audio(FixtureMedia.SILENT_WAV, "audio/wav"));
  }
}
