package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code after(main(x) + shortcut(x))}: a residual connection with a named main path, a shortcut
 * (the identity where there is none) and an optional block after the sum. ResNet's BasicBlock is
 * one (main conv-BN-act-conv-BN, shortcut 1x1 conv-BN where the shape changes, the activation
 * after the sum); so are the two halves of a pre-norm transformer block ({@code x + f(norm(x))}).
 * Its parts print as a nested list ({@link #parts()}).
 */
public final class Residual extends AbstractBlock {
  private final String label;
  private final SequentialBlock main;
  private final SequentialBlock shortcut;
  private final Block after;

  /**
   * @param label what this block is, for printouts ("BasicBlock 64 -> 128, stride 2")
   * @param shortcut the shortcut path, or null for the identity
   * @param after the block applied to the sum, or null for none
   */
  public Residual(String label, SequentialBlock main, SequentialBlock shortcut, Block after) {
    this.label = label;
    this.main = addChildBlock("main", main);
    this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    this.after = after == null ? null : addChildBlock("after", after);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray y = main.forward(ps, inputs, training, params).singletonOrThrow();
    NDArray s = shortcut == null ? inputs.singletonOrThrow()
        : shortcut.forward(ps, inputs, training, params).singletonOrThrow();
    NDList sum = new NDList(y.add(s));
    return after == null ? sum : after.forward(ps, sum, training, params);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    main.initialize(manager, dataType, inputs);
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputs);
    }
    if (after != null) {
      after.initialize(manager, dataType, main.getOutputShapes(inputs));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] sum = main.getOutputShapes(inputShapes);
    return after == null ? sum : after.getOutputShapes(sum);
  }

  /** The named parts, for printouts: main, shortcut (identity where none) and after the sum. */
  public List<Map.Entry<String, Block>> parts() {
    List<Map.Entry<String, Block>> out = new ArrayList<>();
    out.add(Map.entry("main", main));
    if (shortcut != null) {
      out.add(Map.entry("shortcut", shortcut));
    }
    if (after != null) {
      out.add(Map.entry("after the sum", after));
    }
    return out;
  }

  @Override
  public String toString() {
    return label + (shortcut == null ? " (+ identity)" : " (+ shortcut)");
  }
}
