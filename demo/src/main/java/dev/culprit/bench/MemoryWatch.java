package dev.culprit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap in use every 100 ms while a bench runs; at the end also reads the process's peak
 * resident set size ({@code VmHWM} of {@code /proc/self/status}, 0 where there is none).
 */
final class MemoryWatch {
  /** Peak heap in use and peak resident set size, in bytes. */
  record Peak(long heapBytes, long maxHeapBytes, long rssBytes) {}

  private final AtomicLong peakHeap = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private MemoryWatch() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("culprit-bench-memory")
            .unstarted(
                () -> {
                  while (running) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                      Thread.sleep(100);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  static MemoryWatch start() {
    MemoryWatch w = new MemoryWatch();
    w.thread.start();
    return w;
  }

  Peak stop() {
    running = false;
    thread.interrupt();
    return new Peak(peakHeap.get(), Runtime.getRuntime().maxMemory(), peakRss());
  }

  private static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
