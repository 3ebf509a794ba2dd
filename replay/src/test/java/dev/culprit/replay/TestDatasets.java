package dev.culprit.replay;

import java.nio.file.Path;

/**
 * Where tests find {@code ../shared/datasets}: {@code -Dculprit.datasets}, else beside the repo.
 */
public final class TestDatasets {
  private TestDatasets() {}

  public static Path dir() {
    String configured = System.getProperty("culprit.datasets");
    return (configured != null ? Path.of(configured) : Path.of("../../shared/datasets"))
        .toAbsolutePath()
        .normalize();
  }
}
