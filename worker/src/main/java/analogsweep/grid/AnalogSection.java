package analogsweep.grid;

import java.io.Serializable;
import java.util.Objects;

/**
 * The simulated analog hardware of a grid point: precision p (levels per unit; null = no
 * quantization and no noise), error probability EP of one boundary, rounding, noise distribution,
 * where the chain goes ({@link Placement}) and the switches that turn its parts off.
 */
public record AnalogSection(Integer precision, double errorProbability, Rounding rounding,
    NoiseKind noise, Placement placement, boolean inputs, boolean outputs, boolean weights,
    Integer weightPrecision, Double weightErrorProbability) implements Serializable {

  /** A section whose weights share the activations' precision and EP. */
  public AnalogSection(Integer precision, double errorProbability, Rounding rounding,
      NoiseKind noise, Placement placement, boolean inputs, boolean outputs, boolean weights) {
    this(precision, errorProbability, rounding, noise, placement, inputs, outputs, weights, null,
        null);
  }

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
    FieldRange.check(GridField.WEIGHT_PRECISION, weightPrecision);
    FieldRange.check(GridField.WEIGHT_ERROR_PROBABILITY, weightErrorProbability);
    Rules.check(placement != Placement.DIGITAL || weightPrecision == null
        && weightErrorProbability == null, "weight_precision", weightPrecision,
        "placement digital has no chain on the weights; leave the weight fields out");
    Integer wp = weightPrecision != null ? weightPrecision : precision;
    double wep = weightErrorProbability != null ? weightErrorProbability : errorProbability;
    Rules.check(wep == 0 || wp != null, "weight_error_probability", wep, "noise on the weights "
        + "is defined through their precision; set a precision or weight_precision");
    errorProbability += 0.0;
    weightErrorProbability = weightErrorProbability == null ? null : weightErrorProbability + 0.0;
  }

  /** Whether the weights' chain has the activations' precision and EP (fields left as same). */
  public boolean weightsAsActivations() {
    AnalogSection w = weightSide();
    return Objects.equals(w.precision, precision) && w.errorProbability == errorProbability;
  }

  /**
   * The section of the chain on weights and biases: the weight precision and EP where given,
   * else the activations'; rounding, noise and placement are shared.
   */
  public AnalogSection weightSide() {
    Integer wp = weightPrecision != null ? weightPrecision : precision;
    double wep = weightErrorProbability != null ? weightErrorProbability : errorProbability;
    return new AnalogSection(wp, wp == null ? 0 : wep, rounding, noise, placement, inputs,
        outputs, weights);
  }

  static AnalogSection from(FieldValues v) {
    return new AnalogSection(v.get(GridField.PRECISION), v.get(GridField.ERROR_PROBABILITY),
        v.get(GridField.ROUNDING), v.get(GridField.NOISE), v.get(GridField.PLACEMENT),
        v.get(GridField.ANALOG_INPUTS), v.get(GridField.ANALOG_OUTPUTS),
        v.get(GridField.ANALOG_WEIGHTS), v.get(GridField.WEIGHT_PRECISION),
        v.get(GridField.WEIGHT_ERROR_PROBABILITY));
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
    AnalogSection w = weightSide();
    boolean noisy = precision != null && errorProbability > 0
        || weights && w.precision != null && w.errorProbability > 0;
    boolean quantized = precision != null || weights && w.precision != null;
    // the weights' own settings only where they differ from the activations' and the chain
    // acts on the weights
    boolean own = weights && !weightsAsActivations();
    return new AnalogSection(precision, errorProbability,
        quantized ? rounding : Rounding.DETERMINISTIC, noisy ? noise : NoiseKind.GAUSSIAN,
        placement, inputs, outputs, weights, own ? w.precision : null,
        own ? w.errorProbability : null);
  }
}
