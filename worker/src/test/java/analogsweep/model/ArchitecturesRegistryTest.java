package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import analogsweep.grid.FieldRange;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.Placement;
import analogsweep.grid.Recipe;
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

  /**
   * Under analogsweep-1 every model trains with the catalogue's defaults and the values a row
   * stored before recipes stands for, so those points keep their task ids.
   */
  @Test
  void everyModelTrainsWithTheCataloguesDefaultsUnderTheFirstRecipe() {
    for (Architecture a : Architectures.all()) {
      for (var e : a.trainingDefaults(Recipe.ANALOGSWEEP_1).entrySet()) {
        GridField f = e.getKey();
        Object expected = f.since() >= 3 ? f.absentColumnValue() : f.defaultValue();
        Object actual = e.getValue() instanceof Enum<?> ? e.getValue().toString() : e.getValue();
        assertEquals(expected instanceof Enum<?> ? expected.toString() : expected, actual,
            a.id() + " " + f);
      }
    }
  }

  @Test
  void aNameIsRegisteredOnce() {
    assertThrows(IllegalArgumentException.class, () -> Architectures.register(new VitModel()));
    assertEquals(5, Architectures.all().size());
  }
}
