package analogsweep.driver.run;

import analogsweep.grid.GridPoint;
import analogsweep.model.Architectures;
import analogsweep.train.TrainingJob;

/**
 * A rough, relative estimate of how long a training job runs, to send the longest first: epoch
 * limit x training images x multiply-adds of the weight layers per image (each model's own
 * estimate on 32 x 32 x 3 images with 10 classes) x points in the job. Early stopping and data
 * sizes unknown on the driver make it a guess; it orders jobs, and {@link StoredCost} calibrates
 * it by stored rows into seconds.
 */
final class JobCost {
  /** Training images assumed where a point keeps them all (CIFAR's and Fashion-MNIST's order). */
  static final double ALL_IMAGES = 50_000;

  private JobCost() {}

  static double estimate(TrainingJob job) {
    GridPoint p = job.points().get(0);
    int limit = p.data().trainLimit();
    double images = limit == 0 ? ALL_IMAGES : Math.min(limit, ALL_IMAGES * 2);
    return p.training().maxEpochs() * epochWork(p, images) * job.size();
  }

  /**
   * The work of one epoch of {@code p} on {@code images} training images: images x multiply-adds
   * per image; {@link StoredCost} turns it into seconds.
   */
  static double epochWork(GridPoint p, double images) {
    return images * perImage(p);
  }

  private static double perImage(GridPoint p) {
    return Architectures.of(p.model().kind()).cost(p.model(),
        p.activation().family().gated() ? 2 : 1, 3, 32, 32, 10).multiplyAdds();
  }
}
