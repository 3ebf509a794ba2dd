package dev.culprit.correlation.rank;

import dev.culprit.model.RootCause;
import java.util.List;

/** Ranks the probable root causes of an incident, most probable first. Pure; no Kafka. */
public interface RootCauseRanker {

  /** A short name for reports and configuration. */
  String name();

  /** The candidates, most probable first; empty when there is no evidence. */
  List<RootCause> rank(RankingInput input);
}
