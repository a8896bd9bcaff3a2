package dev.mcplambda.bench;

/** How a benchmark section ended: reported in results.json as {@code status} and a reason. */
public enum SectionStatus {
  /** Measured. */
  OK,
  /** A piece it needs is not on this branch yet (a class, a binary): nothing was measured. */
  NOT_AVAILABLE,
  /** It ran and broke: a real failure (smoke mode exits non-zero). */
  FAILED;

  public String label() {
    return switch (this) {
      case OK -> "ok";
      case NOT_AVAILABLE -> "not available";
      case FAILED -> "failed";
    };
  }
}
