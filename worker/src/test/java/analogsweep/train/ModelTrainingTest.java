package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import analogsweep.data.TestData;
import analogsweep.grid.GridPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few batches of VGG-A, ResNet-18 and the ViT train on CPU with the authors' settings (small
 * slices of 32x32x3 data), give the same result for the same seed, and leave no arrays behind.
 */
class ModelTrainingTest {
  @TempDir
  static Path tmp;

  static GridPoint.Builder slice(String model) throws IOException {
    return GridPoint.builder().set("data_path", cifar().toString()).set("model", model)
        .set("precision", 64).set("error_probability", 0.5).set("interpolation", 0.5)
        .set("train_limit", 16).set("batch_size", 8).set("max_epochs", 1);
  }

  /** 40 training and 16 test images of 32x32x3. */
  static Path cifar() throws IOException {
    return TestData.writeCifar10(tmp.resolve("cifar"), 8, 16);
  }

  /** 12x12x1 images: ResNet-18 and the ViT at a fraction of the cost of 32x32x3. */
  static GridPoint.Builder smallSlice(String model) throws IOException {
    return slice(model).set("data_path",
        TestData.writeIdx(tmp.resolve("idx"), 40, 16, 12, 12, false).toString());
  }

  static void assertSame(TaskResult a, TaskResult b) {
    assertEquals(a.epochRows().size(), b.epochRows().size());
    for (int k = 0; k < a.epochRows().size(); k++) {
      assertEquals(a.epochRows().get(k).trainLoss(), b.epochRows().get(k).trainLoss(), 0.0);
      assertEquals(a.epochRows().get(k).testLoss(), b.epochRows().get(k).testLoss(), 0.0);
    }
  }

  /** VGG-A as the authors trained it: weight decay, crop-flip, per-channel normalization. */
  @Test
  void vggTrainsTwoBatches() throws IOException {
    TaskResult r = GridPointTrainer.train(slice("vgg-a").set("weight_decay", 1e-4)
        .set("augmentation", "crop-flip").set("normalization", "per-channel").build(),
        Device.cpu(), 2);
    assertEquals(Status.OK, r.status(), r.message());
    assertEquals(16, r.epochRows().get(0).trainSamples());
    assertTrue(Double.isFinite(r.finalTrainLoss()) && Double.isFinite(r.finalTestLoss()));
    assertEquals(129_176_036L - 409_700 + 40_970, r.provenance().parameterCount()); // 10 classes
  }

  /**
   * ResNet-18 (batch norm) trains, and the same seed gives the same losses: as before
   * (analogsweep-1), and under the authors' recipe with its chained identity shortcuts and batch
   * norm (on the cifar stem and the plain pipeline: ImageNet's constants refuse one channel).
   */
  @Test
  void resNetTrainsAndRepeatsItself() throws IOException {
    GridPoint before = smallSlice("resnet-18").set("recipe", "analogsweep-1").build();
    GridPoint authors = smallSlice("resnet-18").set("resnet_stem", "cifar")
        .set("augmentation", "none").set("normalization", "none").build();
    for (GridPoint p : List.of(before, authors)) {
      TaskResult a = GridPointTrainer.train(p, Device.cpu(), 2);
      assertEquals(Status.OK, a.status(), a.message());
      assertEquals(16, a.epochRows().get(0).trainSamples());
      // one input channel: stem 9*64 = 576 instead of 1,728; 10 classes
      assertEquals(11_220_132L - 1_152 - 51_300 + 5_130, a.provenance().parameterCount());
      assertSame(a, GridPointTrainer.train(p, Device.cpu(), 2));
    }
  }

  /**
   * The ViT with the gated family and the authors' cosine schedule trains, repeats itself with
   * every new setting on (augmentation draws included), and leaves no arrays behind.
   */
  @Test
  void vitTrainsRepeatsItselfAndClosesEverything() throws IOException {
    GridPoint p = smallSlice("vit").set("vit_depth", 1).set("family", "reglu-geglu")
        .set("learning_rate_schedule", "cosine").set("max_epochs", 2).set("weight_decay", 1e-4)
        .set("augmentation", "crop-flip").set("normalization", "per-channel").build();
    TaskResult a = GridPointTrainer.train(p, Device.cpu(), 2);
    assertEquals(Status.OK, a.status(), a.message());
    assertEquals(2, a.epochs());
    // 9 patches of 16 values: patch FC 16*512+512, tokens 512 + 10*512; gated block 1,445,376;
    // head 1,024 + 5,130
    assertEquals(8_704 + 5_632 + 1_445_376 + 6_154, a.provenance().parameterCount());
    int before = GridPointTrainerTest.liveArrays();
    TaskResult b = GridPointTrainer.train(p, Device.cpu(), 2);
    assertEquals(before, GridPointTrainerTest.liveArrays(), "arrays left behind");
    assertSame(a, b);
  }
}
