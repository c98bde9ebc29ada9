package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.tensor.Scalars;

/**
 * The ViT's learned class token put in front of the patch tokens, and a learned position
 * embedding added to every token: (batch, N, width) to (batch, N + 1, width). Both start as
 * N(0, 1) ({@code torch.randn}, as the authors' ViT), drawn from the grid point's seed.
 */
public final class TokenEmbedding extends AbstractBlock {
  private final long seed;
  private final Parameter classToken;
  private final Parameter positions;

  public TokenEmbedding(long seed) {
    this.seed = seed;
    classToken = addParameter(
        Parameter.builder().setName("class_token").setType(Parameter.Type.OTHER).build());
    positions = addParameter(
        Parameter.builder().setName("positions").setType(Parameter.Type.OTHER).build());
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    classToken.setShape(new Shape(1, 1, in.get(2)));
    positions.setShape(new Shape(1, in.get(1) + 1, in.get(2)));
    classToken.setInitializer(SeededInitializer.normal(1.0, seed));
    positions.setInitializer(SeededInitializer.normal(1.0, ~seed));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray cls = ps.getValue(classToken, x.getDevice(), training);
    NDArray pos = ps.getValue(positions, x.getDevice(), training);
    Shape s = x.getShape();
    // An operation's result belongs to the manager of its receiver: start from an array of the
    // input's (per-batch) manager, so that nothing computed here is kept with the parameters.
    NDArray batchCls = Scalars.of(x, 0).add(cls).broadcast(s.get(0), 1, s.get(2));
    NDArray tokens = NDArrays.concat(new NDList(batchCls, x), 1);
    return new NDList(tokens.add(pos));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1) + 1, in.get(2))};
  }

  @Override
  public String toString() {
    return "TokenEmbedding(class token + position embedding)";
  }
}
