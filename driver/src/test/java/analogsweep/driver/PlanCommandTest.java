package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.grid.FolderRecipe;
import analogsweep.grid.Recipe;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code plan} prints the axes, their product and the settings every point shares. */
class PlanCommandTest {
  @Test
  void fixedSettingsAreThoseEveryPointSharesOffTheirDefaults() {
    Sweep sweep = SweepFile.parse("name: p\ndata:\n  path: /data/x\n  train_limit: 300\n"
        + "analog:\n  precision: 16\ntraining:\n  max_epochs: 2\nseeds: [1, 2]\n"
        + "grid:\n  hidden_sizes: [[8], [16, 8]]\n  interpolation: [0, 0.5, 1]\n", "p.yaml");
    // the linear model's depth follows its widths (an axis): not fixed; defaults not listed;
    // a recipe's choice off analogsweep-1's is (torch's Adam epsilon under authors)
    assertEquals(List.of("conv_depth=0", "data_path=/data/x", "train_limit=300",
        "precision=16", "max_epochs=2", "adam_epsilon=torch"), PlanCommand.fixedSettings(sweep));
    String text = PlanCommand.describe(sweep);
    assertTrue(text.contains("  12 tasks = 12\n"), text);
    assertTrue(text.contains("  fixed settings (the others at their defaults):\n"
        + "    conv_depth=0, data_path=/data/x, train_limit=300, precision=16, max_epochs=2, "
        + "adam_epsilon=torch\n"), text);
    assertFalse(text.contains("recipe revision"), text);

    // in a folder of revision 1 the pinned value is said, and is not news
    Sweep old = sweep.under(new FolderRecipe(Recipe.AUTHORS, 1));
    assertEquals(List.of("conv_depth=0", "data_path=/data/x", "train_limit=300",
        "precision=16", "max_epochs=2"), PlanCommand.fixedSettings(old));
    assertTrue(PlanCommand.describe(old).contains("  the output folder is of recipe revision 1 "
        + "(today's: 2): adam_epsilon=djl where the sweep leaves it open\n"),
        PlanCommand.describe(old));
  }
}
