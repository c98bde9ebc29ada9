package analogsweep.driver.exec;

import analogsweep.data.DataFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Makes a data folder given as a Hadoop URI (hdfs://, s3a://, file://, ...) readable by the
 * worker's readers: its files are copied once per executor JVM into a node-local folder
 * ({@code java.io.tmpdir/analogsweep-data/HASH}), then every task of that JVM reads the copy.
 * Plain local paths are returned as they are.
 */
public final class DataLocalizer {
  private static final ConcurrentHashMap<String, String> LOCAL = new ConcurrentHashMap<>();

  private DataLocalizer() {}

  public static boolean isUri(String path) {
    try {
      URI u = new URI(path);
      return u.getScheme() != null && u.getScheme().length() > 1;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The local folder to read {@code path} from. */
  public static String localize(String path, Configuration conf) {
    if (!isUri(path)) {
      return path;
    }
    return LOCAL.computeIfAbsent(path, p -> copy(p, conf));
  }

  /** Copies the folder at {@code uri} to this node once; returns the local copy's path. */
  private static String copy(String uri, Configuration conf) {
    try {
      Path source = new Path(uri);
      FileSystem fs = source.getFileSystem(conf);
      if (!fs.exists(source) || !fs.getFileStatus(source).isDirectory()) {
        throw new DataFormatException(uri, "no such folder");
      }
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(uri.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
      // local paths by the default file system (as Path.of), beside Hadoop's Path of the source
      var target = FileSystems.getDefault().getPath(System.getProperty("java.io.tmpdir"),
          "analogsweep-data", hash);
      var partial = Files.createDirectories(target.resolveSibling(hash + ".partial-"
          + ProcessHandle.current().pid()));
      // files, and folders one level down (CIFAR archives keep theirs in cifar-10-batches-bin/)
      for (FileStatus f : fs.listStatus(source)) {
        fs.copyToLocalFile(false, f.getPath(),
            new Path(partial.resolve(f.getPath().getName()).toUri()), true);
      }
      if (!Files.exists(target)) {
        try {
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
          // another JVM on this node finished first; its copy is as good
        }
      }
      return target.toString();
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new DataFormatException(uri, "cannot copy to this node: " + e.getMessage());
    }
  }
}
