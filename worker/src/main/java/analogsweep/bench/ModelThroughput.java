package analogsweep.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import analogsweep.grid.GridPoint;
import analogsweep.model.AnalogNetworks;
import analogsweep.model.NetworkCost;
import analogsweep.tensor.NativeMemory;
import analogsweep.train.Autograd;

/**
 * Samples per second of one grid point's network, training (forward, backward, Adam step) and
 * evaluation (forward without gradients), on random images of a given shape: the same blocks,
 * optimizer and grad-mode handling as {@code GridPointTrainer}, without data loading or metrics.
 * Timed over a fixed number of batches after a warm-up.
 */
public final class ModelThroughput {
  /** Samples per second and the network's forward FLOPs per sample. */
  public record Result(double trainSamplesPerSecond, double evalSamplesPerSecond,
      long forwardFlopsPerSample) {}

  private ModelThroughput() {}

  /**
   * Trains {@code batches} batches (after {@code warmup}) and evaluates as many, on images of
   * (channels, height, width) with {@code classes} classes.
   */
  public static Result measure(GridPoint point, Shape image, int classes, Device device,
      int threads, int warmup, int batches) {
    Engine.getEngine("PyTorch").setRandomSeed(1); // also loads the native library
    NativeMemory.tune();
    if (threads > 0) {
      JniUtils.setNumThreads(threads);
    }
    int batch = point.training().batchSize();
    Shape input = new Shape(batch, image.get(0), image.get(1), image.get(2));
    Loss loss = Loss.softmaxCrossEntropyLoss();
    try (Model model = Model.newInstance("bench", device, "PyTorch")) {
      SequentialBlock net = AnalogNetworks.build(point, classes);
      model.setBlock(net);
      DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
          .optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, image.get(0), image.get(1), image.get(2)));
        long flops = NetworkCost.forwardFlopsPerSample(net);
        try (NDManager m = trainer.getManager().newSubManager(device)) {
          NDArray x = m.randomUniform(0f, 1f, input, DataType.FLOAT32);
          NDArray y = m.randomInteger(0, classes, new Shape(batch), DataType.INT64)
              .toType(DataType.FLOAT32, false);
          for (int k = 0; k < warmup; k++) {
            trainStep(trainer, loss, x, y, device);
          }
          long t0 = System.nanoTime();
          for (int k = 0; k < batches; k++) {
            trainStep(trainer, loss, x, y, device);
          }
          double train = (double) batches * batch / ((System.nanoTime() - t0) / 1e9);
          for (int k = 0; k < warmup; k++) {
            evalStep(trainer, x, device);
          }
          t0 = System.nanoTime();
          for (int k = 0; k < batches; k++) {
            evalStep(trainer, x, device);
          }
          double eval = (double) batches * batch / ((System.nanoTime() - t0) / 1e9);
          return new Result(train, eval, flops);
        }
      }
    }
  }

  private static void trainStep(Trainer trainer, Loss loss, NDArray x, NDArray y,
      Device device) {
    try (NDManager bm = trainer.getManager().newSubManager(device)) {
      NDArray bx = x.duplicate();
      bx.attach(bm);
      Autograd.recording(true, () -> {
        NDArray out = trainer.forward(new NDList(bx)).singletonOrThrow();
        NDArray l = loss.evaluate(new NDList(y), new NDList(out));
        Autograd.backward(l);
        return l.getFloat();
      });
      trainer.step();
    }
  }

  private static void evalStep(Trainer trainer, NDArray x, Device device) {
    try (NDManager bm = trainer.getManager().newSubManager(device)) {
      NDArray bx = x.duplicate();
      bx.attach(bm);
      Autograd.recording(false, () -> trainer.evaluate(new NDList(bx)).singletonOrThrow()
          .argMax(1).sum().getLong());
    }
  }
}
