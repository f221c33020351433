package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code masq} and {@code redir} share: NAT to an address of this machine (the outgoing
 * interface's, or the local one), optionally to a port range held in registers, with
 * {@code NF_NAT_RANGE_*} flags. The two differ only in the numbers of their attributes; each part is
 * {@code null} when its attribute is absent.
 */
sealed interface LocalNat extends Expression permits Masq, Redir {

    /**
     * Makes the expression of its parts.
     *
     * @param <E> the expression
     */
    @FunctionalInterface
    interface Parts<E extends LocalNat> {
        E of(Integer flags, Integer protoMin, Integer protoMax);
    }

    /** The numbers of an expression's attributes, and the highest number of its kind. */
    record Numbers(int flags, int protoMin, int protoMax, int max) {
    }

    /**
     * The {@code NF_NAT_RANGE_*} flags, or {@code null}.
     *
     * @return the flags
     */
    Integer flags();

    /**
     * The register with the lowest port, or {@code null}.
     *
     * @return the register
     */
    Integer protoMin();

    /**
     * The register with the highest port, or {@code null}.
     *
     * @return the register
     */
    Integer protoMax();

    @Override
    default void appendDebug(StringBuilder sb) {
        sb.append(name());
        Nat.appendRegisters(sb, "proto_min", protoMin(), "proto_max", protoMax());
        if (flags() != null) {
            sb.append(" flags 0x").append(Integer.toHexString(flags()));
        }
    }

    /** Writes the parts that are present, in the order of their numbers (the kernel's dump order). */
    static void write(MessageWriter w, Numbers numbers, LocalNat nat) {
        Map<Integer, Integer> present = new TreeMap<>();
        if (nat.flags() != null) {
            present.put(numbers.flags(), nat.flags());
        }
        if (nat.protoMin() != null) {
            present.put(numbers.protoMin(), nat.protoMin());
        }
        if (nat.protoMax() != null) {
            present.put(numbers.protoMax(), nat.protoMax());
        }
        present.forEach(w::attrU32Be);
    }

    /** Reads the expression from its attributes. */
    static <E extends LocalNat> E decode(Attributes attributes, Numbers numbers, Parts<E> parts) {
        AttributeTable tb = attributes.byType(numbers.max());
        return parts.of(tb.u32Be(numbers.flags()), tb.u32Be(numbers.protoMin()), tb.u32Be(numbers.protoMax()));
    }

    /** Reads the expression from libnftnl's debug text after its name. */
    static <E extends LocalNat> E parse(DebugReader r, Parts<E> parts) {
        Integer protoMin = DebugText.optionalRegister(r, "proto_min");
        Integer protoMax = DebugText.optionalRegister(r, "proto_max");
        Integer flags = r.accept("flags") ? DebugText.u32Hex(r) : null;
        return parts.of(flags, protoMin, protoMax);
    }
}
