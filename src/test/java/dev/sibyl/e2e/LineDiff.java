package dev.sibyl.e2e;

import java.util.List;

/** A readable line diff of expected and actual text, for test failure messages. */
final class LineDiff {
  /** Lines of unchanged context printed around each change. */
  private static final int CONTEXT = 2;

  private LineDiff() {}

  /**
   * The lines that differ, each prefixed with {@code -} (only in expected) or {@code +} (only in
   * actual) and its line number, with a little unchanged context; empty if the inputs are equal.
   */
  static String of(List<String> expected, List<String> actual) {
    int n = expected.size();
    int m = actual.size();
    // Longest common subsequence lengths of the suffixes.
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] = expected.get(i).equals(actual.get(j))
            ? common[i + 1][j + 1] + 1
            : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    int j = 0;
    int lastPrinted = -1;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        i++;
        j++;
        continue;
      }
      int from = Math.max(Math.max(i - CONTEXT, 0), lastPrinted + 1);
      if (from > lastPrinted + 1 && out.length() > 0) {
        out.append("...\n");
      }
      for (int k = from; k < i; k++) {
        out.append(String.format("  %4d  %s%n", k + 1, expected.get(k)));
      }
      while (i < n || j < m) {
        if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
          break;
        }
        if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
          out.append(String.format("- %4d  %s%n", i + 1, expected.get(i)));
          i++;
        } else {
          out.append(String.format("+ %4d  %s%n", j + 1, actual.get(j)));
          j++;
        }
      }
      int to = Math.min(i + CONTEXT, n);
      for (int k = i; k < to && j + (k - i) < m && expected.get(k).equals(actual.get(j + k - i));
          k++) {
        out.append(String.format("  %4d  %s%n", k + 1, expected.get(k)));
        lastPrinted = k;
      }
      lastPrinted = Math.max(lastPrinted, i - 1);
    }
    return out.toString();
  }
}
