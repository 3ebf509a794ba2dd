package dev.culprit.bench;

/**
 * One record for a raw topic, as a collector would write it.
 *
 * @param topic the raw topic
 * @param time event time (epoch millis), the record's timestamp
 * @param payload the bytes
 */
public record RawRecord(String topic, long time, byte[] payload) {}
