package analogsweep.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every stream of a point is derived as the five files that derived seeds before this type did,
 * so stored results keep their numbers: the formulas are written out here once more.
 */
class PointSeedsTest {
  private static final long[] SEEDS = {0, 1, 2, 7, -1, 123456789012345L, Long.MAX_VALUE,
      Long.MIN_VALUE};

  private static long first(SplittableRandom r) {
    return r.nextLong();
  }

  @Test
  void derivationsAreThoseOfEarlierVersions() {
    for (long seed : SEEDS) {
      PointSeeds s = PointSeeds.of(seed);
      assertEquals(first(new SplittableRandom(seed)), first(s.initialization()));
      assertEquals(first(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1)),
          first(s.batchOrder()));
      assertEquals(first(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 2)),
          first(s.augmentation()));
      assertEquals(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL, s.chain());
      assertEquals(seed, s.gradientMapChain());
      assertEquals(first(new SplittableRandom(seed)), first(s.gradientMapValues()));
    }
  }

  @Test
  void literalValuesAtSeedOne() {
    PointSeeds s = PointSeeds.of(1);
    assertEquals(0x9E3779B97F4A7C15L + 0x5DEECE66DL, s.chain());
  }

  @Test
  void aPointsStreamsDifferFromEachOtherAndAcrossSeeds() {
    Set<Long> firsts = new HashSet<>();
    for (long seed = 1; seed <= 50; seed++) {
      PointSeeds s = PointSeeds.of(seed);
      firsts.add(first(s.initialization()));
      firsts.add(first(s.batchOrder()));
      firsts.add(first(s.augmentation()));
    }
    assertEquals(150, firsts.size());
    assertNotEquals(PointSeeds.of(1).chain(), PointSeeds.of(2).chain());
  }
}
