package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;
import analogsweep.grid.Rounding;

/** Shared pieces of the layer tests: chains, sites, a forward pass without gradients. */
final class Blocks {
  /** No precision, no noise: only the clamp where a site asks for the chain. */
  static final AnalogChain DIGITAL = new AnalogChain(null, 0.0, Rounding.DETERMINISTIC);
  /** Precision 4 (levels of 0.25) without noise (EP 0): values a test can compute by hand. */
  static final AnalogChain P4 = new AnalogChain(4, 0.0, Rounding.DETERMINISTIC);
  static final ChainSites NOWHERE = new ChainSites(false, false, false, false);
  static final ChainSites BEFORE = new ChainSites(false, true, false, false);
  static final ChainSites AFTER = new ChainSites(false, false, true, false);
  static final ChainSites WEIGHTS = new ChainSites(false, false, false, true);

  private Blocks() {}

  /** One forward pass in evaluation mode, no gradient recorded. */
  static NDArray forward(Block block, NDArray x) {
    return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
        .singletonOrThrow();
  }

  /** A parameter's values as stored (float32). */
  static float[] values(Block block, String parameter) {
    return block.getParameters().get(parameter).getArray().toFloatArray();
  }

  /** Sets a parameter's values (same count as its shape). */
  static void set(Block block, String parameter, float... values) {
    block.getParameters().get(parameter).getArray().set(values);
  }
}
