package analogsweep.grid;

import java.io.Serializable;

/**
 * Where the analog chain acts in one network, after the placement and the switches: on the input
 * image once, before each weight layer (digital to analog), after it (analog to digital), and on
 * its weights and biases at every forward pass.
 */
public record ChainSites(boolean inputImage, boolean beforeLayers, boolean afterLayers,
    boolean weights) implements Serializable {

  /** No site at all: a digital network. */
  public boolean none() {
    return !inputImage && !beforeLayers && !afterLayers && !weights;
  }

  /** "before each layer, after each layer, weights", for printed models. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (inputImage) {
      sb.append("input image, ");
    }
    if (beforeLayers) {
      sb.append("before each weight layer, ");
    }
    if (afterLayers) {
      sb.append("after each weight layer, ");
    }
    if (weights) {
      sb.append("weights and biases, ");
    }
    return sb.length() == 0 ? "nowhere (digital)" : sb.substring(0, sb.length() - 2);
  }
}
