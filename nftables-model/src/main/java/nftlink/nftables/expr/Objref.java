package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code objref}: applies a named stateful object (counter, quota, limit, ct helper,
 * ...), either one given by name ({@link Named}: {@code counter name "c1"}) or the
 * one a map yields for a key in a register ({@link Mapped}: {@code counter name ip
 * saddr map { ... }}).
 */
public sealed interface Objref extends Expression {

    /** The {@code objref} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("objref", Objref::decode, Objref::parse);

    /**
     * {@code objref type TYPE name NAME}.
     *
     * @param type   {@code NFT_OBJECT_*}
     * @param object the object's name
     */
    record Named(int type, String object) implements Objref {
        /** Checks the component: {@code object} must not be null. */
        public Named {
            Objects.requireNonNull(object, "object");
        }
    }

    /**
     * {@code objref sreg SREG set SET}.
     *
     * @param sreg  the register holding the key
     * @param set   the map name ({@code __objmap%d} for an anonymous one)
     * @param setId the transaction-local ID of a map added in the same batch, or 0
     */
    record Mapped(int sreg, String set, int setId) implements Objref {
        /** Checks the component: {@code set} must not be null. */
        public Mapped {
            Objects.requireNonNull(set, "set");
        }
    }

    @Override
    default String name() {
        return "objref";
    }

    /** Writes the name and type of a {@link Named} object, or the register and map of a {@link Mapped} one. */
    @Override
    default void writeData(MessageWriter w) {
        switch (this) {
            case Named n -> {
                w.attrString(NFTA_OBJREF_IMM_NAME, n.object());
                w.attrU32Be(NFTA_OBJREF_IMM_TYPE, n.type());
            }
            case Mapped m -> {
                w.attrU32Be(NFTA_OBJREF_SET_SREG, m.sreg());
                w.attrString(NFTA_OBJREF_SET_NAME, m.set());
                w.attrU32BeUnlessZero(NFTA_OBJREF_SET_ID, m.setId());
            }
        }
    }

    @Override
    default void appendDebug(StringBuilder sb) {
        switch (this) {
            case Named n -> sb.append("objref type ").append(Integer.toUnsignedString(n.type())).append(" name ")
                    .append(n.object());
            case Mapped m -> sb.append("objref sreg ").append(Integer.toUnsignedString(m.sreg())).append(" set ")
                    .append(m.set());
        }
    }

    private static Objref decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_OBJREF_MAX);
        boolean named = tb.has(NFTA_OBJREF_IMM_TYPE) || tb.has(NFTA_OBJREF_IMM_NAME);
        boolean mapped = tb.has(NFTA_OBJREF_SET_SREG) || tb.has(NFTA_OBJREF_SET_NAME) || tb.has(NFTA_OBJREF_SET_ID);
        if (named == mapped) {
            throw Expressions.missing("objref", "either type and name, or sreg and set");
        }
        return named ? new Named(tb.require(NFTA_OBJREF_IMM_TYPE).u32Be(), tb.require(NFTA_OBJREF_IMM_NAME).string())
                : new Mapped(tb.require(NFTA_OBJREF_SET_SREG).u32Be(), tb.require(NFTA_OBJREF_SET_NAME).string(),
                        tb.u32BeOr(NFTA_OBJREF_SET_ID, 0));
    }

    private static Objref parse(DebugReader r) {
        if (r.accept("sreg")) {
            int sreg = DebugText.u32(r);
            r.expect("set");
            return new Mapped(sreg, r.next(), 0);
        }
        r.expect("type");
        int type = DebugText.u32(r);
        r.expect("name");
        return new Named(type, r.next());
    }
}
