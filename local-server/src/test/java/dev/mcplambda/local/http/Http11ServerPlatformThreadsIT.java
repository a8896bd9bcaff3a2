package dev.mcplambda.local.http;

import java.util.concurrent.ThreadFactory;

/**
 * Every {@link Http11ServerIT} case on platform threads: what the server runs on before JDK 24,
 * while CI's JDK gives it virtual threads.
 */
class Http11ServerPlatformThreadsIT extends Http11ServerIT {

  @Override
  ThreadFactory connectionThreads() {
    return Http11Server.connectionThreads("test", 21);
  }
}
