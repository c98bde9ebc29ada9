package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompletenessTest {
  @Test
  void partialSweepSaysSoWithItsPercentage() {
    Completeness c = new Completeness(3, 8, 2, 1, 0);
    assertEquals("**Completeness:** 3 task results stored of 8 planned (37.5%) — **partial**: "
        + "the sweep is still running or was interrupted; every number below covers the stored "
        + "results only. Status: 2 OK, 1 DIVERGED, 0 FAILED.", c.markdown());
    assertEquals(c.markdown().replace("**", ""), c.text());
    assertEquals("stored,planned,ok,diverged,failed\n3,8,2,1,0\n", c.csv());
  }

  @Test
  void unknownPlanLeavesThePlannedCountOut() {
    Completeness c = new Completeness(4, -1, 3, 0, 1);
    assertEquals("**Completeness:** 4 task results stored. Status: 3 OK, 0 DIVERGED, 1 FAILED.",
        c.markdown());
    assertEquals("stored,planned,ok,diverged,failed\n4,,3,0,1\n", c.csv());
  }
}
