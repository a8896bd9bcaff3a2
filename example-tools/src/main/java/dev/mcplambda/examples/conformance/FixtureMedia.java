package dev.mcplambda.examples.conformance;

/** Tiny media payloads for the conformance fixtures, base64-encoded. */
public final class FixtureMedia {

  /** A 1x1 red PNG. */
  public static final String RED_PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

  /** A WAV file: 8 kHz, 8-bit mono, eight samples of silence. */
  public static final String SILENT_WAV =
      "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==";

  private FixtureMedia() {}
}
