package analogsweep.train;

import java.util.SplittableRandom;

/**
 * Mini-batches from a dataset's bytes: labels, and the shuffle of the training order; shared by
 * one point's training and a pack's (pixels go through {@link InputPipeline}).
 */
final class Batches {
  private Batches() {}

  /**
   * Labels of images {@code order[start..start+n)} (or {@code start..start+n} without an order),
   * into {@code labels} from {@code offset}.
   */
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
