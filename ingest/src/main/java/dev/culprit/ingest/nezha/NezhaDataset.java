package dev.culprit.ingest.nezha;

import dev.culprit.ingest.dataset.Archives;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.MergedSignalSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Nezha TrainTicket dataset (Yu et al., FSE 2023): per-pod metrics, per-minute traces and logs
 * around 28-odd injected faults a day, and the fault list as labels.
 *
 * <p>Layout: {@code rca_data/<day>/<day>-fault_list.json} and {@code
 * rca_data/<day>/{metric,trace,log}/}, plus the optional {@code construct_data/<day>/} (a
 * fault-free minute of traces and logs, metrics copied from {@code rca_data}). Every day under
 * {@code rca_data} is used. Signals: one {@code MetricSample} per numeric metric column and row,
 * one {@code Span} per trace row and one {@code LogEvent} per log row, with resources {@code
 * (service of pod, pod, node)}. Replays merge all files in event time, dropping rows duplicated
 * across the overlapping per-minute files.
 */
public final class NezhaDataset implements Dataset {
  private final Path root;
  private final List<String> days;
  private final List<FaultLabel> faults;
  private final boolean referenceOnly;

  private NezhaDataset(
      Path root, List<String> days, List<FaultLabel> faults, boolean referenceOnly) {
    this.root = root;
    this.days = days;
    this.faults = faults;
    this.referenceOnly = referenceOnly;
  }

  /**
   * The same dataset reduced to its {@code construct_data}: what a model of normal behaviour may be
   * learned from. Its labels are those of {@code rca_data}, for keeping fault minutes out of what
   * is learned (its metric files are copies of {@code rca_data}'s, faults included).
   */
  public NezhaDataset referenceOnly() {
    return new NezhaDataset(root, days, faults, true);
  }

  /**
   * Opens the dataset in {@code path}: a directory holding {@code rca_data/} (directly or in its
   * single top directory), or a {@code .tar.gz} of one, which is extracted into a temporary
   * directory deleted when the JVM exits.
   *
   * @throws IllegalArgumentException naming what is missing when the layout is wrong
   */
  public static NezhaDataset open(Path path) throws IOException {
    return open(path, ZoneOffset.UTC);
  }

  /**
   * Opens the dataset in {@code path} like {@link #open(Path)}, reading the fault lists' {@code
   * inject_time} in {@code labelZone} (UTC for the published days).
   */
  public static NezhaDataset open(Path path, ZoneId labelZone) throws IOException {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("No Nezha dataset at " + path + ": no such file");
    }
    Path dir = isArchive(path) ? Archives.extractTarGzToTemp(path) : path;
    Path root = NezhaLayout.findRoot(dir);
    List<String> days = NezhaLayout.days(root);
    return new NezhaDataset(root, days, NezhaFaults.read(root, days, labelZone), false);
  }

  private static boolean isArchive(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path) && (name.endsWith(".tar.gz") || name.endsWith(".tgz"));
  }

  /** The name of the dataset's directory. */
  @Override
  public String name() {
    return root.getFileName().toString() + (referenceOnly ? " (construct_data)" : "");
  }

  /** The days read, {@code yyyy-MM-dd}, in order. */
  public List<String> days() {
    return days;
  }

  @Override
  public List<FaultLabel> faults() {
    return faults;
  }

  @Override
  public MergedSignalSource open() throws IOException {
    return new MergedSignalSource(
        referenceOnly ? NezhaParts.reference(root, days) : NezhaParts.of(root, days));
  }
}
