package analogsweep.tensor;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands that live as long as the arrays they are combined with.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and add, sub, div, gt ...) on the PyTorch engine wraps the
 * number in a tensor over a direct buffer without copying, uses it, and closes it at once. PyTorch's
 * autograd keeps that tensor for the backward pass (mul saves its other factor), so a garbage
 * collection between forward and backward frees memory the graph still reads: gradients turn into
 * garbage, now and then NaN. Every scalar in a differentiated computation is therefore made here,
 * in the manager of the array it meets, which is closed only after the backward pass and the
 * optimizer step.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a 0-d array of {@code like}'s type, device and manager. */
  public static NDArray of(NDArray like, double value) {
    NDArray s = like.getManager().create((float) value);
    if (!s.getDevice().equals(like.getDevice())) {
      s = s.toDevice(like.getDevice(), false);
    }
    return s.getDataType() == like.getDataType() ? s : s.toType(like.getDataType(), false);
  }
}
