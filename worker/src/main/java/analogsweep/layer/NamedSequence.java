package analogsweep.layer;

import ai.djl.nn.SequentialBlock;

/**
 * A sequence of blocks with a name for printouts, such as a ResNet stage or a transformer block;
 * it computes exactly what a {@link SequentialBlock} does.
 */
public final class NamedSequence extends SequentialBlock {
  private final String label;

  public NamedSequence(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
