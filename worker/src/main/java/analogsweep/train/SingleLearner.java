package analogsweep.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import analogsweep.data.Dataset;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * One point's network behind a DJL {@link Trainer}, as {@link EpochLoop} trains it. Gradients are
 * recorded with PyTorch's thread-local grad mode and backward directly ({@link Autograd}); a
 * step whose loss is not finite is not taken.
 */
final class SingleLearner implements Learner {
  private final Trainer trainer;
  private final Loss loss;
  private final Dataset data;
  private final Device device;
  private final InputPipeline inputs;
  private final int testN;
  private final int evalBatch;
  private final float[] buffer;

  SingleLearner(Trainer trainer, Loss loss, Dataset data, Device device, InputPipeline inputs,
      int testN, int evalBatch) {
    this.trainer = trainer;
    this.loss = loss;
    this.data = data;
    this.device = device;
    this.inputs = inputs;
    this.testN = testN;
    this.evalBatch = evalBatch;
    this.buffer = new float[evalBatch * inputs.maxSize()];
  }

  @Override
  public Step step(List<PointRun> active, int start, int n) {
    PointRun run = active.get(0);
    try (NDManager bm = trainer.getManager().newSubManager(device)) {
      NDArray x = images(bm, data.trainImages(), run.order, start, n, true);
      NDArray y = labels(bm, data.trainLabels(), run.order, start, n);
      NDArray[] step = Autograd.recording(true, () -> {
        NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray l = loss.evaluate(new NDList(y), new NDList(out));
        if (Float.isFinite(l.getFloat())) {
          Autograd.backward(l);
        }
        return new NDArray[] {out, l};
      });
      float value = step[1].getFloat();
      if (!Float.isFinite(value)) {
        return new Step(new float[] {value}, new long[] {0});
      }
      long correct = countCorrect(step[0], y);
      // DJL refuses a first step whose gradients sum to zero (it takes it for a missing
      // backward); here that means every value was clamped: no step, and the loop says so
      boolean skip = run.steps == 0 && gradientsAllZero();
      if (!skip) {
        trainer.step();
      }
      return new Step(new float[] {value}, new long[] {correct}, skip);
    }
  }

  /** Whether every gradient of the network is zero (checked until the first step is taken). */
  private boolean gradientsAllZero() {
    for (Parameter p : trainer.getModel().getBlock().getParameters().values()) {
      if (!p.requiresGradient()) {
        continue;
      }
      try (NDArray g = p.getArray().getGradient(); NDArray a = g.abs(); NDArray sum = a.sum()) {
        if (sum.getFloat() != 0f) {
          return false;
        }
      }
    }
    return true;
  }

  /** Test loss and accuracy over the (limited) test set, noise on, dropout off. */
  @Override
  public double[][] evaluate(List<PointRun> active) {
    double lossSum = 0;
    long correct = 0;
    for (int start = 0; start < testN; start += evalBatch) {
      int n = Math.min(evalBatch, testN - start);
      try (NDManager bm = trainer.getManager().newSubManager(device)) {
        NDArray x = images(bm, data.testImages(), null, start, n, false);
        NDArray y = labels(bm, data.testLabels(), null, start, n);
        NDArray logits = Autograd.recording(false,
            () -> trainer.evaluate(new NDList(x)).singletonOrThrow());
        lossSum += (double) loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * n;
        correct += countCorrect(logits, y);
      }
    }
    return new double[][] {{lossSum / testN, (double) correct / testN}};
  }

  /** One point never shrinks: it leaves only by ending. */
  @Override
  public void keep(int[] keep) {}

  /** A failure after an epoch fails the whole run (its result carries no epochs). */
  @Override
  public boolean isolatesFailures() {
    return false;
  }

  private static long countCorrect(NDArray logits, NDArray labels) {
    return logits.argMax(1).eq(labels.toType(DataType.INT64, false)).sum().getLong();
  }

  private NDArray images(NDManager m, byte[] source, int[] order, int start, int n,
      boolean training) {
    int[] shape = inputs.shape(training);
    inputs.fill(buffer, 0, source, order, start, n, training);
    return m.create(FloatBuffer.wrap(buffer, 0, n * inputs.size(training)),
        new Shape(n, shape[0], shape[1], shape[2]), DataType.FLOAT32);
  }

  private static NDArray labels(NDManager m, byte[] source, int[] order, int start, int n) {
    float[] y = new float[n];
    Batches.labels(y, 0, source, order, start, n);
    return m.create(y);
  }
}
