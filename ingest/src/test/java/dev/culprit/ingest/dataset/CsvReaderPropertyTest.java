package dev.culprit.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CsvReaderPropertyTest {

  @Property
  void parsesAnyTextWithoutFailing(@ForAll("csvLike") String text) throws IOException {
    List<List<String>> records = CsvReaderTest.readAll(text);

    assertThat(records).allSatisfy(r -> assertThat(r).isNotEmpty().doesNotContainNull());
    assertThat(CsvReaderTest.readAll(new CsvReaderTest.Trickle(text))).isEqualTo(records);
  }

  @Property
  void roundTripsProperlyQuotedRecords(@ForAll("records") List<List<String>> records)
      throws IOException {
    String csv = records.stream().map(CsvReaderPropertyTest::write).collect(Collectors.joining());

    assertThat(CsvReaderTest.readAll(csv)).isEqualTo(records);
    assertThat(CsvReaderTest.readAll(new CsvReaderTest.Trickle(csv))).isEqualTo(records);
  }

  @Provide
  Arbitrary<String> csvLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars(",\"\r\n\uFEFFab ").ofMaxLength(200));
  }

  @Provide
  Arbitrary<List<List<String>>> records() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.strings().withChars(",\"\r\n\uFEFFx").ofMaxLength(8));
    return field.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(8);
  }

  /** Writes a record, quoting fields that need it and a lone empty field (else a blank line). */
  private static String write(List<String> record) {
    return record.stream()
            .map(f -> needsQuotes(f) || record.size() == 1 && f.isEmpty() ? quote(f) : f)
            .collect(Collectors.joining(","))
        + "\r\n";
  }

  private static boolean needsQuotes(String f) {
    return f.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n' || c == '\uFEFF');
  }

  private static String quote(String f) {
    return "\"" + f.replace("\"", "\"\"") + "\"";
  }
}
