package dev.mcplambda.local.auth;

import dev.mcplambda.local.CallerIdentity;
import dev.mcplambda.local.ReceivedRequest;

/** {@code --auth none}: every request comes from {@link CallerIdentity#LOCAL}. */
public final class LocalPrincipalAuthenticator implements CallerAuthenticator {

  @Override
  public AuthOutcome authenticate(ReceivedRequest request) {
    return new AuthOutcome.Authenticated(CallerIdentity.LOCAL);
  }
}
