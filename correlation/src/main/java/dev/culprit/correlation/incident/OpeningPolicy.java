package dev.culprit.correlation.incident;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What must agree before an incident opens, beyond the opening level: the candidate that reaches
 * the level must have at least {@code minItems} items of evidence in the window, from at least
 * {@code minFamilies} evidence families ({@link EvidenceFamily}: what each detector measures).
 * Teams that page on incidents ask for this (one alert is never enough; two kinds of trouble at one
 * service are). Both default to 1: the level alone decides. Sustaining an open incident and ranking
 * are not affected.
 *
 * @param minItems evidence items the candidate needs in the window (at least 1)
 * @param minFamilies distinct evidence families among them (at least 1)
 */
public record OpeningPolicy(int minItems, int minFamilies) {

  public OpeningPolicy {
    if (minItems < 1 || minFamilies < 1) {
      throw new IllegalArgumentException(
          "Invalid opening policy: at least 1 item and 1 family, got "
              + minItems
              + " and "
              + minFamilies);
    }
  }

  /** The level alone decides. */
  public static OpeningPolicy levelOnly() {
    return new OpeningPolicy(1, 1);
  }

  /** Whether {@code evidence}, one candidate's in the window, may open an incident. */
  public boolean admits(List<Evidence> evidence) {
    if (evidence.size() < minItems) {
      return false;
    }
    Set<EvidenceFamily> families = EnumSet.noneOf(EvidenceFamily.class);
    for (Evidence e : evidence) {
      families.add(e.family());
    }
    return families.size() >= minFamilies;
  }

  /** A short description, for reports and logs. */
  public String describe() {
    return minItems == 1 && minFamilies == 1
        ? "level only"
        : "at least " + minItems + " items from " + minFamilies + " evidence families";
  }
}
