package dev.sibyl.functions.training;

import dev.sibyl.registry.model.LinearSvmParameters;
import java.lang.reflect.Field;
import smile.base.svm.KernelMachine;
import smile.base.svm.LASVM;
import smile.base.svm.LinearKernelMachine;
import smile.classification.PlattScaling;
import smile.math.MathEx;
import smile.math.kernel.LinearKernel;

/**
 * Fits a binary linear SVM with Smile's LASVM (what {@code smile.classification.SVM.fit} runs for
 * dense rows and a linear kernel) and calibrates its margin with Smile's {@code PlattScaling}
 * fitted on the training rows.
 *
 * <p>The weights are the support vectors weighted by their coefficients, summed in Smile's order,
 * so they equal those of Smile's {@code LinearKernelMachine}. Platt's two parameters are private
 * in Smile 3.1.1 and are read by name; if a later Smile renames them, training fails with an error
 * naming the field (the parity test catches it first).
 */
final class LinearSvmFitter {
  /** Why {@link #maxRows} exists, for the error message. */
  static final String MEMORY_LIMIT_REASON = "may hold rows x rows numbers in memory (Smile's"
      + " LASVM caches a kernel row over all rows for each support vector)";

  private LinearSvmFitter() {}

  /**
   * The most training rows LASVM can be given on a heap of {@code maxHeapBytes}: its kernel cache
   * keeps, per support vector, one double per training row, and every row may become a support
   * vector. (Measured: 20,000 noisy rows, 10 inputs, about 1.5 GB and 14 s.)
   */
  static long maxRows(long maxHeapBytes) {
    return (long) Math.sqrt(maxHeapBytes / (double) Double.BYTES);
  }

  /**
   * What one fit produced.
   *
   * @param smile Smile's linear machine (its margin {@code f})
   * @param platt Smile's calibration of that margin
   * @param model the portable form of both
   */
  record Fit(LinearKernelMachine smile, PlattScaling platt, LinearSvmParameters model) {}

  /**
   * Fits on encoded rows.
   *
   * @param rows {@code [row][input]}
   * @param positive for each row, whether it belongs to the positive class; both classes occur
   * @param seed seeds Smile's per-thread generator, which orders LASVM's passes
   */
  static Fit fit(double[][] rows, boolean[] positive, LinearSvmOptions options, long seed) {
    int[] y = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = positive[i] ? +1 : -1;
    }
    MathEx.setSeed(seed);
    KernelMachine<double[]> machine =
        new LASVM<>(new LinearKernel(), options.c(), options.tolerance())
            .fit(rows, y, options.epochs());
    double[][] vectors = machine.vectors();
    double[] alpha = machine.weights();
    double[] weights = new double[rows[0].length];
    for (int i = 0; i < vectors.length; i++) {
      for (int j = 0; j < weights.length; j++) {
        weights[j] += alpha[i] * vectors[i][j];
      }
    }
    LinearKernelMachine smile = LinearKernelMachine.of(machine);
    double[] margins = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      margins[i] = smile.f(rows[i]);
    }
    PlattScaling platt = PlattScaling.fit(margins, y);
    LinearSvmParameters model = new LinearSvmParameters(weights, machine.intercept(),
        plattParameter(platt, "alpha"), plattParameter(platt, "beta"));
    return new Fit(smile, platt, model);
  }

  private static double plattParameter(PlattScaling platt, String name) {
    try {
      Field field = PlattScaling.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.getDouble(platt);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read Smile's PlattScaling." + name + " (Smile "
          + PlattScaling.class.getPackage().getImplementationVersion() + "): " + e, e);
    }
  }
}
