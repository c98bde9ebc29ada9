package analogsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.Json;
import analogsweep.common.InvalidValueException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One driver per folder: a dead holder's lock is taken over, a live one's is named. */
class FolderLockTest {
  @TempDir
  Path dir;

  private static String host() throws Exception {
    return InetAddress.getLocalHost().getHostName();
  }

  private void holder(long pid, String host) throws Exception {
    Files.writeString(dir.resolve("_lock"), "{\"pid\":" + pid + ",\"host\":\"" + host
        + "\",\"started_at\":\"2026-01-01T00:00:00Z\"}");
  }

  private FolderLock lock() {
    return new FolderLock(new FolderLayout(dir.toString(), StoreFixtures.CONF));
  }

  @Test
  void aLockLeftByADeadProcessOfThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertFalse(ProcessHandle.of(gone.pid()).map(ProcessHandle::isAlive).orElse(false));
    holder(gone.pid(), host());

    FolderLock lock = lock();
    lock.lock();
    assertTrue(lock.held());
    JsonNode now = Json.JSON.readTree(Files.readString(dir.resolve("_lock")));
    assertEquals(ProcessHandle.current().pid(), now.path("pid").asLong());
    assertEquals(host(), now.path("host").asText());
    lock.close();
    assertFalse(Files.exists(dir.resolve("_lock")), "closing releases the lock");
    assertFalse(lock.held());
  }

  @Test
  void aLockWhosePidNowBelongsToALaterProcessIsTakenOver() throws Exception {
    // this JVM started after 2026-01-01, when the lock says its holder took it: not the holder
    holder(ProcessHandle.current().pid(), host());
    try (FolderLock lock = lock()) {
      lock.lock();
      assertTrue(lock.held());
      assertFalse(Files.readString(dir.resolve("_lock")).contains("2026-01-01"));
    }
  }

  @Test
  void anUnreadableLockIsTakenOver() throws Exception {
    Files.writeString(dir.resolve("_lock"), "{\"pid\": 12");
    try (FolderLock lock = lock()) {
      lock.lock();
      assertEquals(ProcessHandle.current().pid(), Json.JSON.readTree(Files.readString(
          dir.resolve("_lock"))).path("pid").asLong());
    }
  }

  @Test
  void aLiveHolderOfThisHostIsNamed() throws Exception {
    try (FolderLock first = lock()) {
      first.lock();
      FolderLock second = lock();
      InvalidValueException e = assertThrows(InvalidValueException.class, second::lock);
      assertTrue(e.getMessage().startsWith("--out: " + dir + " is in use by process "
          + ProcessHandle.current().pid() + " (java) on this host (" + new org.apache.hadoop.fs
          .Path(dir.toString(), "_lock") + "); if that is not an analogsweep run (a process id "
          + "can be reused), the lock is stale: delete "), e.getMessage());
      assertFalse(second.held());
      second.close();
      assertTrue(Files.exists(dir.resolve("_lock")), "the refused one leaves the lock alone");
    }
  }

  @Test
  void aHolderOfAnotherHostIsNamedAndKept() throws Exception {
    holder(42, "elsewhere.example");
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> lock().lock());
    assertTrue(e.getMessage().startsWith("--out: " + dir + " is locked by process 42 on "
        + "elsewhere.example; if that driver is gone, delete "), e.getMessage());
    assertTrue(Files.readString(dir.resolve("_lock")).contains("elsewhere.example"));
  }
}
