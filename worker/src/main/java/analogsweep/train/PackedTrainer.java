package analogsweep.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import analogsweep.data.Dataset;
import analogsweep.grid.GridPoint;
import analogsweep.packed.PackedAdam;
import analogsweep.packed.PackedNetwork;
import analogsweep.tensor.NativeMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains the grid points of one job together as one packed model ({@link PackedNetwork}): each
 * point sees its own batches (its own shuffle), keeps its own interpolation factor, precision,
 * EP, noise and seed, and its own early stopping, divergence and failure; a point that ends
 * leaves the pack at once (its slices are dropped from the parameters and the optimizer), so it
 * costs nothing more. Returns one result per point, as training it alone would, with the pack's
 * timings and {@code packSize} in its provenance. The engine's generator (noise, dropout) is
 * shared by the pack and seeded by its first point.
 */
final class PackedTrainer {
  private final List<Member> members = new ArrayList<>();
  private final Dataset data;
  private final Device device;
  private final int threads;
  private final long dataMillis;
  private final String startedAt;
  private final int trainN;
  private final int testN;
  private final int batch;
  private final EpochListener listener;
  /** Pixels to floats: packed points train without augmentation or normalization. */
  private final InputPipeline inputs;
  private long trainMillis;
  private long evalMillis;

  /** One grid point of the pack and its own state. */
  private static final class Member {
    final GridPoint point;
    final int[] order;
    final SplittableRandom shuffle;
    final List<EpochMetrics> epochs = new ArrayList<>();
    Status status = Status.OK;
    String message;
    String stopReason;
    double best = Double.NEGATIVE_INFINITY;
    long trainedSamples;
    double lossSum;
    long correct;
    long seen;

    Member(GridPoint point, int trainN) {
      this.point = point;
      this.order = Batches.identity(trainN);
      this.shuffle = new SplittableRandom(point.seed() * 0x9E3779B97F4A7C15L + 1);
    }

    boolean ended() {
      return stopReason != null;
    }
  }

  private PackedTrainer(TrainingJob job, Dataset data, Device device, int threads,
      long dataMillis, String startedAt, EpochListener listener) {
    this.listener = listener;
    this.data = data;
    this.device = device;
    this.threads = threads;
    this.dataMillis = dataMillis;
    this.startedAt = startedAt;
    GridPoint first = job.points().get(0);
    this.trainN = limit(first.data().trainLimit(), data.trainSize());
    this.testN = limit(first.data().testLimit(), data.testSize());
    this.batch = first.training().batchSize();
    this.inputs = new InputPipeline(data, first.data(), first.seed());
    for (GridPoint p : job.points()) {
      members.add(new Member(p, trainN));
    }
  }

  private static int limit(int limit, int size) {
    return limit == 0 ? size : Math.min(limit, size);
  }

