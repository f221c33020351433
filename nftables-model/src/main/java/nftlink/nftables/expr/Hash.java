package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code hash}: puts a hash into a register, modulo {@code modulus}, plus
 * {@code offset}: a Jenkins hash of register contents ({@link Jenkins}) or a
 * symmetric hash of the packet's flow ({@link Symmetric}).
 */
public sealed interface Hash extends Expression {

    /** The {@code hash} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("hash", Hash::decode, Hash::parse);

    /**
     * {@code hash reg DREG = jhash(reg SREG, LEN, 0xSEED) % mod MODULUS [offset OFFSET]}.
     *
     * @param length bytes of {@code sreg} hashed
     * @param seed   the seed, or {@code null} when absent (the kernel then picks a
     *               random one and does not list it; libnftnl prints {@code 0x0}, so
     *               {@code 0x0} parses as absent)
     * @param offset added to the result; the kernel lists it only when not 0
     * @param sreg the source register
     * @param dreg the destination register
     * @param modulus the result is taken modulo this
     */
    record Jenkins(int sreg, int dreg, int length, int modulus, Integer seed, int offset) implements Hash {
        @Override
        public void writeData(MessageWriter w) {
            Hash.write(w, sreg, dreg, length, modulus, seed, offset, NFT_HASH_JENKINS);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("hash reg ").append(dreg).append(" = jhash(reg ").append(sreg).append(", ")
                    .append(Integer.toUnsignedString(length)).append(", 0x")
                    .append(Integer.toHexString(seed == null ? 0 : seed)).append(") %");
            Modulo.append(sb, modulus, offset);
        }
    }

    /**
     * {@code hash reg DREG = symhash() % mod MODULUS [offset OFFSET]}.
     *
     * @param offset added to the result; the kernel lists it only when not 0
     * @param dreg the destination register
     * @param modulus the result is taken modulo this
     */
    record Symmetric(int dreg, int modulus, int offset) implements Hash {
        @Override
        public void writeData(MessageWriter w) {
            Hash.write(w, null, dreg, null, modulus, null, offset, NFT_HASH_SYM);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("hash reg ").append(dreg).append(" = symhash() %");
            Modulo.append(sb, modulus, offset);
        }
    }

    @Override
    default String name() {
        return "hash";
    }

    private static Hash decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_HASH_MAX);
        int dreg = tb.require(NFTA_HASH_DREG).u32Be();
        int modulus = tb.require(NFTA_HASH_MODULUS).u32Be();
        int offset = tb.u32BeOr(NFTA_HASH_OFFSET, 0);
        if (tb.has(NFTA_HASH_OFFSET) && offset == 0) {
            throw new NetlinkDecodeException("hash: an offset of 0, which the kernel does not list");
        }
        int type = tb.require(NFTA_HASH_TYPE).u32Be();
        return switch (type) {
            case NFT_HASH_JENKINS -> new Jenkins(tb.require(NFTA_HASH_SREG).u32Be(), dreg,
                    tb.require(NFTA_HASH_LEN).u32Be(), modulus, tb.u32Be(NFTA_HASH_SEED), offset);
            case NFT_HASH_SYM -> {
                if (tb.has(NFTA_HASH_SREG) || tb.has(NFTA_HASH_LEN) || tb.has(NFTA_HASH_SEED)) {
                    throw new NetlinkDecodeException("hash: symhash with sreg, len or seed");
                }
                yield new Symmetric(dreg, modulus, offset);
            }
            default -> throw new NetlinkDecodeException("hash: unknown type " + type);
        };
    }

    private static Hash parse(DebugReader r) {
        int dreg = r.register();
        r.expect("=");
        String function = r.next();
        Hash hash;
        if (function.equals("symhash()")) {
            r.expect("%");
            Modulo mod = Modulo.read(r);
            hash = new Symmetric(dreg, mod.modulus(), mod.offset());
        } else if (function.equals("jhash(reg")) {
            int sreg = DebugText.u32Before(r, ",");
            int length = DebugText.u32Before(r, ",");
            String seedText = r.next();
            if (!seedText.startsWith("0x") || !seedText.endsWith(")")) {
                throw r.error("expected a seed like 0x0) but found '" + seedText + "'");
            }
            long seed;
            try {
                seed = Long.parseLong(seedText.substring(2, seedText.length() - 1), 16);
            } catch (NumberFormatException e) {
                throw r.error("bad seed '" + seedText + "'");
            }
            if (seed > 0xffffffffL) {
                throw r.error("not a 32-bit seed: " + seedText);
            }
            r.expect("%");
            Modulo mod = Modulo.read(r);
            hash = new Jenkins(sreg, dreg, length, mod.modulus(), seed == 0 ? null : (int) seed, mod.offset());
        } else {
            throw r.error("expected jhash(reg or symhash() but found '" + function + "'");
        }
        r.loaded(dreg, 4);
        return hash;
    }

    /** Writes the attributes of either function in the kernel's order, those {@code null} left out, an offset of 0 too. */
    private static void write(MessageWriter w, Integer sreg, int dreg, Integer length, int modulus, Integer seed, int offset,
                              int type) {
        if (sreg != null) {
            w.attrU32Be(NFTA_HASH_SREG, sreg);
        }
        w.attrU32Be(NFTA_HASH_DREG, dreg);
        if (length != null) {
            w.attrU32Be(NFTA_HASH_LEN, length);
        }
        w.attrU32Be(NFTA_HASH_MODULUS, modulus);
        if (seed != null) {
            w.attrU32Be(NFTA_HASH_SEED, seed);
        }
        w.attrU32BeUnlessZero(NFTA_HASH_OFFSET, offset);
        w.attrU32Be(NFTA_HASH_TYPE, type);
    }
}
