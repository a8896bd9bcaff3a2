package dev.mcplambda.registration;

import dev.mcplambda.http.ClientText;

/**
 * An {@code If-Match} request header: absent, {@code *} or one strong ETag {@code "N"} naming an
 * entry version. Weak ETags ({@code W/"N"}) and lists are refused with 400: entry versions are
 * strong validators and one write needs one expected version.
 */
public sealed interface Precondition {

  /** No {@code If-Match}: the write applies to whatever is stored. */
  record None() implements Precondition {}

  /** {@code If-Match: *}: the entry must exist (it must anyway for PUT and DELETE). */
  record AnyVersion() implements Precondition {}

  /** {@code If-Match: "N"}: the stored version must be N. */
  record Version(long version) implements Precondition {}

  /** The version the store should expect, or {@code null} for none. */
  default Long expectedVersion() {
    return this instanceof Version v ? v.version() : null;
  }

  /**
   * Parses an {@code If-Match} value.
   *
   * @throws IllegalArgumentException with a client-facing message if it is not {@code *} or one
   *     {@code "N"}
   */
  static Precondition parse(String header) {
    if (header == null) {
      return new None();
    }
    String v = header.strip();
    if (v.equals("*")) {
      return new AnyVersion();
    }
    if (v.startsWith("W/")) {
      throw new IllegalArgumentException(
          "weak ETags cannot be used with If-Match; send the entry's ETag, e.g. \"3\"");
    }
    if (v.length() >= 3
        && v.length() <= 21
        && v.charAt(0) == '"'
        && v.charAt(v.length() - 1) == '"') {
      String digits = v.substring(1, v.length() - 1);
      if (digits.chars().allMatch(c -> c >= '0' && c <= '9') && digits.length() <= 18) {
        long n = Long.parseLong(digits);
        if (n >= 1) {
          return new Version(n);
        }
      }
    }
    throw new IllegalArgumentException(
        "must be * or one entry ETag in double quotes, e.g. \"3\"; got '"
            + ClientText.quote(v, 40)
            + "'");
  }
}
