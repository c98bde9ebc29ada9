package analogsweep.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridPointTest {
  static GridPoint.Builder base() {
    return GridPoint.builder().set("data_path", "/data/fmnist");
  }

  @Test
  void taskIdIsStableAndCoversEveryField() {
    GridPoint p = base().set("precision", 16).set("error_probability", 0.5)
        .set("recipe", "analogsweep-1").build();
    // Pinned: a change here means every stored result would be re-trained. Bump SCHEMA_VERSION
    // on purpose, never by accident.
    assertEquals("analogsweep.gridpoint.v1\nanalog_inputs=true\nanalog_outputs=true\n"
        + "analog_weights=true\nbatch_size=128\nconv_depth=0\ndata_path=/data/fmnist\n"
        + "early_stopping=true\nerror_probability=0.5\nfamily=relu-gelu\ngate_scale=1.0\n"
        + "grayscale=false\nhidden_sizes=256,128\ninterpolation=0.0\nleak=0.0\n"
        + "learning_rate=0.001\nlinear_depth=3\nmax_epochs=10\nmodel=linear\nprecision=16\n"
        + "rounding=deterministic\nseed=1\ntest_limit=0\ntime_budget_seconds=0\ntrain_limit=0\n",
        p.canonicalText());
    assertEquals(64, p.taskId().length());
    assertEquals(p.taskId(), base().set("error_probability", 0.5).set("precision", 16)
        .set("recipe", "analogsweep-1").build().taskId());
    for (GridField f : GridField.values()) {
      // version-1 fields always; later fields only off the value their absence stands for
      assertEquals(f.since() == 1, p.canonicalText().contains("\n" + f.column() + "="),
          f.column());
    }
    assertNotEquals(p.taskId(), base().set("precision", 16).set("error_probability", 0.5)
        .set("recipe", "analogsweep-1").set("seed", 2).build().taskId());
  }

  /**
   * Under the authors' recipe (the default) a point names its recipe and the recipe's choices
   * that differ from what points stored before recipes did, so it never takes a stored id.
   */
  @Test
  void theAuthorsRecipeMakesNewIdsAndNamesItsChoices() {
    GridPoint linear = base().set("precision", 16).build();
    assertEquals(Recipe.AUTHORS, linear.recipe().recipe());
    assertTrue(linear.canonicalText().contains("\nrecipe=authors\n"), linear.canonicalText());
    assertFalse(linear.canonicalText().contains("init="), "linear: PyTorch's default is theirs");
    assertFalse(linear.canonicalText().contains("relu_derivative_at_zero="), "gelu family: a");
    GridPoint silu = base().set("precision", 16).set("family", "relu-silu").build();
    assertEquals(DerivativeAtZero.ONE, silu.activation().reluDerivativeAtZero());
    assertTrue(silu.canonicalText().contains("\nrelu_derivative_at_zero=1\n"));
    GridPoint convnet = base().set("model", "convnet").set("precision", 16).build();
    assertEquals(Initialization.AUTHORS, convnet.recipe().init());
    assertTrue(convnet.recipe().classifierActivation());
    assertEquals(512, convnet.training().batchSize());
    assertEquals(200, convnet.training().maxEpochs());
    assertTrue(convnet.canonicalText().contains("\ninit=authors\n"));
    assertTrue(convnet.canonicalText().contains("\nclassifier_activation=true\n"));
    GridPoint legacy = base().set("model", "convnet").set("precision", 16)
        .set("recipe", "analogsweep-1").build();
    assertEquals(Initialization.UNIFORM, legacy.recipe().init());
    assertFalse(legacy.recipe().classifierActivation());
    assertEquals(128, legacy.training().batchSize());
    assertNotEquals(legacy.taskId(), convnet.taskId());
    // the first recipe with the authors' choices named is still another training: its layout
    assertNotEquals(convnet.taskId(), legacy.toBuilder().set("init", "authors")
        .set("classifier_activation", true).set("batch_size", 512).set("max_epochs", 200)
        .build().taskId());
  }

  @Test
  void onlyTheSequentialModelsTakeAnActivationAfterTheClassifier() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> base()
        .set("model", "vit").set("classifier_activation", true).build());
    assertTrue(e.getMessage().startsWith("classifier_activation"), e.getMessage());
    assertThrows(InvalidValueException.class, () -> base().set("relu_derivative_at_zero", 2)
        .build());
    assertEquals(DerivativeAtZero.ONE, base().set("relu_derivative_at_zero", 1).build()
        .activation().reluDerivativeAtZero());
  }

  /**
   * Weights take their own precision and EP where given (AnalogVNN has both); left out, or same,
   * they follow the activations' and the id is the one the point had before the fields existed.
   */
  @Test
  void weightsTakeTheirOwnPrecisionAndErrorProbabilityOrTheActivations() {
    GridPoint plain = base().set("precision", 16).set("error_probability", 0.5).build();
    GridPoint same = plain.toBuilder().set("weight_precision", "same")
        .set("weight_error_probability", "same").build();
    assertEquals(plain.taskId(), same.taskId());
    assertEquals(plain.canonicalText(), same.canonicalText());
    assertEquals(new AnalogSection(16, 0.5, plain.analog().rounding(), plain.analog().noise(),
        plain.analog().placement(), true, true, true), plain.analog().weightSide());

    GridPoint coarse = plain.toBuilder().set("weight_precision", 4)
        .set("weight_error_probability", 0.1).build();
    assertNotEquals(plain.taskId(), coarse.taskId());
    assertNotEquals(plain.trainingKey(), coarse.trainingKey());
    assertEquals(4, coarse.analog().weightSide().precision());
    assertEquals(0.1, coarse.analog().weightSide().errorProbability());
    assertEquals(16, coarse.analog().precision());
    assertEquals(4, GridField.WEIGHT_PRECISION.get(coarse));

    // named but equal to the activations': another id, the same training
    GridPoint explicit = plain.toBuilder().set("weight_precision", 16).build();
    assertNotEquals(plain.taskId(), explicit.taskId());
    assertEquals(plain.trainingKey(), explicit.trainingKey());
    // with the chain off the weights, their settings are not seen
    assertEquals(plain.toBuilder().set("analog_weights", false).build().trainingKey(),
        coarse.toBuilder().set("analog_weights", false).build().trainingKey());

    InvalidValueException none = assertThrows(InvalidValueException.class,
        () -> plain.toBuilder().set("weight_precision", "none").build());
    assertTrue(none.getMessage().contains("analog.weights: false"), none.getMessage());
    InvalidValueException noisy = assertThrows(InvalidValueException.class,
        () -> base().set("weight_error_probability", 0.2).build());
    assertTrue(noisy.getMessage().startsWith("weight_error_probability"), noisy.getMessage());
    assertEquals(0.2, base().set("weight_precision", 8).set("weight_error_probability", 0.2)
        .build().analog().weightSide().errorProbability());
  }

  /** imagenet-style resizes images, which only a network with a global pool can take. */
  @Test
  void onlyResNetTakesTheImageNetPipeline() {
    for (String model : List.of("linear", "convnet", "vgg-a", "vit")) {
      InvalidValueException e = assertThrows(InvalidValueException.class, () -> base()
          .set("model", model).set("augmentation", "imagenet-style").build());
      assertTrue(e.getMessage().startsWith("augmentation") && e.getMessage().contains(model),
          e.getMessage());
    }
    assertEquals(Augmentation.IMAGENET_STYLE, base().set("model", "resnet-18")
        .set("augmentation", "imagenet-style").build().data().augmentation());
  }

  /** Ids written by version 0.1.0 (its `train` command printed them): they must never change. */
  @Test
  void idsStoredByVersionOneStayTheSame() {
    String fashion = "/usr/share/datasets/fashion-mnist";
    assertEquals("e36198004e8fd33e56d69ab95c470f6c174665563729644e999ba754e9ea8bf6",
        GridPoint.builder().set("recipe", "analogsweep-1").set("data_path", fashion)
            .set("interpolation", 0.5)
            .set("precision", 16).set("error_probability", 0.5).set("max_epochs", 2)
            .set("train_limit", 3000).set("test_limit", 1000).build().taskId());
    assertEquals("d800271c5bb1057e5896600caff83a0cda8d739715dfaf06506113547e2c6b32",
        GridPoint.builder().set("recipe", "analogsweep-1").set("data_path", fashion)
            .set("model", "convnet")
            .set("conv_depth", 4).set("linear_depth", 2).set("family", "reglu-geglu")
            .set("interpolation", 0.3).set("precision", 8).set("error_probability", 0.4)
            .set("rounding", "stochastic").set("max_epochs", 1).set("train_limit", 1000)
            .set("test_limit", 300).build().taskId());
    assertEquals("26ad855fc325dd493fa199af7623f7c5553227441a5b96517bad50773cbd3ae0",
        GridPoint.builder().set("recipe", "analogsweep-1").set("data_path", fashion)
            .set("hidden_sizes", List.of(32))
            .set("family", "relu-silu").set("interpolation", 1).set("gate_scale", 2)
            .set("leak", 0.1).set("precision", 4).set("error_probability", 0.8)
            .set("analog_outputs", false).set("max_epochs", 2).set("train_limit", 2000)
            .set("test_limit", 500).build().taskId());
  }

  /** A field added after version 1 enters the id only off its default. */
  @Test
  void laterFieldsEnterTheIdOnlyOffTheirDefault() {
    GridPoint plain = base().set("precision", 16).set("error_probability", 0.5).build();
    GridPoint gaussian = base().set("precision", 16).set("error_probability", 0.5)
        .set("noise", "gaussian").set("placement", "model").build();
    assertEquals(plain.taskId(), gaussian.taskId());
    GridPoint laplace = base().set("precision", 16).set("error_probability", 0.5)
        .set("noise", "laplace").build();
    assertNotEquals(plain.taskId(), laplace.taskId());
    assertTrue(laplace.canonicalText().contains("\nnoise=laplace\n"), laplace.canonicalText());
    assertEquals(plain.canonicalText().replace("model=linear\n", "model=linear\nnoise=laplace\n"),
        laplace.canonicalText(), "one line more, in sorted place");
    GridPoint before = base().set("placement", "before-layers").build();
    assertTrue(before.canonicalText().contains("\nplacement=before-layers\n"));
    assertEquals(plain.taskId(), plain.toBuilder().build().taskId(), "a point rebuilds itself");
  }

  /**
   * adam_epsilon: djl, the placement every result stored before recipe revision 2 trained with,
   * keeps their ids under both recipes; torch, the recipe authors' default since, is a new
   * training and says so in its id.
   */
  @Test
  void torchsAdamEpsilonIsANewTrainingAndDjlKeepsTheIds() {
    for (String recipe : List.of("authors", "analogsweep-1")) {
      GridPoint djl = base().set("precision", 16).set("recipe", recipe)
          .set("adam_epsilon", "djl").build();
      GridPoint torch = djl.toBuilder().set("adam_epsilon", "torch").build();
      assertFalse(djl.canonicalText().contains("adam_epsilon"), recipe);
      assertNotEquals(djl.taskId(), torch.taskId(), recipe);
      assertTrue(torch.canonicalText().contains("\nadam_epsilon=torch\n"), recipe);
      assertEquals(AdamEpsilon.TORCH, torch.training().adamEpsilon());
      GridPoint plain = base().set("precision", 16).set("recipe", recipe).build();
      assertEquals(recipe.equals("authors") ? torch.taskId() : djl.taskId(), plain.taskId(),
          "the recipe's default");
    }
    String message = assertThrows(InvalidValueException.class,
        () -> base().set("adam_epsilon", "pytorch").build()).getMessage();
    assertTrue(message.contains("adam_epsilon") && message.contains("'pytorch'")
        && message.contains("[djl, torch]"), message);
  }

  /** The placement's sites, less what the switches turn off. */
  @Test
  void placementAndSwitchesGiveTheChainSites() {
    assertEquals(new ChainSites(false, true, true, true), base().build().chainSites());
    assertEquals(new ChainSites(false, true, false, true),
        base().set("placement", "before-layers").build().chainSites());
    assertEquals(new ChainSites(true, false, false, false),
        base().set("placement", "input-only").build().chainSites());
    assertEquals(new ChainSites(false, false, false, false),
        base().set("placement", "input-only").set("analog_inputs", false).build().chainSites());
    assertEquals(new ChainSites(false, true, false, false), base().set("analog_outputs", false)
        .set("analog_weights", false).build().chainSites());
    assertEquals(Placement.EVERY_BOUNDARY, base().set("model", "convnet").build().analog()
        .placementFor(new ModelKind("convnet")));
  }

  @Test
  void equivalentSpellingsGiveOneTaskId() {
    GridPoint a = base().set("interpolation", 0).set("error_probability", "none").build();
    GridPoint b = base().set("interpolation", -0.0).set("error_probability", 0).build();
    assertEquals(a.taskId(), b.taskId());
    assertEquals(base().set("hidden_sizes", "256, 128").build().taskId(),
        base().set("hidden_sizes", List.of(256, 128)).build().taskId());
  }

  @Test
  void convnetDerivesItsHiddenSizes() {
    // analogsweep-1 keeps a prefix of (512, 256); the authors' ConvModel keeps 256 from depth 2
    GridPoint p = base().set("model", "convnet").set("conv_depth", 4).set("linear_depth", 2)
        .set("recipe", "analogsweep-1").build();
    assertEquals(List.of(512), p.model().hiddenSizes());
    GridPoint authors = base().set("model", "convnet").set("linear_depth", 2).build();
    assertEquals(List.of(256), authors.model().hiddenSizes());
    assertEquals(List.of(512, 256), base().set("model", "convnet").build().model().hiddenSizes());
    assertEquals(List.of(256), base().set("model", "convnet").set("linear_depth", 2)
        .set("hidden_sizes", List.of(256)).build().model().hiddenSizes());
    assertThrows(InvalidValueException.class, () -> base().set("model", "convnet")
        .set("linear_depth", 2).set("hidden_sizes", List.of(512)).build());
    GridPoint lin = base().set("hidden_sizes", List.of(64)).build();
    assertEquals(2, lin.model().linearDepth());
    assertEquals(0, lin.model().convDepth());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "interpolation | 1.5 | interpolation: must be in [0, 1], found 1.5",
      "interpolation | -0.1 | interpolation: must be in [0, 1], found -0.1",
      "error_probability | 1.0 | error_probability: must be in [0, 1), found 1.0",
      "error_probability | -0.2 | error_probability: must be in [0, 1), found -0.2",
      "precision | 0 | precision: must be in [1, 2^24], or none, found 0",
      "family | relu-tanh | family: unknown activation family 'relu-tanh'",
      "model | resnet | model: unknown model 'resnet'",
      "leak | 1 | leak: must be in [0, 1), found 1.0",
      "gate_scale | 0 | gate_scale: must be in (0, 100], found 0.0",
      "batch_size | 0 | batch_size: must be in [1, 2^20], found 0",
      "rounding | nearest | rounding: unknown rounding 'nearest'",
      "noise | pink | noise: unknown noise model 'pink', expected one of [gaussian, laplace, "
          + "uniform, poisson]",
      "placement | everywhere | placement: unknown placement 'everywhere'",
      "learning_rate_schedule | step | learning_rate_schedule: unknown learning-rate schedule "
          + "'step', expected one of [fixed, cosine]",
      "augmentation | autoaugment | augmentation: unknown augmentation 'autoaugment', expected "
          + "one of [none, crop-flip, crop-flip-rotate, imagenet-style]",
      "normalization | imagenet | normalization: unknown normalization 'imagenet', expected one "
          + "of [none, per-channel, cifar-10-constants, imagenet-constants]",
      "weight_decay | -0.1 | weight_decay: must be in [0, 1), found -0.1",
      "vit_depth | 4 | vit_depth: applies to model vit only (model is linear); leave it out",
      "resnet_stem | imagenet | resnet_stem: applies to model resnet-18 only (model is linear)"})
  void badValuesNameFieldAndValue(String field, String value, String message) {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> base()
        .set("precision", 16).set(field, analogsweep.common.Json.scalar(value)).build());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(field, e.field());
  }

  /** The ViT's depth and ResNet-18's stem: defaults, range, and only for their own model. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vit | vit_depth | 0 | vit_depth: must be in [1, 6], found 0",
      "vit | vit_depth | 7 | vit_depth: must be in [1, 6], found 7",
      "vit | conv_depth | 2 | conv_depth: vit has 0 conv layers; its depth is vit_depth, found 2",
      "vgg-a | conv_depth | 6 | conv_depth: vgg-a has 8 conv layers (a fixed architecture), "
          + "found 6",
      "vgg-a | family | reglu-geglu | family: vgg-a takes relu-gelu or relu-silu (the gated "
          + "family is for vit, linear and convnet), found reglu-geglu",
      "resnet-18 | family | reglu-geglu | family: resnet-18 takes relu-gelu or relu-silu",
      "resnet-18 | resnet_stem | vgg | resnet_stem: unknown ResNet stem 'vgg', expected one of "
          + "[cifar, imagenet, imagenet-pipeline]",
      "resnet-18 | vit_depth | 2 | vit_depth: applies to model vit only (model is resnet-18)",
      "convnet | vit_depth | 1 | vit_depth: applies to model vit only (model is convnet)"})
  void newModelOptionsAreCheckedAndNamed(String model, String field, String value,
      String message) {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> base()
        .set("model", model).set(field, analogsweep.common.Json.scalar(value)).build());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(field, e.field());
  }

  @Test
  void newModelsTakeTheirDefaultsAndEnterTheIdOnlyThere() {
    GridPoint vit = base().set("model", "vit").build();
    assertEquals(4, vit.model().vitDepth());
    assertEquals(null, vit.model().resnetStem());
    assertTrue(vit.canonicalText().contains("\nvit_depth=4\n"), vit.canonicalText());
    assertEquals(ChainSites.class, vit.chainSites().getClass());
    assertEquals(new ChainSites(true, false, false, false), vit.chainSites());
    GridPoint resnet = base().set("model", "resnet-18").set("recipe", "analogsweep-1").build();
    assertEquals(ResNetStem.CIFAR, resnet.model().resnetStem());
    assertEquals(ResNetStem.IMAGENET_PIPELINE,
        base().set("model", "resnet-18").build().model().resnetStem(), "the authors' stem");
    assertEquals(null, resnet.model().vitDepth());
    assertTrue(resnet.canonicalText().contains("\nresnet_stem=cifar\n"));
    assertEquals(new ChainSites(false, true, false, true), resnet.chainSites());
    GridPoint vgg = base().set("model", "vgg-a").build();
    assertEquals(List.of(4096, 4096), vgg.model().hiddenSizes());
    assertEquals(8, vgg.model().convDepth());
    assertEquals(3, vgg.model().linearDepth());
    assertEquals(vit.taskId(), base().set("model", "vit").set("vit_depth", "none").build()
        .taskId(), "none means the model's own depth");
    // the new training and data fields at their defaults leave every other id as it was
    GridPoint plain = base().set("precision", 16).build();
    assertEquals(plain.taskId(), base().set("precision", 16).set("weight_decay", 0)
        .set("learning_rate_schedule", "fixed").set("augmentation", "none")
        .set("normalization", "none").set("vit_depth", "none").set("resnet_stem", "none")
        .build().taskId());
    GridPoint authors = base().set("precision", 16).set("weight_decay", 1e-4)
        .set("learning_rate_schedule", "cosine").set("augmentation", "crop-flip")
        .set("normalization", "per-channel").build();
    assertTrue(authors.canonicalText().contains("\naugmentation=crop-flip\n"));
    assertTrue(authors.canonicalText().contains("\nlearning_rate_schedule=cosine\n"));
    assertTrue(authors.canonicalText().contains("\nnormalization=per-channel\n"));
    assertTrue(authors.canonicalText().contains("\nweight_decay=1.0E-4\n"));
    assertEquals(authors.taskId(), authors.toBuilder().build().taskId());
    assertEquals(vit.taskId(), vit.toBuilder().build().taskId());
  }

  @Test
  void wrongTypesAndInconsistentModelsAreRefused() {
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("interpolation", "half")).getMessage()
        .contains("expected a number, found the text \"half\""));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("seed", 1.5)).getMessage().contains("expected a whole number"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("error_probability", 0.5).build()).getMessage()
        .contains("set a precision"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("conv_depth", 7).set("model", "convnet").build()).getMessage()
        .contains("conv_depth: must be in [0, 6], found 7"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("conv_depth", 2).build()).getMessage()
        .contains("the linear model has no conv layers"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("colour", true)).getMessage().contains("unknown grid-point field"));
  }
}
