package dev.culprit.correlation.suppress;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Evidence, stores and models shared by the suppression tests. */
final class Fixtures {
  static final long MINUTE = 60_000;

  /** A minute boundary (2023-03-28T10:40:00Z). */
  static final long T0 = 28_000_000 * MINUTE;

  static final String CPU = "CpuUsageRate(%)";
  static final String ERROR_LOG = "ERROR payment failed <*>";

  private Fixtures() {}

  /** Group 1, noise: weak CPU anomalies of instances, recurring, alone. */
  static NoiseModelTrainer.Sample noisy(Random r) {
    long time = T0 + r.nextInt(24 * 60) * MINUTE;
    Evidence e =
        metric("cart", "cart-" + r.nextInt(5), CPU, 3 + r.nextDouble(), time - MINUTE, time);
    var context =
        new FeatureHistory.Context(
            false, 1 + r.nextInt(2), 20 + r.nextInt(20), 1 + r.nextInt(2), 0);
    return sample(e, context, true);
  }

  /** Group 2, not noise: strong new error logs of services, with many entities in trouble. */
  static NoiseModelTrainer.Sample real(Random r) {
    long time = T0 + r.nextInt(24 * 60) * MINUTE;
    Evidence e = log("payment", ERROR_LOG, 20 + 20 * r.nextDouble(), time, time);
    var context = new FeatureHistory.Context(false, 1, r.nextInt(3), 5 + r.nextInt(4), 0);
    return sample(e, context, false);
  }

  static NoiseModelTrainer.Sample sample(
      Evidence e, FeatureHistory.Context context, boolean noise) {
    return new NoiseModelTrainer.Sample(
        AlertFeatures.of(e, context), noise, e.family(), e.entity().kind().label());
  }

  /** {@code each} noisy samples followed by {@code each} real ones. */
  static List<NoiseModelTrainer.Sample> twoGroups(int each, long seed) {
    Random r = new Random(seed);
    List<NoiseModelTrainer.Sample> samples = new ArrayList<>();
    for (int i = 0; i < each; i++) {
      samples.add(noisy(r));
    }
    for (int i = 0; i < each; i++) {
      samples.add(real(r));
    }
    return samples;
  }

  /** Metric evidence about instance {@code instance} of service {@code service}. */
  static Evidence metric(
      String service, String instance, String feature, double score, long onset, long time) {
    return new Evidence(
        new Resource(service, instance, null),
        SignalType.METRIC,
        EvidenceFamily.legacy(SignalType.METRIC, feature),
        feature,
        score,
        1,
        0,
        Evidence.Direction.UP,
        onset,
        time,
        feature);
  }

  /** Log evidence about service {@code service}. */
  static Evidence log(String service, String feature, double score, long onset, long time) {
    return new Evidence(
        Resource.ofService(service),
        SignalType.LOG,
        EvidenceFamily.legacy(SignalType.LOG, feature),
        feature,
        score,
        1,
        0,
        Evidence.Direction.UP,
        onset,
        time,
        feature);
  }

  /**
   * A model that scales every feature to 0, so that every item lies on the centre of its one
   * cluster.
   */
  static NoiseModel everythingInOneCluster(String version, int id, int support, int noise) {
    int n = AlertFeatures.names().size();
    return new NoiseModel(
        NoiseModel.FORMAT,
        version,
        T0,
        "test",
        "fixtures",
        AlertFeatures.names(),
        new double[n],
        new double[n],
        List.of(new NoiseModel.Cluster(id, new double[n], 0.5, support, noise, "test items")),
        support,
        0);
  }
}
