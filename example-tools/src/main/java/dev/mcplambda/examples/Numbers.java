package dev.mcplambda.examples;

import java.util.Map;

/** Reads numeric arguments; a missing or non-numeric argument is the caller's error. */
final class Numbers {

  private Numbers() {}

  static double required(Map<String, Object> args, String name) {
    Object v = args.get(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("argument '" + name + "' must be a number");
  }

  /** A whole number as a long (so JSON shows {@code 5}, not {@code 5.0}), else the double. */
  static Number simplest(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return (long) value;
    }
    return value;
  }
}
