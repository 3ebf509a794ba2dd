package dev.culprit.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  @Test
  void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws IOException {
    String csv = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\r\nline3\",z\n";

    assertThat(readAll(csv))
        .containsExactly(
            List.of("a", "b", "c"),
            List.of("1", "x, y", "say \"hi\""),
            List.of("2", "line1\nline2\r\nline3", "z"));
  }

  @Test
  void keepsEmptyFieldsAndSkipsBlankLines() throws IOException {
    assertThat(readAll("a,,c,\n\n\r\n,\n\"\"\n"))
        .containsExactly(List.of("a", "", "c", ""), List.of("", ""), List.of(""));
  }

  @Test
  void toleratesStrayQuotesAndUnterminatedFields() throws IOException {
    assertThat(readAll("ab\"c,\"de\"f,g\n\"open,to the end\nstill"))
        .containsExactly(List.of("ab\"c", "def", "g"), List.of("open,to the end\nstill"));
  }

  @Test
  void dropsALeadingByteOrderMarkAndAcceptsBareCarriageReturns() throws IOException {
    assertThat(readAll("\uFEFFTime,Value\r1,2\r3,4"))
        .containsExactly(List.of("Time", "Value"), List.of("1", "2"), List.of("3", "4"));
    assertThat(readAll(new Trickle("\uFEFF\na,b"))).containsExactly(List.of("a", "b"));
  }

  @Test
  void reportsTheLineOnWhichEachRecordStarts() throws IOException {
    CsvReader reader = new CsvReader(new StringReader("h1,h2\n\"a\nb\",c\n\nd,e\n"));
    List<Long> lines = new ArrayList<>();
    while (reader.next() != null) {
      lines.add(reader.line());
    }
    assertThat(lines).containsExactly(1L, 2L, 5L);
  }

  @Test
  void parsesTheSameWhenTheInputArrivesOneCharAtATime() throws IOException {
    String csv =
        "x,\"q\"\"uote\",\"multi\nline\"\r\n"
            + "y".repeat(70_000)
            + ",\""
            + "z".repeat(70_000)
            + "\"\n";

    assertThat(readAll(new Trickle(csv))).isEqualTo(readAll(csv)).hasSize(2);
    assertThat(readAll(csv).get(1).get(0)).hasSize(70_000);
  }

  @Test
  void returnsNullForEmptyInput() throws IOException {
    assertThat(readAll("")).isEmpty();
    assertThat(readAll("\n\r\n")).isEmpty();
  }

  static List<List<String>> readAll(String csv) throws IOException {
    return readAll(new StringReader(csv));
  }

  static List<List<String>> readAll(Reader in) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CsvReader reader = new CsvReader(in)) {
      for (List<String> r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
      }
    }
    return records;
  }

  /** A reader handing out one char per read, to cross every buffer boundary. */
  static final class Trickle extends Reader {
    private final String text;
    private int pos;

    Trickle(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == text.length()) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      buf[off] = text.charAt(pos++);
      return 1;
    }

    @Override
    public void close() {}
  }
}
