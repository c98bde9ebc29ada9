package analogsweep.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On Linux with glibc the malloc settings take effect, once per process. */
class NativeMemoryTest {
  @Test
  void tunesGlibcOnceAndSaysSo() {
    assumeTrue(Platform.isLinux(), "glibc's mallopt exists on Linux only");
    assumeFalse(Boolean.getBoolean("analogsweep.malloc.default"), "tuning switched off");
    // musl and other C libraries have no such file; glibc's loader has one of these names
    assumeTrue(Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2"))
        || Files.exists(Path.of("/lib/ld-linux-aarch64.so.1")), "not glibc");
    assertTrue(NativeMemory.tune(), "mallopt accepted the three settings");
    assertTrue(NativeMemory.tune(), "the second call answers as the first");
  }
}
