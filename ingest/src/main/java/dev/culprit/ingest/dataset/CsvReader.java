package dev.culprit.ingest.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: comma-separated fields, records ended by LF, CRLF or CR, quoted
 * fields with doubled quotes and embedded line breaks.
 *
 * <p>It never fails on content. A quote inside an unquoted field is literal, text after a closing
 * quote is kept, an unterminated quoted field ends at the end of the input, blank lines are skipped
 * and a leading byte-order mark is dropped. Checking the field count is up to the caller.
 */
public final class CsvReader implements Closeable {
  private static final int EOF = -1;

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private final StringBuilder field = new StringBuilder();
  private int pos;
  private int limit;
  private long line = 1;
  private long recordLine;
  private boolean started;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /** The fields of the next record (a new mutable list), or null at the end of the input. */
  public List<String> next() throws IOException {
    if (!skipLineBreaks()) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    while (true) {
      fields.add(readField());
      int c = read();
      if (c != ',') {
        endRecord(c);
        return fields;
      }
    }
  }

  /**
   * The line (1-based) on which the record last returned by {@link #next()} started; line breaks
   * inside quoted fields count when they contain an LF.
   */
  public long line() {
    return recordLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Reads one field, leaving the delimiter after it unread. */
  private String readField() throws IOException {
    field.setLength(0);
    boolean quoted = peek() == '"';
    if (quoted) {
      pos++;
      readQuoted();
    }
    while (pos < limit || fill()) {
      int start = pos;
      while (pos < limit && !isDelimiter(buffer[pos])) {
        pos++;
      }
      if (!quoted && pos < limit && field.isEmpty()) {
        return new String(buffer, start, pos - start);
      }
      field.append(buffer, start, pos - start);
      if (pos < limit) {
        break;
      }
    }
    return field.toString();
  }

  /** Appends a quoted field's content after its opening quote and consumes the closing quote. */
  private void readQuoted() throws IOException {
    while (pos < limit || fill()) {
      int start = pos;
      while (pos < limit && buffer[pos] != '"') {
        if (buffer[pos] == '\n') {
          line++;
        }
        pos++;
      }
      field.append(buffer, start, pos - start);
      if (pos < limit) {
        pos++;
        if (peek() != '"') {
          return;
        }
        field.append('"');
        pos++;
      }
    }
  }

  private static boolean isDelimiter(char c) {
    return c == ',' || c == '\n' || c == '\r';
  }

  private void endRecord(int c) throws IOException {
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
    if (c != EOF) {
      line++;
    }
  }

  /** Skips blank lines; false at the end of the input. */
  private boolean skipLineBreaks() throws IOException {
    while (true) {
      int c = peek();
      if (c != '\n' && c != '\r') {
        return c != EOF;
      }
      pos++;
      endRecord(c);
    }
  }

  private int read() throws IOException {
    int c = peek();
    if (c != EOF) {
      pos++;
    }
    return c;
  }

  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buffer[pos];
  }

  /** Refills the buffer with at least one char; false at the end of the input. */
  private boolean fill() throws IOException {
    do {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        return false;
      }
      pos = 0;
      limit = n;
      if (!started && n > 0) {
        started = true;
        if (buffer[0] == '\uFEFF') {
          pos = 1;
        }
      }
    } while (pos == limit);
    return true;
  }
}
