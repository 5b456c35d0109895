package io.devstack.core.image;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The classes under a classes directory that declare {@code public static void main(String[])}, read from the class
 * files themselves (constant pool and method table, nothing loaded), as Jib does when no main class is configured.
 */
public final class MainClassScan {
    private static final int PUBLIC_STATIC = 0x0001 | 0x0008;

    private MainClassScan() {
    }

    /** Every class with a main method, sorted; none when the directory does not exist. */
    public static List<String> find(Path classesDir) {
        if (!Files.isDirectory(classesDir)) {
            return List.of();
        }
        List<String> mains = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    String name = mainClassOf(new DataInputStream(in));
                    if (name != null) {
                        mains.add(name);
                    }
                } catch (java.io.EOFException | ArrayIndexOutOfBoundsException notAClassFile) {
                    // a truncated or foreign file named .class: not a class to run
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mains;
    }

    /** The class's name when it declares a public static main(String[]), else null (also for what is no class file). */
    static String mainClassOf(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            return null;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> {
                    return null;
                }
            }
        }
        in.readUnsignedShort(); // access flags
        int thisClass = in.readUnsignedShort();
        in.readUnsignedShort(); // super class
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        skipMembers(in); // fields
        int methods = in.readUnsignedShort();
        for (int m = 0; m < methods; m++) {
            int access = in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            skipAttributes(in);
            if ((access & PUBLIC_STATIC) == PUBLIC_STATIC && "main".equals(name)
                    && "([Ljava/lang/String;)V".equals(descriptor)) {
                return utf8[classNames[thisClass]].replace('/', '.');
            }
        }
        return null;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int members = in.readUnsignedShort();
        for (int i = 0; i < members; i++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int i = 0; i < attributes; i++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
