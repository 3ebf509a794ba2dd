package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import org.junit.jupiter.api.Test;

/** Records written before the family was a field read as the detectors of that time meant. */
class EvidenceFamilyTest {
  /** The family Culprit gives a record that an earlier version wrote without one. */
  private static EvidenceFamily family(SignalType signal, String feature) {
    return new Evidence(
            Resource.ofService("cart"),
            signal,
            null,
            feature,
            5,
            1,
            0,
            Evidence.Direction.UP,
            0,
            60_000,
            feature)
        .family();
  }

  @Test
  void metricsAreSortedByWhatTheirNameSaysTheyMeasure() {
    assertThat(family(SignalType.METRIC, "PodServerLatencyP99(s)"))
        .isEqualTo(EvidenceFamily.METRIC_LATENCY);
    assertThat(family(SignalType.METRIC, "http_request_duration_seconds"))
        .isEqualTo(EvidenceFamily.METRIC_LATENCY);
    assertThat(family(SignalType.METRIC, "PodSuccessRate(%)"))
        .isEqualTo(EvidenceFamily.METRIC_ERRORS);
    assertThat(family(SignalType.METRIC, "grpc_errors_total"))
        .isEqualTo(EvidenceFamily.METRIC_ERRORS);
    assertThat(family(SignalType.METRIC, "CpuUsageRate(%)"))
        .isEqualTo(EvidenceFamily.METRIC_RESOURCE);
    assertThat(family(SignalType.METRIC, "NetworkTransmitBytes"))
        .isEqualTo(EvidenceFamily.METRIC_RESOURCE);
  }

  @Test
  void traceLatenciesAreToldFromTraceErrorsByTheFeatureNotTheOperationName() {
    assertThat(family(SignalType.TRACE, Features.LATENCY_PREFIX + "BasicErrorController.error"))
        .isEqualTo(EvidenceFamily.TRACE_LATENCY);
    assertThat(family(SignalType.TRACE, Features.MEAN_LATENCY))
        .isEqualTo(EvidenceFamily.TRACE_LATENCY);
    assertThat(family(SignalType.TRACE, ErrorOriginProcessor.FEATURE))
        .isEqualTo(EvidenceFamily.TRACE_ERRORS);
    assertThat(family(SignalType.TRACE, "errors of GET /cart"))
        .isEqualTo(EvidenceFamily.TRACE_ERRORS);
    assertThat(family(SignalType.TRACE, ErrorOriginProcessor.NETWORK_FEATURE))
        .isEqualTo(EvidenceFamily.NETWORK);
  }

  @Test
  void logTemplatesAreSortedBySeverityAndMissingLinesStandApart() {
    assertThat(family(SignalType.LOG, Features.ERROR_LINES)).isEqualTo(EvidenceFamily.LOG_ERRORS);
    assertThat(family(SignalType.LOG, "ERROR Get route by ids failed"))
        .isEqualTo(EvidenceFamily.LOG_ERRORS);
    assertThat(family(SignalType.LOG, "WARN Code not found")).isEqualTo(EvidenceFamily.LOG_ERRORS);
    assertThat(family(SignalType.LOG, "INFO Query route by id <*>"))
        .isEqualTo(EvidenceFamily.LOG_PATTERN);
    assertThat(family(SignalType.LOG, "- plain line without severity"))
        .isEqualTo(EvidenceFamily.LOG_PATTERN);
    assertThat(family(SignalType.LOG, ErrorOriginProcessor.MISSING_FEATURE))
        .isEqualTo(EvidenceFamily.LOG_MISSING);
  }

  @Test
  void alertsAreOneFamily() {
    assertThat(family(SignalType.ALERT, "container_cpu_usage_seconds"))
        .isEqualTo(EvidenceFamily.ALERT);
  }
}
