package dev.culprit.model;

import java.util.Objects;

/**
 * A request to rank root causes for a known moment: the triggered evaluation protocol, and "why is
 * this broken now?" questions from users.
 *
 * @param id the caller's id, echoed in the resulting incident's {@code trigger}
 * @param at the moment the problem started (epoch millis)
 * @param scope the scope to rank in
 */
public record Trigger(String id, long at, String scope) {
  public Trigger {
    Objects.requireNonNull(id, "id");
    scope = scope == null ? Scopes.DEFAULT : scope;
  }
}
