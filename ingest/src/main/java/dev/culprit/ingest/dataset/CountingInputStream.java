package dev.culprit.ingest.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Adds every byte read to {@link ReadStats#addBytes(long)}. */
public final class CountingInputStream extends FilterInputStream {
  private final ReadStats stats;

  public CountingInputStream(InputStream in, ReadStats stats) {
    super(in);
    this.stats = stats;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      stats.addBytes(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      stats.addBytes(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    stats.addBytes(skipped);
    return skipped;
  }
}
