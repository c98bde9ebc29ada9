package analogsweep.train;

import analogsweep.data.Dataset;
import analogsweep.grid.Augmentation;
import analogsweep.grid.DataSection;
import analogsweep.grid.Normalization;
import analogsweep.seed.PointSeeds;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Turns stored bytes into the floats a network sees: each pixel scaled to [0, 1], then, with a
 * {@link Normalization} other than none, minus a channel mean and divided by a channel standard
 * deviation (the training split's own, or fixed constants); training images with
 * {@link Augmentation#CROP_FLIP} are first shifted by a random crop of reflect-padded borders and
 * flipped left-right at random, with {@link Augmentation#CROP_FLIP_ROTATE} then rotated by up to
 * 15 degrees either way (the authors' run_vgg.py). {@link Augmentation#IMAGENET_STYLE} is their
 * run_resnet.py (GeLUReLUInterpolation commit a7933d5): training images resized to 256, flipped
 * left-right and top-bottom at random, rotated by up to 45 degrees, colour-jittered (brightness,
 * contrast and saturation factors in [0.5, 1.5], hue shift in [-0.5, 0.5], the four in a random
 * order) and centre-cropped to 224; test images resized to 256, uncropped ({@link #shape}). Its
 * operations are {@link ImageOps}; rotations fill with black before normalization. The draws
 * come from a Java generator seeded by the grid point, image by image in batch order, so a run
 * repeats exactly; the images of a batch are then made in parallel.
 */
final class InputPipeline {
  /** torchvision's RandomCrop(padding=4) of the authors' VGG-A runs. */
  static final int CROP_PADDING = 4;
  /** RandomRotation(15) of the authors' VGG-A runs. */
  static final double VGG_DEGREES = 15;
  /** Resize(256) of the authors' ResNet-18 runs, training and test images. */
  static final int RESIZE = 256;
  /** CenterCrop(224) of the authors' ResNet-18 training images. */
  static final int CROP = 224;
  /** RandomRotation(45) of the authors' ResNet-18 runs. */
  static final double RESNET_DEGREES = 45;
  /** ColorJitter(0.5, 0.5, 0.5, 0.5): the factors' spread and the hue shift's bound. */
  static final double JITTER = 0.5;

  private final int channels;
  private final int height;
  private final int width;
  /** value[c][byte]: the float a stored byte of channel c becomes. */
  private final float[][] value;
  /** Each channel's mean and standard deviation for values in [0, 1] (0 and 1 for none). */
  private final double[] means;
  private final double[] deviations;
  private final Augmentation augmentation;
  private final SplittableRandom random;
  /** imagenet-style: the resized side pair and its two resize axes. */
  private final int[] resized;
  private final ImageOps.Axis rows;
  private final ImageOps.Axis columns;

  InputPipeline(Dataset data, DataSection section, long seed) {
    this.channels = data.channels();
    this.height = data.height();
    this.width = data.width();
    this.value = new float[channels][256];
    Normalization norm = section.normalization();
    if (norm.means() != null && channels != norm.means().length) {
      throw new IllegalArgumentException("normalization: " + norm.id() + " holds constants for "
          + norm.means().length + " colour channels and the data set has " + channels
          + " (choose per-channel or none)");
    }
    double[][] stats = norm == Normalization.PER_CHANNEL ? channelStatistics(data) : null;
    this.means = new double[channels];
    this.deviations = new double[channels];
    for (int c = 0; c < channels; c++) {
      means[c] = stats != null ? stats[c][0] : norm.means() != null ? norm.means()[c] : 0;
      deviations[c] = stats != null ? stats[c][1]
          : norm.deviations() != null ? norm.deviations()[c] : 1;
      for (int v = 0; v < 256; v++) {
        double unit = v / 255.0;
        value[c][v] = norm == Normalization.NONE ? (float) (v / 255f)
            : (float) ((unit - means[c]) / deviations[c]);
      }
    }
    this.augmentation = section.augmentation();
    boolean crops = augmentation == Augmentation.CROP_FLIP
        || augmentation == Augmentation.CROP_FLIP_ROTATE;
    if (crops && (height <= CROP_PADDING || width <= CROP_PADDING)) {
      throw new IllegalArgumentException(augmentation.id() + " needs images larger than "
          + CROP_PADDING + " pixels a side, found " + height + "x" + width);
    }
    if (augmentation == Augmentation.IMAGENET_STYLE) {
      resized = ImageOps.resizedSize(height, width, RESIZE);
      rows = new ImageOps.Axis(height, resized[0]);
      columns = new ImageOps.Axis(width, resized[1]);
    } else {
      resized = null;
      rows = null;
      columns = null;
    }
    this.random = PointSeeds.of(seed).augmentation();
  }

  /**
   * The (channels, height, width) of the images {@link #fill} writes: the data set's, but for
   * imagenet-style (224x224 training crops, test images resized to 256 on the shorter side).
   */
  int[] shape(boolean training) {
    if (resized == null) {
      return new int[] {channels, height, width};
    }
    return training ? new int[] {channels, CROP, CROP}
        : new int[] {channels, resized[0], resized[1]};
  }

  /** The floats of one image {@link #fill} writes. */
  int size(boolean training) {
    int[] s = shape(training);
    return s[0] * s[1] * s[2];
  }

  /** The larger of the training and the test image size, in floats. */
  int maxSize() {
    return Math.max(size(true), size(false));
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
    if (augmentation == Augmentation.IMAGENET_STYLE) {
      imagenetStyle(buffer, offset, source, order, start, n, training);
      return;
    }
    for (int k = 0; k < n; k++) {
      int from = (order == null ? start + k : order[start + k]) * size;
      int to = offset + k * size;
      if (training && augmentation == Augmentation.CROP_FLIP) {
        cropFlip(buffer, to, source, from);
        continue;
      }
      if (training && augmentation == Augmentation.CROP_FLIP_ROTATE) {
        cropFlipRotate(buffer, to, source, from);
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

  /**
   * One image cropped and flipped as {@link #cropFlip}, then rotated by an angle drawn uniformly
   * in [-15, 15] degrees (nearest pixel, black fill).
   */
  private void cropFlipRotate(float[] buffer, int to, byte[] source, int from) {
    int dy = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
    int dx = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
    boolean flip = random.nextBoolean();
    double degrees = uniform(VGG_DEGREES);
    int[] rotated = ImageOps.rotationSource(height, width, degrees);
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      for (int j = 0; j < plane; j++) {
        int r = rotated[j];
        float v = value[c][0]; // black, normalized
        if (r >= 0) {
          int sy = reflect(r / width + dy, height);
          int sx = reflect((flip ? width - 1 - r % width : r % width) + dx, width);
          v = value[c][source[from + c * plane + sy * width + sx] & 0xff];
        }
        buffer[to + c * plane + j] = v;
      }
    }
  }

  /** A draw uniform in [-bound, bound]. */
  private double uniform(double bound) {
    return -bound + 2 * bound * random.nextDouble();
  }

  /** The random choices of one imagenet-style training image, drawn in this order. */
  record Draws(boolean flipLeftRight, boolean flipUpDown, double degrees, int[] order,
      float brightness, float contrast, float saturation, float hue) {}

  Draws draw() {
    boolean h = random.nextBoolean();
    boolean v = random.nextBoolean();
    double degrees = uniform(RESNET_DEGREES);
    int[] order = {0, 1, 2, 3};
    for (int k = order.length - 1; k > 0; k--) { // Fisher-Yates, as torch.randperm's outcome
      int j = random.nextInt(k + 1);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    float b = (float) (1 + uniform(JITTER));
    float c = (float) (1 + uniform(JITTER));
    float s = (float) (1 + uniform(JITTER));
    float hue = (float) uniform(JITTER);
    return new Draws(h, v, degrees, order, b, c, s, hue);
  }

  /**
   * imagenet-style images {@code order[start..start+n)} into {@code buffer}: the draws of every
   * image first, in batch order, then the images in parallel.
   */
  private void imagenetStyle(float[] buffer, int offset, byte[] source, int[] order, int start,
      int n, boolean training) {
    int bytes = channels * height * width;
    Draws[] draws = new Draws[n];
    for (int k = 0; k < n && training; k++) {
      draws[k] = draw();
    }
    int size = size(training);
    IntStream.range(0, n).parallel().forEach(k -> {
      int from = (order == null ? start + k : order[start + k]) * bytes;
      float[] unit = new float[bytes];
      for (int j = 0; j < bytes; j++) {
        unit[j] = (source[from + j] & 0xff) / 255f;
      }
      float[] big = ImageOps.resize(unit, channels, height, width, rows, columns);
      int bh = resized[0];
      int bw = resized[1];
      if (training) {
        big = jitter(rotate(big, bh, bw, draws[k]), draws[k]);
        normalize(big, bh, bw, centre(bh), centre(bw), CROP, CROP, buffer,
            offset + k * size);
      } else {
        normalize(big, bh, bw, 0, 0, bh, bw, buffer, offset + k * size);
      }
    });
  }

  /** CenterCrop's offset: Python's {@code round((side - 224) / 2)}, ties to even. */
  static int centre(int side) {
    return (int) Math.rint((side - CROP) / 2.0);
  }

  /** The flips, then the rotation (nearest pixel, black fill) of a resized image. */
  private float[] rotate(float[] img, int h, int w, Draws d) {
    int[] rotated = ImageOps.rotationSource(h, w, d.degrees());
    int plane = h * w;
    float[] out = new float[img.length];
    for (int j = 0; j < plane; j++) {
      int r = rotated[j];
      if (r < 0) {
        continue; // black
      }
      int y = r / w;
      int x = r % w;
      int src = (d.flipUpDown() ? h - 1 - y : y) * w + (d.flipLeftRight() ? w - 1 - x : x);
      for (int c = 0; c < channels; c++) {
        out[c * plane + j] = img[c * plane + src];
      }
    }
    return out;
  }

  /** ColorJitter: brightness (0), contrast (1), saturation (2), hue (3) in the drawn order. */
  private float[] jitter(float[] img, Draws d) {
    for (int op : d.order()) {
      switch (op) {
        case 0 -> ImageOps.brightness(img, d.brightness());
        case 1 -> ImageOps.contrast(img, channels, d.contrast());
        case 2 -> ImageOps.saturation(img, channels, d.saturation());
        default -> ImageOps.hue(img, channels, d.hue());
      }
    }
    return img;
  }

  /**
   * The {@code ch x cw} window at ({@code top}, {@code left}) of an {@code h x w} image in
   * [0, 1], normalized, into {@code buffer} from {@code to}.
   */
  private void normalize(float[] img, int h, int w, int top, int left, int ch, int cw,
      float[] buffer, int to) {
    for (int c = 0; c < channels; c++) {
      double mean = means[c];
      double sd = deviations[c];
      for (int y = 0; y < ch; y++) {
        int row = c * h * w + (top + y) * w + left;
        int out = to + c * ch * cw + y * cw;
        for (int x = 0; x < cw; x++) {
          buffer[out + x] = (float) ((img[row + x] - mean) / sd);
        }
      }
    }
  }

  /** numpy's and PyTorch's 'reflect' padding: the edge pixel is not repeated. */
  static int reflect(int i, int size) {
    return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
  }
}
