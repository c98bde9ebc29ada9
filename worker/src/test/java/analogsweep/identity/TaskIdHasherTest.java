package analogsweep.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import analogsweep.analysis.GradientErrorPoint;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.GridPoint;
import analogsweep.grid.NoiseKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One hasher: a known SHA-256 vector, the canonical text, and ids stored by earlier versions. */
class TaskIdHasherTest {

  @Test
  void sha256OfAKnownVector() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        TaskIdHasher.sha256("abc"));
    assertEquals(64, TaskIdHasher.sha256("").length());
  }

  @Test
  void canonicalTextSortsFieldsWhateverTheirOrder() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seed", 3L);
    fields.put("alpha", 0.5);
    fields.put("beta", "x");
    assertEquals("demo.v2\nalpha=0.5\nbeta=x\nseed=3\n",
        TaskIdHasher.canonicalText("demo", 2, fields));
    Map<String, Object> reversed = new LinkedHashMap<>();
    reversed.put("beta", "x");
    reversed.put("seed", 3L);
    reversed.put("alpha", 0.5);
    assertEquals(TaskIdHasher.taskId("demo", 2, fields), TaskIdHasher.taskId("demo", 2, reversed));
    assertEquals(TaskIdHasher.sha256("demo.v2\nalpha=0.5\nbeta=x\nseed=3\n"),
        TaskIdHasher.taskId("demo", 2, fields));
  }

  /** Ids computed by the version before this hasher (commit 65e576c). */
  @Test
  void idsAreThoseEarlierVersionsStored() {
    assertEquals("b883aa5ddbb9d4310f96e77b2961935f73be6de2652eb4b2d3526b6b50605aa6",
        new GradientErrorPoint(ActivationFamily.RELU_GELU, 0.5, 1.0, 0.0, 16, 0.5,
            NoiseKind.GAUSSIAN, 8, 17, 3).taskId());
    assertEquals("a31aa738cb3eb1e4be144bbea9bed02e9882441a1cafb69025a379cb1bac64f6",
        new GradientErrorPoint(ActivationFamily.RELU_SILU, 0.25, 1.0, 0.01, 8, 0.2,
            NoiseKind.LAPLACE, 4, 9, 7).taskId());
    GridPoint p = GridPoint.builder().set("data_path", "/x").set("seed", 5)
        .set("recipe", "analogsweep-1").build();
    assertEquals("a8036172068e758525d052250b52e996003b131550e9acbf863b1529f6c21966", p.taskId());
    assertEquals(TaskIdHasher.sha256(p.canonicalText()), p.taskId());
  }
}
