package io.devstack.core.dump;

/**
 * The shell around a client invocation: plain dumps are read from the copied file, .gz dumps are streamed
 * through gzip (a corrupt archive fails the load even though the client itself exited 0), and the copy is
 * removed either way.
 */
final class Loads {
    static final int CORRUPT_GZIP_EXIT = 70;

    private Loads() {
    }

    /**
     * The same for a dump streamed into standard input: {@code gz} decompresses on the way, with the same
     * corrupt-archive check.
     */
    static String stdinScript(boolean gz, String client) {
        String piped = client.contains("$input") ? client.replace("\"$input\"", "-") : client;
        if (!gz) {
            return "exec " + piped;
        }
        return "r=/tmp/devstack-gzrc.$$; trap 'rm -f $r' EXIT; { gzip -dc; echo $? > $r; } | " + piped + "; rc=$?; "
                + "gz=$(cat $r 2>/dev/null || echo 1); "
                + "if [ \"$gz\" != 0 ] && { [ \"$rc\" = 0 ] || [ \"$gz\" != 141 ]; }; then "
                + "echo \"devstack: the dump is not a valid gzip file\" >&2; exit " + CORRUPT_GZIP_EXIT + "; fi; exit $rc";
    }

    /** {@code client} reads standard input, or the file named by {@code $input} when it uses that variable. */
    static String script(String file, String client) {
        String plain = client.contains("$input") ? client : client + " < \"$input\"";
        String piped = client.contains("$input") ? client.replace("\"$input\"", "-") : client;
        return "f='" + file + "'; trap 'rm -f \"$f\" \"$f.gzrc\"' EXIT; "
                + "case \"$f\" in *.gz) { gzip -dc \"$f\"; echo $? > \"$f.gzrc\"; } | " + piped + "; rc=$?; "
                // gzip killed by SIGPIPE (141) only means the client stopped reading: its own error wins
                + "gz=$(cat \"$f.gzrc\" 2>/dev/null || echo 1); "
                + "if [ \"$gz\" != 0 ] && { [ \"$rc\" = 0 ] || [ \"$gz\" != 141 ]; }; then "
                + "echo \"devstack: $f is not a valid gzip file\" >&2; exit " + CORRUPT_GZIP_EXIT + "; fi; exit $rc;; "
                + "*) input=\"$f\"; " + plain + ";; esac";
    }
}
