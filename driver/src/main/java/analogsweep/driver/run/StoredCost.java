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
 * The time trainings will take, from {@link JobCost}'s model (images x multiply-adds per image,
 * per epoch) turned into seconds by trainings already stored in an output folder: per model and
 * batch size, the stored training seconds per unit of that work on the training images, the
 * evaluation seconds per unit on the test images, the mean time a task spends outside both
 * (reading data), and the share of their epoch limit the trainings ran (early stopping); a point
 * whose model and batch size the rows lack takes its model's rates, else all rows'. Image
 * counts follow each point's limits on the data set sizes stored rows read (50,000 training
 * images where none read its data). The wall time divides the trainings' seconds by the
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
      "epochs", "total_millis", "train_millis", "eval_millis", "pack_size", "train_size",
      "test_size", "started_at", "finished_at");

  /** A data set's training and test images, as stored rows read them. */
  private record DataSizes(int train, int test) {
    static final DataSizes UNKNOWN = new DataSizes((int) JobCost.ALL_IMAGES, 10_000);

    /** One epoch's work of {@code p}: on its training images, and on its test images. */
    double[] work(GridPoint p) {
      return new double[] {JobCost.epochWork(p, limited(p.data().trainLimit(), train)),
          JobCost.epochWork(p, limited(p.data().testLimit(), test))};
    }

    private static double limited(int limit, int size) {
      return limit == 0 ? size : Math.min(limit, size);
    }
  }

  /**
   * One stored training: its group, one epoch's work on training and test images, the epochs it
   * ran and its limit, and its seconds training, evaluating and otherwise (a packed row's share).
   */
  private record Sample(String model, int batch, double[] work, int epochs, int maxEpochs,
      double trainSeconds, double evalSeconds, double otherSeconds) {}

  /** The rates of a group of samples. */
  private record Rate(double trainPerWork, double evalPerWork, double other, double epochShare) {
    static Rate of(List<Sample> samples) {
      double[] sums = new double[7];
      for (Sample s : samples) {
        sums[0] += s.trainSeconds();
        sums[1] += s.work()[0] * s.epochs();
        sums[2] += s.evalSeconds();
        sums[3] += s.work()[1] * s.epochs();
        sums[4] += s.otherSeconds();
        sums[5] += s.epochs();
        sums[6] += s.maxEpochs();
      }
      return new Rate(sums[0] / sums[1], sums[3] > 0 ? sums[2] / sums[3] : 0,
          sums[4] / samples.size(), sums[5] / sums[6]);
    }

    /** Seconds of a training of {@code p} with one epoch's work {@code work}. */
    double seconds(GridPoint p, double[] work) {
      return (trainPerWork * work[0] + evalPerWork * work[1]) * p.training().maxEpochs()
          * epochShare + other;
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
  /** The data sets' sizes per data path, as the stored rows read them. */
  private final Map<String, DataSizes> dataSizes;

  private StoredCost(String source, List<Sample> samples, double parallelism,
      Map<String, DataSizes> dataSizes) {
    this.source = source;
    this.samples = samples;
    this.parallelism = parallelism;
    this.dataSizes = dataSizes;
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
    Map<String, DataSizes> dataSizes = new HashMap<>();
    double busyWork = 0;
    for (List<Object> r : StoredColumns.read(folder, "runs", COLUMNS, conf)) {
      GridPoint p = points.get((String) r.get(0));
      int epochs = r.get(3) == null ? 0 : (Integer) r.get(3);
      if (p == null || "FAILED".equals(r.get(1)) || r.get(2) != null || epochs == 0
          || r.get(4) == null || r.get(8) == null || r.get(9) == null) {
        continue;
      }
      double pack = r.get(7) == null ? 1 : Math.max(1, (Integer) r.get(7));
      DataSizes sizes = new DataSizes((Integer) r.get(8), (Integer) r.get(9));
      dataSizes.put(p.data().path(), sizes);
      double total = seconds(r.get(4));
      double train = r.get(5) == null ? total : seconds(r.get(5));
      double eval = r.get(6) == null ? 0 : seconds(r.get(6));
      samples.add(new Sample(p.model().kind().id(), p.training().batchSize(), sizes.work(p),
          epochs, p.training().maxEpochs(), train / pack, eval / pack,
          Math.max(0, total - train - eval) / pack));
      if (r.get(10) instanceof Timestamp start && r.get(11) instanceof Timestamp end
          && end.getTime() >= start.getTime()) {
        intervals.add(new long[] {start.getTime(), end.getTime()});
        busyWork += (end.getTime() - start.getTime()) / (double) pack;
      }
    }
    long busy = busyMillis(intervals);
    double parallelism = busy > 0 ? Math.max(1, busyWork / busy) : 1;
    return new StoredCost(folder.root().toString(), samples, parallelism, dataSizes);
  }

  private static double seconds(Object millis) {
    return (Long) millis / 1000.0;
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
      seconds += rate.seconds(p, dataSizes.getOrDefault(p.data().path(), DataSizes.UNKNOWN)
          .work(p));
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
            + "multiply-add of training and of evaluation, by model and batch size",
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
