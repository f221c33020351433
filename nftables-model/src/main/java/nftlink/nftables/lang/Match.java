package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.util.Objects;

/**
 * A match: {@code FIELD [OP] VALUE}, e.g. {@code tcp dport { 25, 143 }},
 * {@code ip saddr != 10.0.0.0/8}, {@code meta skuid 1000}.
 *
 * @param field the field compared
 * @param op    the relation
 * @param value what it is compared with
 */
public record Match(Field field, Op op, Value value) implements Statement {

    /** Relations, with nft's spelling ({@code ==} is implicit when listed). */
    public enum Op {
        /** {@code ==}, also written without an operator. */
        EQ("=="),
        /** {@code !=}. */
        NEQ("!="),
        /** {@code <}. */
        LT("<"),
        /** {@code >}. */
        GT(">"),
        /** {@code <=}. */
        LTE("<="),
        /** {@code >=}. */
        GTE(">="),
        /**
         * {@code ==} written out on a flag field ({@code tcp flags == syn}): the field holds exactly the value,
         * where {@link #EQ} tests for any of its flags. A match of one value of another field makes it {@link #EQ}.
         */
        EXACT("==");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        /**
         * nft's operator.
         *
         * @return the operator
         */
        public String text() {
            return text;
        }
    }

    /**
     * Checks the components: field and op not null, the field one that can be matched, the value its
     * length.
     */
    public Match {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
        if (field instanceof MapLookupField) {
            throw new IllegalArgumentException("a map lookup is a value to set, not a field to match: " + field.text());
        }
        Objects.requireNonNull(value, "value");
        if (op == Op.EXACT && !(LinearizeMatches.flagTest(field) && value instanceof Value.Single)) {
            // == on any other field is the plain equality
            op = Op.EQ;
        }
        if ((op != Op.EQ && op != Op.NEQ) && !(value instanceof Value.Single)) {
            // (an exact compare too)
            throw new IllegalArgumentException("only == and != apply to prefixes, ranges and sets");
        }
        int expected = field.length();
        switch (value) {
            case Value.Single s -> check(field, s.bytes(), expected, true);
            case Value.Prefix p -> check(field, p.address(), expected, false);
            case Value.Range r -> check(field, r.low(), expected, false);
            case Value.SetLiteral l -> l.items().forEach(i -> {
                if (i instanceof Value.Single s) {
                    check(field, s.bytes(), expected, false);
                }
            });
            case Value.SetReference ignored -> { }
            case Value.CatchAll ignored -> throw new IllegalArgumentException("* is a key of maps only");
        }
    }

    private static void check(Field field, Bytes b, int expected, boolean prefixAllowed) {
        boolean ok = b.length() == expected || prefixAllowed && field.datatype() == Datatype.IFNAME && b.length() < expected;
        if (!ok) {
            throw new IllegalArgumentException(field.text() + " holds " + expected + " bytes, not " + b.length());
        }
    }

    /**
     * {@code field == value}.
     *
     * @param field the field
     * @param value the value
     * @return the match
     */
    public static Match eq(Field field, Bytes value) {
        return new Match(field, Op.EQ, new Value.Single(value));
    }

    /**
     * {@code field OP TEXT}, the value parsed with the field's datatype.
     *
     * @param field the field
     * @param op the operator
     * @param text the value as nft writes it
     * @return the match
     */
    public static Match of(Field field, Op op, String text) {
        return new Match(field, op, new Value.Single(field.toRegister(field.datatype().parse(text, field.valueLength()))));
    }
}
