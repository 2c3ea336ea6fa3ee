package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The frozen encoders of a signature, laid out for fast scoring: evaluates {@code bias + w . x}
 * where {@code x} is the encoded row, without materialising {@code x}.
 */
final class EncodedInputs {
  private final FeatureSignature signature;
  private final int[] numericInput;
  private final double[] impute;
  private final double[] center;
  private final double[] scale;
  private final int[] categoricalBase;
  private final Map<String, Integer>[] categoryIndex;

  @SuppressWarnings("unchecked")
  EncodedInputs(FeatureSignature signature) {
    this.signature = signature;
    int numericCount = 0;
    int categoricalCount = 0;
    for (Feature f : signature.features()) {
      if (f.kind() == FeatureKind.NUMERIC) {
        numericCount++;
      } else {
        categoricalCount++;
      }
    }
    numericInput = new int[numericCount];
    impute = new double[numericCount];
    center = new double[numericCount];
    scale = new double[numericCount];
    categoricalBase = new int[categoricalCount];
    categoryIndex = new Map[categoricalCount];
    int input = 0;
    int n = 0;
    int c = 0;
    for (Feature f : signature.features()) {
      if (f.kind() == FeatureKind.NUMERIC) {
        numericInput[n] = input;
        impute[n] = f.imputeValue();
        center[n] = f.center();
        scale[n] = f.scale();
        n++;
      } else {
        categoricalBase[c] = input;
        categoryIndex[c] = indexOf(f.categories());
        c++;
      }
      input += f.width();
    }
  }

  private static Map<String, Integer> indexOf(List<String> categories) {
    Map<String, Integer> index = new HashMap<>(categories.size() * 2);
    for (int i = 0; i < categories.size(); i++) {
      index.put(categories.get(i), i);
    }
    return index;
  }

  /** Number of numeric slots. */
  int numericCount() {
    return numericInput.length;
  }

  /** Number of categorical slots. */
  int categoricalCount() {
    return categoricalBase.length;
  }

  /** {@code bias + weights . encode(numeric, categorical)}. */
  double dot(double[] weights, double bias, double[] numeric, String[] categorical) {
    double sum = bias;
    for (int i = 0; i < numericInput.length; i++) {
      double x = numeric[i];
      if (Double.isNaN(x)) {
        x = impute[i];
      }
      sum += weights[numericInput[i]] * ((x - center[i]) / scale[i]);
    }
    for (int i = 0; i < categoricalBase.length; i++) {
      String value = categorical[i];
      if (value != null) {
        Integer index = categoryIndex[i].get(value);
        if (index != null) {
          sum += weights[categoricalBase[i] + index];
        }
      }
    }
    return sum;
  }

  /** Writes the encoded row into {@code out} (length: the signature's encoded width). */
  void encode(double[] numeric, String[] categorical, double[] out) {
    Arrays.fill(out, 0);
    for (int i = 0; i < numericInput.length; i++) {
      double x = numeric[i];
      if (Double.isNaN(x)) {
        x = impute[i];
      }
      out[numericInput[i]] = (x - center[i]) / scale[i];
    }
    for (int i = 0; i < categoricalBase.length; i++) {
      String value = categorical[i];
      if (value != null) {
        Integer index = categoryIndex[i].get(value);
        if (index != null) {
          out[categoricalBase[i] + index] = 1;
        }
      }
    }
  }

  /** Per categorical slot, the sum of squares of {@code point}'s entries for its categories. */
  double[] categoricalSquares(double[] point) {
    double[] squares = new double[categoricalBase.length];
    for (int i = 0; i < categoricalBase.length; i++) {
      for (int j = 0; j < categoryIndex[i].size(); j++) {
        double c = point[categoricalBase[i] + j];
        squares[i] += c * c;
      }
    }
    return squares;
  }

  /**
   * The squared Euclidean distance between the encoded row and {@code point}, without
   * materialising the row: a category contributes {@code squares[i] + 1 - 2 * point[its input]}
   * (the one-hot 1 replaces that entry's square), a missing or unseen one {@code squares[i]}.
   *
   * @param squares {@link #categoricalSquares} of {@code point}
   */
  double squaredDistance(double[] point, double[] squares, double[] numeric, String[] categorical) {
    double sum = 0;
    for (int i = 0; i < numericInput.length; i++) {
      double x = numeric[i];
      if (Double.isNaN(x)) {
        x = impute[i];
      }
      double d = (x - center[i]) / scale[i] - point[numericInput[i]];
      sum += d * d;
    }
    for (int i = 0; i < categoricalBase.length; i++) {
      sum += squares[i];
      String value = categorical[i];
      if (value != null) {
        Integer index = categoryIndex[i].get(value);
        if (index != null) {
          sum += 1 - 2 * point[categoricalBase[i] + index];
        }
      }
    }
    return sum;
  }

  /**
   * Writes the encoded row into {@code x} (one slot per encoded input): numeric inputs imputed and
   * scaled, one-hot inputs 0 or 1.
   *
   * @param hot per categorical slot, the input of {@code x} this method set to 1 on its previous
   *     call with the same {@code x} (-1 if none); it is reset and updated, so that each call
   *     writes only the numeric inputs and at most one input per category
   */
  void encode(double[] numeric, String[] categorical, double[] x, int[] hot) {
    for (int i = 0; i < numericInput.length; i++) {
      double value = numeric[i];
      if (Double.isNaN(value)) {
        value = impute[i];
      }
      x[numericInput[i]] = (value - center[i]) / scale[i];
    }
    for (int i = 0; i < categoricalBase.length; i++) {
      if (hot[i] >= 0) {
        x[hot[i]] = 0;
        hot[i] = -1;
      }
      String value = categorical[i];
      if (value != null) {
        Integer index = categoryIndex[i].get(value);
        if (index != null) {
          hot[i] = categoricalBase[i] + index;
          x[hot[i]] = 1;
        }
      }
    }
  }

  /**
   * Splits a row given in signature order into the numeric and categorical slots.
   *
   * @throws IllegalArgumentException if the row has the wrong length or a value of the wrong kind
   */
  void split(Object[] row, double[] numeric, String[] categorical) {
    split(signature, row, numeric, categorical);
  }

  /**
   * Splits a row given in {@code signature} order into the numeric and categorical slots.
   *
   * @throws IllegalArgumentException if the row has the wrong length or a value of the wrong kind
   */
  static void split(
      FeatureSignature signature, Object[] row, double[] numeric, String[] categorical) {
    if (row.length != signature.size()) {
      throw new IllegalArgumentException(
          "expected " + signature.size() + " features " + signature.describe() + " but got "
              + row.length);
    }
    int n = 0;
    int c = 0;
    for (int i = 0; i < row.length; i++) {
      Feature f = signature.get(i);
      Object value = row[i];
      if (f.kind() == FeatureKind.NUMERIC) {
        if (value == null) {
          numeric[n++] = Double.NaN;
        } else if (value instanceof Number) {
          numeric[n++] = ((Number) value).doubleValue();
        } else {
          throw new IllegalArgumentException(
              "feature " + f.describe() + " needs a number but got " + value.getClass().getName());
        }
      } else {
        categorical[c++] = value == null ? null : value.toString();
      }
    }
  }
}
