package analogsweep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * PyTorch's autograd driven directly: its grad mode is thread-local, so two tasks training in
 * one executor JVM do not interfere (DJL's GradientCollector allows one collector per JVM).
 */
public final class Autograd {
  private Autograd() {}

  /** Runs {@code body} with gradient recording on or off in this thread, then restores it. */
  public static <T> T recording(boolean on, Supplier<T> body) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(on);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** Backpropagates d(sum of target)/d(inputs) into the gradients of the arrays that need them. */
  public static void backward(NDArray target) {
    try (NDArray ones = target.onesLike()) {
      JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
    }
  }
}
