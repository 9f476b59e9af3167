package io.anklume.core.isolation;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence): "- " loaded only, "+ " wanted only, "  " both. */
final class LineDiff {
    private LineDiff() {}

    static List<String> diff(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).equals(after.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                out.add("  " + before.get(i));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                out.add("+ " + after.get(j++));
            } else {
                out.add("- " + before.get(i++));
            }
        }
        return out;
    }
}
