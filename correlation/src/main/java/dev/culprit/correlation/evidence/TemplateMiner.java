package dev.culprit.correlation.evidence;

import static dev.culprit.model.BinaryCodec.readString;
import static dev.culprit.model.BinaryCodec.writeString;

import dev.culprit.model.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Online log template mining for one entity, after Drain (He et al., ICWS 2017).
 *
 * <p>A line is masked ({@link LogTemplates#mask}), split into tokens and put in a bucket by
 * severity, token count and its first token (a token holding a digit or a mask counts as a wildcard
 * there, so values never split buckets). Within the bucket the line joins the template that agrees
 * with it in the most positions, if at least {@link #SIMILARITY} of them agree; the positions that
 * differ become {@code <*>}. Otherwise it starts a new template.
 *
 * <p>One departure from Drain: a line that names its source location ({@code
 * TravelServiceImpl#457}, {@code Foo.java:57}) is bucketed by severity and location alone and that
 * bucket holds one template. The location identifies the log statement, so two statements of one
 * class that print alike stay apart (Drain would merge them, and a statement that stops being
 * logged would go unnoticed), and one statement printing lists of varying length stays one.
 *
 * <p>A template's key is the severity and masked text of its first line, frozen when the template
 * is created, so baselines keyed by it stay put while the template generalises. At most {@link
 * #MAX_TEMPLATES} templates are kept; the least recently used goes first.
 */
final class TemplateMiner {
  static final double SIMILARITY = 0.5;
  static final int PREFIX_TOKENS = 1;
  static final int MAX_TEMPLATES = 300;
  static final int MAX_TOKENS = 64;
  static final int MAX_KEY_LENGTH = 160;
  private static final String WILDCARD = "<*>";

  private final Map<String, List<Template>> buckets = new HashMap<>();
  private final Set<String> keys = new HashSet<>();
  private long clock;

  /** One template: its frozen key and its current tokens. */
  static final class Template {
    final String key;
    final String bucket;
    String[] tokens;
    long lastUsed;

    Template(String key, String bucket, String[] tokens, long lastUsed) {
      this.key = key;
      this.bucket = bucket;
      this.tokens = tokens;
      this.lastUsed = lastUsed;
    }

    /** The template as text, generalised positions shown as {@code <*>}. */
    String text() {
      return String.join(" ", tokens);
    }
  }

  /** Number of templates held. */
  int size() {
    return keys.size();
  }

  /** Learns from one line and returns the key of its template. */
  String match(String severity, String body) {
    String sev = LogTemplates.normalSeverity(severity);
    LogTemplates.Masked masked = LogTemplates.mask(body == null ? "" : body);
    String[] tokens = tokens(masked.text());
    clock++;
    if (masked.location() != null) {
      String bucket = sev + "\u0001@" + masked.location();
      List<Template> list = buckets.get(bucket);
      if (list != null) {
        Template t = list.get(0);
        if (t.tokens.length == tokens.length) {
          merge(t, tokens);
        }
        t.lastUsed = clock;
        return t.key;
      }
      return add(bucket, sev, masked.text(), tokens).key;
    }
    String bucket = bucketOf(sev, tokens);
    List<Template> list = buckets.get(bucket);
    Template best = null;
    double bestSimilarity = -1;
    if (list != null) {
      for (Template t : list) {
        double s = similarity(t.tokens, tokens);
        if (s > bestSimilarity) {
          bestSimilarity = s;
          best = t;
        }
      }
    }
    if (best != null && bestSimilarity >= SIMILARITY) {
      merge(best, tokens);
      best.lastUsed = clock;
      return best.key;
    }
    return add(bucket, sev, masked.text(), tokens).key;
  }

  /** The current text of the template with this key, or null. */
  String text(String key) {
    for (List<Template> list : buckets.values()) {
      for (Template t : list) {
        if (t.key.equals(key)) {
          return t.text();
        }
      }
    }
    return null;
  }

  private Template add(String bucket, String severity, String text, String[] tokens) {
    if (keys.size() >= MAX_TEMPLATES) {
      evictLeastRecentlyUsed();
    }
    String key = severity + " " + text;
    if (key.length() > MAX_KEY_LENGTH) {
      key = key.substring(0, MAX_KEY_LENGTH);
    }
    String unique = key;
    for (int i = 2; keys.contains(unique); i++) {
      unique = key + " #" + i;
    }
    Template t = new Template(unique, bucket, tokens, clock);
    buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(t);
    keys.add(unique);
    return t;
  }

  private void evictLeastRecentlyUsed() {
    Template oldest = null;
    for (List<Template> list : buckets.values()) {
      for (Template t : list) {
        if (oldest == null || t.lastUsed < oldest.lastUsed) {
          oldest = t;
        }
      }
    }
    if (oldest == null) {
      return;
    }
    List<Template> list = buckets.get(oldest.bucket);
    list.remove(oldest);
    if (list.isEmpty()) {
      buckets.remove(oldest.bucket);
    }
    keys.remove(oldest.key);
  }

  private static String[] tokens(String text) {
    String[] all = text.isEmpty() ? new String[0] : text.split(" ");
    return all.length > MAX_TOKENS ? Arrays.copyOf(all, MAX_TOKENS) : all;
  }

  private static String bucketOf(String severity, String[] tokens) {
    StringBuilder b = new StringBuilder(severity).append('\u0001').append(tokens.length);
    for (int i = 0; i < Math.min(PREFIX_TOKENS, tokens.length); i++) {
      b.append('\u0001').append(isVariable(tokens[i]) ? WILDCARD : tokens[i]);
    }
    return b.toString();
  }

  private static boolean isVariable(String token) {
    if (token.contains("<")) {
      return true;
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Share of positions where the template holds the line's token (wildcards do not count). */
  static double similarity(String[] template, String[] tokens) {
    if (template.length != tokens.length) {
      return 0;
    }
    if (tokens.length == 0) {
      return 1;
    }
    int same = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (template[i].equals(tokens[i]) && !template[i].equals(WILDCARD)) {
        same++;
      }
    }
    return (double) same / tokens.length;
  }

  private static void merge(Template t, String[] tokens) {
    for (int i = 0; i < tokens.length; i++) {
      if (!t.tokens[i].equals(tokens[i])) {
        t.tokens[i] = WILDCARD;
      }
    }
  }

  static BinaryCodec<TemplateMiner> serde() {
    return new BinaryCodec<>(1, TemplateMiner::write, TemplateMiner::read);
  }

  private static void write(DataOutputStream out, TemplateMiner m) throws IOException {
    out.writeLong(m.clock);
    out.writeInt(m.keys.size());
    for (List<Template> list : m.buckets.values()) {
      for (Template t : list) {
        writeString(out, t.bucket);
        writeString(out, t.key);
        out.writeLong(t.lastUsed);
        out.writeShort(t.tokens.length);
        for (String token : t.tokens) {
          writeString(out, token);
        }
      }
    }
  }

  private static TemplateMiner read(DataInputStream in) throws IOException {
    TemplateMiner m = new TemplateMiner();
    m.clock = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String bucket = readString(in);
      String key = readString(in);
      long lastUsed = in.readLong();
      String[] tokens = new String[in.readShort()];
      for (int j = 0; j < tokens.length; j++) {
        tokens[j] = readString(in);
      }
      m.buckets
          .computeIfAbsent(bucket, b -> new ArrayList<>())
          .add(new Template(key, bucket, tokens, lastUsed));
      m.keys.add(key);
    }
    return m;
  }
}
