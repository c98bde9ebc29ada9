package analogsweep.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

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

  static byte[] readAll(Path file) {
    try {
      byte[] raw = Files.readAllBytes(file);
      if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
          ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
          in.transferTo(out);
          return out.toByteArray();
        } catch (java.io.EOFException e) {
          throw new DataFormatException(file.toString(),
              "gzip stream ends early: the file is truncated (" + raw.length + " bytes)");
        } catch (java.util.zip.ZipException e) {
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

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
