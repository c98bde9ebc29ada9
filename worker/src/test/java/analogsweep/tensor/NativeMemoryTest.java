package analogsweep.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On Linux with glibc the malloc settings take effect, once per process. */
class NativeMemoryTest {
  @BeforeEach
  void glibc() {
    assumeTrue(Platform.isLinux(), "glibc's mallopt exists on Linux only");
    assumeFalse(Boolean.getBoolean("analogsweep.malloc.default"), "tuning switched off");
    // musl and other C libraries have no such file; glibc's loader has one of these names
    assumeTrue(Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2"))
        || Files.exists(Path.of("/lib/ld-linux-aarch64.so.1")), "not glibc");
  }

  @Test
  void tunesGlibcOnceAndSaysSo() {
    assertTrue(NativeMemory.tune(), "mallopt accepted the three settings");
    assertTrue(NativeMemory.tune(), "the second call answers as the first");
  }

  /**
   * Tuned, the heap keeps what a training frees (buffers under 32 MiB never go back by
   * themselves); release() gives it back. 256 MiB in 1 MiB blocks, written so that they are
   * resident, freed but for the last (which pins the heap's top, as a live tensor does): at least
   * 3/4 of it leaves the process.
   */
  @Test
  void releaseGivesBackWhatTheTunedHeapKept() throws IOException {
    assertTrue(NativeMemory.tune());
    int blocks = 256;
    long size = 1 << 20;
    List<Memory> held = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      Memory m = new Memory(size);
      m.setMemory(0, size, (byte) 1);
      held.add(m);
    }
    long full = residentKiB();
    for (int i = 0; i < blocks - 1; i++) {
      held.get(i).close();
    }
    long freed = residentKiB();
    assertTrue(full - freed < blocks * 1024L / 4,
        "the tuned heap keeps freed blocks: " + full + " KiB before free, " + freed + " after");
    assertTrue(NativeMemory.release(), "malloc_trim released memory");
    long released = residentKiB();
    assertTrue(freed - released > (blocks - 1) * 1024L * 3 / 4,
        "release gave back " + (freed - released) + " KiB of " + (blocks - 1) * 1024L);
    held.get(blocks - 1).close();
  }

  private static long residentKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
