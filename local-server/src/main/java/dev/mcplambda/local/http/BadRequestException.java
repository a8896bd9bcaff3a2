package dev.mcplambda.local.http;

import java.io.IOException;

/** A request the server refuses before any handler sees it: the 4xx/5xx status to answer. */
final class BadRequestException extends IOException {

  private final int status;

  BadRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
