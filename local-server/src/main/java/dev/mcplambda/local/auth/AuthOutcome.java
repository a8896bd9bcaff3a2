package dev.mcplambda.local.auth;

import dev.mcplambda.local.CallerIdentity;

/** The result of authenticating a request. */
public sealed interface AuthOutcome {

  /** The request is from this caller. */
  record Authenticated(CallerIdentity caller) implements AuthOutcome {}

  /** The request is refused (403) with a message for the caller. */
  record Rejected(String message) implements AuthOutcome {}
}
