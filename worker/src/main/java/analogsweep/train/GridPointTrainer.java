package analogsweep.train;

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
import analogsweep.analog.AnalogChain;
import analogsweep.data.Dataset;
import analogsweep.data.DatasetCache;
import analogsweep.grid.GridPoint;
import analogsweep.grid.TrainingSection;
import analogsweep.model.AnalogNetworks;
import java.net.InetAddress;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one grid point: {@code result = train(point, device, threads)}. Adam with the point's
 * learning rate, schedule and weight decay, softmax cross-entropy, inputs scaled to [0, 1] (and
 * normalized and augmented where the point asks: {@link InputPipeline}), per-epoch training and test
 * metrics, the authors' early-stopping rules and a wall-clock budget. A NaN or infinite loss ends
 * the run as {@link Status#DIVERGED}; any other failure becomes {@link Status#FAILED} with its
 * message. Every NDManager, Model and Trainer is closed before returning.
 *
 * <p>Gradients are recorded with PyTorch's thread-local grad mode and backward directly, rather
 * than DJL's GradientCollector, which allows only one collector per JVM and so would make two
 * tasks on one executor collide. Initial weights and batch order come from Java generators seeded
 * by the point; dropout and analog noise come from the engine's generator, which this seeds too.
 * That generator is shared by the JVM, so runs are bit-reproducible when one task trains at a
 * time in a JVM (the default of the one-task CLI), and statistically equivalent otherwise.
 */
public final class GridPointTrainer {
  /** The version recorded in provenance; matches the Maven project version. */
  public static final String VERSION = "0.2.0";

  private GridPointTrainer() {}

  /**
   * Trains every point of a job and returns one result per point, in the job's order. The
   * dataset is loaded once (or reused); a data error becomes a FAILED result for every point.
   */
  public static List<TaskResult> train(TrainingJob job, Device device, int threads) {
    return train(job, device, threads, EpochListener.NONE);
  }

  /** As above, telling {@code listener} of every finished epoch of every point. */
  public static List<TaskResult> train(TrainingJob job, Device device, int threads,
      EpochListener listener) {
    long t0 = System.nanoTime();
    String startedAt = Instant.now().toString();
    GridPoint first = job.points().get(0);
    Dataset data;
    try {
      data = DatasetCache.get(first.data().path(), first.data().grayscale());
    } catch (RuntimeException | OutOfMemoryError e) {
      List<TaskResult> failed = new ArrayList<>();
      for (GridPoint p : job.points()) {
        failed.add(failed(p, e, startedAt, device, threads, millisSince(t0)));
      }
      return failed;
    }
    return train(job, data, device, threads, millisSince(t0), listener);
  }

  /**
   * Trains every point of a job on data already loaded; one result per point. A job of one point
   * trains as that point alone; a larger one trains its points packed as one model.
   */
  public static List<TaskResult> train(TrainingJob job, Dataset data, Device device, int threads,
      long dataMillis, EpochListener listener) {
    if (job.size() == 1) {
      return List.of(train(job.points().get(0), data, device, threads, dataMillis,
          Loss.softmaxCrossEntropyLoss(), listener));
    }
    return PackedTrainer.train(job, data, device, threads, dataMillis, listener);
  }

  /** Loads (or reuses) the point's dataset and trains; data errors become a FAILED result. */
  public static TaskResult train(GridPoint point, Device device, int threads) {
    long t0 = System.nanoTime();
    String startedAt = Instant.now().toString();
    Dataset data;
    try {
      data = DatasetCache.get(point.data().path(), point.data().grayscale());
    } catch (RuntimeException | OutOfMemoryError e) {
      return failed(point, e, startedAt, device, threads, millisSince(t0));
    }
    return train(point, data, device, threads, millisSince(t0));
  }

  /** Trains on data already loaded; {@code dataMillis} is what loading it cost this task. */
  public static TaskResult train(
      GridPoint point, Dataset data, Device device, int threads, long dataMillis) {
    return train(point, data, device, threads, dataMillis, Loss.softmaxCrossEntropyLoss(),
        EpochListener.NONE);
  }

  /** As above with a given loss; tests use it to make a run diverge on purpose. */
  static TaskResult train(GridPoint point, Dataset data, Device device, int threads,
      long dataMillis, Loss loss) {
    return train(point, data, device, threads, dataMillis, loss, EpochListener.NONE);
  }

  /** As above with a given loss and a listener of finished epochs. */
  static TaskResult train(GridPoint point, Dataset data, Device device, int threads,
      long dataMillis, Loss loss, EpochListener listener) {
    String startedAt = Instant.now().toString();
    try {
      return new Run(point, data, device, threads, dataMillis, startedAt, loss, listener)
          .execute();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      return failed(point, e, startedAt, device, threads, dataMillis);
    }
  }

  /**
   * The authors' early-stopping rules: after epoch 10, stop if training accuracy is below 1.25 x
   * chance; at any epoch, stop as soon as test accuracy is more than 5 points below its best so
   * far ({@code best} includes this epoch). Returns the stop reason, or null to go on.
   */
  static String earlyStop(int epoch, double trainAccuracy, double testAccuracy, double best,
      int classes) {
    if (epoch >= 10 && trainAccuracy < 1.25 / classes) {
      return "early_stop_chance";
    }
    if (testAccuracy < best - 0.05) {
      return "early_stop_drop";
    }
    return null;
  }

  /**
   * Adam with the point's learning-rate schedule and weight decay. DJL 0.32's Adam adds the decay
   * to the gradient before the moments (its native update runs with adamw off), which is
   * torch.optim.Adam's weight_decay, the authors' optimizer, not AdamW's decoupled decay.
   */
  static Optimizer adam(TrainingSection training, int updatesPerEpoch) {
    return Optimizer.adam()
        .optLearningRateTracker(new EpochLearningRate(training, updatesPerEpoch))
        .optWeightDecays((float) training.weightDecay())
        .build();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** A FAILED result for a point that could not be trained, with the exception as message. */
  public static TaskResult failed(GridPoint point, Throwable e, String startedAt, Device device,
      int threads, long dataMillis) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    Provenance prov = provenance(point, null, device, threads, 0, startedAt, 1);
    return new TaskResult(point.taskId(), point, Status.FAILED, message, "failed", 0, Double.NaN,
        0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, dataMillis, 0, 0, dataMillis, 0, prov,
        List.of());
  }

  static Provenance provenance(GridPoint point, Dataset data, Device device, int threads,
      long parameters, String startedAt, int packSize) {
    AnalogChain chain = AnalogNetworks.chain(point);
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown";
    }
    String pytorch;
    try {
      pytorch = Engine.getEngine("PyTorch").getVersion();
    } catch (RuntimeException e) {
      pytorch = "unavailable: " + e.getMessage();
    }
    return new Provenance(point.taskId(), point.seed(), VERSION, Engine.getDjlVersion(), pytorch,
        System.getProperty("java.version"), System.getProperty("os.name") + " "
            + System.getProperty("os.arch"), host, String.valueOf(device), threads,
        data == null ? point.data().path() : data.source(), data == null ? null : data.format(),
        data == null ? null : data.sha256(), data == null ? 0 : data.trainSize(),
        data == null ? 0 : data.testSize(), parameters, chain.sigma(), chain.noise().parameter(),
        point.activation().gsd(), startedAt, Instant.now().toString(),
        data == null ? 0 : data.classes(), packSize);
  }

  /** The state of one run; lives only inside {@link #train}. */
  private static final class Run {
    private final GridPoint point;
    private final Dataset data;
    private final Device device;
    private final int threads;
    private final long dataMillis;
    private final String startedAt;
    private final Loss loss;
    private final EpochListener listener;
    private final int trainN;
    private final int testN;
    private final float[] buffer;
    private final InputPipeline inputs;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private long trainMillis;
    private long evalMillis;
    private long trainedSamples;

    Run(GridPoint point, Dataset data, Device device, int threads, long dataMillis,
        String startedAt, Loss loss, EpochListener listener) {
      this.loss = loss;
      this.listener = listener;
      this.point = point;
      this.data = data;
      this.device = device;
      this.threads = threads;
      this.dataMillis = dataMillis;
      this.startedAt = startedAt;
      this.trainN = limit(point.data().trainLimit(), data.trainSize());
      this.testN = limit(point.data().testLimit(), data.testSize());
      this.buffer = new float[evalBatch() * data.imageBytes()];
      this.inputs = new InputPipeline(data, point.data(), point.seed());
    }

    /** Test batches are at least 256 (no gradients kept), never smaller than training batches. */
    private int evalBatch() {
      return Math.max(point.training().batchSize(), 256);
    }

    private static int limit(int limit, int size) {
      return limit == 0 ? size : Math.min(limit, size);
    }

    TaskResult execute() {
      long t0 = System.nanoTime();
      Engine engine = Engine.getEngine("PyTorch");
      analogsweep.tensor.NativeMemory.tune();
      engine.setRandomSeed((int) (point.seed() ^ (point.seed() >>> 32)));
      if (threads > 0) {
        JniUtils.setNumThreads(threads);
      }
      SplittableRandom shuffle = new SplittableRandom(point.seed() * 0x9E3779B97F4A7C15L + 1);
      int[] order = Batches.identity(trainN);
      long deadline = point.training().timeBudgetSeconds() == 0
          ? Long.MAX_VALUE : t0 + point.training().timeBudgetSeconds() * 1_000_000_000L;
      String stopReason = "max_epochs";
      Status status = Status.OK;
      String message = null;
      long parameters;
      try (Model model = Model.newInstance("analogsweep", device, "PyTorch")) {
        SequentialBlock net = AnalogNetworks.build(point, data.classes());
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
            .optOptimizer(adam())
            .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config)) {
          trainer.initialize(new Shape(1, data.channels(), data.height(), data.width()));
          parameters = AnalogNetworks.parameterCount(net);
          double best = Double.NEGATIVE_INFINITY;
          for (int epoch = 1; epoch <= point.training().maxEpochs(); epoch++) {
            Batches.shuffle(order, shuffle);
            EpochOutcome outcome = trainEpoch(trainer, order, deadline);
            if (outcome.diverged) {
              epochs.add(new EpochMetrics(epoch, outcome.loss, outcome.accuracy, Double.NaN,
                  Double.NaN, outcome.samples, outcome.millis, 0));
              status = Status.DIVERGED;
              stopReason = "diverged";
              message = "loss became " + outcome.loss + " in epoch " + epoch;
              break;
            }
            if (outcome.samples == 0) {
              stopReason = "time_budget";
              break;
            }
            long e0 = System.nanoTime();
            double[] test = evaluateRepeated(trainer);
            long eMillis = millisSince(e0);
            evalMillis += eMillis;
            epochs.add(new EpochMetrics(epoch, outcome.loss, outcome.accuracy, test[0], test[1],
                outcome.samples, outcome.millis, eMillis, test[2], test[3]));
            FaultInjection.afterEpoch(point.taskId(), epoch);
            listener.epochDone(point.taskId(), epoch);
            if (outcome.outOfTime) {
              stopReason = "time_budget";
              break;
            }
            best = Math.max(best, test[1]);
            String stop = point.training().earlyStopping()
                ? earlyStop(epoch, outcome.accuracy, test[1], best, data.classes()) : null;
            if (stop != null) {
              stopReason = stop;
              break;
            }
          }
        }
      }
      return result(status, message, stopReason, parameters, millisSince(t0));
    }

    private Optimizer adam() {
      int batch = point.training().batchSize();
      return GridPointTrainer.adam(point.training(), (trainN + batch - 1) / batch);
    }

    private record EpochOutcome(double loss, double accuracy, long samples, long millis,
        boolean diverged, boolean outOfTime) {}

    private EpochOutcome trainEpoch(Trainer trainer, int[] order, long deadline) {
      long t0 = System.nanoTime();
      double lossSum = 0;
      long correct = 0;
      long seen = 0;
      boolean outOfTime = false;
      int batch = point.training().batchSize();
      for (int start = 0; start < trainN; start += batch) {
        if (System.nanoTime() > deadline) {
          outOfTime = true;
          break;
        }
        int n = Math.min(batch, trainN - start);
        try (NDManager bm = trainer.getManager().newSubManager(device)) {
          NDArray x = images(bm, data.trainImages(), order, start, n, true);
          NDArray y = labels(bm, data.trainLabels(), order, start, n);
          NDArray[] step = Autograd.recording(true, () -> {
            NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
            NDArray l = loss.evaluate(new NDList(y), new NDList(out));
            if (Float.isFinite(l.getFloat())) {
              Autograd.backward(l);
            }
            return new NDArray[] {out, l};
          });
          NDArray logits = step[0];
          float value = step[1].getFloat();
          if (!Float.isFinite(value)) {
            trainMillis += millisSince(t0);
            trainedSamples += seen;
            return new EpochOutcome(value, seen == 0 ? Double.NaN : (double) correct / seen,
                seen, millisSince(t0), true, false);
          }
          trainer.step();
          correct += countCorrect(logits, y);
          lossSum += (double) value * n;
          seen += n;
        }
      }
      long millis = millisSince(t0);
      trainMillis += millis;
      trainedSamples += seen;
      return new EpochOutcome(seen == 0 ? Double.NaN : lossSum / seen,
          seen == 0 ? Double.NaN : (double) correct / seen, seen, millis, false, outOfTime);
    }

    /**
     * Test loss and accuracy as the mean of {@code eval_repeats} passes, each drawing fresh
     * noise, and their sample standard deviations (NaN for one pass). One pass returns exactly
     * what {@link #evaluate} returns.
     */
    private double[] evaluateRepeated(Trainer trainer) {
      int repeats = point.training().evalRepeats();
      double[] losses = new double[repeats];
      double[] accuracies = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        double[] pass = evaluate(trainer);
        losses[r] = pass[0];
        accuracies[r] = pass[1];
      }
      return RepeatStats.summarize(losses, accuracies);
    }

    /** Test loss and accuracy over the (limited) test set, noise on, dropout off. */
    private double[] evaluate(Trainer trainer) {
      double lossSum = 0;
      long correct = 0;
      int batch = evalBatch();
      for (int start = 0; start < testN; start += batch) {
        int n = Math.min(batch, testN - start);
        try (NDManager bm = trainer.getManager().newSubManager(device)) {
          NDArray x = images(bm, data.testImages(), null, start, n, false);
          NDArray y = labels(bm, data.testLabels(), null, start, n);
          NDArray logits = Autograd.recording(false,
              () -> trainer.evaluate(new NDList(x)).singletonOrThrow());
          lossSum += (double) loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * n;
          correct += countCorrect(logits, y);
        }
      }
      return new double[] {lossSum / testN, (double) correct / testN};
    }

    private static long countCorrect(NDArray logits, NDArray labels) {
      return logits.argMax(1).eq(labels.toType(DataType.INT64, false)).sum().getLong();
    }

    private NDArray images(NDManager m, byte[] source, int[] order, int start, int n,
        boolean training) {
      int size = data.imageBytes();
      inputs.fill(buffer, 0, source, order, start, n, training);
      return m.create(FloatBuffer.wrap(buffer, 0, n * size),
          new Shape(n, data.channels(), data.height(), data.width()), DataType.FLOAT32);
    }

    private static NDArray labels(NDManager m, byte[] source, int[] order, int start, int n) {
      float[] y = new float[n];
      Batches.labels(y, 0, source, order, start, n);
      return m.create(y);
    }

    private TaskResult result(Status status, String message, String stopReason, long parameters,
        long totalMillis) {
      return TaskResult.of(point, status, message, stopReason, epochs, dataMillis, trainMillis,
          evalMillis, dataMillis + totalMillis, trainedSamples,
          provenance(point, data, device, threads, parameters, startedAt, 1));
    }
  }
}
