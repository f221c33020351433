package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
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

        @Override
        public void writeData(MessageWriter w) {
            w.attrString(NFTA_OBJREF_IMM_NAME, object);
            w.attrU32Be(NFTA_OBJREF_IMM_TYPE, type);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("objref type ").append(Integer.toUnsignedString(type)).append(" name ").append(object);
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

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_OBJREF_SET_SREG, sreg);
            w.attrString(NFTA_OBJREF_SET_NAME, set);
            w.attrU32BeUnlessZero(NFTA_OBJREF_SET_ID, setId);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("objref sreg ").append(Integer.toUnsignedString(sreg)).append(" set ").append(set);
        }
    }

    @Override
    default String name() {
        return "objref";
    }

    private static Objref decode(Attributes attributes) {
        Integer type = null;
        String object = null;
        Integer sreg = null;
        String set = null;
        int setId = 0;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_OBJREF_IMM_TYPE -> type = a.u32Be();
                case NFTA_OBJREF_IMM_NAME -> object = a.string();
                case NFTA_OBJREF_SET_SREG -> sreg = a.u32Be();
                case NFTA_OBJREF_SET_NAME -> set = a.string();
                case NFTA_OBJREF_SET_ID -> setId = a.u32Be();
                default -> throw Expressions.unexpected("objref", a);
            }
        }
        if (type != null && object != null && sreg == null && set == null && setId == 0) {
            return new Named(type, object);
        }
        if (type == null && object == null && sreg != null && set != null) {
            return new Mapped(sreg, set, setId);
        }
        throw Expressions.missing("objref", "either type and name, or sreg and set");
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
