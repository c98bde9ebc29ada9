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
  private CifarReader() {}

  /** The folder that holds CIFAR-10 or CIFAR-100 binary files, or null. */
  static Path locate(Path dir) {
    return CifarFormat.locate(dir);
  }

  public static boolean recognises(Path dir) {
    return locate(dir) != null;
  }

  public static Dataset read(Path dir) {
    CifarFormat.Layout layout = CifarFormat.layout(dir);
    MessageDigest sha = DataFiles.sha256();
    List<byte[]> train = new ArrayList<>();
    for (String name : layout.trainFiles()) {
      train.add(read(layout, name, sha));
    }
    byte[] test = read(layout, layout.testFile(), sha);
    Split tr = split(train, layout);
    Split te = split(List.of(test), layout);
    return new Dataset(layout.dir().toString(), layout.format(), 3, 32, 32, layout.classes(),
        tr.images, tr.labels, te.images, te.labels, HexFormat.of().formatHex(sha.digest()));
  }

  private record Split(byte[] images, byte[] labels) {}

  private static byte[] read(CifarFormat.Layout layout, String name, MessageDigest sha) {
    Path file = layout.require(name);
    byte[] data = DataFiles.readAll(file);
    layout.requireWholeRecords(file, data.length);
    int record = layout.recordBytes();
    for (int off = 0; off < data.length; off += record) {
      layout.checkRecord(file, data, off, off / record);
    }
    sha.update(data);
    return data;
  }

  private static Split split(List<byte[]> parts, CifarFormat.Layout layout) {
    int record = layout.recordBytes();
    int labelBytes = layout.labelBytes();
    int pixels = CifarFormat.PIXELS;
    int total = 0;
    for (byte[] p : parts) {
      total += p.length / record;
    }
    byte[] images = new byte[total * pixels];
    byte[] labels = new byte[total];
    int n = 0;
    for (byte[] p : parts) {
      for (int off = 0; off < p.length; off += record, n++) {
        labels[n] = p[off + labelBytes - 1];
        System.arraycopy(p, off + labelBytes, images, n * pixels, pixels);
      }
    }
    return new Split(images, labels);
  }
}
