package nftlink.nftables.expr;

import nftlink.nftables.NfTablesUapi;
import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.NFTA_OSF_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_OSF_FLAGS;
import static nftlink.nftables.NfTablesUapi.NFTA_OSF_TTL;
import static nftlink.nftables.NfTablesUapi.NFT_OSF_MAXGENRELEN;
import static nftlink.nftables.NfTablesUapi.NFTA_OSF_MAX;

/**
 * {@code osf}: passive operating-system fingerprinting of TCP SYN packets; loads
 * the OS genre (or {@code genre:version}) as a NUL-padded string of
 * {@value NfTablesUapi#NFT_OSF_MAXGENRELEN} bytes into a register.
 *
 * <p>libnftnl prints only the register, {@code [ osf dreg 1 ]}, so text parsed back
 * has neither ttl nor flags ({@code null}); the kernel always lists both, flags 0
 * included, which it refuses when a rule is added ({@link #asRequest()}).
 *
 * @param dreg  the register
 * @param ttl   how the IP TTL is checked (0 = must match the fingerprint, 1 =
 *              loose, 2 = not at all; {@code NFTA_OSF_TTL}), or {@code null} when absent
 * @param flags {@code NFT_OSF_F_VERSION} to load {@code genre:version}, or {@code null} when absent
 */
public record Osf(int dreg, Integer ttl, Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("osf", Osf::decode, Osf::parse);

    /** Checks the component: a TTL of one byte, if given. */
    public Osf {
        if (ttl != null && (ttl < 0 || ttl > 0xff)) {
            throw new IllegalArgumentException("osf ttl is one byte: " + ttl);
        }
    }

    @Override
    public String name() {
        return "osf";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (ttl != null) {
            w.attrU8(NFTA_OSF_TTL, ttl);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_OSF_FLAGS, flags);
        }
        w.attrU32Be(NFTA_OSF_DREG, dreg);
    }

    /**
     * This expression as a rule must be added: the kernel lists flags 0 but refuses
     * any flags attribute other than {@code NFT_OSF_F_VERSION} on input.
     *
     * @return the expression without listing-only flags
     */
    public Osf asRequest() {
        return Integer.valueOf(0).equals(flags) ? new Osf(dreg, ttl, null) : this;
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("osf dreg ").append(dreg);
    }

    private static Osf decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_OSF_MAX);
        return new Osf(tb.require(NFTA_OSF_DREG).u32Be(), tb.u8(NFTA_OSF_TTL), tb.u32Be(NFTA_OSF_FLAGS));
    }

    private static Osf parse(DebugReader r) {
        r.expect("dreg");
        int dreg = r.nextInt();
        r.loaded(dreg, NFT_OSF_MAXGENRELEN);
        return new Osf(dreg, null, null);
    }
}
