package dev.culprit.correlation.evidence;

/** Sortable store-key parts, built without {@link String#format} on the per-record path. */
final class StoreKeys {
  private StoreKeys() {}

  /** {@code value} in decimal, zero-padded to {@code width}: as {@code %0<width>d} formats it. */
  static String zeroPadded(long value, int width) {
    String digits = Long.toString(value);
    boolean negative = value < 0;
    int length = digits.length();
    if (length >= width) {
      return digits;
    }
    StringBuilder b = new StringBuilder(width);
    if (negative) {
      b.append('-');
    }
    b.repeat('0', width - length);
    return b.append(digits, negative ? 1 : 0, length).toString();
  }
}
