package analogsweep.data;

/**
 * An image classification dataset held as unsigned bytes in (N, C, H, W) order, train and test
 * split, with a SHA-256 over its decoded content for provenance. Immutable after loading and
 * shared by every task of a JVM that uses the same files, so readers must not modify the arrays.
 */
public record Dataset(
    String source,
    String format,
    int channels,
    int height,
    int width,
    int classes,
    byte[] trainImages,
    byte[] trainLabels,
    byte[] testImages,
    byte[] testLabels,
    String sha256) {

  public int imageBytes() {
    return channels * height * width;
  }

  public int trainSize() {
    return trainLabels.length;
  }

  public int testSize() {
    return testLabels.length;
  }

  /** A copy converted to one channel with ITU-R 601 luma weights (as torchvision's Grayscale). */
  public Dataset grayscale() {
    if (channels == 1) {
      return this;
    }
    return new Dataset(source + " (grayscale)", format, 1, height, width, classes,
        toGray(trainImages), trainLabels, toGray(testImages), testLabels, sha256);
  }

  private byte[] toGray(byte[] images) {
    int plane = height * width;
    int n = images.length / imageBytes();
    byte[] out = new byte[n * plane];
    for (int k = 0; k < n; k++) {
      int base = k * imageBytes();
      for (int j = 0; j < plane; j++) {
        double y = 0.299 * (images[base + j] & 0xff)
            + 0.587 * (images[base + plane + j] & 0xff)
            + 0.114 * (images[base + 2 * plane + j] & 0xff);
        out[k * plane + j] = (byte) Math.min(255, Math.round(y));
      }
    }
    return out;
  }
}
