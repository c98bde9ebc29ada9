package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An embedded session (as the commands start it) listens on the loopback interface only: every
 * listening TCP socket of this JVM, read from /proc, is bound to 127.0.0.1.
 */
class LoopbackTest {
  /** Local addresses of this process's listening TCP sockets, as /proc/net writes them. */
  static List<String> listening() throws IOException {
    return listening("self");
  }

  /** The same for another process of this user (the cluster's daemons). */
  static List<String> listening(String pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed while listing
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          out.add(f[1]);
        }
      }
    }
    return out;
  }

  @Test
  void embeddedSparkListensOnLoopbackOnly() throws IOException {
    assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "needs Linux /proc");
    TestSupport.spark().range(10).count(); // the session, its RPC and block manager are up
    List<String> addresses = listening();
    assertFalse(addresses.isEmpty(), "found the session's sockets");
    assertLoopback(addresses);
    System.out.println("listening sockets of the embedded session: " + addresses);
  }

  static void assertLoopback(List<String> addresses) {
    for (String a : addresses) {
      String host = a.substring(0, a.indexOf(':'));
      // 127.0.0.1 in /proc's little-endian hex, alone or IPv4-mapped in IPv6
      assertEquals(true, host.equals("0100007F") || host.equals("0000000000000000FFFF00000100007F"),
          "listening on " + a + " (all: " + addresses + ")");
    }
  }
}
