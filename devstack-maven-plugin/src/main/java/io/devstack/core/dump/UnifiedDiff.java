package io.devstack.core.dump;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (hunks with 2 lines of context) of two texts, cut after {@code maxLines} lines. */
public final class UnifiedDiff {
    private static final int CONTEXT = 2;

    private UnifiedDiff() {
    }

    private record Op(char kind, String line, int oldLine, int newLine) {
    }

    public static List<String> of(String oldName, String oldText, String newName, String newText, int maxLines) {
        List<String> a = oldText.lines().toList();
        List<String> b = newText.lines().toList();
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // removals first, as diff(1) prints a changed line
                ops.add(new Op('-', a.get(i), i++, j));
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        List<String> out = new ArrayList<>(List.of("--- " + oldName, "+++ " + newName));
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).kind() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while changes are closer than two contexts apart
            while (end < ops.size()) {
                int next = end;
                while (next < ops.size() && ops.get(next).kind() != ' ') {
                    next++;
                }
                int gap = next;
                while (gap < ops.size() && ops.get(gap).kind() == ' ') {
                    gap++;
                }
                end = next;
                if (gap >= ops.size() || gap - next > 2 * CONTEXT) {
                    break;
                }
                end = gap;
            }
            int stop = Math.min(ops.size(), end + CONTEXT);
            Op first = ops.get(start);
            long oldCount = ops.subList(start, stop).stream().filter(o -> o.kind() != '+').count();
            long newCount = ops.subList(start, stop).stream().filter(o -> o.kind() != '-').count();
            out.add("@@ -" + (first.oldLine() + 1) + "," + oldCount + " +" + (first.newLine() + 1) + "," + newCount + " @@");
            for (Op op : ops.subList(start, stop)) {
                out.add(op.kind() + op.line());
                if (out.size() >= maxLines + 2) {
                    out.add("... (diff cut; run mvn devstack:dump and look at git diff)");
                    return out;
                }
            }
            k = stop;
        }
        return out;
    }
}
