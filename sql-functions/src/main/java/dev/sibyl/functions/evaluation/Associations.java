package dev.sibyl.functions.evaluation;

/**
 * The strength of association between a column and a label, on the rows where both are present,
 * in [−1, 1] for two numbers and [0, 1] otherwise:
 *
 * <ul>
 *   <li>number with number: Pearson's correlation;
 *   <li>category with number (either way round): the correlation ratio η, the square root of the
 *       share of the number's variance explained by the category;
 *   <li>category with category: Cramér's V.
 * </ul>
 *
 * Null when it is undefined (fewer than two rows, or a side without variation).
 */
final class Associations {
  private Associations() {}

  static Double between(ColumnData column, ColumnData label) {
    if (column.numeric && label.numeric) {
      return pearson(column, label);
    }
    if (column.numeric) {
      return correlationRatio(label, column);
    }
    if (label.numeric) {
      return correlationRatio(column, label);
    }
    return cramersV(column, label);
  }

  private static Double pearson(ColumnData x, ColumnData y) {
    long n = 0;
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < x.size(); i++) {
      double a = x.number(i);
      double b = y.number(i);
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        n++;
        sumX += a;
        sumY += b;
      }
    }
    if (n < 2) {
      return null;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.size(); i++) {
      double a = x.number(i);
      double b = y.number(i);
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        sxy += (a - meanX) * (b - meanY);
        sxx += (a - meanX) * (a - meanX);
        syy += (b - meanY) * (b - meanY);
      }
    }
    return sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy);
  }

  private static Double correlationRatio(ColumnData groups, ColumnData values) {
    int k = groups.distinctTexts();
    double[] sums = new double[k];
    long[] counts = new long[k];
    long n = 0;
    double total = 0;
    for (int i = 0; i < groups.size(); i++) {
      int g = groups.code(i);
      double v = values.number(i);
      if (g >= 0 && !Double.isNaN(v)) {
        sums[g] += v;
        counts[g]++;
        total += v;
        n++;
      }
    }
    if (n < 2) {
      return null;
    }
    double mean = total / n;
    double totalSquares = 0;
    for (int i = 0; i < groups.size(); i++) {
      int g = groups.code(i);
      double v = values.number(i);
      if (g >= 0 && !Double.isNaN(v)) {
        totalSquares += (v - mean) * (v - mean);
      }
    }
    double betweenSquares = 0;
    for (int g = 0; g < k; g++) {
      if (counts[g] > 0) {
        double groupMean = sums[g] / counts[g];
        betweenSquares += counts[g] * (groupMean - mean) * (groupMean - mean);
      }
    }
    return totalSquares == 0 ? null : Math.sqrt(betweenSquares / totalSquares);
  }

  private static Double cramersV(ColumnData a, ColumnData b) {
    int r = a.distinctTexts();
    int c = b.distinctTexts();
    long[][] table = new long[r][c];
    long[] rowTotals = new long[r];
    long[] columnTotals = new long[c];
    long n = 0;
    for (int i = 0; i < a.size(); i++) {
      int x = a.code(i);
      int y = b.code(i);
      if (x >= 0 && y >= 0) {
        table[x][y]++;
        rowTotals[x]++;
        columnTotals[y]++;
        n++;
      }
    }
    int usedRows = 0;
    for (long t : rowTotals) {
      usedRows += t > 0 ? 1 : 0;
    }
    int usedColumns = 0;
    for (long t : columnTotals) {
      usedColumns += t > 0 ? 1 : 0;
    }
    int m = Math.min(usedRows, usedColumns) - 1;
    if (n < 2 || m < 1) {
      return null;
    }
    double chiSquare = 0;
    for (int x = 0; x < r; x++) {
      for (int y = 0; y < c; y++) {
        if (rowTotals[x] > 0 && columnTotals[y] > 0) {
          double expected = (double) rowTotals[x] * columnTotals[y] / n;
          chiSquare += (table[x][y] - expected) * (table[x][y] - expected) / expected;
        }
      }
    }
    return Math.sqrt(chiSquare / (n * m));
  }
}
