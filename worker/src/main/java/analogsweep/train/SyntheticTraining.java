package analogsweep.train;

import ai.djl.Device;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark stand-in for training: waits a given time, split over the points' epochs (telling
 * the listener of each), and returns OK results whose metrics are zero. It lets a scheduler be
 * measured on tasks of chosen lengths without the cost of training; nothing else uses it.
 */
public final class SyntheticTraining {
  private SyntheticTraining() {}

  /** Waits {@code seconds}, then returns one result per point of the job. */
  public static List<TaskResult> run(TrainingJob job, double seconds, EpochListener listener) {
    String startedAt = Instant.now().toString();
    int epochs = job.points().get(0).training().maxEpochs();
    long t0 = System.nanoTime();
    List<EpochMetrics> rows = new ArrayList<>();
    long perEpoch = Math.round(seconds * 1000 / epochs);
    for (int e = 1; e <= epochs; e++) {
      try {
        Thread.sleep(perEpoch);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", ex);
      }
      rows.add(new EpochMetrics(e, 0, 0, 0, 0, 0, perEpoch, 0));
      for (var p : job.points()) {
        listener.epochDone(p.taskId(), e);
      }
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    List<TaskResult> results = new ArrayList<>();
    for (var p : job.points()) {
      results.add(TaskResult.of(p, Status.OK, "synthetic task of " + seconds + " s",
          StopReason.MAX_EPOCHS.text(), rows, 0, millis, 0, millis, 0,
          GridPointTrainer.provenance(p, null, Device.cpu(), 0, 0, startedAt, job.size())));
    }
    return results;
  }
}
