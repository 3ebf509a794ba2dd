package dev.culprit.ingest.nezha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny Nezha dataset on disk: two days, two pods, metrics, traces, logs and fault lists. */
final class MiniNezha {
  static final String A = "ts-a-service-111-aaa";
  static final String B = "ts-b-service-222-bbb";
  static final String METRIC_HEADER = "Time,TimeStamp,PodName,CpuUsage(m)\n";
  static final String TRACE_HEADER =
      "TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration\n";
  static final String LOG_HEADER =
      "Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,SpanID,Log\n";

  private MiniNezha() {}

  /** Writes the dataset into {@code root} and returns it. */
  static Path write(Path root) throws IOException {
    write(
        root,
        "rca_data/2023-01-29/2023-01-29-fault_list.json",
        """
        {"08": [
          {"inject_time": "2023-01-29 08:43:04", "inject_timestamp": "1674953044",
           "inject_pod": "%1$s", "inject_type": "return"},
          {"inject_time": "2023-01-29 08:43:04", "inject_timestamp": "0",
           "inject_pod": "%1$s", "inject_type": "exception"}],
         "09": [
          {"inject_time": "2023-01-29 09:00:00", "inject_timestamp": "1",
           "inject_pod": "%2$s", "inject_type": "cpu_contention"}]}
        """
            .formatted(A, B));
    write(
        root,
        "rca_data/2023-01-30/2023-01-30-fault_list.json",
        """
        {"10": [{"inject_time": "2023-01-30 10:00:00", "inject_pod": "%s",
                 "inject_type": "network_delay"}]}
        """
            .formatted(B));
    writeMetrics(root);
    writeTraces(root);
    writeLogs(root);
    return root;
  }

  private static void writeMetrics(Path root) throws IOException {
    write(
        root,
        "rca_data/2023-01-29/metric/" + A + "_metric.csv",
        METRIC_HEADER
            + "08:41,1674981660,%1$s,1.0\n08:42,1674981720,%1$s,2.0\n08:43,1674981780,%1$s,3.0\n"
                .formatted(A));
    write(
        root,
        "construct_data/2023-01-29/metric/" + A + "_metric.csv",
        METRIC_HEADER + "08:41,1674981660,%s,99.0\n".formatted(A));
    write(
        root,
        "construct_data/2023-01-29/metric/" + B + "_metric.csv",
        METRIC_HEADER + "08:41:30,1674981690,%s,5.0\n".formatted(B));
    write(
        root,
        "rca_data/2023-01-30/metric/" + B + "_metric.csv",
        METRIC_HEADER + "09:59,1675072740,%s,7.0\n".formatted(B));
  }

  private static void writeTraces(Path root) throws IOException {
    write(
        root,
        "construct_data/2023-01-29/trace/08_41_trace.csv",
        TRACE_HEADER
            + "t0,s0,root,%s,warmup,1674981650000000000,1674981650005000000,5\n".formatted(A));
    write(
        root,
        "rca_data/2023-01-29/trace/08_43_trace.csv",
        TRACE_HEADER
            + """
            t1,sB,sA,%2$s,callB,1674981750000000000,1674981750000100000,100
            t1,sA,root,%1$s,callA,1674981749500000000,1674981749500900000,900
            t2,sC,root,%1$s,late,1674981782000000000,1674981782000010000,10
            """
                .formatted(A, B));
    write(
        root,
        "rca_data/2023-01-29/trace/08_44_trace.csv",
        TRACE_HEADER
            + """
            t3,sD,root,%2$s,next,1674981810000000000,1674981810000010000,10
            t2,sC,root,%1$s,late,1674981782000000000,1674981782000010000,10
            """
                .formatted(A, B));
  }

  private static void writeLogs(Path root) throws IOException {
    write(
        root,
        "rca_data/2023-01-29/log/08_43_log.csv",
        LOG_HEADER
            + """
            2023-01-29T08:43:02Z,1674981782000000000,n1,%1$s,server,t2,sC,"{""log"":""INFO same ms\\n""}"
            2023-01-29T08:42:30.001Z,1674981750001000000,n2,%2$s,server,t1,sB,\
            "{""log"":""08:42:30.001 ERROR b failed, \\""x\\""\\n"",""stream"":""stdout""}"
            broken,row
            2023-01-29T08:42:29.600,-6795364578871345152,n1,%1$s,server,t1,sA,"{""log"":""INFO a""}"
            """
                .formatted(A, B));
  }

  private static void write(Path root, String name, String content) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
