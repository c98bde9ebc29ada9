package analogsweep.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import analogsweep.common.InvalidValueException;
import java.util.Locale;

/** Turns "cpu", "gpu", "gpu1", "1" or "auto" into a DJL device, checking that a GPU exists. */
public final class Devices {
  private Devices() {}

  public static Device parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("cpu")) {
      return Device.cpu();
    }
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    if (t.equals("auto")) {
      return gpus > 0 ? Device.gpu(0) : Device.cpu();
    }
    String digits = t.startsWith("gpu") ? t.substring(3) : t;
    int index;
    try {
      index = digits.isEmpty() ? 0 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("device", "expected cpu, auto, gpu or gpuN, found \""
          + text + "\"");
    }
    if (index < 0 || index >= gpus) {
      throw new InvalidValueException("device", "PyTorch sees " + gpus + " GPU(s) on this "
          + "machine, so there is no GPU " + index);
    }
    return Device.gpu(index);
  }
}
