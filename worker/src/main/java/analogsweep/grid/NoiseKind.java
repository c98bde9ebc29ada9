package analogsweep.grid;

/**
 * The noise distributions of the analog chain (AnalogVNN's), each set by the error probability
 * EP and the precision p so that EP is the probability that the noise moves a value by more than
 * half a step 1/(2p): Gaussian, Laplace and uniform noise are added to the signal; Poisson noise
 * is shot noise, {@code sign(x) Poisson(|x| p k) / (p k)}, whose spread grows with the signal.
 */
public enum NoiseKind {
  GAUSSIAN("gaussian", "sigma"),
  LAPLACE("laplace", "scale"),
  UNIFORM("uniform", "width"),
  POISSON("poisson", "k");

  private final String id;
  private final String parameter;

  NoiseKind(String id, String parameter) {
    this.id = id;
    this.parameter = parameter;
  }

  public String id() {
    return id;
  }

  /** The name of the distribution's own parameter: sigma, scale, width or k. */
  public String parameter() {
    return parameter;
  }

  public static NoiseKind parse(String field, String text) {
    return Names.byName(field, text, values(), "noise model");
  }

  @Override
  public String toString() {
    return id;
  }
}
