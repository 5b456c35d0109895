package io.devstack.core.engine.docker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the {@code moby.buildkit.trace} messages of a BuildKit build: each is a base64 protobuf
 * {@code StatusResponse} (moby/buildkit api/services/control). Only the fields devstack shows are read — a vertex's
 * digest, name, cached flag, started/completed and error; a log's vertex and bytes — so no protobuf library is needed.
 */
final class BuildKitTrace {
    record Vertex(String digest, String name, boolean cached, boolean started, boolean completed, String error) {
    }

    record Log(String vertex, byte[] message) {
    }

    record Status(List<Vertex> vertexes, List<Log> logs) {
    }

    private BuildKitTrace() {
    }

    static Status decode(byte[] message) {
        List<Vertex> vertexes = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        Reader in = new Reader(message, 0, message.length);
        while (in.more()) {
            int tag = (int) in.varint();
            switch (tag) {
                case (1 << 3) | 2 -> vertexes.add(vertex(in.embedded()));
                case (3 << 3) | 2 -> logs.add(log(in.embedded()));
                default -> in.skip(tag & 7);
            }
        }
        return new Status(vertexes, logs);
    }

    private static Vertex vertex(Reader in) {
        String digest = null;
        String name = null;
        String error = null;
        boolean cached = false;
        boolean started = false;
        boolean completed = false;
        while (in.more()) {
            int tag = (int) in.varint();
            switch (tag) {
                case (1 << 3) | 2 -> digest = in.string();
                case (3 << 3) | 2 -> name = in.string();
                case (4 << 3) -> cached = in.varint() != 0;
                case (5 << 3) | 2 -> {
                    in.embedded();
                    started = true;
                }
                case (6 << 3) | 2 -> {
                    in.embedded();
                    completed = true;
                }
                case (7 << 3) | 2 -> error = in.string();
                default -> in.skip(tag & 7);
            }
        }
        return new Vertex(digest, name, cached, started, completed, error);
    }

    private static Log log(Reader in) {
        String vertex = null;
        byte[] message = new byte[0];
        while (in.more()) {
            int tag = (int) in.varint();
            switch (tag) {
                case (1 << 3) | 2 -> vertex = in.string();
                case (4 << 3) | 2 -> message = in.bytes();
                default -> in.skip(tag & 7);
            }
        }
        return new Log(vertex, message);
    }

    /** A window of a protobuf message. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data, int pos, int end) {
            this.data = data;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = data[pos++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        Reader embedded() {
            int length = length();
            Reader inner = new Reader(data, pos, pos + length);
            pos += length;
            return inner;
        }

        byte[] bytes() {
            int length = length();
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        private int length() {
            long length = varint();
            if (length < 0 || pos + length > end) {
                throw new IllegalArgumentException("field runs past its message");
            }
            return (int) length;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int length = length(); // before reading pos: length() itself advances it
                    pos += length;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
            if (pos > end) {
                throw new IllegalArgumentException("field runs past its message");
            }
        }
    }
}
