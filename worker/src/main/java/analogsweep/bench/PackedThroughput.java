package analogsweep.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import analogsweep.grid.GridPoint;
import analogsweep.packed.PackedAdam;
import analogsweep.packed.PackedNetwork;
import analogsweep.tensor.NativeMemory;
import analogsweep.train.Autograd;
import java.util.ArrayList;
import java.util.List;

/**
 * Training samples per second of K copies of one grid point (seeds 1 .. K) trained packed as one
 * model: the aggregate over the pack, to set against K times one point alone
 * ({@link ModelThroughput}). Random images, the pack's forward, per-point loss, backward and
 * Adam step, after a warm-up.
 */
public final class PackedThroughput {
  private PackedThroughput() {}

  /** Aggregate training samples per second of a pack of {@code k}. */
  public static double trainSamplesPerSecond(GridPoint point, int k, Shape image, int classes,
      Device device, int threads, int warmup, int batches) {
    Engine.getEngine("PyTorch").setRandomSeed(1);
    NativeMemory.tune();
    if (threads > 0) {
      JniUtils.setNumThreads(threads);
    }
    List<GridPoint> points = new ArrayList<>();
    for (int s = 1; s <= k; s++) {
      points.add(point.toBuilder().set("seed", s).build());
    }
    int batch = point.training().batchSize();
    try (NDManager m = NDManager.newBaseManager(device)) {
      PackedNetwork net = PackedNetwork.build(points, image, classes, m);
      PackedAdam adam = new PackedAdam((float) point.training().learningRate(),
          point.training().adamEpsilon(), net);
      NDArray x = m.randomUniform(0f, 1f, new Shape(k, batch, image.get(0), image.get(1),
          image.get(2)), DataType.FLOAT32);
      NDArray y = m.randomInteger(0, classes, new Shape(k, batch, 1), DataType.INT64);
      for (int s = 0; s < warmup; s++) {
        step(net, adam, x, y, m, device);
      }
      long t0 = System.nanoTime();
      for (int s = 0; s < batches; s++) {
        step(net, adam, x, y, m, device);
      }
      return (double) k * batch * batches / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private static void step(PackedNetwork net, PackedAdam adam, NDArray x, NDArray y,
      NDManager m, Device device) {
    try (NDManager bm = m.newSubManager(device)) {
      NDArray bx = x.duplicate();
      bx.attach(bm);
      Autograd.recording(true, () -> {
        NDArray logits = net.forward(bx, true);
        NDArray loss = logits.logSoftmax(2).gather(y, 2).neg().mean();
        Autograd.backward(loss);
        return loss.getFloat();
      });
      adam.step(net);
    }
  }
}
