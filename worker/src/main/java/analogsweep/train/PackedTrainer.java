package analogsweep.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.data.Dataset;
import analogsweep.grid.GridPoint;
import analogsweep.packed.PackedAdam;
import analogsweep.packed.PackedNetwork;
import analogsweep.tensor.NativeMemory;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the grid points of one job together as one packed model ({@link PackedNetwork}): each
 * point sees its own batches (its own shuffle), keeps its own interpolation factor, precision,
 * EP, noise and seed, and its own early stopping, divergence and failure; a point that ends
 * leaves the pack at once (its slices are dropped from the parameters and the optimizer), so it
 * costs nothing more. Returns one result per point, as training it alone would, with the pack's
 * timings and {@code packSize} in its provenance. The pack's noise and dropout masks come from
 * streams of its own, seeded by its first point: a pack trains to the same numbers whatever else
 * its JVM trains. {@link EpochLoop} runs the epochs; this is
 * the pack's {@link Learner}.
 */
final class PackedTrainer implements Learner {
  private final Dataset data;
  private final Device device;
  private final int testN;
  private final int batch;
  /** Pixels to floats: packed points train without augmentation or normalization. */
  private final InputPipeline inputs;
  private final PackedNetwork net;
  private final PackedAdam adam;
  private final NDManager manager;
  private final float[] buffer;

  private PackedTrainer(GridPoint first, int k, Dataset data, Device device, PackedNetwork net,
      PackedAdam adam, NDManager manager) {
    this.data = data;
    this.device = device;
    this.testN = GridPointTrainer.limit(first.data().testLimit(), data.testSize());
    this.batch = first.training().batchSize();
    this.inputs = new InputPipeline(data, first.data(), first.seed());
    this.net = net;
    this.adam = adam;
    this.manager = manager;
    this.buffer = new float[Math.max(batch, evalBatch()) * data.imageBytes() * k];
  }

  /** Trains the job's points as one pack; one result per point, in the job's order. */
  static List<TaskResult> train(TrainingJob job, Dataset data, Device device, int threads,
      long dataMillis, EpochListener listener) {
    String startedAt = Instant.now().toString();
    GridPoint first = job.points().get(0);
    int trainN = GridPointTrainer.limit(first.data().trainLimit(), data.trainSize());
    List<PointRun> runs = new ArrayList<>();
    for (GridPoint p : job.points()) {
      runs.add(new PointRun(p, trainN));
    }
    long t0 = System.nanoTime();
    long parameters = 0;
    EpochLoop loop = null;
    try {
      GridPointTrainer.prepareEngine(threads);
      long deadline = EpochLoop.deadline(first, System.nanoTime());
      Shape image = new Shape(data.channels(), data.height(), data.width());
      try (NDManager manager = NDManager.newBaseManager(device)) {
        PackedNetwork net = PackedNetwork.build(job.points(), image, data.classes(), manager);
        parameters = net.parametersPerPoint();
        PackedAdam adam = new PackedAdam((float) first.training().learningRate(),
            first.training().adamEpsilon(), net);
        PackedTrainer learner = new PackedTrainer(first, runs.size(), data, device, net, adam,
            manager);
        loop = new EpochLoop(learner, runs, trainN, data.classes(), deadline, listener);
        loop.run();
      } finally {
        NativeMemory.release(); // the closed pack's buffers, for the executor's next task
      }
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      for (PointRun r : runs) {
        if (!r.ended()) {
          r.fail(e);
        }
      }
    }
    long total = (System.nanoTime() - t0) / 1_000_000;
    long trainMillis = loop == null ? 0 : loop.trainMillis();
    long evalMillis = loop == null ? 0 : loop.evalMillis();
    List<TaskResult> results = new ArrayList<>();
    for (PointRun r : runs) {
      Provenance prov = GridPointTrainer.provenance(r.point, data, device, threads, parameters,
          startedAt, job.size());
      results.add(TaskResult.of(r.point, r.status, r.message, r.storedStopReason(), r.epochs,
          dataMillis, trainMillis, evalMillis, dataMillis + total, r.trainedSamples, prov));
    }
    return results;
  }

