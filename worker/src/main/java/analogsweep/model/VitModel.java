package analogsweep.model;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.LayerNorm;
import analogsweep.grid.FieldRange;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.LearningRateSchedule;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.Rules;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.NamedSequence;
import analogsweep.layer.Residual;
import analogsweep.layer.SelfAttention;
import analogsweep.layer.ShapeOp;
import analogsweep.layer.TokenEmbedding;
import java.util.List;
import java.util.Map;

/**
 * The authors' Vision Transformer (after lucidrains' vit-pytorch): 4x4 patches, each flattened
 * and projected to width 512; a class token in front and a learned position embedding; dropout
 * 0.5; vit_depth pre-norm blocks, each {@code x + attention(norm(x))} (8 heads of 64, projection
 * back with dropout 0.5) then {@code x + mlp(norm(x))}; the class token, LayerNorm and FC classes.
 * The MLP is FC 512, the activation, dropout 0.5, FC back to 512, dropout 0.5; the gated family
 * halves the 512 to 256 before the second FC (as the authors' ReGLU/GeGLU runs). Image sides must
 * be multiples of 4: 32x32 gives 64 patches, Fashion-MNIST's 28x28 gives 49, no padding needed.
 * Set by vit_depth (1 to 6, default 4, the depth of the paper's figures); only the input image is
 * analog by default.
 */
final class VitModel extends Architecture {
  static final int PATCH = 4;
  static final int WIDTH = 512;
  static final int HEADS = 8;
  static final int HEAD_SIZE = 64;
  static final int MLP = 512;
  static final float DROPOUT = 0.5f;
  static final FieldRange DEPTH = FieldRange.closed(1, 6, "transformer blocks");
  /** The depth of the paper's ViT figures, used where a point does not set one. */
  static final int DEFAULT_DEPTH = 4;

  VitModel() {
    super("vit", Placement.INPUT_ONLY);
  }

  @Override
  public List<GridField> options() {
    return List.of(GridField.VIT_DEPTH);
  }

  @Override
  public Map<GridField, FieldRange> ranges() {
    return Map.of(GridField.VIT_DEPTH, DEPTH);
  }

  @Override
  public ModelSection complete(ModelKind kind, FieldValues v) {
    return fixedDepth(kind, v, List.of(), 0, 0, DEFAULT_DEPTH, null);
  }

  @Override
  public void check(ModelSection s) {
    checkFixedDepth(s, List.of(), 0, 0, "; its depth is vit_depth",
        "no FC layers outside its blocks (0)");
    Rules.check(s.vitDepth() != null && DEPTH.contains(s.vitDepth()), "vit_depth", s.vitDepth(),
        "must be in " + DEPTH.text());
  }

  /**
   * Per block: two LayerNorms (scale and shift), the bias-free query-key-value projection and
   * the output projection over every token, the MLP's two FC layers; besides, the patch
   * projection, the class token and position embeddings, the last LayerNorm and the classifier.
   */
  @Override
  public ModelCost cost(ModelSection model, int widen, int channels, int height, int width,
      int classes) {
    long patches = (long) (height / PATCH) * (width / PATCH);
    long tokens = patches + 1;
    ModelCost.Tally t = new ModelCost.Tally()
        .dense(WIDTH, (long) channels * PATCH * PATCH, true, patches)
        .parameters(WIDTH + tokens * WIDTH);
    for (int d = 0; d < model.vitDepth(); d++) {
      t.parameters(2 * WIDTH).dense(3L * HEADS * HEAD_SIZE, WIDTH, false, tokens)
          .dense(WIDTH, (long) HEADS * HEAD_SIZE, true, tokens)
          .parameters(2 * WIDTH).dense(MLP, WIDTH, true, tokens)
          .dense(WIDTH, MLP / widen, true, tokens);
    }
    return t.parameters(2 * WIDTH).dense(classes, WIDTH, true, 1).total();
  }

  @Override
  public SequentialBlock build(NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    net.add(ShapeOp.patches(PATCH));
    net.add(new AnalogLinear(WIDTH, parts.chain(), parts.sites(), parts.nextSeed()));
    net.add(new TokenEmbedding(parts.nextSeed()));
    net.add(parts.dropout(DROPOUT));
    for (int d = 1; d <= parts.model().vitDepth(); d++) {
      NamedSequence block = new NamedSequence("TransformerBlock " + d);
      block.add(new Residual("attention (pre-norm)", attention(parts), null, null));
      block.add(new Residual("MLP (pre-norm)", mlp(parts), null, null));
      net.add(block);
    }
    net.add(ShapeOp.classToken());
    net.add(LayerNorm.builder().axis(1).build());
    net.add(new AnalogLinear(parts.classes(), parts.chain(), parts.sites(), parts.nextSeed()));
    return net;
  }

  private static SequentialBlock attention(NetworkParts parts) {
    SequentialBlock main = new SequentialBlock();
    main.add(LayerNorm.builder().axis(2).build());
    main.add(new SelfAttention(WIDTH, HEADS, HEAD_SIZE, parts.chain(), parts.sites(),
        parts.nextSeed(), parts.nextSeed()));
    main.add(parts.dropout(DROPOUT));
    return main;
  }

  private static SequentialBlock mlp(NetworkParts parts) {
    SequentialBlock main = new SequentialBlock();
    main.add(LayerNorm.builder().axis(2).build());
    main.add(new AnalogLinear(MLP, parts.chain(), parts.sites(), parts.nextSeed()));
    main.add(ActivationBlock.dense(parts.activation()));
    main.add(parts.dropout(DROPOUT));
    main.add(new AnalogLinear(WIDTH, parts.chain(), parts.sites(), parts.nextSeed()));
    main.add(parts.dropout(DROPOUT));
    return main;
  }

  /**
   * run_vit_model.py at the arXiv figures (5bd8b46): batch 512 (3125 only from 57ecd90 on), up to
   * 150 epochs, Adam with cosine annealing over them, the near-chance stop rule only; the
   * network keeps PyTorch's and its own initialization.
   */
  @Override
  protected TrainingDefaults authors() {
    return TrainingDefaults.ANALOGSWEEP_1.withSchedule(512, 150, true, false)
        .withOptimizer(0.0, LearningRateSchedule.COSINE);
  }
}
