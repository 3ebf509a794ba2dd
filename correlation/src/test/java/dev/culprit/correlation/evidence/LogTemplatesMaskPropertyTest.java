package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link LogTemplates#mask} against the plain form it was sped up from (every pattern run on every
 * line, no cache), on lines built from the characters and pieces the patterns look for.
 */
class LogTemplatesMaskPropertyTest {
  private static final Pattern LOCATION =
      Pattern.compile(
          "\\b[A-Za-z_$][\\w$.]*#\\d+\\b"
              + "|\\b[\\w$.-]+\\.(?:java|kt|scala|groovy|py|go|rb|js|ts|cs|cpp|cc|c|rs|php):\\d+\\b");
  private static final Pattern LEADING_TIME =
      Pattern.compile("^\\s*\\[?\\d{1,4}[-:/.]\\d{1,2}[-:/.]\\d{1,4}[ T]?[\\d:.,]*\\]?\\s*");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern HEX = Pattern.compile("\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
  private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])[-+]?\\d+([.,]\\d+)*");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static final String[] PIECES = {
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "-",
    ".",
    ",",
    ":",
    "#",
    "'",
    "\"",
    "[",
    "]",
    "<",
    ">",
    "_",
    "$",
    "/",
    "+",
    "=",
    "0",
    "7",
    "42",
    "3.14",
    "1,5",
    "a",
    "F",
    "e9",
    "g",
    "x",
    "é",
    "Foo",
    "Foo.java:57",
    "TravelServiceImpl#457",
    "main.go:12",
    "10.0.0.1",
    "10.0.0.1:8080",
    "5b8efff798038103",
    "deadbeef",
    "0123456789abcdef0123456789abcdef",
    "123e4567-e89b-12d3-a456-426614174000",
    "2023-01-29 08:43:04,123",
    "[2023-01-29T08:43:04]",
    "'quoted 12'",
    "\"id=7\"",
    "ERROR",
    "user42",
    "v1.2.3"
  };

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.of(PIECES).list().ofMaxSize(24).map(p -> String.join("", p));
  }

  @Property(tries = 3000)
  void masksEveryLineAsThePlainFormDoes(@ForAll("lines") String line) {
    assertThat(LogTemplates.mask(line)).isEqualTo(plain(line));
  }

  @Test
  void aLineMaskedAgainRightAfterGivesTheSameResultAndAnotherLineItsOwn() {
    String a = "GET /cart/42 took 17 ms at TravelServiceImpl#457";
    String b = "user 'bob' from 10.0.0.1";

    assertThat(LogTemplates.mask(a)).isEqualTo(plain(a));
    assertThat(LogTemplates.mask(a)).isEqualTo(plain(a));
    assertThat(LogTemplates.mask(b)).isEqualTo(plain(b));
    assertThat(LogTemplates.mask(b).text()).isEqualTo("user <*> from <ip>");
  }

  private static LogTemplates.Masked plain(String body) {
    String t = LEADING_TIME.matcher(body).replaceFirst("");
    Matcher loc = LOCATION.matcher(t);
    List<String> locations = new ArrayList<>();
    StringBuilder kept = new StringBuilder();
    while (loc.find()) {
      loc.appendReplacement(kept, placeholder(locations.size()));
      locations.add(loc.group());
    }
    loc.appendTail(kept);
    t = UUID.matcher(kept.toString()).replaceAll("<*>");
    t = IP.matcher(t).replaceAll("<ip>");
    t = HEX.matcher(t).replaceAll("<*>");
    t = QUOTED.matcher(t).replaceAll("<*>");
    t = NUMBER.matcher(t).replaceAll("<n>");
    t = SPACES.matcher(t).replaceAll(" ").trim();
    for (int i = 0; i < locations.size(); i++) {
      t = t.replace(placeholder(i), locations.get(i));
    }
    return new LogTemplates.Masked(t, locations.isEmpty() ? null : locations.get(0));
  }

  private static String placeholder(int i) {
    StringBuilder b = new StringBuilder("\u0000");
    do {
      b.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return b.append('\u0000').toString();
  }
}
