package io.devstack.core.image;

import io.devstack.core.engine.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageAssemblerHistoryTest {
    private static final List<HistoryEntry> JRE = List.of(
            new HistoryEntry(1_700_000_000L, "", "Imported from -", 117_000_000L),
            new HistoryEntry(1_700_000_100L, "/bin/sh -c #(nop)  ENV JAVA_HOME=/opt/java", "", 0),
            new HistoryEntry(1_700_000_200L, "/bin/sh -c apt-get install -y openjdk-17-jre-headless", "", 220_000_000L));

    @Test
    void baseStepsAreKeptWithEmptyLayersMarked() {
        List<Map<String, Object>> rows = ImageAssembler.baseHistory(JRE, 2);
        assertEquals(3, rows.size());
        assertEquals("Imported from -", rows.get(0).get("comment"));
        assertEquals("2023-11-14T22:13:20Z", rows.get(0).get("created"));
        assertFalse(rows.get(0).containsKey("empty_layer"));
        assertEquals(true, rows.get(1).get("empty_layer"));
        assertEquals("/bin/sh -c apt-get install -y openjdk-17-jre-headless", rows.get(2).get("created_by"));
    }

    @Test
    void metadataStepsDecideBeforeSizesSoEveryEngineGivesTheSameRows() {
        // a layer that only made a directory has size 0 on one storage driver and 4 KiB on another
        List<HistoryEntry> base = List.of(
                new HistoryEntry(1L, "", "Imported from -", 117_000_000L),
                new HistoryEntry(2L, "/bin/sh -c mkdir /data", "", 0),
                new HistoryEntry(3L, "/bin/sh -c #(nop)  CMD [\"bash\"]", "", 0),
                new HistoryEntry(4L, "LABEL a=b", "buildkit.dockerfile.v0", 0));
        List<Map<String, Object>> rows = ImageAssembler.baseHistory(base, 2);
        assertFalse(rows.get(1).containsKey("empty_layer"), "mkdir made a layer: " + rows);
        assertEquals(true, rows.get(2).get("empty_layer"));
        assertEquals(true, rows.get(3).get("empty_layer"));
        assertEquals("/bin/sh -c mkdir /data", rows.get(1).get("created_by"));
    }

    @Test
    void stepsThatDoNotAccountForEveryLayerGiveOneNeutralRowPerLayer() {
        // a layer of only deletions has size 0 and cannot be told from a metadata step
        List<Map<String, Object>> rows = ImageAssembler.baseHistory(JRE, 3);
        assertEquals(3, rows.size());
        assertTrue(rows.stream().noneMatch(r -> r.containsKey("empty_layer")));
        assertEquals("base image layer 3", rows.get(2).get("created_by"));
    }
}
