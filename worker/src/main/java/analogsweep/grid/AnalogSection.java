package analogsweep.grid;

import java.io.Serializable;
import java.util.Objects;

/**
 * The simulated analog hardware of a grid point: precision p (levels per unit; null = no
 * quantization and no noise), error probability EP of one boundary, rounding, noise distribution,
 * where the chain goes ({@link Placement}) and the switches that turn its parts off.
 */
public record AnalogSection(Integer precision, double errorProbability, Rounding rounding,
    NoiseKind noise, Placement placement, boolean inputs, boolean outputs, boolean weights)
    implements Serializable {

  public AnalogSection {
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(placement, "placement");
    FieldRange.check(GridField.PRECISION, precision);
    FieldRange.check(GridField.ERROR_PROBABILITY, errorProbability);
    Rules.check(errorProbability == 0 || precision != null, "error_probability",
        errorProbability, "noise is defined through the precision (sigma depends on p); set a "
            + "precision");
    Rules.check(placement != Placement.DIGITAL || precision == null, "precision", precision,
        "placement digital has no chain to quantize; leave the precision none");
    errorProbability += 0.0;
  }

  static AnalogSection from(FieldValues v) {
    return new AnalogSection(v.get(GridField.PRECISION), v.get(GridField.ERROR_PROBABILITY),
        v.get(GridField.ROUNDING), v.get(GridField.NOISE), v.get(GridField.PLACEMENT),
        v.get(GridField.ANALOG_INPUTS), v.get(GridField.ANALOG_OUTPUTS),
        v.get(GridField.ANALOG_WEIGHTS));
  }

  /** Whether any switch is on (the chain may still be an identity without a precision). */
  public boolean anySwitch() {
    return inputs || outputs || weights;
  }

  /** The placement this section names, with {@link Placement#MODEL} resolved for {@code model}. */
  public Placement placementFor(ModelKind model) {
    return placement == Placement.MODEL ? model.placement() : placement;
  }

  /**
   * Where the chain acts in a network of kind {@code model}: the placement's sites, less those
   * the switches turn off ({@code inputs} governs the input image and the side before each layer).
   */
  public ChainSites sites(ModelKind model) {
    ChainSites s = placementFor(model).sites();
    return new ChainSites(s.inputImage() && inputs, s.beforeLayers() && inputs,
        s.afterLayers() && outputs, s.weights() && weights);
  }

  /**
   * The chain that acts the same with every setting it cannot see put to one value: without
   * noise (EP 0, or no precision) the noise distribution is not seen, and without a precision
   * the rounding is not either; without any chain (placement digital, or every switch off)
   * nothing of this section is.
   */
  public AnalogSection effective() {
    if (placement == Placement.DIGITAL || !anySwitch()) {
      // no chain anywhere: nothing of the analog section is seen
      return new AnalogSection(null, 0, Rounding.DETERMINISTIC, NoiseKind.GAUSSIAN,
          Placement.DIGITAL, true, true, true);
    }
    boolean noisy = precision != null && errorProbability > 0;
    return new AnalogSection(precision, errorProbability,
        precision == null ? Rounding.DETERMINISTIC : rounding, noisy ? noise : NoiseKind.GAUSSIAN,
        placement, inputs, outputs, weights);
  }
}
