package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The right-hand side of a match: one value, a prefix, a range, an anonymous set
 * of those, or a named set.
 */
public sealed interface Value {

    /**
     * One value.
     *
     * @param bytes the value's bytes
     */
    record Single(Bytes bytes) implements Value {
        /** Checks the component: {@code bytes} must not be null. */
        public Single {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * An address prefix such as {@code 10.0.0.0/8}.
     *
     * @param address the prefix's address
     * @param bits the prefix length in bits
     */
    record Prefix(Bytes address, int bits) implements Value {
        /** Checks the components: a prefix length from 0 to the address's bits. */
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

        /**
         * The mask of the prefix.
         *
         * @return the mask, as long as the address
         */
        public Bytes mask() {
            byte[] m = new byte[address.length()];
            for (int i = 0; i < m.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                m[i] = (byte) (0xff << (8 - keep));
            }
            return Bytes.of(m);
        }

        /**
         * The last address in the prefix.
         *
         * @return the last address
         */
        public Bytes last() {
            byte[] a = address.toArray();
            byte[] m = mask().toArray();
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (a[i] | ~m[i]);
            }
            return Bytes.of(a);
        }
    }

    /**
     * An inclusive range {@code low-high}.
     *
     * @param low the first value
     * @param high the last value, as long as {@code low}
     */
    record Range(Bytes low, Bytes high) implements Value {
        /** Checks the components: bounds of one length. */
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
        /** Copies the items and statements; statements, if any, one list per item. */
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

        /**
         * An anonymous set whose items carry no statements.
         *
         * @param items the items
         */
        public SetLiteral(List<Value> items) {
            this(items, List.of());
        }

        /**
         * This set with {@code f} applied to each value and to both ends of each range, the statements kept.
         *
         * @param f what becomes of the bytes
         * @param what the set's kind, for the error
         * @return the changed set
         * @throws IllegalArgumentException for an item that is no value or range
         */
        public SetLiteral mapBytes(UnaryOperator<Bytes> f, String what) {
            List<Value> out = new ArrayList<>();
            for (Value v : items) {
                out.add(switch (v) {
                    case Single s -> new Single(f.apply(s.bytes()));
                    case Range r -> new Range(f.apply(r.low()), f.apply(r.high()));
                    default -> throw new IllegalArgumentException("unsupported: " + v + " in " + what);
                });
            }
            return new SetLiteral(out, statements);
        }

        /**
         * The stateful statements of item {@code i} (empty when it has none).
         *
         * @param i the item's index
         * @return the statements
         */
        public List<Statement> statementsOf(int i) {
            return statements.isEmpty() ? List.of() : statements.get(i);
        }

        /**
         * Whether some item carries stateful statements.
         *
         * @return whether any item carries statements
         */
        public boolean hasStatements() {
            return !statements.isEmpty();
        }

        /**
         * Whether the set needs the interval flag.
         *
         * @return whether any item is a prefix or range
         */
        public boolean hasIntervals() {
            return items.stream().anyMatch(v -> v instanceof Prefix || v instanceof Range);
        }
    }

    /** The catch-all key {@code *} of a map or verdict map: what any other key gets. */
    record CatchAll() implements Value {
    }

    /**
     * A named set, {@code @name}.
     *
     * @param name the set's name
     */
    record SetReference(String name) implements Value {
        /** Checks the component: {@code name} must not be null. */
        public SetReference {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One value.
     *
     * @param b the value's bytes
     * @return the value
     */
    static Value single(Bytes b) {
        return new Single(b);
    }
}
