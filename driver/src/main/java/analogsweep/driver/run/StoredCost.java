package analogsweep.driver.run;

import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.StoredColumns;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The time trainings will take, from {@link JobCost}'s model (training images x multiply-adds
 * per image, per epoch) turned into seconds by trainings already stored in an output folder: per
 * model and batch size, the stored seconds per unit of that work and the share of their epoch
 * limit the trainings ran (early stopping); a point whose model and batch size the rows lack
 * takes its model's rate, else all rows'. The wall time divides the trainings' seconds by the
 * number of trainings the stored rows ran at once (their summed time over the time they were
 * running), which keeps the scheduling and storing between tasks and the machine's sharing of its
 * cores. Rows read: OK and DIVERGED trainings of the folder's sweep.yaml, not rows that share
 * another's training; a packed row counts its share of the pack's time. Read from the files
 * without Spark ({@link StoredColumns}).
 */
public final class StoredCost {
  /** Stored runs further apart than this are separate runs: the gap is not the sweep's time. */
  private static final long SAME_RUN_GAP_MILLIS = 60_000;
  private static final List<String> COLUMNS = List.of("task_id", "status", "shares_training_of",
      "epochs", "total_millis", "pack_size", "train_size", "started_at", "finished_at");

  /** One stored training: its group, the work of one epoch, its epochs and limit, its seconds. */
  private record Sample(String model, int batch, double epochWork, int epochs, int maxEpochs,
      double seconds) {}

  /** Seconds per unit of work and the share of the epoch limit run, of a group of samples. */
  private record Rate(double secondsPerWork, double epochShare) {
    static Rate of(List<Sample> samples) {
      double seconds = 0;
      double work = 0;
      double epochs = 0;
      double limits = 0;
      for (Sample s : samples) {
        seconds += s.seconds();
        work += s.epochWork() * s.epochs();
        epochs += s.epochs();
        limits += s.maxEpochs();
      }
      return new Rate(seconds / work, epochs / limits);
    }
  }

  /**
   * An estimate: the trainings' summed seconds, the wall time at the stored parallelism, and how
   * many trainings found their model and batch size among the stored rows, their model only, or
   * neither.
   */
  public record Estimate(int trainings, double seconds, double wallSeconds, int byModelAndBatch,
      int byModel, int byAll) {}

  private final String source;
  private final List<Sample> samples;
  private final double parallelism;
  /** The training set's size per data path, as the stored rows read it. */
  private final Map<String, Integer> trainSizes;

  private StoredCost(String source, List<Sample> samples, double parallelism,
      Map<String, Integer> trainSizes) {
    this.source = source;
    this.samples = samples;
    this.parallelism = parallelism;
    this.trainSizes = trainSizes;
  }

  /** The basis stored in {@code folder}: none where it holds no runs or no sweep.yaml. */
  public static StoredCost read(OutputFolder folder, Configuration conf) throws IOException {
    Sweep plan = folder.exists() ? folder.manifestFile().storedSweep() : null;
    if (plan == null || folder.waves("runs").isEmpty()) {
      return new StoredCost(folder.root().toString(), List.of(), 1, Map.of());
    }
    Map<String, GridPoint> points = new HashMap<>();
    for (GridPoint p : plan.points()) {
      points.put(p.taskId(), p);
    }
    List<Sample> samples = new ArrayList<>();
    List<long[]> intervals = new ArrayList<>();
    Map<String, Integer> trainSizes = new HashMap<>();
    double busyWork = 0;
    for (List<Object> r : StoredColumns.read(folder, "runs", COLUMNS, conf)) {
      GridPoint p = points.get((String) r.get(0));
      int epochs = r.get(3) == null ? 0 : (Integer) r.get(3);
      if (p == null || "FAILED".equals(r.get(1)) || r.get(2) != null || epochs == 0
          || r.get(4) == null || r.get(6) == null) {
        continue;
      }
      int pack = r.get(5) == null ? 1 : Math.max(1, (Integer) r.get(5));
      int trainSize = (Integer) r.get(6);
      trainSizes.put(p.data().path(), trainSize);
      samples.add(new Sample(p.model().kind().id(), p.training().batchSize(),
          JobCost.epochWork(p, images(p, trainSize)), epochs, p.training().maxEpochs(),
          (Long) r.get(4) / 1000.0 / pack));
      if (r.get(7) instanceof Timestamp start && r.get(8) instanceof Timestamp end
          && end.getTime() >= start.getTime()) {
        intervals.add(new long[] {start.getTime(), end.getTime()});
        busyWork += (end.getTime() - start.getTime()) / (double) pack;
      }
    }
    long busy = busyMillis(intervals);
    double parallelism = busy > 0 ? Math.max(1, busyWork / busy) : 1;
    return new StoredCost(folder.root().toString(), samples, parallelism, trainSizes);
  }

