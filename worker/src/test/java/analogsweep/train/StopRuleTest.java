package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stop reasons keep the stored text of earlier versions; stop rules decide at their borders. */
class StopRuleTest {

  @Test
  void storedTextIsTheTextEarlierVersionsWrote() {
    assertEquals("max_epochs", StopReason.MAX_EPOCHS.text());
    assertEquals("early_stop_chance", StopReason.EARLY_STOP_CHANCE.text());
    assertEquals("early_stop_drop", StopReason.EARLY_STOP_DROP.text());
    assertEquals("time_budget", StopReason.TIME_BUDGET.text());
    assertEquals("diverged", StopReason.DIVERGED.text());
    assertEquals("failed", StopReason.FAILED.text());
    for (StopReason r : StopReason.values()) {
      assertEquals(r, StopReason.fromText(r.text()));
      assertEquals(r.text(), r.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> StopReason.fromText("MAX_EPOCHS"));
  }

  private static StopRule.Epoch epoch(int epoch, double train, double test, double best) {
    return new StopRule.Epoch(epoch, train, test, best, 10);
  }

  @Test
  void nearChanceWaitsForItsFirstEpochThenComparesWithFactorTimesChance() {
    StopRule rule = new StopRule.NearChance(10, 1.25);
    assertNull(rule.check(epoch(9, 0.10, 0.1, 0.1)), "waits for epoch 10");
    assertEquals(StopReason.EARLY_STOP_CHANCE, rule.check(epoch(10, 0.1249, 0.1, 0.1)));
    assertNull(rule.check(epoch(10, 0.125, 0.1, 0.1)), "1.25 x chance itself goes on");
    assertEquals(StopReason.EARLY_STOP_CHANCE,
        new StopRule.NearChance(1, 2).check(new StopRule.Epoch(1, 0.019, 0, 0, 100)));
  }

  @Test
  void accuracyDropComparesWithTheBestSoFar() {
    StopRule rule = new StopRule.AccuracyDrop(0.05);
    assertEquals(StopReason.EARLY_STOP_DROP, rule.check(epoch(2, 0.9, 0.749, 0.8)));
    assertNull(rule.check(epoch(2, 0.9, 0.751, 0.8)));
    assertNull(rule.check(epoch(1, 0.9, 0.8, 0.8)), "the best is this epoch");
  }

  @Test
  void authorsRulesInOrderAndTheFirstReasonWins() {
    assertEquals(List.of(new StopRule.NearChance(10, 1.25), new StopRule.AccuracyDrop(0.05)),
        StopRule.authors());
    // both rules fire: the chance rule is asked first
    assertEquals(StopReason.EARLY_STOP_CHANCE,
        StopRule.first(StopRule.authors(), epoch(12, 0.05, 0.01, 0.5)));
    assertEquals(StopReason.EARLY_STOP_DROP,
        StopRule.first(StopRule.authors(), epoch(3, 0.05, 0.01, 0.5)));
    assertNull(StopRule.first(List.of(), epoch(12, 0.0, 0.0, 1.0)));
  }

  @Test
  void rulesRefuseValuesThatMeanNothing() {
    assertThrows(IllegalArgumentException.class, () -> new StopRule.NearChance(0, 1.25));
    assertThrows(IllegalArgumentException.class, () -> new StopRule.NearChance(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new StopRule.AccuracyDrop(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new StopRule.AccuracyDrop(Double.NaN));
  }
}
