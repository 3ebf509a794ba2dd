package dev.culprit.ingest.nezha;

import dev.culprit.ingest.KubernetesNames;
import dev.culprit.ingest.dataset.CsvHeader;
import dev.culprit.ingest.dataset.RowFormat;
import dev.culprit.ingest.dataset.RowMapper;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rows of {@code <pod>_metric.csv} (keyed by {@code PodName}) and {@code front_service.csv} (keyed
 * by {@code ServiceName}): one {@link MetricSample} per numeric column, named by the column header,
 * at {@code TimeStamp} (epoch seconds). Empty and NaN values yield no sample.
 */
final class MetricFormat implements RowFormat {
  private static final Set<String> NOT_METRICS =
      Set.of("Time", "TimeStamp", "PodName", "ServiceName");

  @Override
  public RowMapper bind(CsvHeader header) {
    int time = header.require("TimeStamp");
    int pod = header.index("PodName");
    int service = header.index("ServiceName");
    if (pod < 0 && service < 0) {
      throw new IllegalArgumentException(
          "Missing column PodName or ServiceName in header " + header.names());
    }
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!NOT_METRICS.contains(header.names().get(i))) {
        columns.add(i);
      }
    }
    return new Bound(time, pod, service, columns, header.names());
  }

  private record Bound(int time, int pod, int service, List<Integer> columns, List<String> names)
      implements RowMapper {

    @Override
    public List<Signal> map(List<String> row) {
      long millis = Numbers.secondsToMillis(row.get(time));
      Resource resource = resource(row);
      List<Signal> samples = new ArrayList<>(columns.size());
      for (int i : columns) {
        String text = row.get(i);
        if (text.isEmpty()) {
          continue;
        }
        double value = Double.parseDouble(text);
        if (Double.isFinite(value)) {
          samples.add(new MetricSample(resource, millis, names.get(i), value, null));
        }
      }
      return samples;
    }

    private Resource resource(List<String> row) {
      if (pod >= 0) {
        String name = row.get(pod);
        return new Resource(KubernetesNames.serviceOfPod(name), name, null);
      }
      return Resource.ofService(row.get(service));
    }
  }
}
