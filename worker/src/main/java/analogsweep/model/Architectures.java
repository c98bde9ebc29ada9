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
 * (a test's toy model) until its {@link Registration} is closed; a registration is seen by every
 * task of its JVM, which covers embedded Spark, whose executors share the driver's JVM.
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

  /** Adds an architecture after the others; its id must be new. Closing the result removes it. */
  public static synchronized Registration register(Architecture architecture) {
    for (Architecture a : REGISTERED) {
      if (a.id().equals(architecture.id())) {
        throw new IllegalArgumentException("model " + a.id() + " is registered already");
      }
    }
    REGISTERED.add(architecture);
    return new Registration(architecture);
  }

  /** One architecture's place in the registry; closing it takes the architecture out. */
  public record Registration(Architecture architecture) implements AutoCloseable {
    @Override
    public void close() {
      REGISTERED.remove(architecture);
    }
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
