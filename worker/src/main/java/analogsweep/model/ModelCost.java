package analogsweep.model;

/**
 * What a network costs on images of a given shape, worked out without building it: its trained
 * parameters (weights, biases, norm scales and shifts, embeddings; as PyTorch's
 * {@code parameters()}) and the multiply-adds of its weight layers for one image's forward pass.
 * The driver uses them to refuse networks no executor could hold and to send the longest jobs
 * first.
 */
public record ModelCost(long parameters, long multiplyAdds) {

  /** Adds up a network layer by layer. */
  static final class Tally {
    private long parameters;
    private long multiplyAdds;

    /** A convolution of {@code out} x {@code in} x k x k weights over an output map of pixels. */
    Tally conv(long out, long in, long kernel, boolean bias, long mapPixels) {
      long weights = out * in * kernel * kernel;
      parameters += weights + (bias ? out : 0);
      multiplyAdds += weights * mapPixels;
      return this;
    }

    /** A dense layer with bias, or without, applied to {@code positions} vectors (tokens). */
    Tally dense(long out, long in, boolean bias, long positions) {
      parameters += out * in + (bias ? out : 0);
      multiplyAdds += out * in * positions;
      return this;
    }

    /** Parameters without multiply-adds: a norm's scale and shift, an embedding. */
    Tally parameters(long n) {
      parameters += n;
      return this;
    }

    ModelCost total() {
      return new ModelCost(parameters, multiplyAdds);
    }
  }
}
