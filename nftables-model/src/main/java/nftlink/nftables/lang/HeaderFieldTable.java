package nftlink.nftables.lang;

import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Header fields written as a table, one field a line: {@code PROTOCOL BASE OFFSET LENGTH DATATYPE NAME},
 * the base as nft's raw payload syntax says it ({@code ll}, {@code nh}, {@code th}), offset and length
 * in the unit of the field kind (bytes for {@link PayloadField}, bits for {@link PayloadBitField}), the
 * datatype as its {@link Datatype} constant in lower case, the name the rest of the line (it may hold a
 * space: {@code arp saddr ether}). Lines starting with {@code #} are comments.
 */
final class HeaderFieldTable {

    /**
     * Makes one field of a row.
     *
     * @param <F> the field kind
     */
    @FunctionalInterface
    interface Row<F> {
        F field(String protocol, String name, Payload.Base base, int offset, int length, Datatype datatype);
    }

    private HeaderFieldTable() {
    }

    /** The fields of {@code table}, in its order. */
    static <F> List<F> fields(String table, Row<F> row) {
        List<F> fields = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+", 6);
            if (words.length != 6) {
                throw new IllegalArgumentException("header field row without six columns: " + trimmed);
            }
            fields.add(row.field(words[0], words[5], base(words[1]), Integer.parseInt(words[2]),
                    Integer.parseInt(words[3]), Datatype.valueOf(words[4].toUpperCase(Locale.ROOT))));
        }
        return fields;
    }

    private static Payload.Base base(String word) {
        return switch (word) {
            case "ll" -> Payload.Base.LINK;
            case "nh" -> Payload.Base.NETWORK;
            case "th" -> Payload.Base.TRANSPORT;
            default -> throw new IllegalArgumentException("unknown header base " + word);
        };
    }
}
