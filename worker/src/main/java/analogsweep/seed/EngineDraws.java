package analogsweep.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One training's stream of draws made by the engine (additive noise, stochastic rounding,
 * dropout masks), whose numbers depend on the stream's seed and on how many draws it made before
 * only, whatever else the JVM trains meanwhile. DJL exposes no PyTorch generator objects, only the
 * JVM-wide one ({@code torch::manual_seed} sets the CPU's and every GPU's), so each draw sets that
 * generator to a seed of its own and draws while holding one JVM-wide lock: concurrent trainings
 * (Spark's task threads in one executor) wait for each other only for the launch of a draw, not
 * for their training. Every engine draw of a training must come through a stream, since an
 * unguarded draw on another thread could fall between a seed and its draw.
 *
 * <p>PyTorch seeds its CPU generator (a Mersenne Twister) with 32 bits, so the k-th draw's seed
 * is {@code base + k * 0x9E3779B9} modulo 2^32: distinct for the first 2^32 draws of a stream,
 * so no two draws of one training start from the same state. The law of each draw is the
 * engine's: only which random numbers a training sees changed, not their distribution.
 */
public final class EngineDraws {
  /** Guards the engine's generator from a seed to the launch of its draw. */
  private static final Object ENGINE = new Object();
  /** An odd step: k -> base + k * STEP is a bijection modulo 2^32. */
  private static final int STEP = 0x9E3779B9;

  private final int base;
  private int drawn;

  /** A stream whose draws follow from {@code seed} alone. */
  public EngineDraws(long seed) {
    this.base = (int) mix(seed);
  }

  /** Draws of N(mean, sd^2) of {@code like}'s shape, type and device, in its manager. */
  public NDArray normal(NDArray like, float mean, float sd) {
    synchronized (ENGINE) {
      JniUtils.setSeed(nextSeed());
      return like.getManager().randomNormal(mean, sd, like.getShape(), like.getDataType(),
          like.getDevice());
    }
  }

  /** Draws of U[low, high) of {@code like}'s shape, type and device, in its manager. */
  public NDArray uniform(NDArray like, float low, float high) {
    synchronized (ENGINE) {
      JniUtils.setSeed(nextSeed());
      return like.getManager().randomUniform(low, high, like.getShape(), like.getDataType(),
          like.getDevice());
    }
  }

  /** How many draws this stream has made. */
  public int drawn() {
    return drawn;
  }

  /** The next draw's seed, as an unsigned 32-bit value (PyTorch's CPU generator keeps 32 bits). */
  private long nextSeed() {
    return Integer.toUnsignedLong(base + drawn++ * STEP);
  }

  /** SplitMix64's finalizer: spreads nearby seeds over the generator's space. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
