package analogsweep.train;

/**
 * Told when a grid point has finished an epoch, while it trains: how a sweep shows progress
 * inside running tasks. Called on the training thread; must return quickly.
 */
@FunctionalInterface
public interface EpochListener {
  /** Ignores every epoch. */
  EpochListener NONE = (taskId, epoch) -> { };

  void epochDone(String taskId, int epoch);
}
