package analogsweep.train;

import analogsweep.data.Dataset;
import analogsweep.grid.Augmentation;
import analogsweep.grid.DataSection;
import analogsweep.grid.Normalization;
import analogsweep.seed.PointSeeds;
import java.util.SplittableRandom;

/**
 * Turns stored bytes into the floats a network sees: each pixel scaled to [0, 1], then, with
 * {@link Normalization#PER_CHANNEL}, minus its channel's mean and divided by its channel's
 * standard deviation (both over the whole training split); training images with
 * {@link Augmentation#CROP_FLIP} are first shifted by a random crop of reflect-padded borders and
 * flipped left-right at random. The draws come from a Java generator seeded by the grid point, in
 * batch order, so a run repeats exactly.
 */
final class InputPipeline {
  /** torchvision's RandomCrop(padding=4) of the authors' VGG-A runs. */
  static final int CROP_PADDING = 4;

  private final int channels;
  private final int height;
  private final int width;
  /** value[c][byte]: the float a stored byte of channel c becomes. */
  private final float[][] value;
  private final boolean augment;
  private final SplittableRandom random;

  InputPipeline(Dataset data, DataSection section, long seed) {
    this.channels = data.channels();
    this.height = data.height();
    this.width = data.width();
    this.value = new float[channels][256];
    double[][] stats = section.normalization() == Normalization.PER_CHANNEL
        ? channelStatistics(data) : null;
    for (int c = 0; c < channels; c++) {
      for (int v = 0; v < 256; v++) {
        double unit = v / 255.0;
        value[c][v] = stats == null ? (float) (v / 255f)
            : (float) ((unit - stats[c][0]) / stats[c][1]);
      }
    }
    this.augment = section.augmentation() == Augmentation.CROP_FLIP;
    if (augment && (height <= CROP_PADDING || width <= CROP_PADDING)) {
      throw new IllegalArgumentException("crop-flip needs images larger than "
          + CROP_PADDING + " pixels a side, found " + height + "x" + width);
    }
    this.random = PointSeeds.of(seed).augmentation();
  }

  /**
   * Mean and (population) standard deviation of each channel's values in [0, 1] over every
   * training image, from a histogram of the bytes, so exact and one pass.
   */
  static double[][] channelStatistics(Dataset data) {
    int plane = data.height() * data.width();
    long[][] counts = new long[data.channels()][256];
    byte[] images = data.trainImages();
    for (int k = 0; k < images.length; k++) {
      counts[(k / plane) % data.channels()][images[k] & 0xff]++;
    }
    double[][] out = new double[data.channels()][2];
    for (int c = 0; c < data.channels(); c++) {
      double n = 0;
      double sum = 0;
      double squares = 0;
      for (int v = 0; v < 256; v++) {
        double u = v / 255.0;
        n += counts[c][v];
        sum += counts[c][v] * u;
        squares += counts[c][v] * u * u;
      }
      double mean = sum / n;
      double sd = Math.sqrt(Math.max(squares / n - mean * mean, 0));
      out[c][0] = mean;
      out[c][1] = sd > 0 ? sd : 1; // a constant channel is only centred
    }
    return out;
  }

  /**
   * Writes images {@code order[start..start+n)} (or {@code start..start+n} without an order) of
   * {@code source} into {@code buffer} from {@code offset} as (n, C, H, W) floats;
   * {@code training} images are augmented where the point asks for it.
   */
  void fill(float[] buffer, int offset, byte[] source, int[] order, int start, int n,
      boolean training) {
    int size = channels * height * width;
    for (int k = 0; k < n; k++) {
      int from = (order == null ? start + k : order[start + k]) * size;
      int to = offset + k * size;
      if (training && augment) {
        cropFlip(buffer, to, source, from);
        continue;
      }
      int plane = height * width;
      for (int c = 0; c < channels; c++) {
        float[] table = value[c];
        int base = c * plane;
        for (int j = 0; j < plane; j++) {
          buffer[to + base + j] = table[source[from + base + j] & 0xff];
        }
      }
    }
  }

  /** One image, cropped at a random offset of the reflect-padded image, flipped at random. */
  private void cropFlip(float[] buffer, int to, byte[] source, int from) {
    int dy = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
    int dx = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
    boolean flip = random.nextBoolean();
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        int sy = reflect(y + dy, height);
        for (int x = 0; x < width; x++) {
          int sx = reflect((flip ? width - 1 - x : x) + dx, width);
          buffer[to + c * plane + y * width + x] =
              value[c][source[from + c * plane + sy * width + sx] & 0xff];
        }
      }
    }
  }

  /** numpy's and PyTorch's 'reflect' padding: the edge pixel is not repeated. */
  static int reflect(int i, int size) {
    return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
  }
}
