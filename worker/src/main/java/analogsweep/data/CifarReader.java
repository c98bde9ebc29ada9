package analogsweep.data;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the CIFAR binary formats. CIFAR-10: {@code data_batch_1.bin} .. {@code data_batch_5.bin}
 * and {@code test_batch.bin}, records of 1 label byte and 3072 pixel bytes (R, G, B planes of
 * 32x32). CIFAR-100: {@code train.bin} and {@code test.bin}, records of a coarse and a fine label
 * byte and 3072 pixels; the fine label (100 classes) is used. The files may sit in the folder
 * given or in the archive's own subfolder ({@code cifar-10-batches-bin}, {@code cifar-100-binary}).
 */
public final class CifarReader {
  private static final int PIXELS = 3 * 32 * 32;

  private CifarReader() {}

  /** The folder that holds CIFAR-10 or CIFAR-100 binary files, or null. */
  static Path locate(Path dir) {
    for (Path d : new Path[] {dir, dir.resolve("cifar-10-batches-bin"),
        dir.resolve("cifar-100-binary")}) {
      if (DataFiles.find(d, "data_batch_1.bin", "train.bin") != null) {
        return d;
      }
    }
    return null;
  }

  public static boolean recognises(Path dir) {
    return locate(dir) != null;
  }

  public static Dataset read(Path dir) {
    Path d = locate(dir);
    if (d == null) {
      throw new DataFormatException(dir.toString(), "no CIFAR binary files found");
    }
    boolean cifar10 = DataFiles.find(d, "data_batch_1.bin") != null;
    MessageDigest sha = DataFiles.sha256();
    int labelBytes = cifar10 ? 1 : 2;
    int classes = cifar10 ? 10 : 100;
    List<byte[]> train = new ArrayList<>();
    if (cifar10) {
      for (int k = 1; k <= 5; k++) {
        train.add(read(d, "data_batch_" + k + ".bin", sha, labelBytes, classes));
      }
    } else {
      train.add(read(d, "train.bin", sha, labelBytes, classes));
    }
    byte[] test = read(d, cifar10 ? "test_batch.bin" : "test.bin", sha, labelBytes, classes);
    Split tr = split(train, labelBytes);
    Split te = split(List.of(test), labelBytes);
    return new Dataset(d.toString(), cifar10 ? "cifar-10" : "cifar-100", 3, 32, 32,
        cifar10 ? 10 : 100, tr.images, tr.labels, te.images, te.labels,
        HexFormat.of().formatHex(sha.digest()));
  }

  private record Split(byte[] images, byte[] labels) {}

  private static byte[] read(Path dir, String name, MessageDigest sha, int labelBytes,
      int classes) {
    Path file = DataFiles.find(dir, name);
    if (file == null) {
      throw new DataFormatException(dir.resolve(name).toString(), "missing (raw or .gz)");
    }
    byte[] data = DataFiles.readAll(file);
    int record = labelBytes + PIXELS;
    if (data.length == 0 || data.length % record != 0) {
      throw new DataFormatException(file.toString(), data.length + " bytes is not a whole number "
          + "of " + record + "-byte records: truncated or not CIFAR-" + classes);
    }
    for (int off = labelBytes - 1; off < data.length; off += record) {
      if ((data[off] & 0xff) >= classes) {
        throw new DataFormatException(file.toString(), "label " + (data[off] & 0xff)
            + " of record " + off / record + " is not below " + classes + ": not CIFAR-"
            + classes);
      }
    }
    sha.update(data);
    return data;
  }

  private static Split split(List<byte[]> parts, int labelBytes) {
    int record = labelBytes + PIXELS;
    int total = 0;
    for (byte[] p : parts) {
      total += p.length / record;
    }
    byte[] images = new byte[total * PIXELS];
    byte[] labels = new byte[total];
    int n = 0;
    for (byte[] p : parts) {
      for (int off = 0; off < p.length; off += record, n++) {
        labels[n] = p[off + labelBytes - 1];
        System.arraycopy(p, off + labelBytes, images, n * PIXELS, PIXELS);
      }
    }
    return new Split(images, labels);
  }
}
