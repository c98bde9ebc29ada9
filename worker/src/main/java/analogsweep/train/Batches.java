package analogsweep.train;

import java.util.SplittableRandom;

/**
 * Mini-batches from a dataset's bytes: pixels scaled to [0, 1] into a float buffer, labels, and the
 * shuffle of the training order; shared by one point's training and a pack's.
 */
final class Batches {
  private static final float[] BYTE_TO_UNIT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      BYTE_TO_UNIT[v] = v / 255f;
    }
  }

  private Batches() {}

  /**
   * Copies images {@code order[start .. start+n)} (or {@code start .. start+n} without an order)
   * of {@code size} bytes each into {@code buffer} from {@code offset}, scaled to [0, 1].
   */
  static void images(float[] buffer, int offset, byte[] source, int size, int[] order, int start,
      int n) {
    for (int k = 0; k < n; k++) {
      int index = order == null ? start + k : order[start + k];
      int from = index * size;
      int to = offset + k * size;
      for (int j = 0; j < size; j++) {
        buffer[to + j] = BYTE_TO_UNIT[source[from + j] & 0xff];
      }
    }
  }

  /** Labels of the same images, into {@code labels} from {@code offset}. */
  static void labels(float[] labels, int offset, byte[] source, int[] order, int start, int n) {
    for (int k = 0; k < n; k++) {
      labels[offset + k] = source[order == null ? start + k : order[start + k]];
    }
  }

  /** The identity order 0 .. n-1. */
  static int[] identity(int n) {
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    return order;
  }

  /** Fisher-Yates shuffle with the point's own generator. */
  static void shuffle(int[] order, SplittableRandom random) {
    for (int k = order.length - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
  }
}
