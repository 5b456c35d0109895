package io.devstack.core.dump;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnifiedDiffTest {
    @Test
    void changedLineShowsTheRemovalBeforeTheAdditionWithContext() {
        String committed = "a\nb\nc\nd\ne\n";
        String produced = "a\nb\nC\nd\ne\nf\n";
        assertEquals(List.of("--- committed", "+++ produced", "@@ -1,5 +1,6 @@", " a", " b", "-c", "+C", " d", " e", "+f"),
                UnifiedDiff.of("committed", committed, "produced", produced, 50));
    }

    @Test
    void distantChangesGetHunksOfTheirOwnAndALongDiffIsCut() {
        String committed = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String produced = "x\n2\n3\n4\n5\n6\n7\n8\n9\ny\n";
        List<String> diff = UnifiedDiff.of("c", committed, "p", produced, 50);
        assertEquals(List.of("--- c", "+++ p", "@@ -1,3 +1,3 @@", "-1", "+x", " 2", " 3",
                "@@ -8,3 +8,3 @@", " 8", " 9", "-10", "+y"), diff);
        List<String> cut = UnifiedDiff.of("c", committed, "p", produced, 4);
        assertEquals("... (diff cut; run mvn devstack:dump and look at git diff)", cut.get(cut.size() - 1));
    }
}
