package analogsweep.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
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
import analogsweep.grid.AdamEpsilon;
import analogsweep.grid.GridPoint;
import analogsweep.grid.TrainingSection;
import analogsweep.model.AnalogNetworks;
import analogsweep.seed.PointSeeds;
import analogsweep.tensor.NativeMemory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one grid point: {@code result = train(point, device, threads)}. Adam with the point's
 * learning rate, schedule and weight decay, softmax cross-entropy, inputs scaled to [0, 1] (and
 * normalized and augmented where the point asks: {@link InputPipeline}), per-epoch training and test
 * metrics, the authors' early-stopping rules ({@link StopRule}) and a wall-clock budget, run by
 * the {@link EpochLoop} that packs ({@link PackedTrainer}) share. A NaN or infinite loss ends
 * the run as {@link Status#DIVERGED}; any other failure becomes {@link Status#FAILED} with its
 * message. Every NDManager, Model and Trainer is closed before returning.
 *
 * <p>Gradients are recorded with PyTorch's thread-local grad mode and backward directly, rather
 * than DJL's GradientCollector, which allows only one collector per JVM and so would make two
 * tasks on one executor collide. Every random number follows from the point's seed
 * ({@link PointSeeds}): initial weights, batch order and augmentation from Java generators,
 * analog noise and dropout masks from the training's own streams of engine draws
 * ({@link analogsweep.seed.EngineDraws}), never from the engine's shared generator. So a point
 * trains to the same numbers on a given device and thread count whatever else its JVM trains
 * before or beside it.
 */
public final class GridPointTrainer {
  /** The version recorded in provenance; matches the Maven project version. */
  public static final String VERSION = "0.3.0";

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
   * The authors' early-stopping rules ({@link StopRule#authors()}) after an epoch, as stored text:
   * the stop reason, or null to go on ({@code best} includes this epoch).
   */
  static String earlyStop(int epoch, double trainAccuracy, double testAccuracy, double best,
      int classes) {
    StopReason r = StopRule.first(StopRule.authors(),
        new StopRule.Epoch(epoch, trainAccuracy, testAccuracy, best, classes));
    return r == null ? null : r.text();
  }

  /**
   * Loads the engine and sets its threads. Its generator is left alone: trainings draw from
   * streams of their own.
   */
  static void prepareEngine(int threads) {
    Engine.getEngine("PyTorch");
    NativeMemory.tune();
    if (threads > 0) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** Test batches are at least 256 (no gradients kept), never smaller than training batches. */
  static int evalBatch(int batch) {
    return Math.max(batch, 256);
  }

  static int limit(int limit, int size) {
    return limit == 0 ? size : Math.min(limit, size);
  }

  /**
   * Adam with the point's learning-rate schedule, weight decay and epsilon placement. DJL 0.32's
   * Adam adds the decay to the gradient before the moments (its native update runs with adamw
   * off), which is torch.optim.Adam's weight_decay, the authors' optimizer, not AdamW's decoupled
   * decay; its epsilon goes before the bias correction ({@link AdamEpsilon#DJL}), torch's after it
   * ({@link TorchAdam}).
   */
  static Optimizer adam(TrainingSection training, int updatesPerEpoch) {
    EpochLearningRate rate = new EpochLearningRate(training, updatesPerEpoch);
    float decay = (float) training.weightDecay();
    if (training.adamEpsilon() == AdamEpsilon.TORCH) {
      return TorchAdam.builder().optLearningRateTracker(rate).optWeightDecays(decay).build();
    }
    return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(decay).build();
  }

  private static long millisSince(long nanos) {
    return EpochLoop.millisSince(nanos);
  }

  /** A FAILED result for a point that could not be trained, with the exception as message. */
  public static TaskResult failed(GridPoint point, Throwable e, String startedAt, Device device,
      int threads, long dataMillis) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    Provenance prov = provenance(point, null, device, threads, 0, startedAt, 1);
    return new TaskResult(point.taskId(), point, Status.FAILED, message,
        StopReason.FAILED.text(), 0, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, dataMillis, 0, 0, dataMillis, 0, prov, List.of());
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

  /** One point's run: engine seeding, the network and its trainer, then {@link EpochLoop}. */
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
    }

    TaskResult execute() {
      long t0 = System.nanoTime();
      prepareEngine(threads);
      PointRun run = new PointRun(point, trainN);
      EpochLoop loop;
      long parameters;
      try (Model model = Model.newInstance("analogsweep", device, "PyTorch")) {
        SequentialBlock net = AnalogNetworks.build(point, data.classes());
        model.setBlock(net);
        int batch = point.training().batchSize();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
            .optOptimizer(adam(point.training(), (trainN + batch - 1) / batch))
            .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config)) {
          InputPipeline inputs = new InputPipeline(data, point.data(), point.seed());
          int[] shape = inputs.shape(true);
          trainer.initialize(new Shape(1, shape[0], shape[1], shape[2]));
          parameters = AnalogNetworks.parameterCount(net);
          SingleLearner learner = new SingleLearner(trainer, loss, data, device, inputs, testN,
              evalBatch(batch));
          loop = new EpochLoop(learner, List.of(run), trainN, data.classes(),
              EpochLoop.deadline(point, t0), listener);
          loop.run();
        }
      } finally {
        NativeMemory.release(); // the closed model's buffers, for the executor's next task
      }
      return TaskResult.of(point, run.status, run.message, run.storedStopReason(), run.epochs,
          dataMillis, loop.trainMillis(), loop.evalMillis(), dataMillis + millisSince(t0),
          run.trainedSamples, provenance(point, data, device, threads, parameters, startedAt, 1));
    }
  }
}
