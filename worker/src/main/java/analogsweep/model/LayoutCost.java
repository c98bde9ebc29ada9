package analogsweep.model;

import java.util.List;

/**
 * What a layout costs on images of a given shape, worked out without building it: its parameters
 * (weights and biases) and the multiply-adds of one image's forward pass. The driver uses them to
 * refuse networks no executor could hold and to send the longest jobs first.
 */
public final class LayoutCost {
  private LayoutCost() {}

  /** {parameters, multiply-adds per image} of {@code layout} on (channels, height, width). */
  public static long[] of(List<LayerSpec> layout, long channels, long height, long width) {
    long c = channels;
    long h = height;
    long w = width;
    long features = 0;
    boolean flat = false;
    long parameters = 0;
    long macs = 0;
    for (LayerSpec s : layout) {
      if (s instanceof LayerSpec.Conv cv) {
        long weights = c * cv.channels() * cv.kernel() * cv.kernel();
        h = Math.max(0, h + 2L * cv.padding() - cv.kernel() + 1);
        w = Math.max(0, w + 2L * cv.padding() - cv.kernel() + 1);
        parameters += weights + cv.channels();
        macs += weights * h * w;
        c = cv.channels();
      } else if (s instanceof LayerSpec.Activate a && a.halves()) {
        // a gated activation halves what the layer before it doubled
        if (flat) {
          features /= 2;
        } else {
          c /= 2;
        }
      } else if (s instanceof LayerSpec.MaxPool) {
        h /= 2;
        w /= 2;
      } else if (s instanceof LayerSpec.Flatten) {
        features = c * h * w;
        flat = true;
      } else if (s instanceof LayerSpec.Dense d) {
        parameters += features * d.units() + d.units();
        macs += features * d.units();
        features = d.units();
      }
    }
    return new long[] {parameters, macs};
  }
}
