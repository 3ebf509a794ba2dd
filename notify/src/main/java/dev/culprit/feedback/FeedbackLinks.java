package dev.culprit.feedback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring feedback links. A chat message carries {@code exp} (epoch seconds) and {@code
 * sig} (HMAC-SHA256 over the incident id and {@code exp}, base64url) in its feedback links; the
 * feedback page posts them back, and a verdict is recorded only with a valid, unexpired pair or the
 * bearer token. A link grants feedback on its incident, so the page may still correct the entity.
 * The key is {@code --feedback-secret}, else derived from the bearer token (so that a server with a
 * token signs its links with no more setup); without either, links are unsigned and the server
 * takes feedback from anyone who reaches it.
 */
public final class FeedbackLinks {
  /** How long a link is valid by default. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private static final String ALGORITHM = "HmacSHA256";
  private static final FeedbackLinks UNSIGNED = new FeedbackLinks(null, DEFAULT_TTL, null);

  private final byte[] key;
  private final Duration ttl;
  private final Clock clock;

  private FeedbackLinks(byte[] key, Duration ttl, Clock clock) {
    this.key = key;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Links without a signature. */
  public static FeedbackLinks unsigned() {
    return UNSIGNED;
  }

  /** Links signed with {@code secret}, valid for {@code ttl} after the message was made. */
  public static FeedbackLinks signed(String secret, Duration ttl, Clock clock) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("Invalid feedback secret: empty");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("Invalid link lifetime: " + ttl);
    }
    return new FeedbackLinks(
        secret.getBytes(StandardCharsets.UTF_8), ttl, Objects.requireNonNull(clock, "clock"));
  }

  /** Links signed with a key derived from the bearer token (the token itself never appears). */
  public static FeedbackLinks fromToken(String token, Duration ttl, Clock clock) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("culprit feedback links\n" + token).getBytes(StandardCharsets.UTF_8));
      return signed(Base64.getEncoder().encodeToString(digest), ttl, clock);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether links carry a signature (and the server asks for one). */
  public boolean signs() {
    return key != null;
  }

  /**
   * The query parameters proving a link to {@code incident} ({@code exp=...&sig=...}), or null when
   * links are unsigned.
   */
  public String proof(String incident) {
    if (key == null) {
      return null;
    }
    long exp = clock.instant().plus(ttl).getEpochSecond();
    return "exp=" + exp + "&sig=" + mac(incident, exp);
  }

  /**
   * What a link's {@code exp} and {@code sig} (either may be null) prove about {@code incident}.
   */
  public Check check(String incident, String exp, String sig) {
    if (key == null) {
      return Check.VALID;
    }
    if (incident == null || exp == null || sig == null) {
      return Check.MISSING;
    }
    long expires;
    try {
      expires = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return Check.FORGED;
    }
    byte[] expected = mac(incident, expires).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
      return Check.FORGED;
    }
    return clock.instant().getEpochSecond() > expires ? Check.EXPIRED : Check.VALID;
  }

  private String mac(String incident, long exp) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      byte[] sig = mac.doFinal((incident + "\n" + exp).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  /** The outcome of checking a link. */
  public enum Check {
    /** Signed for this incident and not expired, or links are unsigned. */
    VALID,
    /** No signature, where one is asked for. */
    MISSING,
    /** A signature that is not the server's for this incident and time. */
    FORGED,
    /** The server's signature, past its time. */
    EXPIRED
  }
}
