package analogsweep.train;

/**
 * Why a training ended. {@link #text()} is what result rows store ({@code stop_reason}); it is
 * the string earlier versions wrote, so stored rows read the same.
 */
public enum StopReason {
  /** Every epoch the point asked for was trained. */
  MAX_EPOCHS("max_epochs"),
  /** After the chance rule's first epoch, training accuracy stayed near chance. */
  EARLY_STOP_CHANCE("early_stop_chance"),
  /** Test accuracy fell too far below its best so far. */
  EARLY_STOP_DROP("early_stop_drop"),
  /** The wall-clock budget ran out. */
  TIME_BUDGET("time_budget"),
  /**
   * Every gradient of the first epoch was zero: the analog chain clamped every value (a high
   * error probability at a low precision), so the network had nothing to learn from. The epoch
   * is evaluated and the row counts as a result.
   */
  NO_GRADIENT("no_gradient"),
  /** The training loss became NaN or infinite. */
  DIVERGED("diverged"),
  /** Anything else went wrong; the result's message says what. */
  FAILED("failed");

  private final String text;

  StopReason(String text) {
    this.text = text;
  }

  /** The stored text, e.g. {@code "early_stop_drop"}. */
  public String text() {
    return text;
  }

  /** The reason stored as {@code text}; throws for text no version wrote. */
  public static StopReason fromText(String text) {
    for (StopReason r : values()) {
      if (r.text.equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown stop reason '" + text + "'");
  }

  @Override
  public String toString() {
    return text;
  }
}
