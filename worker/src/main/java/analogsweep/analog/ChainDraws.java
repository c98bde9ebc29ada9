package analogsweep.analog;

import analogsweep.seed.EngineDraws;
import java.util.SplittableRandom;

/**
 * The random sources of one analog chain, both seeded from the chain's seed: the engine's draws
 * (additive noise, stochastic rounding; {@link EngineDraws}) and a host generator for what the
 * engine cannot draw (shot noise). One chain, and so one set of draws, serves one training.
 */
public record ChainDraws(SplittableRandom host, EngineDraws engine) {
  /** The draws of a chain seeded with {@code seed}; host draws are those earlier versions made. */
  public static ChainDraws of(long seed) {
    return new ChainDraws(new SplittableRandom(seed), new EngineDraws(seed));
  }
}
