package dev.culprit.model;

/** Incident scopes. */
public final class Scopes {
  /** The scope used when signals name none. */
  public static final String DEFAULT = "default";

  private Scopes() {}
}
