package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.util.List;
import java.util.Objects;

/**
 * The right-hand side of a match: one value, a prefix, a range, an anonymous set
 * of those, or a named set.
 */
public sealed interface Value {

    /** One value. */
    record Single(Bytes bytes) implements Value {
        public Single {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** An address prefix such as {@code 10.0.0.0/8}. */
    record Prefix(Bytes address, int bits) implements Value {
        public Prefix {
            if (bits < 0 || bits > address.length() * 8) {
                throw new IllegalArgumentException("prefix length " + bits + " out of range");
            }
            byte[] a = address.toArray();
            for (int i = 0; i < a.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                if ((a[i] & (0xff >> keep)) != 0) {
                    throw new IllegalArgumentException("address has bits set beyond the /" + bits + " prefix");
                }
            }
        }

        /** The mask of the prefix. */
        public Bytes mask() {
            byte[] m = new byte[address.length()];
            for (int i = 0; i < m.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                m[i] = (byte) (0xff << (8 - keep));
            }
            return Bytes.of(m);
        }

        /** The last address in the prefix. */
        public Bytes last() {
            byte[] a = address.toArray();
            byte[] m = mask().toArray();
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (a[i] | ~m[i]);
            }
            return Bytes.of(a);
        }
    }

    /** An inclusive range {@code low-high}. */
    record Range(Bytes low, Bytes high) implements Value {
        public Range {
            if (low.length() != high.length()) {
                throw new IllegalArgumentException("range bounds differ in length");
            }
        }
    }

    /**
     * An anonymous set, as in {@code { 25, 143 }}.
     *
     * @param items      the values, prefixes and ranges
     * @param statements each item's stateful statements, as in {@code { 10 counter packets 0 bytes 0 }}
     *                   (an empty list for an item without; the whole list empty when no item has any)
     */
    record SetLiteral(List<Value> items, List<List<Statement>> statements) implements Value {
        public SetLiteral {
            items = List.copyOf(items);
            statements = statements.stream().allMatch(List::isEmpty) ? List.of()
                    : statements.stream().map(List::copyOf).toList();
            if (!statements.isEmpty() && statements.size() != items.size()) {
                throw new IllegalArgumentException("statements for " + statements.size() + " of " + items.size() + " items");
            }
            for (Value v : items) {
                if (v instanceof SetLiteral || v instanceof SetReference || v instanceof CatchAll) {
                    throw new IllegalArgumentException("set items must be values, prefixes or ranges");
                }
            }
            if (items.isEmpty()) {
                throw new IllegalArgumentException("an anonymous set needs at least one item");
            }
        }

        /** An anonymous set whose items carry no statements. */
        public SetLiteral(List<Value> items) {
            this(items, List.of());
        }

        /** The stateful statements of item {@code i} (empty when it has none). */
        public List<Statement> statementsOf(int i) {
            return statements.isEmpty() ? List.of() : statements.get(i);
        }

        /** Whether some item carries stateful statements. */
        public boolean hasStatements() {
            return !statements.isEmpty();
        }

        /** Whether the set needs the interval flag. */
        public boolean hasIntervals() {
            return items.stream().anyMatch(v -> v instanceof Prefix || v instanceof Range);
        }
    }

    /** The catch-all key {@code *} of a map or verdict map: what any other key gets. */
    record CatchAll() implements Value {
    }

    /** A named set, {@code @name}. */
    record SetReference(String name) implements Value {
        public SetReference {
            Objects.requireNonNull(name, "name");
        }
    }

    static Value single(Bytes b) {
        return new Single(b);
    }
}
