package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.data.Dataset;
import analogsweep.grid.GridPoint;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The authors' transforms (run_vgg.py, run_resnet.py): each image operation against closed forms
 * on tiny images, the random draws statistically at a fixed seed, the fixed normalization
 * constants, and the recipes' pipelines.
 */
class ImageOpsTest {
  private static final float EPS = 1e-6f;

  /** A constant image stays constant; a row [0, 1] doubles to [0, 0.25, 0.75, 1]. */
  @Test
  void bilinearResizeHasHalfPixelCentresAndHeldEdges() {
    float[] constant = new float[3 * 5 * 5];
    Arrays.fill(constant, 0.4f);
    float[] big = ImageOps.resize(constant, 3, 5, 5, new ImageOps.Axis(5, 13),
        new ImageOps.Axis(5, 13));
    for (float v : big) {
      assertEquals(0.4f, v, EPS);
    }
    float[] ramp = ImageOps.resize(new float[] {0, 1, 0, 1}, 1, 2, 2, new ImageOps.Axis(2, 4),
        new ImageOps.Axis(2, 4));
    assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, Arrays.copyOf(ramp, 4), EPS);
    assertArrayEquals(new int[] {256, 256}, ImageOps.resizedSize(32, 32, 256));
    assertArrayEquals(new int[] {256, 384}, ImageOps.resizedSize(20, 30, 256));
  }

  /** 90 degrees counter-clockwise: [[0,1,2],[3,4,5],[6,7,8]] shows [[2,5,8],[1,4,7],[0,3,6]]. */
  @Test
  void rotationsTurnCounterClockwiseAboutTheCentre() {
    assertArrayEquals(new int[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, ImageOps.rotationSource(3, 3, 90));
    assertArrayEquals(new int[] {6, 3, 0, 7, 4, 1, 8, 5, 2}, ImageOps.rotationSource(3, 3, -90));
    assertArrayEquals(new int[] {0, 1, 2, 3}, ImageOps.rotationSource(2, 2, 0));
    // 45 degrees on 4x4: the corners show the fill, the centre keeps its pixels
    int[] r = ImageOps.rotationSource(4, 4, 45);
    assertEquals(-1, r[0]);
    assertEquals(-1, r[3]);
    assertEquals(-1, r[12]);
    assertEquals(-1, r[15]);
    assertTrue(r[5] >= 0 && r[6] >= 0 && r[9] >= 0 && r[10] >= 0);
  }

  /** Pure red moved by a third of the circle is green, by two thirds blue, by half cyan. */
  @Test
  void hueShiftsPureColours() {
    assertArrayEquals(new float[] {0, 1, 0}, hue(1, 0, 0, 1f / 3), EPS);
    assertArrayEquals(new float[] {0, 0, 1}, hue(1, 0, 0, -1f / 3), EPS);
    assertArrayEquals(new float[] {0, 1, 1}, hue(1, 0, 0, 0.5f), EPS);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, hue(0.5f, 0.5f, 0.5f, 0.3f), EPS);
    assertArrayEquals(new float[] {1, 0, 0}, hue(1, 0, 0, 0f), EPS);
  }

  private static float[] hue(float r, float g, float b, float shift) {
    float[] px = {r, g, b};
    ImageOps.hue(px, 3, shift);
    return px;
  }

  /** Brightness scales and clamps; contrast 0 is the grayscale mean; saturation 0 the gray. */
  @Test
  void brightnessContrastAndSaturation() {
    float[] img = {0.2f, 0.8f, 0.4f, 0.6f, 0.1f, 0.9f}; // 3 channels of 2 pixels
    float[] b = img.clone();
    ImageOps.brightness(b, 1.5f);
    assertArrayEquals(new float[] {0.3f, 1f, 0.6f, 0.9f, 0.15f, 1f}, b, EPS);
    float g0 = 0.2989f * 0.2f + 0.587f * 0.4f + 0.114f * 0.1f;
    float g1 = 0.2989f * 0.8f + 0.587f * 0.6f + 0.114f * 0.9f;
    float[] c = img.clone();
    ImageOps.contrast(c, 3, 0f);
    float mean = (g0 + g1) / 2;
    assertArrayEquals(new float[] {mean, mean, mean, mean, mean, mean}, c, EPS);
    float[] s = img.clone();
    ImageOps.saturation(s, 3, 0f);
    assertArrayEquals(new float[] {g0, g1, g0, g1, g0, g1}, s, EPS);
    float[] one = {0.2f, 0.6f};
    ImageOps.saturation(one, 1, 0f);
    ImageOps.hue(one, 1, 0.5f);
    assertArrayEquals(new float[] {0.2f, 0.6f}, one, 0f); // grayscale: unchanged
    ImageOps.contrast(one, 1, 0f);
    assertArrayEquals(new float[] {0.4f, 0.4f}, one, EPS);
  }

  private static Dataset constant(int channels, int size, int n, int value) {
    byte[] images = new byte[n * channels * size * size];
    Arrays.fill(images, (byte) value);
    return new Dataset("test", "test", channels, size, size, 10, images, new byte[n],
        images.clone(), new byte[n], "sha");
  }

  private static InputPipeline pipeline(Dataset d, String augmentation, String normalization) {
    // resnet-18: the one model that takes every pipeline (imagenet-style resizes)
    return new InputPipeline(d, GridPoint.builder().set("data_path", "/unused")
        .set("model", "resnet-18").set("augmentation", augmentation)
        .set("normalization", normalization).build().data(), 11);
  }

  /** White through the fixed constants is (1 - mean) / sd per channel; grayscale is refused. */
  @Test
  void fixedNormalizationConstants() {
    InputPipeline vgg = pipeline(constant(3, 4, 1, 255), "none", "cifar-10-constants");
    float[] out = new float[3 * 16];
    vgg.fill(out, 0, constant(3, 4, 1, 255).testImages(), null, 0, 1, false);
    assertEquals((1 - 0.4914) / 0.2023, out[0], 1e-5);
    assertEquals((1 - 0.4822) / 0.1994, out[16], 1e-5);
    assertEquals((1 - 0.4465) / 0.2010, out[32], 1e-5);
    InputPipeline resnet = pipeline(constant(3, 4, 1, 0), "none", "imagenet-constants");
    resnet.fill(out, 0, constant(3, 4, 1, 0).testImages(), null, 0, 1, false);
    assertEquals(-0.485 / 0.229, out[0], 1e-5);
    assertEquals(-0.456 / 0.224, out[16], 1e-5);
    assertEquals(-0.406 / 0.225, out[32], 1e-5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pipeline(constant(1, 28, 1, 0), "none", "cifar-10-constants"));
    assertEquals("normalization: cifar-10-constants holds constants for 3 colour channels and "
        + "the data set has 1 (choose per-channel or none)", e.getMessage());
  }

  /**
   * imagenet-style: training crops of 224, test images of 256 uncropped; a constant grey test
   * image stays constant after the resize; flips at rate 1/2, angles uniform in [-45, 45],
   * jitter factors in [0.5, 1.5] and hue shifts in [-0.5, 0.5], every op order possible.
   */
  @Test
  void imagenetStyleShapesAndDraws() {
    Dataset d = constant(3, 8, 2, 128);
    InputPipeline p = pipeline(d, "imagenet-style", "imagenet-constants");
    assertArrayEquals(new int[] {3, 224, 224}, p.shape(true));
    assertArrayEquals(new int[] {3, 256, 256}, p.shape(false));
    float[] test = new float[2 * p.maxSize()];
    p.fill(test, 0, d.testImages(), null, 0, 2, false);
    for (int c = 0; c < 3; c++) {
      float expected = test[c * 256 * 256];
      for (int j = 0; j < 256 * 256; j++) {
        assertEquals(expected, test[256 * 256 * (3 + c) + j], 0f);
      }
    }
    assertEquals((128 / 255.0 - 0.485) / 0.229, test[0], 1e-5);
    float[] train = new float[2 * p.size(true)];
    p.fill(train, 0, d.trainImages(), new int[] {1, 0}, 0, 2, true);
    assertTrue(Float.isFinite(train[train.length - 1]));

    int n = 20_000;
    int left = 0;
    int up = 0;
    double sum = 0;
    double squares = 0;
    int[] bins = new int[4];
    Set<String> orders = new HashSet<>();
    for (int k = 0; k < n; k++) {
      InputPipeline.Draws draw = p.draw();
      left += draw.flipLeftRight() ? 1 : 0;
      up += draw.flipUpDown() ? 1 : 0;
      sum += draw.degrees();
      squares += draw.degrees() * draw.degrees();
      assertTrue(Math.abs(draw.degrees()) <= 45);
      bins[(int) ((draw.degrees() + 45) / 22.5)]++;
      for (float f : new float[] {draw.brightness(), draw.contrast(), draw.saturation()}) {
        assertTrue(f >= 0.5f && f <= 1.5f, String.valueOf(f));
      }
      assertTrue(Math.abs(draw.hue()) <= 0.5f);
      orders.add(Arrays.toString(draw.order()));
    }
    double se = Math.sqrt(0.25 / n);
    assertEquals(0.5, (double) left / n, 4 * se);
    assertEquals(0.5, (double) up / n, 4 * se);
    double variance = 45.0 * 45 / 3; // of U(-45, 45)
    assertEquals(0, sum / n, 4 * Math.sqrt(variance / n));
    assertEquals(variance, squares / n, 4 * Math.sqrt(45.0 * 45 * 45 * 45 / 5 / n));
    for (int b : bins) {
      assertEquals(0.25, (double) b / n, 4 * Math.sqrt(0.25 * 0.75 / n));
    }
    assertEquals(24, orders.size());
  }

  /**
   * crop-flip-rotate on a white 32x32 image: black only where the rotation shows the fill,
   * outside the disc a rotation keeps inside the image; most images show some fill.
   */
  @Test
  void cropFlipRotateFillsCornersWithBlack() {
    Dataset d = constant(1, 32, 400, 255);
    InputPipeline p = pipeline(d, "crop-flip-rotate", "none");
    float[] out = new float[400 * 32 * 32];
    p.fill(out, 0, d.trainImages(), null, 0, 400, true);
    int withFill = 0;
    for (int k = 0; k < 400; k++) {
      int black = 0;
      for (int j = 0; j < 32 * 32; j++) {
        float v = out[k * 1024 + j];
        assertTrue(v == 0f || v == 1f);
        if (v == 0f) {
          black++;
          double dy = j / 32 + 0.5 - 16;
          double dx = j % 32 + 0.5 - 16;
          assertTrue(dx * dx + dy * dy >= 15 * 15, "outside the inscribed disc: " + j);
        }
      }
      withFill += black > 0 ? 1 : 0;
      assertEquals(1f, out[k * 1024 + 16 * 32 + 16], 0f);
    }
    assertTrue(withFill > 300, withFill + " of 400 images show the fill");
  }

  /**
   * Each recipe's data pipeline: authors gives VGG-A crop-flip-rotate with CIFAR-10's constants
   * and ResNet-18 imagenet-style with ImageNet's on its imagenet-pipeline stem; analogsweep-1
   * keeps none and none and the cifar stem for both.
   */
  @Test
  void recipesChooseThePipelines() {
    GridPoint.Builder base = GridPoint.builder().set("data_path", "/unused");
    GridPoint vgg = base.set("model", "vgg-a").build();
    assertEquals("crop-flip-rotate", vgg.data().augmentation().id());
    assertEquals("cifar-10-constants", vgg.data().normalization().id());
    GridPoint resnet = GridPoint.builder().set("data_path", "/unused").set("model", "resnet-18")
        .build();
    assertEquals("imagenet-style", resnet.data().augmentation().id());
    assertEquals("imagenet-constants", resnet.data().normalization().id());
    assertEquals("imagenet-pipeline", resnet.model().resnetStem().id());
    for (String model : new String[] {"vgg-a", "resnet-18"}) {
      GridPoint old = GridPoint.builder().set("data_path", "/unused").set("model", model)
          .set("recipe", "analogsweep-1").build();
      assertEquals("none", old.data().augmentation().id(), model);
      assertEquals("none", old.data().normalization().id(), model);
    }
  }
}
