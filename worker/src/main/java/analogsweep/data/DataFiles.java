package analogsweep.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads whole data files, gzip or raw (recognised by content, not by name), and hashes content. */
final class DataFiles {
  private DataFiles() {}

  /** The first existing file among the names given, each also tried with ".gz"; else null. */
  static Path find(Path dir, String... names) {
    for (String name : names) {
      for (String candidate : new String[] {name, name + ".gz"}) {
        Path p = dir.resolve(candidate);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /**
   * The whole decoded content of a file. A file larger than one Java array can hold, or than this
   * JVM's free heap, is refused with its size named (a result row, not an OutOfMemoryError that
   * would end the executor).
   */
  static byte[] readAll(Path file) {
    try {
      long size = Files.size(file);
      DataCheck.tooLarge(file, size);
      requireHeap(file, size);
      byte[] raw = Files.readAllBytes(file);
      if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
          ByteArrayOutputStream out = new ByteArrayOutputStream(
              (int) Math.min(DataCheck.MAX_FILE_BYTES, raw.length * 4L));
          byte[] buffer = new byte[1 << 16];
          long total = 0;
          long nextCheck = 1L << 26;
          for (int r; (r = in.read(buffer)) > 0; ) {
            total += r;
            DataCheck.tooLarge(file, total);
            if (total > nextCheck) {
              requireHeap(file, total); // every 64 MB of growth
              nextCheck += 1L << 26;
            }
            out.write(buffer, 0, r);
          }
          return out.toByteArray();
        } catch (EOFException e) {
          throw new DataFormatException(file.toString(),
              "gzip stream ends early: the file is truncated (" + raw.length + " bytes)");
        } catch (ZipException e) {
          throw new DataFormatException(file.toString(), "corrupt gzip data: " + e.getMessage());
        }
      }
      return raw;
    } catch (DataFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new DataFormatException(file.toString(), "cannot read: " + e);
    }
  }

  /** Refuses to read {@code bytes} more (about three copies while decoding) than the heap has. */
  private static void requireHeap(Path file, long bytes) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes * 3 > free) {
      System.gc();
      free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
    if (bytes * 3 > free) {
      throw new DataFormatException(file.toString(), "needs about " + (bytes * 3 >> 20)
          + " MB of heap to read (" + bytes + " bytes), but this JVM has " + (free >> 20)
          + " MB free; give it more (spark.executor.memory, or JAVA_OPTS=-Xmx...)");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
