package dev.culprit.ingest.dataset;

import dev.culprit.model.EntityRef;

/**
 * A labelled fault. truth = root-cause entity at the dataset's root-cause level; truthService = its
 * service (may equal truth.name()).
 */
public record FaultLabel(String id, long time, EntityRef truth, String truthService, String kind) {}
