package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;
import analogsweep.tensor.Scalars;
import java.util.List;

/**
 * Multi-head self-attention over (batch, tokens, width), as the authors' ViT has it: a
 * query-key-value projection without bias, {@code softmax(q k^T / sqrt(d)) v} per head, the heads
 * concatenated and projected back to the width. Both projections are {@link AnalogLinear}
 * layers, so a placement that reaches weight layers reaches them too; the ViT's own placement
 * leaves them digital.
 */
public final class SelfAttention extends AbstractBlock {
  private final int heads;
  private final int headSize;
  private final AnalogLinear qkv;
  private final AnalogLinear out;

  public SelfAttention(int width, int heads, int headSize, AnalogChain chain, ChainSites sites,
      long qkvSeed, long outSeed) {
    this.heads = heads;
    this.headSize = headSize;
    this.qkv = addChildBlock("qkv", new AnalogLinear(3 * heads * headSize, false, chain, sites,
        qkvSeed));
    this.out = addChildBlock("out", new AnalogLinear(width, chain, sites, outSeed));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    NDList qkvParts = qkv.forward(ps, inputs, training, params).singletonOrThrow().split(3, 2);
    // (batch, tokens, heads * d) -> (batch, heads, tokens, d)
    NDArray q = qkvParts.get(0).reshape(batch, tokens, heads, headSize).transpose(0, 2, 1, 3);
    NDArray k = qkvParts.get(1).reshape(batch, tokens, heads, headSize).transpose(0, 2, 1, 3);
    NDArray v = qkvParts.get(2).reshape(batch, tokens, heads, headSize).transpose(0, 2, 1, 3);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))
        .mul(Scalars.of(q, 1.0 / Math.sqrt(headSize)));
    NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3)
        .reshape(batch, tokens, (long) heads * headSize);
    return out.forward(ps, new NDList(mixed), training, params);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    qkv.initialize(manager, dataType, inputs);
    Shape in = inputs[0];
    out.initialize(manager, dataType, new Shape(in.get(0), in.get(1), (long) heads * headSize));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** The two projections, for printouts. */
  public List<AnalogLinear> projections() {
    return List.of(qkv, out);
  }

  @Override
  public String toString() {
    return "SelfAttention(" + heads + " heads of " + headSize + ": softmax(q k^T / sqrt("
        + headSize + ")) v)";
  }
}
