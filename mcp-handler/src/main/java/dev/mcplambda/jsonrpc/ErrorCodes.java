package dev.mcplambda.jsonrpc;

/** JSON-RPC and MCP error codes. */
public final class ErrorCodes {

  private ErrorCodes() {}

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** 2025 revisions: resource not found (2026-07-28 uses {@link #INVALID_PARAMS} instead). */
  public static final int RESOURCE_NOT_FOUND_2025 = -32002;

  /** 2026-07-28: an HTTP header disagrees with the body. */
  public static final int HEADER_MISMATCH = -32020;

  /** 2026-07-28: the request needs a client capability the client did not declare. */
  public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

  /** 2026-07-28: the protocol version is not supported by this server. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
}
