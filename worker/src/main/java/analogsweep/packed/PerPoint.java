package analogsweep.packed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * One value per packed grid point as an array that broadcasts against a tensor laid out with the
 * pack axis at {@code packAxis}: size K there, 1 on every other axis. Made in the manager, type and
 * device of the tensor it meets, so that it lives as long as the batch (see tensor/Scalars).
 */
final class PerPoint {
  private PerPoint() {}

  static NDArray of(NDArray like, float[] values, int packAxis) {
    long[] dims = new long[like.getShape().dimension()];
    Arrays.fill(dims, 1);
    dims[packAxis] = values.length;
    NDArray a = like.getManager().create(values, new Shape(dims));
    if (!a.getDevice().equals(like.getDevice())) {
      a = a.toDevice(like.getDevice(), false);
    }
    return a.getDataType() == like.getDataType() ? a : a.toType(like.getDataType(), false);
  }

  /** The values of {@code all} at the indices {@code keep}. */
  static float[] select(float[] all, int[] keep) {
    float[] out = new float[keep.length];
    for (int k = 0; k < keep.length; k++) {
      out[k] = all[keep[k]];
    }
    return out;
  }
}
