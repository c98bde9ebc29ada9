package analogsweep.grid;

/**
 * Where Adam adds its epsilon (1e-8). {@link #DJL}: to sqrt(v) before the bias correction, as
 * DJL's Adam (and MXNet's) does, this project's optimizer until it could choose; {@link #TORCH}:
 * to the bias-corrected sqrt(v), as torch.optim.Adam, the authors' optimizer. DJL's update is
 * torch's with epsilon / sqrt(1 - beta2^t), 32 times larger at the first step; the two differ
 * only for weights whose gradients are near 1e-7 to 1e-6 (scripts/crosscheck, AdamCrossCheckTest).
 */
public enum AdamEpsilon {
  DJL("djl"),
  TORCH("torch");

  private final String id;

  AdamEpsilon(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The epsilon to give DJL's fused update at step {@code t} (from 1) for this placement. */
  public float fusedEpsilon(float epsilon, float beta2, int t) {
    return this == DJL ? epsilon : (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
  }

  public static AdamEpsilon parse(String field, String text) {
    return Names.byName(field, text, values(), "Adam epsilon placement");
  }

  @Override
  public String toString() {
    return id;
  }
}
