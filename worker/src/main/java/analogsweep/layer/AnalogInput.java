package analogsweep.layer;

import analogsweep.analog.AnalogChain;

/**
 * The input image passing the digital-to-analog side of the chain once (Clamp, ReducePrecision,
 * Noise), as the ViT's placement has it: the network after it is digital.
 */
public final class AnalogInput extends DigitalToAnalog {
  public AnalogInput(AnalogChain chain) {
    super("image", chain);
  }

  @Override
  protected String name() {
    return "AnalogInput";
  }
}
