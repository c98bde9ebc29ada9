package analogsweep.train;

/**
 * The image operations of the authors' torchvision transforms, on one image of float planes
 * (channels, height, width) with values in [0, 1], as torchvision documents them: bilinear resize
 * with half-pixel centres and edges held (PyTorch's {@code align_corners=False}, which PIL's
 * bilinear filter equals when enlarging, as the pipelines here do); rotation about the image
 * centre with the nearest pixel and zero fill ({@code RandomRotation}'s defaults, PIL's
 * {@code Image.rotate}: positive angles turn counter-clockwise); left-right and top-bottom flips;
 * a centre crop; and {@code ColorJitter}'s four adjustments as torchvision's tensor functions
 * ({@code adjust_brightness}, {@code adjust_contrast}, {@code adjust_saturation},
 * {@code adjust_hue}). Values stay floats between steps, where PIL would round them to bytes.
 */
final class ImageOps {
  /** torchvision's {@code rgb_to_grayscale} weights. */
  static final float[] GRAY = {0.2989f, 0.587f, 0.114f};

  private ImageOps() {}

  /**
   * torchvision's {@code Resize(size)} output side pair (height, width): the shorter side becomes
   * {@code size}, the longer {@code int(size * long / short)}.
   */
  static int[] resizedSize(int height, int width, int size) {
    if (height <= width) {
      return new int[] {size, (int) ((long) size * width / height)};
    }
    return new int[] {(int) ((long) size * height / width), size};
  }

  /**
   * One axis of a bilinear resize from {@code in} to {@code out} samples: for each output index,
   * the lower source index, the upper one and the upper one's weight (half-pixel centres, the
   * source position held at 0 below and the upper index at the last sample).
   */
  static final class Axis {
    final int[] lower;
    final int[] upper;
    final float[] weight;

    Axis(int in, int out) {
      lower = new int[out];
      upper = new int[out];
      weight = new float[out];
      double scale = (double) in / out;
      for (int o = 0; o < out; o++) {
        double src = Math.max((o + 0.5) * scale - 0.5, 0);
        int i0 = Math.min((int) src, in - 1);
        lower[o] = i0;
        upper[o] = Math.min(i0 + 1, in - 1);
        weight[o] = (float) (src - i0);
      }
    }
  }

  /** Bilinear resize of {@code src} (c, h, w) by the axes {@code ys} and {@code xs}. */
  static float[] resize(float[] src, int channels, int height, int width, Axis ys, Axis xs) {
    int oh = ys.lower.length;
    int ow = xs.lower.length;
    float[] out = new float[channels * oh * ow];
    for (int c = 0; c < channels; c++) {
      int in = c * height * width;
      int to = c * oh * ow;
      for (int y = 0; y < oh; y++) {
        int r0 = in + ys.lower[y] * width;
        int r1 = in + ys.upper[y] * width;
        float wy = ys.weight[y];
        for (int x = 0; x < ow; x++) {
          int x0 = xs.lower[x];
          int x1 = xs.upper[x];
          float wx = xs.weight[x];
          float top = src[r0 + x0] + wx * (src[r0 + x1] - src[r0 + x0]);
          float bottom = src[r1 + x0] + wx * (src[r1 + x1] - src[r1 + x0]);
          out[to + y * ow + x] = top + wy * (bottom - top);
        }
      }
    }
    return out;
  }

  /**
   * For each pixel of an {@code height x width} image rotated by {@code degrees}
   * (counter-clockwise) about its centre, the index (y * width + x) of the source pixel it
   * shows, or -1 where it shows the fill: PIL's inverse map at pixel centres, sine and cosine
   * rounded to 15 decimals as PIL does, then the nearest pixel (the floor of the position).
   */
  static int[] rotationSource(int height, int width, double degrees) {
    double theta = Math.toRadians(degrees);
    double cos = Math.rint(Math.cos(theta) * 1e15) / 1e15;
    double sin = Math.rint(Math.sin(theta) * 1e15) / 1e15;
    double cx = width * 0.5;
    double cy = height * 0.5;
    int[] out = new int[height * width];
    for (int y = 0; y < height; y++) {
      double dy = y + 0.5 - cy;
      for (int x = 0; x < width; x++) {
        double dx = x + 0.5 - cx;
        double u = cx + dx * cos - dy * sin;
        double v = cy + dx * sin + dy * cos;
        int sx = (int) Math.floor(u);
        int sy = (int) Math.floor(v);
        out[y * width + x] = sx < 0 || sy < 0 || sx >= width || sy >= height ? -1
            : sy * width + sx;
      }
    }
    return out;
  }

