package dev.culprit.sim;

import java.util.random.RandomGenerator;

/**
 * How long a message takes from one pod to another: the base latency, the sender's egress delay
 * (netem) with 10% jitter, and TCP retransmissions when either end loses packets, each waiting a
 * retransmission timeout that doubles from {@link #RTO_MS}.
 */
final class Network {
  static final double BASE_MS = 0.4;
  static final double RTO_MS = 200;
  private static final int MAX_RETRANSMISSIONS = 6;

  private Network() {}

  /**
   * One message.
   *
   * @param micros its transit time, retransmissions included
   * @param retransmitMicros the part of it spent waiting on retransmission timeouts
   */
  record Leg(long micros, long retransmitMicros) {}

  static Leg leg(RandomGenerator rng, FaultEffects.PodState from, FaultEffects.PodState to) {
    double ms = BASE_MS / 2;
    if (from.egressDelayMs() > 0) {
      ms += Rand.jitter(rng, from.egressDelayMs(), 0.1);
    }
    double p = Math.max(from.lossProbability(), to.lossProbability());
    int k = 0;
    while (p > 0 && k < MAX_RETRANSMISSIONS && rng.nextDouble() < p) {
      k++;
    }
    double retransmit = RTO_MS * ((1L << k) - 1);
    return new Leg(micros(ms + retransmit), Math.round(retransmit * 1000));
  }

  /** Expected retransmission wait of one message with loss probability {@code p}. */
  static double expectedRetransmitMs(double p) {
    double sum = 0;
    double pk = 1;
    for (int k = 0; k <= MAX_RETRANSMISSIONS; k++) {
      double stop = k == MAX_RETRANSMISSIONS ? 1 : 1 - p;
      sum += pk * stop * RTO_MS * ((1L << k) - 1);
      pk *= p;
    }
    return sum;
  }

  static long micros(double millis) {
    return Math.max(1, Math.round(millis * 1000));
  }
}
