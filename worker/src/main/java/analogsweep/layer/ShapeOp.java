package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * A parameter-free block that changes the shape of its input, named for printouts: zero padding
 * of small images, resizing, adaptive average pooling, cutting images into patches, and taking
 * the class token. Each states its output shape without running.
 */
public final class ShapeOp extends AbstractBlock {
  private final String label;
  private final UnaryOperator<NDArray> op;
  private final UnaryOperator<Shape> shape;

  private ShapeOp(String label, UnaryOperator<NDArray> op, UnaryOperator<Shape> shape) {
    this.label = label;
    this.op = op;
    this.shape = shape;
  }

  /**
   * Zero padding of (batch, C, H, W) images smaller than {@code size} up to size x size, split
   * evenly (the extra pixel, if any, at the bottom and right); larger images pass unchanged.
   */
  public static ShapeOp padTo(int size) {
    return new ShapeOp("ZeroPad(to " + size + "x" + size + ")", x -> {
      long h = x.getShape().get(2);
      long w = x.getShape().get(3);
      if (h >= size && w >= size) {
        return x;
      }
      long dh = Math.max(0, size - h);
      long dw = Math.max(0, size - w);
      return x.pad(new Shape(dw / 2, dw - dw / 2, dh / 2, dh - dh / 2), 0);
    }, in -> new Shape(in.get(0), in.get(1), Math.max(size, in.get(2)),
        Math.max(size, in.get(3))));
  }

  /** Bilinear resizing of (batch, C, H, W) images to size x size (torchvision's Resize). */
  public static ShapeOp resizeTo(int size) {
    return new ShapeOp("Resize(bilinear, to " + size + "x" + size + ")",
        x -> x.getNDArrayInternal().interpolation(new long[] {size, size}, 1, false),
        in -> new Shape(in.get(0), in.get(1), size, size));
  }

  /** PyTorch's AdaptiveAvgPool2d((size, size)). */
  public static ShapeOp adaptiveAvgPool(int size) {
    return new ShapeOp("AdaptiveAvgPool(" + size + "x" + size + ")",
        x -> JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(size, size)),
        in -> new Shape(in.get(0), in.get(1), size, size));
  }

  /**
   * (batch, C, H, W) to (batch, (H/p)(W/p), p p C): non-overlapping p x p patches in row order,
   * each flattened row by row with the channels innermost (einops' {@code b c (h p1) (w p2) ->
   * b (h w) (p1 p2 c)}, as the authors' ViT).
   */
  public static ShapeOp patches(int p) {
    return new ShapeOp("Patches(" + p + "x" + p + ")", x -> {
      Shape s = x.getShape();
      long b = s.get(0);
      long c = s.get(1);
      long h = s.get(2) / p;
      long w = s.get(3) / p;
      return x.reshape(b, c, h, p, w, p).transpose(0, 2, 4, 3, 5, 1).reshape(b, h * w,
          (long) p * p * c);
    }, in -> {
      if (in.get(2) % p != 0 || in.get(3) % p != 0) {
        throw new IllegalArgumentException("images of " + in.get(2) + "x" + in.get(3)
            + " do not split into patches of " + p + "x" + p);
      }
      return new Shape(in.get(0), (in.get(2) / p) * (in.get(3) / p), (long) p * p * in.get(1));
    });
  }

  /** (batch, tokens, width) to (batch, width): the class token, first of the tokens. */
  public static ShapeOp classToken() {
    return new ShapeOp("ClassToken(take token 0)", x -> x.get(new NDIndex(":, 0")),
        in -> new Shape(in.get(0), in.get(2)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(op.apply(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {shape.apply(inputShapes[0])};
  }

  @Override
  public String toString() {
    return label;
  }
}
