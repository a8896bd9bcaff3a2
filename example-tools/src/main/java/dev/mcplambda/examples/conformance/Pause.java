package dev.mcplambda.examples.conformance;

/** Sleeps like a slow tool would; an interrupt (the host's timeout) ends the pause early. */
final class Pause {

  private Pause() {}

  static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
