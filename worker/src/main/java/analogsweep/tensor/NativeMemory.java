package analogsweep.tensor;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Keeps the C heap from handing large tensor buffers back to the operating system between
 * batches. PyTorch's CPU allocator takes every tensor from malloc; glibc serves blocks above its
 * mmap threshold with fresh mmaps and trims a freed heap top, so a batch that frees its
 * intermediates and the next that allocates them again pay a page fault (and a zeroed page) per
 * 4 KiB, which cost more than the arithmetic of the analog chain. Raising the mmap threshold to
 * glibc's maximum (32 MiB) and the trim threshold lets freed buffers be reused. Linux/glibc only;
 * elsewhere, or if the call fails, nothing changes.
 *
 * <p>The price is a heap that only grows: freed buffers stay with the process, scattered between
 * live ones, from one training to the next (on an executor training VGG-A, malloc_trim gave back
 * 2.9 of its 17.7 GB), so {@link #release()} hands the free pages back once a training has
 * ended. An executor's peak still grows by about 1 GB per VGG-A training with or without it, for
 * a reason not found yet (docs/speed.md, "Memory between trainings").
 */
public final class NativeMemory {
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_THRESHOLD = -3;
  private static final int M_ARENA_MAX = -8;
  /** glibc's largest mmap threshold on 64-bit machines. */
  private static final int MMAP_THRESHOLD = 32 << 20;
  private static final int TRIM_THRESHOLD = Integer.MAX_VALUE;
  private static volatile Boolean tuned;
  /** The C library, once {@link #tune()} has taken effect. */
  private static volatile CLibrary libc;

  private NativeMemory() {}

  /** The C functions used here. */
  interface CLibrary extends Library {
    int mallopt(int param, int value);

    int malloc_trim(long pad);
  }

  /** Tunes malloc once per process; returns whether the settings took effect. */
  public static synchronized boolean tune() {
    if (tuned == null) {
      tuned = apply();
    }
    return tuned;
  }

  /**
   * Gives the C heap's free pages back to the operating system (glibc's malloc_trim, which also
   * releases whole free pages inside the heap, not only at its top): call it when a training has
   * ended and closed its tensors. Returns whether memory was released; false where {@link #tune()}
   * did not take effect.
   */
  public static boolean release() {
    if (!tune()) {
      return false;
    }
    try {
      return libc.malloc_trim(0) == 1;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
  }

  private static boolean apply() {
    if (!Platform.isLinux() || Boolean.getBoolean("analogsweep.malloc.default")) {
      return false;
    }
    try {
      CLibrary c = Native.load("c", CLibrary.class);
      // one arena: the threads' own arenas are 64 MiB heaps that glibc shrinks and maps again
      boolean applied = c.mallopt(M_ARENA_MAX, 1) == 1
          && c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
          && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
      libc = applied ? c : null;
      return applied;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false; // not glibc: leave the allocator as it is
    }
  }
}
