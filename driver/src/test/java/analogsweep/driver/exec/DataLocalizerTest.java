package analogsweep.driver.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.data.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data given as a URI is copied once per JVM into tmpdir/analogsweep-data/(first 16 hex digits of
 * the URI's SHA-256), files and folders one level down; plain paths pass as they are. Runs on
 * Hadoop's local file system, without Spark.
 */
class DataLocalizerTest {
  @TempDir
  Path tmp;
  private String previousTmpdir;

  @BeforeEach
  void localTmpdir() throws Exception {
    previousTmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("node")).toString());
  }

  @AfterEach
  void restoreTmpdir() {
    System.setProperty("java.io.tmpdir", previousTmpdir);
  }

  @Test
  void tellsUrisFromPaths() {
    assertTrue(DataLocalizer.isUri("hdfs://namenode:8020/data/cifar"));
    assertTrue(DataLocalizer.isUri("file:///data/fashion"));
    assertTrue(DataLocalizer.isUri("s3a://bucket/data"));
    assertFalse(DataLocalizer.isUri("/data/fashion"));
    assertFalse(DataLocalizer.isUri("data/fashion"));
    assertFalse(DataLocalizer.isUri("C:/data"), "a drive letter is no scheme");
    assertFalse(DataLocalizer.isUri("a folder with spaces"));
  }

  @Test
  void plainPathsAreReadWhereTheyAre() {
    assertEquals("/data/fashion", DataLocalizer.localize("/data/fashion", new Configuration()));
  }

  @Test
  void copiesAFolderOnceIntoTheNodesHashedFolder() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("remote/set"));
    Files.writeString(source.resolve("train.bin"), "pixels");
    Files.createDirectories(source.resolve("batches"));
    Files.writeString(source.resolve("batches/b1.bin"), "more");
    String uri = source.toUri().toString();
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(uri.getBytes(StandardCharsets.UTF_8))).substring(0, 16);

    String local = DataLocalizer.localize(uri, new Configuration());
    Path expected = tmp.resolve("node").resolve("analogsweep-data").resolve(hash);
    assertEquals(expected.toString(), local);
    assertEquals("pixels", Files.readString(expected.resolve("train.bin")));
    assertEquals("more", Files.readString(expected.resolve("batches/b1.bin")));

    Files.writeString(source.resolve("train.bin"), "changed");
    assertSame(local, DataLocalizer.localize(uri, new Configuration()), "copied once per JVM");
    assertEquals("pixels", Files.readString(expected.resolve("train.bin")));
  }

  @Test
  void aMissingFolderSaysSo() {
    String uri = tmp.resolve("nowhere").toUri().toString();
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DataLocalizer.localize(uri, new Configuration()));
    assertEquals(uri + ": no such folder", e.getMessage());
  }
}
