package analogsweep.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight layers of a feed-forward layout on images of a given shape, worked out without
 * building it: they give the layout's cost ({@link ModelCost}) and the packed network's
 * parameters.
 */
public final class LayoutCost {
  private LayoutCost() {}

  /**
   * A weight layer of a layout: its weight's shape ((out, in) for a dense layer, (out, in, k, k)
   * for a convolution), its outputs (the bias's size) and its output map's pixels (1 when dense).
   */
  public record WeightLayer(long[] weightShape, int outputs, long mapSize) {
    long weights() {
      long n = 1;
      for (long d : weightShape) {
        n *= d;
      }
      return n;
    }
  }

  /** The weight layers of {@code layout} on (channels, height, width) images, in order. */
  public static List<WeightLayer> weightLayers(List<LayerSpec> layout, long channels,
      long height, long width) {
    List<WeightLayer> out = new ArrayList<>();
    long c = channels;
    long h = height;
    long w = width;
    long features = 0;
    boolean flat = false;
    for (LayerSpec s : layout) {
      if (s instanceof LayerSpec.Conv cv) {
        h = Math.max(0, h + 2L * cv.padding() - cv.kernel() + 1);
        w = Math.max(0, w + 2L * cv.padding() - cv.kernel() + 1);
        out.add(new WeightLayer(new long[] {cv.channels(), c, cv.kernel(), cv.kernel()},
            cv.channels(), h * w));
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
        out.add(new WeightLayer(new long[] {d.units(), features}, d.units(), 1));
        features = d.units();
      }
    }
    return out;
  }

  /** Parameters and multiply-adds per image of {@code layout} on (channels, height, width). */
  public static ModelCost of(List<LayerSpec> layout, long channels, long height, long width) {
    long parameters = 0;
    long macs = 0;
    for (WeightLayer l : weightLayers(layout, channels, height, width)) {
      parameters += l.weights() + l.outputs();
      macs += l.weights() * l.mapSize();
    }
    return new ModelCost(parameters, macs);
  }
}
