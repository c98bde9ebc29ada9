package analogsweep.driver.store;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder's {@code _lock}: which process on which host runs the sweep there ({@code pid},
 * {@code host}, {@code started_at} as JSON). One driver at a time; a lock left by a process of
 * this host that is no longer alive is taken over (also where its process id now belongs to a
 * process started after the lock was taken), a live one (or one of another host) is named.
 */
public final class FolderLock implements AutoCloseable {
  private final FolderLayout layout;
  private Path held;

  public FolderLock(FolderLayout layout) {
    this.layout = layout;
  }

  /** Takes the lock; a lock left by a dead process on this host is taken over. */
  public void lock() throws IOException {
    FileSystem fs = layout.fs();
    layout.create();
    Path l = layout.lockFile();
    String host = InetAddress.getLocalHost().getHostName();
    if (fs.exists(l)) {
      refuseLiveHolder(l, host);
      fs.delete(l, false);
    }
    ObjectNode me = Json.JSON.createObjectNode();
    me.put("pid", ProcessHandle.current().pid());
    me.put("host", host);
    me.put("started_at", Instant.now().toString());
    byte[] bytes = Json.write(me).getBytes(StandardCharsets.UTF_8);
    try {
      if (layout.isLocal()) {
        // Hadoop's local create(overwrite=false) tests and then creates; this is one step
        Files.write(FolderLayout.local(l), bytes, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } else {
        try (OutputStream out = fs.create(l, false)) {
          out.write(bytes);
        }
      }
    } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new InvalidValueException("--out", layout.root() + " is in use by another run that "
          + "started at the same moment (" + l + ")");
    } catch (IOException e) {
      throw layout.notWritable(e);
    }
    held = l;
  }

  /** Refuses a lock held by a live process of this host, or by any process of another. */
  private void refuseLiveHolder(Path l, String host) throws IOException {
    ObjectNode holder;
    try (InputStream in = layout.fs().open(l)) {
      holder = (ObjectNode) Json.JSON.readTree(in);
    } catch (RuntimeException | IOException e) {
      holder = null; // unreadable: as if left by a dead process
    }
    long pid = holder == null ? -1 : holder.path("pid").asLong(-1);
    boolean sameHost = holder != null && host.equals(holder.path("host").asText());
    Optional<ProcessHandle> process = sameHost ? ProcessHandle.of(pid) : Optional.empty();
    if (process.map(ProcessHandle::isAlive).orElse(false)
        && !startedAfter(process.get(), holder.path("started_at").asText())) {
      String command = process.get().info().command()
          .map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse(null);
      throw new InvalidValueException("--out", layout.root() + " is in use by process " + pid
          + (command == null ? "" : " (" + command + ")") + " on this host (" + l + "); if "
          + "that is not an analogsweep run (a process id can be reused), the lock is stale: "
          + "delete " + l);
    }
    if (holder != null && !sameHost) {
      throw new InvalidValueException("--out", layout.root() + " is locked by process " + pid
          + " on " + holder.path("host").asText() + "; if that driver is gone, delete " + l);
    }
  }

  /**
   * Whether {@code process} started after the lock was taken: the holder is gone and its process
   * id now belongs to another process. False where either time is unknown.
   */
  private static boolean startedAfter(ProcessHandle process, String lockedAt) {
    Optional<Instant> start = process.info().startInstant();
    try {
      return start.isPresent() && start.get().isAfter(Instant.parse(lockedAt));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether this process holds the lock. */
  public boolean held() {
    return held != null;
  }

  /** Releases the lock, if held. */
  @Override
  public void close() throws IOException {
    if (held != null) {
      layout.fs().delete(held, false);
      held = null;
    }
  }
}
