package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.NFTA_NG_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_NG_MODULUS;
import static nftlink.nftables.NfTablesUapi.NFTA_NG_OFFSET;
import static nftlink.nftables.NfTablesUapi.NFTA_NG_TYPE;
import static nftlink.nftables.NfTablesUapi.NFT_NG_INCREMENTAL;
import static nftlink.nftables.NfTablesUapi.NFT_NG_RANDOM;
import static nftlink.nftables.NfTablesUapi.NFTA_NG_MAX;

/**
 * {@code numgen}: puts a number into a register, counting up or random, modulo
 * {@code modulus}, plus {@code offset}: {@code [ numgen reg 1 = inc mod 2 offset 100 ]}.
 *
 * @param type    counting or random
 * @param dreg    the register (4 bytes)
 * @param modulus the numbers are {@code 0 .. modulus-1} (before the offset)
 * @param offset  added to every number (libnftnl prints it only when not 0)
 */
public record Numgen(Type type, int dreg, int modulus, int offset) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("numgen", Numgen::decode, Numgen::parse);

    /** {@code enum nft_ng_types}, with libnftnl's names. */
    public enum Type implements KernelEnum {
        /** {@code numgen inc}: counts up, modulo the modulus. */
        INCREMENTAL("inc", NFT_NG_INCREMENTAL),
        /** {@code numgen random}: a random number below the modulus. */
        RANDOM("random", NFT_NG_RANDOM);

        private final KernelName kernelName;

        Type(String text, int number) {
            kernelName = new KernelName(text, number);
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the component: {@code type} must not be null. */
    public Numgen {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String name() {
        return "numgen";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_NG_DREG, dreg);
        w.attrU32Be(NFTA_NG_MODULUS, modulus);
        w.attrU32Be(NFTA_NG_TYPE, type.number());
        w.attrU32Be(NFTA_NG_OFFSET, offset);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("numgen reg ").append(dreg).append(" = ").append(type.text());
        Modulo.append(sb, modulus, offset);
    }

    private static Numgen decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_NG_MAX);
        return new Numgen(KernelEnum.byNumber(Type.class, tb.require(NFTA_NG_TYPE).u32Be()), tb.require(NFTA_NG_DREG).u32Be(),
                tb.require(NFTA_NG_MODULUS).u32Be(), tb.require(NFTA_NG_OFFSET).u32Be());
    }

    private static Numgen parse(DebugReader r) {
        int dreg = r.register();
        r.expect("=");
        Type type = r.constant(Type.class);
        Modulo mod = Modulo.read(r);
        r.loaded(dreg, 4);
        return new Numgen(type, dreg, mod.modulus(), mod.offset());
    }
}