  /** torchvision's {@code adjust_brightness}: each value times {@code factor}, clamped. */
  static void brightness(float[] img, float factor) {
    for (int k = 0; k < img.length; k++) {
      img[k] = clamp(img[k] * factor);
    }
  }

  /**
   * torchvision's {@code adjust_contrast}: a blend with the mean of the image's grayscale (of the
   * image itself where it has one channel), clamped to [0, 1].
   */
  static void contrast(float[] img, int channels, float factor) {
    int plane = img.length / channels;
    double sum = 0;
    if (channels == 3) {
      for (int j = 0; j < plane; j++) {
        sum += gray(img, plane, j);
      }
    } else {
      for (float v : img) {
        sum += v;
      }
    }
    float mean = (float) (sum / (channels == 3 ? plane : img.length));
    for (int k = 0; k < img.length; k++) {
      img[k] = clamp(factor * img[k] + (1 - factor) * mean);
    }
  }

  /** torchvision's {@code adjust_saturation}: a blend with the grayscale; one channel unchanged. */
  static void saturation(float[] img, int channels, float factor) {
    if (channels != 3) {
      return;
    }
    int plane = img.length / 3;
    for (int j = 0; j < plane; j++) {
      float g = gray(img, plane, j);
      for (int c = 0; c < 3; c++) {
        int k = c * plane + j;
        img[k] = clamp(factor * img[k] + (1 - factor) * g);
      }
    }
  }

  /**
   * torchvision's {@code adjust_hue}: to HSV, the hue moved by {@code shift} (a fraction of the
   * circle, modulo 1), back to RGB; one channel unchanged.
   */
  static void hue(float[] img, int channels, float shift) {
    if (channels != 3) {
      return;
    }
    int plane = img.length / 3;
    for (int j = 0; j < plane; j++) {
      float r = img[j];
      float g = img[plane + j];
      float b = img[2 * plane + j];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float range = max - min;
      boolean grey = max == min;
      float s = range / (grey ? 1 : max);
      float divisor = grey ? 1 : range;
      float rc = (max - r) / divisor;
      float gc = (max - g) / divisor;
      float bc = (max - b) / divisor;
      float h;
      if (max == r) {
        h = bc - gc;
      } else if (max == g) {
        h = 2 + rc - bc;
      } else {
        h = 4 + gc - rc;
      }
      h = floorMod(h / 6 + 1);
      h = floorMod(h + shift);
      float[] rgb = hsvToRgb(h, s, max);
      img[j] = rgb[0];
      img[plane + j] = rgb[1];
      img[2 * plane + j] = rgb[2];
    }
  }

  /** torchvision's {@code _hsv2rgb} for one pixel, hue in [0, 1). */
  static float[] hsvToRgb(float h, float s, float v) {
    float h6 = h * 6;
    float floor = (float) Math.floor(h6);
    int i = ((int) floor) % 6;
    float f = h6 - floor;
    float p = clamp(v * (1 - s));
    float q = clamp(v * (1 - s * f));
    float t = clamp(v * (1 - s * (1 - f)));
    return switch (i) {
      case 0 -> new float[] {v, t, p};
      case 1 -> new float[] {q, v, p};
      case 2 -> new float[] {p, v, t};
      case 3 -> new float[] {p, q, v};
      case 4 -> new float[] {t, p, v};
      default -> new float[] {v, p, q};
    };
  }

  private static float gray(float[] img, int plane, int j) {
    return GRAY[0] * img[j] + GRAY[1] * img[plane + j] + GRAY[2] * img[2 * plane + j];
  }

  private static float floorMod(float x) {
    float m = x - (float) Math.floor(x);
    return m >= 1 ? 0 : m;
  }

  static float clamp(float v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
