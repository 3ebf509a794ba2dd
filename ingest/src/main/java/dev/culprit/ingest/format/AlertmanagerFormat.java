package dev.culprit.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Alert;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Alertmanager webhook (version 4) and Grafana's webhook, which extends it. Each alert becomes
 * an {@link Alert}: name from {@code alertname}, severity from the {@code severity} label, the
 * entity from the {@link EntityMapping}, labels as sent and annotations plus the links and values
 * Grafana adds ({@code generatorURL}, {@code dashboardURL}, {@code panelURL}, {@code silenceURL},
 * {@code imageURL}, {@code valueString}, {@code values}, {@code orgId}).
 *
 * <p>Grafana-managed alerting sends {@code "version":"1"} with an {@code orgId}; that is accepted
 * too. Any other version is rejected. An alert whose labels name no entity is attributed to the
 * service {@code unknown} and gets the label {@code culprit_unmapped=true}. A payload with any
 * invalid alert is rejected whole.
 */
public final class AlertmanagerFormat implements WireFormat {
  /** Label added to alerts whose labels name no entity. */
  public static final String UNMAPPED_LABEL = "culprit_unmapped";

  /** Service that alerts naming no entity are attributed to. */
  public static final String UNKNOWN_SERVICE = "unknown";

  private static final List<String> ALERT_EXTRAS =
      List.of("generatorURL", "dashboardURL", "panelURL", "silenceURL", "imageURL", "valueString");

  private final EntityMapping mapping;

  /** A parser with {@link EntityMapping#defaults()}. */
  public AlertmanagerFormat() {
    this(EntityMapping.defaults());
  }

  public AlertmanagerFormat(EntityMapping mapping) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  @Override
  public String name() {
    return "alertmanager";
  }

  @Override
  public ParseResult parse(byte[] payload, String contentType) {
    return Payloads.guard(payload, () -> alerts(Payloads.readJson(payload)));
  }

  private List<Signal> alerts(JsonNode root) {
    if (!root.isObject()) {
      throw new FormatException("Alertmanager webhook is not a JSON object");
    }
    checkVersion(root);
    String groupStatus = JsonFields.text(root, "status", "webhook");
    String orgId = root.hasNonNull("orgId") ? root.get("orgId").asText() : null;
    JsonNode alerts = JsonFields.array(root.get("alerts"), "webhook.alerts");
    List<Signal> signals = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      signals.add(alert(alerts.get(i), "alerts[" + i + "]", groupStatus, orgId));
    }
    return signals;
  }

  private static void checkVersion(JsonNode root) {
    JsonNode version = root.get("version");
    String text = version == null || !version.isValueNode() ? null : version.asText();
    boolean grafana = root.has("orgId") && "1".equals(text);
    if (!"4".equals(text) && !grafana) {
      String shown = text == null ? String.valueOf(version) : AlertFields.shorten(text);
      throw new FormatException("unsupported Alertmanager webhook version " + shown);
    }
  }

  private Alert alert(JsonNode node, String where, String groupStatus, String orgId) {
    if (node == null || !node.isObject()) {
      throw new FormatException(where + " is not an object");
    }
    Map<String, String> labels = JsonFields.stringMap(node, "labels", where);
    String name = labels.get("alertname");
    if (name == null || name.isBlank()) {
      throw new FormatException(where + " has no alertname label");
    }
    String statusText = JsonFields.text(node, "status", where);
    Alert.Status status = AlertFields.status(statusText == null ? groupStatus : statusText, where);
    Long startsAt =
        AlertFields.epochMillis(JsonFields.text(node, "startsAt", where), where + ".startsAt");
    if (startsAt == null) {
      throw new FormatException(where + " has no startsAt");
    }
    Long endsAt =
        AlertFields.epochMillis(JsonFields.text(node, "endsAt", where), where + ".endsAt");
    String fingerprint = JsonFields.text(node, "fingerprint", where);
    if (fingerprint == null || fingerprint.isBlank()) {
      fingerprint = AlertFields.fingerprint(labels);
    }
    Resource resource = mapping.resolve(labels);
    if (resource == null) {
      resource = Resource.ofService(UNKNOWN_SERVICE);
      labels.put(UNMAPPED_LABEL, "true");
    }
    return new Alert(
        resource,
        startsAt,
        endsAt == null ? 0 : endsAt,
        fingerprint,
        name,
        AlertFields.severity(labels.get("severity")),
        status,
        labels,
        annotations(node, where, orgId));
  }

  private static Map<String, String> annotations(JsonNode node, String where, String orgId) {
    Map<String, String> annotations =
        new LinkedHashMap<>(JsonFields.stringMap(node, "annotations", where));
    for (String extra : ALERT_EXTRAS) {
      String value = JsonFields.text(node, extra, where);
      if (value != null && !value.isEmpty()) {
        annotations.putIfAbsent(extra, value);
      }
    }
    JsonNode values = JsonFields.object(node, "values", where);
    if (values != null && !values.isEmpty()) {
      annotations.putIfAbsent(
          "values", new String(Payloads.writeJson(values), StandardCharsets.UTF_8));
    }
    if (orgId != null) {
      annotations.putIfAbsent("orgId", orgId);
    }
    return annotations;
  }
}
