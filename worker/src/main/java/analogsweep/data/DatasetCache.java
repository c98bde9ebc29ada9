package analogsweep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Loads each dataset once per JVM and shares it between every task that asks for the same folder
 * (an executor runs many tasks). Concurrent first requests wait for a single load; a failed load
 * is not remembered, so a fixed file is read again on the next request.
 */
public final class DatasetCache {
  private static final ConcurrentHashMap<String, CompletableFuture<Dataset>> CACHE =
      new ConcurrentHashMap<>();

  private DatasetCache() {}

  /** The dataset in {@code path} (IDX or CIFAR binary), converted to one channel if asked. */
  public static Dataset get(String path, boolean grayscale) {
    Path dir = Path.of(path).toAbsolutePath().normalize();
    Dataset base = load(dir.toString(), () -> read(dir));
    return grayscale ? load(dir + "#grayscale", base::grayscale) : base;
  }

  private static Dataset load(String key, Supplier<Dataset> loader) {
    CompletableFuture<Dataset> mine = new CompletableFuture<>();
    CompletableFuture<Dataset> existing = CACHE.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(loader.get());
      } catch (RuntimeException e) {
        CACHE.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      } catch (OutOfMemoryError e) {
        // one huge array that did not fit: the heap is fine once it is gone, the task is not
        CACHE.remove(key, mine);
        DataFormatException refused = new DataFormatException(key, "does not fit in this "
            + "JVM's heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB): " + e.getMessage());
        mine.completeExceptionally(refused);
        throw refused;
      }
      return mine.join();
    }
    try {
      return existing.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + key, e);
    }
  }

  /**
   * Checks that a folder holds a dataset this project reads, without loading it, and returns its
   * format ("idx" or "cifar"); throws {@link DataFormatException} naming the folder otherwise.
   */
  public static String probe(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(dir.toString(), Files.exists(dir)
          ? "is a file; give the folder that holds the dataset files"
          : "no such folder");
    }
    if (IdxReader.recognises(dir)) {
      return "idx";
    }
    if (CifarReader.recognises(dir)) {
      return "cifar";
    }
    throw new DataFormatException(dir.toString(), "holds neither IDX files "
        + "(train-images-idx3-ubyte[.gz], ...) nor CIFAR binary files (data_batch_1.bin or "
        + "train.bin, ...)");
  }

  /** Reads a folder by its format, without caching. */
  public static Dataset read(Path dir) {
    return probe(dir).equals("idx") ? IdxReader.read(dir) : CifarReader.read(dir);
  }

  /** Drops every cached dataset (tests). */
  public static void clear() {
    CACHE.clear();
  }
}