  /** Test batches are at least 256 (no gradients kept), never smaller than training batches. */
  private int evalBatch() {
    return GridPointTrainer.evalBatch(batch);
  }

  /** The points at {@code keep} stay: the others' slices leave the network and the optimizer. */
  @Override
  public void keep(int[] keep) {
    adam.select(net, keep);
  }

  /** A failure after an epoch ends only its own point; the others train on. */
  @Override
  public boolean isolatesFailures() {
    return true;
  }

  /**
   * One step of every point in the pack on its own next batch; the points whose loss is not a
   * number are kept out of the gradient.
   */
  @Override
  public Step step(List<PointRun> pack, int start, int n) {
    int k = pack.size();
    int size = data.imageBytes();
    float[] labels = new float[k * n];
    for (int j = 0; j < k; j++) {
      PointRun m = pack.get(j);
      inputs.fill(buffer, j * n * size, data.trainImages(), m.order, start, n, true);
      Batches.labels(labels, j * n, data.trainLabels(), m.order, start, n);
    }
    try (NDManager bm = manager.newSubManager(device)) {
      NDArray x = bm.create(FloatBuffer.wrap(buffer, 0, k * n * size),
          new Shape(k, n, data.channels(), data.height(), data.width()), DataType.FLOAT32);
      NDArray y = bm.create(labels, new Shape(k, n)).toType(DataType.INT64, false);
      NDArray[] step = Autograd.recording(true, () -> {
        NDArray logits = net.forward(x, true);
        NDArray losses = lossPerPoint(logits, y);
        NDArray finite = losses.isNaN().logicalOr(losses.isInfinite()).logicalNot();
        NDArray kept = NDArrays.where(finite, losses, losses.zerosLike());
        Autograd.backward(kept.sum());
        return new NDArray[] {logits, losses};
      });
      float[] losses = step[1].toFloatArray();
      long[] correct = step[0].argMax(2).eq(y).sum(new int[] {1}).toLongArray();
      adam.step(net);
      return new Step(losses, correct);
    }
  }

  /** Mean softmax cross-entropy per point: (K, batch, classes) logits, (K, batch) labels. */
  private static NDArray lossPerPoint(NDArray logits, NDArray labels) {
    NDArray picked = logits.logSoftmax(2).gather(labels.expandDims(2), 2);
    return picked.squeeze(2).neg().mean(new int[] {1});
  }

  /** Test loss and accuracy of every point in the pack: [point][loss, accuracy]. */
  @Override
  public double[][] evaluate(List<PointRun> pack) {
    int k = pack.size();
    double[] lossSum = new double[k];
    long[] correct = new long[k];
    int size = data.imageBytes();
    for (int start = 0; start < testN; start += evalBatch()) {
      int n = Math.min(evalBatch(), testN - start);
      inputs.fill(buffer, 0, data.testImages(), null, start, n, false);
      float[] labels = new float[n];
      Batches.labels(labels, 0, data.testLabels(), null, start, n);
      try (NDManager bm = manager.newSubManager(device)) {
        NDArray one = bm.create(FloatBuffer.wrap(buffer, 0, n * size),
            new Shape(1, n, data.channels(), data.height(), data.width()), DataType.FLOAT32);
        NDArray x = one.broadcast(new Shape(k, n, data.channels(), data.height(), data.width()));
        NDArray y = bm.create(labels, new Shape(1, n)).toType(DataType.INT64, false)
            .broadcast(new Shape(k, n));
        float[] losses;
        long[] hits;
        NDArray logits = Autograd.recording(false, () -> net.forward(x, false));
        losses = lossPerPoint(logits, y).toFloatArray();
        hits = logits.argMax(2).eq(y).sum(new int[] {1}).toLongArray();
        for (int j = 0; j < k; j++) {
          lossSum[j] += (double) losses[j] * n;
          correct[j] += hits[j];
        }
      }
    }
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = new double[] {lossSum[j] / testN, (double) correct[j] / testN};
    }
    return out;
  }
}