  /** The time the intervals cover, their overlaps once and gaps under a minute counted. */
  static long busyMillis(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(a -> a[0]));
    long busy = 0;
    long from = Long.MIN_VALUE;
    long to = Long.MIN_VALUE;
    for (long[] i : sorted) {
      if (from == Long.MIN_VALUE || i[0] > to + SAME_RUN_GAP_MILLIS) {
        busy += to - from;
        from = i[0];
        to = i[1];
      } else {
        to = Math.max(to, i[1]);
      }
    }
    return busy + (to - from);
  }

  /** Training images of a point on a training set of {@code trainSize}. */
  private static double images(GridPoint p, double trainSize) {
    int limit = p.data().trainLimit();
    return limit == 0 ? trainSize : Math.min(limit, trainSize);
  }

  /** Stored trainings the estimate rests on. */
  public int rows() {
    return samples.size();
  }

  /** Trainings the stored rows ran at once. */
  public double parallelism() {
    return parallelism;
  }

  /** The time of {@code trainings}; null without stored rows to calibrate by. */
  public Estimate estimate(List<GridPoint> trainings) {
    if (samples.isEmpty()) {
      return null;
    }
    Map<String, List<Sample>> byModelAndBatch = new HashMap<>();
    Map<String, List<Sample>> byModel = new HashMap<>();
    for (Sample s : samples) {
      byModelAndBatch.computeIfAbsent(s.model() + "/" + s.batch(), k -> new ArrayList<>()).add(s);
      byModel.computeIfAbsent(s.model(), k -> new ArrayList<>()).add(s);
    }
    Rate all = Rate.of(samples);
    double seconds = 0;
    int[] matched = new int[3];
    for (GridPoint p : trainings) {
      String model = p.model().kind().id();
      List<Sample> group = byModelAndBatch.get(model + "/" + p.training().batchSize());
      int level = group != null ? 0 : byModel.containsKey(model) ? 1 : 2;
      Rate rate = level == 0 ? Rate.of(group) : level == 1 ? Rate.of(byModel.get(model)) : all;
      matched[level]++;
      double images = images(p, trainSizes.getOrDefault(p.data().path(),
          (int) JobCost.ALL_IMAGES));
      seconds += rate.secondsPerWork() * JobCost.epochWork(p, images)
          * p.training().maxEpochs() * rate.epochShare();
    }
    return new Estimate(trainings.size(), seconds, seconds / parallelism, matched[0], matched[1],
        matched[2]);
  }

  /**
   * The estimate in two lines, the time then its basis ("estimated 1m40s for 12 trainings (...)",
   * "from 24 stored rows of DIR: ..."), or one saying why there is none.
   */
  public String describe(Estimate e, int trainings) {
    if (trainings == 0) {
      return "estimate: nothing to train";
    }
    if (e == null) {
      return "estimate: none: " + source + " holds no stored trainings of its sweep.yaml to "
          + "calibrate the cost model by (give --like DIR: the output folder of a sweep run on "
          + "this machine)";
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "estimated %s for %d training%s (%s of training time at %.1f at once, as the stored rows "
            + "ran; Spark's start-up not included)%n  from %d stored row%s of %s: seconds per "
            + "epoch per training image and multiply-add, by model and batch size",
        Progress.format(Duration.ofMillis(Math.round(e.wallSeconds() * 1000))),
        e.trainings(), e.trainings() == 1 ? "" : "s",
        Progress.format(Duration.ofMillis(Math.round(e.seconds() * 1000))),
        parallelism, samples.size(), samples.size() == 1 ? "" : "s", source));
    if (e.byModelAndBatch() < e.trainings()) {
      sb.append(String.format(Locale.ROOT, " (%d of %d matched both; %d their model only, %d "
          + "neither: rougher)", e.byModelAndBatch(), e.trainings(), e.byModel(), e.byAll()));
    }
    return sb.toString();
  }
}
