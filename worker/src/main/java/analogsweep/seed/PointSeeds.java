package analogsweep.seed;

import java.util.SplittableRandom;

/**
 * Every random stream of one grid point, derived from its seed in one place: initial weights,
 * batch order, augmentation, the engine's generator (dropout and engine-drawn noise), the analog
 * chain's host generator (noise drawn on the host) and the gradient-error map. Each derivation
 * is the one earlier versions used, so a seed gives the numbers it always gave.
 */
public record PointSeeds(long seed) {
  /** The golden-ratio increment that spreads consecutive seeds over the generator's space. */
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  public static PointSeeds of(long seed) {
    return new PointSeeds(seed);
  }

  /** Draws the per-layer seeds of the initial weights, in layer order. */
  public SplittableRandom initialization() {
    return new SplittableRandom(seed);
  }

  /** Shuffles the training set each epoch. */
  public SplittableRandom batchOrder() {
    return new SplittableRandom(seed * GOLDEN + 1);
  }

  /** Draws the random crops and flips of training images. */
  public SplittableRandom augmentation() {
    return new SplittableRandom(seed * GOLDEN + 2);
  }

  /** The seed of the analog chain's host generator (Poisson noise, drawn on the host). */
  public long chainHost() {
    return seed * GOLDEN + 0x5DEECE66DL;
  }

  /** The engine generator's seed: dropout and the noise the engine draws. */
  public int engine() {
    return (int) (seed ^ (seed >>> 32));
  }

  /** The gradient-error map's chain host seed: the seed itself. */
  public long gradientMapChain() {
    return seed;
  }

  /** The gradient-error map's draws of values and of their noise. */
  public SplittableRandom gradientMapValues() {
    return new SplittableRandom(seed);
  }
}
