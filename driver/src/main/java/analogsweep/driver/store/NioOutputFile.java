package analogsweep.driver.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A local Parquet output file written through java.nio, with no Hadoop file system in between
 * (whose local implementation starts a process per file without its native library). Parquet
 * 1.14 has one of its own; this one also builds against the Parquet of Spark 3.5 clusters.
 */
final class NioOutputFile implements OutputFile {
  private static final int BUFFER = 1 << 16;
  private final Path path;

  NioOutputFile(Path path) {
    this.path = path;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return open(StandardOpenOption.CREATE_NEW);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private PositionOutputStream open(StandardOpenOption... options) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, with(options)),
        BUFFER);
    return new PositionOutputStream() {
      private long position;

      @Override
      public long getPos() {
        return position;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        position++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  private static StandardOpenOption[] with(StandardOpenOption... options) {
    StandardOpenOption[] all = new StandardOpenOption[options.length + 1];
    System.arraycopy(options, 0, all, 0, options.length);
    all[options.length] = StandardOpenOption.WRITE;
    return all;
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
