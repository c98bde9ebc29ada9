package analogsweep.grid;

/**
 * How a model's weights start: {@link #AUTHORS}, as the authors' code for that model initializes
 * them (the ConvNet: Kaiming-uniform on FC weights; VGG-A: Kaiming-normal, fan-out on
 * convolutions, fan-in on FC layers, zero biases; ResNet-18: Kaiming-normal fan-out on
 * convolutions), or {@link #UNIFORM}, PyTorch's default for Linear and Conv2d (weights and biases
 * U(+-1/sqrt(fan_in))). Models whose authors kept PyTorch's default (the linear model, the ViT)
 * read {@link #AUTHORS} as {@link #UNIFORM}.
 */
public enum Initialization {
  AUTHORS("authors"),
  UNIFORM("uniform");

  private final String id;

  Initialization(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Initialization parse(String field, String text) {
    return Names.byName(field, text, values(), "initialization");
  }

  @Override
  public String toString() {
    return id;
  }
}
