package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import analogsweep.grid.FieldRange;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry: every model's kind finds its architecture, the grid sees the models in
 * registration order, and what help prints from the architectures reads as it did when the grid
 * spelled it out.
 */
class ArchitecturesRegistryTest {
  @Test
  void everyKindFindsItsArchitectureInRegistrationOrder() {
    assertEquals(List.of("linear", "convnet", "vgg-a", "resnet-18", "vit"),
        ModelKind.values().stream().map(ModelKind::id).toList());
    for (Architecture a : Architectures.all()) {
      assertSame(a, Architectures.of(a.kind()));
      assertSame(a, a.kind().rules());
    }
    assertEquals(Placement.EVERY_BOUNDARY, new ModelKind("convnet").placement());
    assertEquals(Placement.BEFORE_LAYERS, new ModelKind("vgg-a").placement());
    assertEquals(Placement.INPUT_ONLY, new ModelKind("vit").placement());
  }

  @Test
  void helpAndRangesReadAsBefore() {
    assertEquals("the network: linear (AnalogVNN's fully connected model), convnet (the "
        + "paper's), vgg-a, resnet-18 or vit", GridField.MODEL.description());
    assertEquals(List.of("linear", "convnet", "vgg-a", "resnet-18", "vit"),
        FieldRange.values(GridField.MODEL));
    assertEquals("[0, 6] layers", text(FieldRange.of(GridField.CONV_DEPTH)));
    assertEquals("[1, 17] layers", text(FieldRange.of(GridField.LINEAR_DEPTH)));
    assertEquals("[1, 6] transformer blocks", text(FieldRange.of(GridField.VIT_DEPTH)));
    assertEquals("linear", GridField.MODEL.defaultColumnValue());
  }

  private static String text(FieldRange r) {
    return r.text() + " " + r.unit();
  }

  /** Today every model trains with the catalogue's defaults, so task ids stay as they were. */
  @Test
  void everyModelTrainsWithTheCataloguesDefaultsToday() {
    for (Architecture a : Architectures.all()) {
      for (var e : a.trainingDefaults().entrySet()) {
        assertEquals(e.getKey().defaultValue(), e.getValue(), a.id() + " " + e.getKey());
      }
    }
  }

  @Test
  void aNameIsRegisteredOnce() {
    assertThrows(IllegalArgumentException.class, () -> Architectures.register(new VitModel()));
    assertEquals(5, Architectures.all().size());
  }
}
