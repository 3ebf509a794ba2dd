package dev.culprit.web;

import dev.culprit.http.Endpoint;
import dev.culprit.http.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The script and style files of the pages, served from the classpath under {@code /assets/}: the
 * ECharts library from its WebJar and Culprit's own files. Only the files listed here are served,
 * each read once. They are public (they hold no data), so a signed incident link can load them.
 */
public final class Assets {
  /** The name of the ECharts library among the files. */
  public static final String ECHARTS = "echarts.min.js";

  private static final String OWN = "/dev/culprit/web/";
  private static final List<String> OWN_FILES =
      List.of("culprit.css", "charts.js", "incidents.js", "incident.js", "graph.js", "report.js");

  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private Assets() {
    files.put(ECHARTS, read(echartsPath()));
    for (String f : OWN_FILES) {
      files.put(f, read(OWN + f));
    }
  }

  private static final class Holder {
    static final Assets INSTANCE = new Assets();
  }

  /** The files, read from the classpath on first use. */
  public static Assets get() {
    return Holder.INSTANCE;
  }

  /** The file {@code name} as UTF-8 text (for inlining into a report). */
  public String text(String name) {
    byte[] bytes = files.get(name);
    if (bytes == null) {
      throw new IllegalArgumentException("Invalid asset: " + name);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** One endpoint per file, {@code GET /assets/NAME}, without a token. */
  List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    files.forEach(
        (name, bytes) ->
            out.add(
                new Endpoint(
                    "/assets/" + name, Set.of("GET"), false, 0, (ex, body) -> serve(ex, name))));
    return out;
  }

  private void serve(Exchange ex, String name) {
    ex.setHeader("Cache-Control", "public, max-age=3600");
    ex.setHeader("X-Content-Type-Options", "nosniff");
    String type =
        name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    ex.send(200, type, files.get(name));
  }

  /** Where the ECharts WebJar keeps its minified build, by the version the jar declares. */
  private static String echartsPath() {
    Properties p = new Properties();
    String props = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
    try (InputStream in = Assets.class.getResourceAsStream(props)) {
      if (in == null) {
        throw new IllegalStateException("The ECharts WebJar is not on the classpath: " + props);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + props, e);
    }
    return "/META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/dist/" + ECHARTS;
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
