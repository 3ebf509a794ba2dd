package dev.culprit.ingest.format;

import static dev.culprit.ingest.format.AlertmanagerFormatTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class WireFormatPropertyTest {
  static final List<WireFormat> FORMATS = formats();
  static final List<byte[]> SEEDS = seeds();
  static final List<String> CONTENT_TYPES =
      Arrays.asList(null, "application/json", "application/x-protobuf", "text/plain");
  static final int MAX_PREFIX = 1500;

  private static List<WireFormat> formats() {
    List<WireFormat> formats = new ArrayList<>();
    formats.add(new AlertmanagerFormat());
    formats.add(new ZipkinFormat());
    for (OtlpSignal signal : OtlpSignal.values()) {
      formats.add(new OtlpJsonFormat(signal));
      formats.add(new OtlpProtoFormat(signal));
      formats.add(Formats.otlp(signal));
    }
    return List.copyOf(formats);
  }

  private static List<byte[]> seeds() {
    return List.of(
        utf8(AlertmanagerFormatTest.WEBHOOK),
        utf8(AlertmanagerFormatTest.GRAFANA),
        utf8(ZipkinFormatTest.SPANS),
        utf8(OtlpFixtures.TRACES_JSON),
        utf8(OtlpFixtures.METRICS_JSON),
        utf8(OtlpFixtures.LOGS_JSON),
        OtlpFixtures.traces().toByteArray(),
        OtlpFixtures.metrics().toByteArray(),
        OtlpFixtures.logs().toByteArray());
  }

  /** Parses with every format and content type; fails on an exception or a blank reason. */
  static int[] parseEverywhere(byte[] payload) {
    int[] counts = new int[2];
    for (WireFormat format : FORMATS) {
      for (String contentType : CONTENT_TYPES) {
        ParseResult result = format.parse(payload, contentType);
        switch (result) {
          case ParseResult.Parsed p -> {
            assertThat(p.signals()).doesNotContainNull();
            counts[0]++;
          }
          case ParseResult.Rejected r -> {
            assertThat(r.reason()).isNotBlank();
            counts[1]++;
          }
        }
      }
    }
    return counts;
  }

  @Property(tries = 300)
  void anyBytesParseOrAreRejected(@ForAll @Size(max = 600) byte[] payload) {
    int[] counts = parseEverywhere(payload);
    assertThat(counts[0] + counts[1]).isEqualTo(FORMATS.size() * CONTENT_TYPES.size());
  }

  @Property(tries = 200)
  void jsonLikeTextParsesOrIsRejected(@ForAll("jsonish") String text) {
    int[] counts = parseEverywhere(text.getBytes(StandardCharsets.UTF_8));
    assertThat(counts[0] + counts[1]).isEqualTo(FORMATS.size() * CONTENT_TYPES.size());
  }

  @Example
  void everyTruncationOfEveryValidPayloadParsesOrIsRejected() {
    int total = 0;
    for (byte[] seed : SEEDS) {
      for (int length = 0; length <= Math.min(seed.length, MAX_PREFIX); length++) {
        int[] counts = parseEverywhere(Arrays.copyOf(seed, length));
        total += counts[0] + counts[1];
      }
    }
    assertThat(total).isGreaterThan(SEEDS.size() * 100 * FORMATS.size());
  }

  @Property(tries = 300)
  void byteFlipsParseOrAreRejected(
      @ForAll @IntRange(min = 0, max = 8) int seed,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 100_000) Integer> positions,
      @ForAll byte mask) {
    byte[] payload = SEEDS.get(seed).clone();
    for (int position : positions) {
      payload[position % payload.length] ^= mask == 0 ? 1 : mask;
    }
    parseEverywhere(payload);
  }

  @Property(tries = 300)
  void fieldTypeSwapsParseOrAreRejected(
      @ForAll @IntRange(min = 0, max = 5) int seed, @ForAll long randomSeed) throws IOException {
    byte[] payload = Mutations.swapFieldType(SEEDS.get(seed), new Random(randomSeed));
    parseEverywhere(payload);
  }

  @Example
  void deepNestingIsRejectedNotOverflowed() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String deepObject = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    for (String text : List.of(deep, deepObject)) {
      int[] counts = parseEverywhere(utf8(text));
      assertThat(counts[0]).isZero();
    }
    byte[] nested = new byte[200_000];
    for (int i = 0; i < nested.length; i += 2) {
      nested[i] = 0x0a;
      nested[i + 1] = (byte) 0x7f;
    }
    parseEverywhere(nested);
  }

  @Example
  void tenThousandFuzzedPayloadsAreEachParsedOrRejectedOnce() throws IOException {
    Random random = new Random(42);
    int parsed = 0;
    int rejected = 0;
    List<WireFormat> all = FORMATS;
    for (int i = 0; i < 10_000; i++) {
      byte[] payload = Mutations.any(SEEDS.get(random.nextInt(SEEDS.size())), random);
      WireFormat format = all.get(random.nextInt(all.size()));
      ParseResult result = format.parse(payload, CONTENT_TYPES.get(random.nextInt(2)));
      if (result instanceof ParseResult.Parsed) {
        parsed++;
      } else if (result instanceof ParseResult.Rejected r && !r.reason().isBlank()) {
        rejected++;
      }
    }
    assertThat(parsed + rejected).isEqualTo(10_000);
    assertThat(parsed).isPositive();
    assertThat(rejected).isPositive();
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ abtrufalsn\\").ofMaxLength(300);
  }

  /** Mutations of valid payloads. */
  static final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutations() {}

    static byte[] any(byte[] seed, Random random) throws IOException {
      return switch (random.nextInt(4)) {
        case 0 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
        case 1 -> flip(seed, random);
        case 2 -> swapFieldType(seed, random);
        default -> {
          byte[] bytes = new byte[random.nextInt(300)];
          random.nextBytes(bytes);
          yield bytes;
        }
      };
    }

    static byte[] flip(byte[] seed, Random random) {
      byte[] bytes = seed.clone();
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
      }
      return bytes;
    }

    /** Replaces one value anywhere in a JSON document with a value of another type. */
    static byte[] swapFieldType(byte[] seed, Random random) throws IOException {
      JsonNode root;
      try {
        root = Json.mapper().readTree(seed);
      } catch (IOException e) {
        return flip(seed, random);
      }
      if (root == null || !root.isContainerNode()) {
        return flip(seed, random);
      }
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode parent = containers.get(random.nextInt(containers.size()));
      if (parent.isEmpty()) {
        return Json.mapper().writeValueAsBytes(root);
      }
      int index = random.nextInt(parent.size());
      JsonNode replacement = replacement(random);
      if (parent instanceof ObjectNode object) {
        String field = object.properties().stream().skip(index).findFirst().orElseThrow().getKey();
        object.set(field, replacement);
      } else {
        ((ArrayNode) parent).set(index, replacement);
      }
      return Json.mapper().writeValueAsBytes(root);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
      if (node.isContainerNode()) {
        out.add(node);
        node.forEach(child -> collect(child, out));
      }
    }

    private static JsonNode replacement(Random random) {
      return switch (random.nextInt(10)) {
        case 0 -> NODES.numberNode(random.nextLong());
        case 1 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999999"));
        case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
        case 3 -> NODES.textNode("x" + random.nextInt());
        case 4 -> NODES.arrayNode().add(1).add("a");
        case 5 -> NODES.objectNode().put("k", 1);
        case 6 -> NODES.nullNode();
        case 7 -> NODES.booleanNode(random.nextBoolean());
        case 8 -> NODES.numberNode(-1);
        default -> NODES.textNode("");
      };
    }
  }
}
