package analogsweep.driver.exec;

import analogsweep.common.InvalidValueException;
import analogsweep.train.EpochListener;
import analogsweep.train.SyntheticTraining;
import analogsweep.train.TaskResult;
import analogsweep.train.TrainingJob;
import java.io.Serializable;
import java.util.List;

/**
 * A documented test hook for scheduling benchmarks ({@code run --synthetic S}): instead of
 * training, each task waits {@code secondsPerEpoch} for every epoch its grid point plans
 * ({@code max_epochs}), telling the progress of each, and stores OK results with zero metrics.
 * Tasks then last as long as a plan can expect them to, without the cost of training.
 */
public record SyntheticTasks(double secondsPerEpoch) implements Serializable {

  public SyntheticTasks {
    if (!(secondsPerEpoch > 0 && secondsPerEpoch <= 3600)) {
      throw new InvalidValueException("--synthetic", "expected seconds per epoch in (0, 3600], "
          + "found " + secondsPerEpoch);
    }
  }

  public static SyntheticTasks parse(String spec) {
    try {
      return new SyntheticTasks(Double.parseDouble(spec));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("--synthetic", "expected seconds per epoch, found \""
          + spec + "\"");
    }
  }

  /** How long the job waits. */
  public double seconds(TrainingJob job) {
    return secondsPerEpoch * job.points().get(0).training().maxEpochs();
  }

  List<TaskResult> run(TrainingJob job, EpochListener listener) {
    return SyntheticTraining.run(job, seconds(job), listener);
  }
}
