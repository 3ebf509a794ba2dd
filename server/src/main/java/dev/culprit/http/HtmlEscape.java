package dev.culprit.http;

/** HTML text escaping for every page the server sends (feedback answers and the web view). */
public final class HtmlEscape {
  private HtmlEscape() {}

  /** {@code s} with the five HTML-special characters replaced by references; null is empty. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
