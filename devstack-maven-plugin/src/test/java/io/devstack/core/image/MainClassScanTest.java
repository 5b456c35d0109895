package io.devstack.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding the class with a main method in the class files, as Jib does when none is configured. */
class MainClassScanTest {
    @TempDir
    Path dir;

    /** Has the main method. */
    public static final class WithMain {
        public static void main(String[] args) {
        }
    }

    /** Has methods named main that are not the one. */
    public static final class NotMain {
        public void main(String[] args) {
        }

        public static void main(String arg) {
        }

        static long big = 1L << 40; // a long in the constant pool takes two entries
        static double half = 0.5;
    }

    private void copy(Class<?> type) throws IOException {
        String file = type.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, target);
        }
    }

    @Test
    void onlyAPublicStaticMainOfStringArrayCounts() throws IOException {
        copy(NotMain.class);
        copy(WithMain.class);
        copy(MainClassScanTest.class);
        Files.writeString(dir.resolve("Broken.class"), "not a class file");
        Files.writeString(dir.resolve("Short.class"), "x");
        assertEquals(List.of(WithMain.class.getName()), MainClassScan.find(dir));
        assertEquals(List.of(), MainClassScan.find(dir.resolve("missing")));
    }
}
