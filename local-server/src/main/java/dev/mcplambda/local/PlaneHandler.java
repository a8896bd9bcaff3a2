package dev.mcplambda.local;

import dev.mcplambda.runtime.StreamingHandler;

/** What serves a plane: a streaming handler (MCP) or a buffered one (admin). */
public sealed interface PlaneHandler {

  /** The MCP plane: the response is streamed as a chunked HTTP response. */
  record Streaming(StreamingHandler handler) implements PlaneHandler {}

  /** The admin plane: the response is buffered and sent with a length. */
  record Buffered(BufferedFunctionUrlHandler handler) implements PlaneHandler {}
}