  /** Trains the job's points as one pack; one result per point, in the job's order. */
  static List<TaskResult> train(TrainingJob job, Dataset data, Device device, int threads,
      long dataMillis, EpochListener listener) {
    String startedAt = Instant.now().toString();
    PackedTrainer run = new PackedTrainer(job, data, device, threads, dataMillis, startedAt,
        listener);
    long t0 = System.nanoTime();
    long parameters = 0;
    try {
      parameters = run.execute();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      for (Member m : run.members) {
        if (!m.ended()) {
          m.status = Status.FAILED;
          m.stopReason = "failed";
          m.message = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }
    }
    long total = (System.nanoTime() - t0) / 1_000_000;
    List<TaskResult> results = new ArrayList<>();
    for (Member m : run.members) {
      Provenance prov = GridPointTrainer.provenance(m.point, data, device, threads, parameters,
          startedAt, job.size());
      results.add(TaskResult.of(m.point, m.status, m.message,
          m.stopReason == null ? "max_epochs" : m.stopReason, m.epochs, dataMillis,
          run.trainMillis, run.evalMillis, dataMillis + total, m.trainedSamples, prov));
    }
    return results;
  }

  /** The training; returns the parameters of one point's network. */
  private long execute() {
    GridPoint first = members.get(0).point;
    Engine.getEngine("PyTorch").setRandomSeed((int) (first.seed() ^ (first.seed() >>> 32)));
    NativeMemory.tune();
    if (threads > 0) {
      JniUtils.setNumThreads(threads);
    }
    long deadline = first.training().timeBudgetSeconds() == 0 ? Long.MAX_VALUE
        : System.nanoTime() + first.training().timeBudgetSeconds() * 1_000_000_000L;
    Shape image = new Shape(data.channels(), data.height(), data.width());
    try (NDManager manager = NDManager.newBaseManager(device)) {
      List<GridPoint> points = members.stream().map(m -> m.point).toList();
      PackedNetwork net = PackedNetwork.build(points, image, data.classes(), manager);
      long parameters = net.parametersPerPoint();
      PackedAdam adam = new PackedAdam((float) first.training().learningRate(), net);
      List<Member> pack = new ArrayList<>(members);
      float[] buffer = new float[Math.max(batch, evalBatch()) * data.imageBytes()
          * members.size()];
      for (int epoch = 1; epoch <= first.training().maxEpochs() && !pack.isEmpty(); epoch++) {
        long t0 = System.nanoTime();
        for (Member m : pack) {
          Batches.shuffle(m.order, m.shuffle);
          m.lossSum = 0;
          m.correct = 0;
          m.seen = 0;
        }
        boolean outOfTime = false;
        for (int start = 0; start < trainN && !pack.isEmpty(); start += batch) {
          if (System.nanoTime() > deadline) {
            outOfTime = true;
            break;
          }
          int n = Math.min(batch, trainN - start);
          List<Member> diverged = trainBatch(net, adam, pack, buffer, start, n, manager);
          if (!diverged.isEmpty()) {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            for (Member m : diverged) {
              m.epochs.add(new EpochMetrics(epoch, m.lossSum, m.seen == 0 ? Double.NaN
                  : (double) m.correct / m.seen, Double.NaN, Double.NaN, m.seen, millis, 0));
              m.trainedSamples += m.seen;
            }
            pack = leave(net, adam, pack, diverged);
          }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        trainMillis += millis;
        boolean trainedNothing = pack.stream().allMatch(m -> m.seen == 0);
        if (pack.isEmpty() || trainedNothing) {
          for (Member m : pack) {
            m.stopReason = "time_budget";
          }
          break;
        }
        long e0 = System.nanoTime();
        double[][] test = evaluateRepeated(net, pack, buffer, manager,
            first.training().evalRepeats());
        long eMillis = (System.nanoTime() - e0) / 1_000_000;
        evalMillis += eMillis;
        List<Member> ended = new ArrayList<>();
        for (int j = 0; j < pack.size(); j++) {
          Member m = pack.get(j);
          double trainAccuracy = (double) m.correct / m.seen;
          m.trainedSamples += m.seen;
          m.epochs.add(new EpochMetrics(epoch, m.lossSum / m.seen, trainAccuracy, test[j][0],
              test[j][1], m.seen, millis, eMillis, test[j][2], test[j][3]));
          try {
            FaultInjection.afterEpoch(m.point.taskId(), epoch);
            listener.epochDone(m.point.taskId(), epoch);
          } catch (RuntimeException e) {
            m.status = Status.FAILED;
            m.stopReason = "failed";
            m.message = e.getClass().getSimpleName() + ": " + e.getMessage();
            ended.add(m);
            continue;
          }
          if (outOfTime) {
            m.stopReason = "time_budget";
            ended.add(m);
            continue;
          }
          m.best = Math.max(m.best, test[j][1]);
          String stop = m.point.training().earlyStopping() ? GridPointTrainer.earlyStop(epoch,
              trainAccuracy, test[j][1], m.best, data.classes()) : null;
          if (stop != null) {
            m.stopReason = stop;
            ended.add(m);
          }
        }
        if (!ended.isEmpty()) {
          pack = leave(net, adam, pack, ended);
        }
      }
      for (Member m : pack) {
        m.stopReason = m.stopReason == null ? "max_epochs" : m.stopReason;
      }
      return parameters;
    }
  }

  /** Test batches are at least 256 (no gradients kept), never smaller than training batches. */
  private int evalBatch() {
    return Math.max(batch, 256);
  }

  /**
   * One step of every point in the pack on its own next batch; returns the points whose loss
   * was not a number (they are marked DIVERGED and took no step).
   */
  private List<Member> trainBatch(PackedNetwork net, PackedAdam adam, List<Member> pack,
      float[] buffer, int start, int n, NDManager manager) {
    int k = pack.size();
    int size = data.imageBytes();
    float[] labels = new float[k * n];
    for (int j = 0; j < k; j++) {
      Member m = pack.get(j);
      inputs.fill(buffer, j * n * size, data.trainImages(), m.order, start, n, true);
      Batches.labels(labels, j * n, data.trainLabels(), m.order, start, n);
    }
    List<Member> diverged = new ArrayList<>();
    try (NDManager bm = manager.newSubManager(device)) {
      NDArray x = bm.create(java.nio.FloatBuffer.wrap(buffer, 0, k * n * size),
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
      for (int j = 0; j < k; j++) {
        Member m = pack.get(j);
        if (!Float.isFinite(losses[j])) {
          m.status = Status.DIVERGED;
          m.stopReason = "diverged";
          m.message = "loss became " + losses[j] + " in epoch " + (m.epochs.size() + 1);
          m.lossSum = losses[j]; // what the epoch row reports for a diverged epoch
          diverged.add(m);
          continue;
        }
        m.lossSum += (double) losses[j] * n;
        m.correct += correct[j];
        m.seen += n;
      }
    }
    return diverged;
  }

  /** Mean softmax cross-entropy per point: (K, batch, classes) logits, (K, batch) labels. */
  private static NDArray lossPerPoint(NDArray logits, NDArray labels) {
    NDArray picked = logits.logSoftmax(2).gather(labels.expandDims(2), 2);
    return picked.squeeze(2).neg().mean(new int[] {1});
  }

  /**
   * {@code repeats} test passes with fresh noise: per point the mean loss and accuracy and their
   * spreads, [point][loss, accuracy, sd loss, sd accuracy] (NaN spreads for one pass).
   */
  private double[][] evaluateRepeated(PackedNetwork net, List<Member> pack, float[] buffer,
      NDManager manager, int repeats) {
    int k = pack.size();
    double[][] losses = new double[k][repeats];
    double[][] accuracies = new double[k][repeats];
    for (int r = 0; r < repeats; r++) {
      double[][] pass = evaluate(net, pack, buffer, manager);
      for (int j = 0; j < k; j++) {
        losses[j][r] = pass[j][0];
        accuracies[j][r] = pass[j][1];
      }
    }
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = RepeatStats.summarize(losses[j], accuracies[j]);
    }
    return out;
  }

  /** Test loss and accuracy of every point in the pack: [point][loss, accuracy]. */
  private double[][] evaluate(PackedNetwork net, List<Member> pack, float[] buffer,
      NDManager manager) {
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
        NDArray one = bm.create(java.nio.FloatBuffer.wrap(buffer, 0, n * size),
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

  /** The pack without {@code leaving}: their slices leave the network and the optimizer. */
  private static List<Member> leave(PackedNetwork net, PackedAdam adam, List<Member> pack,
      List<Member> leaving) {
    List<Member> stay = new ArrayList<>();
    List<Integer> keep = new ArrayList<>();
    for (int j = 0; j < pack.size(); j++) {
      if (!leaving.contains(pack.get(j))) {
        stay.add(pack.get(j));
        keep.add(j);
      }
    }
    if (!stay.isEmpty()) {
      adam.select(net, keep.stream().mapToInt(Integer::intValue).toArray());
    }
    return stay;
  }
}
