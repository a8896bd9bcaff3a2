package dev.mcplambda.local.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The official MCP Java SDK client (and a 2026-07-28 client) against the local server as {@code
 * ./run-local.sh --register-examples} starts it: no authentication, every caller is the local
 * principal.
 */
class SdkClientIT extends ExampleCatalogEndToEnd {

  @Override
  List<String> serverArgs(Path dir) {
    return List.of();
  }

  @Override
  SigV4RequestCustomizer newSigner() {
    return null;
  }
}
