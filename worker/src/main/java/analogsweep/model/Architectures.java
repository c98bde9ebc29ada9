package analogsweep.model;

import analogsweep.grid.ModelCatalogue;
import analogsweep.grid.ModelKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one registry of models: one line per architecture, in the order help texts list them. The
 * grid finds it as its {@link ModelCatalogue} (named in
 * {@code META-INF/services/analogsweep.grid.ModelCatalogue}), so a {@link ModelKind} in a grid
 * point finds its architecture here. {@link #register} adds one more from outside this package
 * (a test's toy model); a static registration is seen by every task of a JVM, which covers
 * embedded Spark, whose executors share the driver's JVM.
 */
public final class Architectures implements ModelCatalogue {
  private static final List<Architecture> REGISTERED = new CopyOnWriteArrayList<>();

  static {
    register(new LinearModel());
    register(new ConvNetModel());
    register(new VggModel());
    register(new ResNetModel());
    register(new VitModel());
  }

  /** The service loader's instance; the registry itself is static. */
  public Architectures() {}

  @Override
  public List<Architecture> models() {
    return all();
  }

  /** Every registered architecture, in registration order. */
  public static List<Architecture> all() {
    return List.copyOf(REGISTERED);
  }

  /** Adds an architecture; its id must be new. */
  public static synchronized void register(Architecture architecture) {
    for (Architecture a : REGISTERED) {
      if (a.id().equals(architecture.id())) {
        throw new IllegalArgumentException("model " + a.id() + " is registered already");
      }
    }
    REGISTERED.add(architecture);
  }

  /** The architecture of a model kind. */
  public static Architecture of(ModelKind kind) {
    for (Architecture a : REGISTERED) {
      if (a.id().equals(kind.id())) {
        return a;
      }
    }
    List<String> ids = new ArrayList<>();
    REGISTERED.forEach(a -> ids.add(a.id()));
    throw new IllegalArgumentException("model " + kind + " is not registered " + ids);
  }
}
