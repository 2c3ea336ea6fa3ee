package dev.sibyl.functions.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * The values of one column of a profiled query, kept column-major: numbers as doubles (NULL as
 * NaN), anything else as a dictionary code (NULL as -1) into the distinct texts seen.
 */
final class ColumnData {
  final String name;
  final String type;
  final boolean numeric;
  private double[] numbers = new double[1024];
  private int[] codes = new int[1024];
  private final Map<String, Integer> dictionary = new HashMap<>();
  private final List<String> texts = new ArrayList<>();
  private int size;

  ColumnData(String name, String type, boolean numeric) {
    this.name = name;
    this.type = type;
    this.numeric = numeric;
  }

  /** Appends a value; returns a 64-bit hash of it for duplicate detection. */
  long add(Object value) {
    if (size == (numeric ? numbers.length : codes.length)) {
      if (numeric) {
        numbers = Arrays.copyOf(numbers, size * 2);
      } else {
        codes = Arrays.copyOf(codes, size * 2);
      }
    }
    if (numeric) {
      double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
      numbers[size++] = d;
      return Double.isNaN(d) ? 0x9E3779B97F4A7C15L : mix(Double.doubleToLongBits(d + 0.0));
    }
    if (value == null) {
      codes[size++] = -1;
      return 0x9E3779B97F4A7C15L;
    }
    String text = value instanceof Boolean b ? (b ? "true" : "false") : value.toString();
    Integer code = dictionary.get(text);
    if (code == null) {
      code = texts.size();
      dictionary.put(text, code);
      texts.add(text);
    }
    codes[size++] = code;
    return textHash(text);
  }

  int size() {
    return size;
  }

  double number(int row) {
    return numbers[row];
  }

  int code(int row) {
    return codes[row];
  }

  int distinctTexts() {
    return texts.size();
  }

  String text(int code) {
    return texts.get(code);
  }

  /** The non-missing numbers, sorted. */
  double[] sortedNumbers() {
    int present = 0;
    for (int i = 0; i < size; i++) {
      if (!Double.isNaN(numbers[i])) {
        present++;
      }
    }
    double[] sorted = new double[present];
    for (int i = 0, j = 0; i < size; i++) {
      if (!Double.isNaN(numbers[i])) {
        sorted[j++] = numbers[i];
      }
    }
    Arrays.sort(sorted);
    return sorted;
  }

  private static long textHash(String text) {
    long hash = 0xCBF29CE484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001B3L;
    }
    return mix(hash);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
