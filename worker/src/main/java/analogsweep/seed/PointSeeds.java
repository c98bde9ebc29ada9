package analogsweep.seed;

import java.util.SplittableRandom;

/**
 * Every random stream of one grid point, derived from its seed in one place: initial weights,
 * batch order, augmentation, the analog chain's draws (engine-drawn noise and stochastic rounding,
 * and noise drawn on the host), dropout masks and the gradient-error map. Each derivation that
 * existed before is the one earlier versions used; the engine's draws were made from the JVM's
 * shared generator until each training had streams of its own ({@link EngineDraws}).
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

  /**
   * The seed of the analog chain's draws ({@code ChainDraws}): its host generator (Poisson noise,
   * drawn on the host) and its stream of engine draws (additive noise, stochastic rounding).
   */
  public long chain() {
    return seed * GOLDEN + 0x5DEECE66DL;
  }

  /** The stream of dropout masks. */
  public EngineDraws dropout() {
    return new EngineDraws(seed * GOLDEN + 3);
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
