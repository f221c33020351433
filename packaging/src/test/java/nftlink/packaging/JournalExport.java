package nftlink.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entries of {@code journalctl -o export}: each a block of {@code FIELD=value}
 * lines ended by an empty line; a value that is not printable text is written as
 * {@code FIELD}, a newline, its length as a little-endian 64-bit number, the bytes
 * and a newline (systemd's Journal Export Format).
 */
final class JournalExport {

    /** One journal entry: its fields by name. */
    record Entry(Map<String, String> fields) {

        /** The {@code MESSAGE} field, or "" when there is none. */
        String message() {
            return fields.getOrDefault("MESSAGE", "");
        }

        /** The {@code PRIORITY} field, or -1 when there is none. */
        int priority() {
            return Integer.parseInt(fields.getOrDefault("PRIORITY", "-1"));
        }

        /** The {@code _PID} field, or -1 when there is none. */
        long pid() {
            return Long.parseLong(fields.getOrDefault("_PID", "-1"));
        }

        /** The {@code _TRANSPORT} field: journal, stdout, kernel... */
        String transport() {
            return fields.getOrDefault("_TRANSPORT", "");
        }
    }

    private JournalExport() {
    }

    /** The entries of an export file, oldest first. */
    static List<Entry> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** The entries of export-format bytes, oldest first. */
    static List<Entry> parse(byte[] data) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < data.length) {
            int eol = indexOf(data, (byte) '\n', i);
            if (eol == i) {
                if (!fields.isEmpty()) {
                    entries.add(new Entry(Map.copyOf(fields)));
                    fields.clear();
                }
                i = eol + 1;
                continue;
            }
            String line = new String(data, i, eol - i, StandardCharsets.UTF_8);
            int eq = line.indexOf('=');
            if (eq >= 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
                i = eol + 1;
            } else {
                int start = eol + 1 + Long.BYTES;
                long length = start > data.length ? -1
                        : ByteBuffer.wrap(data, eol + 1, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (length < 0 || start + length > data.length) {
                    throw new IllegalArgumentException("binary field " + line + " runs past the end of the export");
                }
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                value.write(data, start, (int) length);
                fields.put(line, value.toString(StandardCharsets.UTF_8));
                i = start + (int) length + 1;
            }
        }
        if (!fields.isEmpty()) {
            entries.add(new Entry(Map.copyOf(fields)));
        }
        return entries;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return data.length;
    }
}
