package analogsweep.train;

/** How one training run ended: a result either way, never an exception. */
public enum Status {
  /** Trained until a stopping rule, the epoch limit or the time budget. */
  OK,
  /** The loss became NaN or infinite; the epochs before it still count. */
  DIVERGED,
  /** Something went wrong that is not a property of the numerics; see the message. */
  FAILED
}
