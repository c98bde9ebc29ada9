package analogsweep.model;

import analogsweep.activation.InterpolatedActivation;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;
import analogsweep.grid.Initialization;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Recipe;
import analogsweep.layer.DrawnDropout;
import analogsweep.layer.LayerInit;
import analogsweep.seed.EngineDraws;
import java.util.SplittableRandom;

/**
 * What a builder needs to make one network: the model section, the activation, the analog chain
 * and where it acts, the number of classes, the initialization (the authors' laws for the model,
 * or PyTorch's default), the generator of per-layer initialisation seeds (drawn in layer order,
 * so a network's initial weights depend on its grid point's seed only), the point's recipe
 * (where a model's layout follows it, as ResNet-18's chain on identity shortcuts and batch norm),
 * and the stream every dropout block of the network draws its masks from.
 */
public record NetworkParts(ModelSection model, InterpolatedActivation activation,
    AnalogChain chain, ChainSites sites, int classes, Initialization init,
    SplittableRandom layerSeeds, Recipe recipe, EngineDraws dropoutDraws) {

  /** {@code authors} where the point starts as the authors' code did, else PyTorch's default. */
  public LayerInit init(LayerInit authors) {
    return init == Initialization.AUTHORS ? authors : LayerInit.PYTORCH;
  }

  /** The width multiplier of a layer followed by the activation: 2 for a gated family. */
  public int widen() {
    return activation.family().gated() ? 2 : 1;
  }

  /** Dropout at {@code rate}, with masks from this network's stream. */
  public DrawnDropout dropout(float rate) {
    return new DrawnDropout(rate, dropoutDraws);
  }

  /** The seed of the next weight layer's initial values. */
  public long nextSeed() {
    return layerSeeds.nextLong();
  }
}
