package dev.mcplambda.local.auth;

import dev.mcplambda.local.ReceivedRequest;

/** Decides who made a request, or refuses it. */
public interface CallerAuthenticator {

  AuthOutcome authenticate(ReceivedRequest request);
}
