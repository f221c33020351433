package nftlink.nftables.mounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the {@code /proc/PID/mountinfo} format (see {@code proc(5)}): the one parser of
 * mount tables in nftlink, used to find the cgroup-v2 hierarchy by the rule compiler and the cgroup layer.
 */
public final class MountInfo {

    /** The calling process's mount table. */
    public static final Path SELF = Path.of("/proc/self/mountinfo");

    private static final int MAX_FIELDS = 4096;

    private MountInfo() {
    }

    /**
     * Reads and parses a mountinfo file.
     *
     * @throws MountInfoException  when a line does not parse
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<MountEntry> read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // proc files report size 0, so read them as a stream, not by size
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Parses the whole text of a mountinfo file: one entry per non-empty line.
     *
     * @throws MountInfoException when a line does not parse
     */
    public static List<MountEntry> parse(String text) {
        List<MountEntry> entries = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                entries.add(parseLine(line));
            } catch (MountInfoException e) {
                throw new MountInfoException("mountinfo line " + lineNumber + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /**
     * Parses one line (without its newline).
     *
     * @throws MountInfoException when the line does not parse
     */
    public static MountEntry parseLine(String line) {
        String[] fields = line.split(" ", -1);
        if (fields.length < 10 || fields.length > MAX_FIELDS) {
            throw new MountInfoException("expected at least 10 space-separated fields, found " + fields.length);
        }
        for (String f : fields) {
            if (f.isEmpty()) {
                throw new MountInfoException("empty field (two spaces in a row, or a space at an end)");
            }
        }
        int separator = -1;
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                separator = i;
                break;
            }
        }
        if (separator < 0 || fields.length - separator != 4) {
            throw new MountInfoException("expected \"-\" followed by exactly three fields");
        }
        String device = fields[2];
        int colon = device.indexOf(':');
        if (colon < 0) {
            throw new MountInfoException("device \"" + device + "\" is not MAJOR:MINOR");
        }
        List<String> optional = new ArrayList<>();
        for (int i = 6; i < separator; i++) {
            optional.add(unescape(fields[i]));
        }
        try {
            return new MountEntry(number("mount ID", fields[0]), number("parent ID", fields[1]),
                    number("major", device.substring(0, colon)), number("minor", device.substring(colon + 1)),
                    unescape(fields[3]), unescape(fields[4]), unescape(fields[5]), optional,
                    unescape(fields[separator + 1]), unescape(fields[separator + 2]), unescape(fields[separator + 3]));
        } catch (IllegalArgumentException e) {
            throw new MountInfoException(e.getMessage());
        }
    }

    /** Renders an entry as the kernel writes it, escaping space, tab, newline and backslash. */
    public static String format(MountEntry e) {
        StringBuilder b = new StringBuilder();
        b.append(e.mountId()).append(' ').append(e.parentId()).append(' ')
                .append(e.major()).append(':').append(e.minor()).append(' ')
                .append(escape(e.root())).append(' ').append(escape(e.mountPoint())).append(' ')
                .append(escape(e.mountOptions()));
        for (String f : e.optionalFields()) {
            b.append(' ').append(escape(f));
        }
        b.append(" - ").append(escape(e.fsType())).append(' ').append(escape(e.source())).append(' ')
                .append(escape(e.superOptions()));
        return b.toString();
    }

    private static int number(String what, String s) {
        if (s.isEmpty() || s.length() > 10) {
            throw new MountInfoException(what + " \"" + s + "\" is not a decimal number");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new MountInfoException(what + " \"" + s + "\" is not a decimal number");
            }
            v = v * 10 + (c - '0');
        }
        if (v > Integer.MAX_VALUE) {
            throw new MountInfoException(what + " " + s + " is out of range");
        }
        return (int) v;
    }

    private static String unescape(String s) {
        int backslash = s.indexOf('\\');
        if (backslash < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, backslash);
        for (int i = backslash; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 3 >= s.length()) {
                throw new MountInfoException("truncated escape in \"" + s + "\"");
            }
            int value = 0;
            for (int k = 1; k <= 3; k++) {
                char d = s.charAt(i + k);
                if (d < '0' || d > '7') {
                    throw new MountInfoException("invalid escape in \"" + s + "\"");
                }
                value = value * 8 + (d - '0');
            }
            if (value > 0xff) {
                throw new MountInfoException("escape out of range in \"" + s + "\"");
            }
            b.append((char) value);
            i += 3;
        }
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case ' ' -> "\\040";
                case '\t' -> "\\011";
                case '\n' -> "\\012";
                case '\\' -> "\\134";
                default -> null;
            };
            if (replacement != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (replacement != null) {
                    b.append(replacement);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
