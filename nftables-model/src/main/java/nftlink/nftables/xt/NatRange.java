package nftlink.nftables.xt;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.NatFlag;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code -j SNAT|DNAT|MASQUERADE|REDIRECT}: the nat range in whichever struct the revision uses
 * ({@code nf_nat_ipv4_multi_range_compat}, {@code nf_nat_range} or {@code nf_nat_range2}), read
 * into the common form libxtables translates.
 *
 * @param statement  nft's statement: {@code snat}, {@code dnat}, {@code masquerade} or {@code redirect}
 * @param flags      {@code NF_NAT_RANGE_*}
 * @param minAddress the first address (16 bytes; IPv4 in the first 4)
 * @param maxAddress the last address
 * @param minPort    the first port
 * @param maxPort    the last port
 */
public record NatRange(String statement, int flags, Bytes minAddress, Bytes maxAddress, int minPort, int maxPort)
        implements XtInfo {
    private static final int MAP_IPS = 1;
    private static final int PROTO_SPECIFIED = 2;
    private static final int PROTO_OFFSET = 32;

    /** Checks the components: a statement and 16-byte addresses. */
    public NatRange {
        Objects.requireNonNull(statement, "statement");
        if (minAddress.length() != 16 || maxAddress.length() != 16) {
            throw new IllegalArgumentException("nat range addresses are 16 bytes");
        }
    }

    /**
     * Decodes {@code struct nf_nat_ipv4_multi_range_compat} (IPv4 revision 0), which must hold one
     * range.
     *
     * @param statement the statement's nft word, such as {@code snat}
     * @param info the target's info bytes
     * @return the range
     */
    public static NatRange decodeIpv4(String statement, Bytes info) {
        StructReader r = StructReader.of(info, 20, statement);
        if (r.u32(0) != 1) {
            throw r.malformed("a nat target holds exactly one range, not " + Integer.toUnsignedString(r.u32(0)));
        }
        return new NatRange(statement, r.u32(4), Bytes.of(Arrays.copyOf(r.bytes(8, 4), 16)),
                Bytes.of(Arrays.copyOf(r.bytes(12, 4), 16)), r.u16Be(16), r.u16Be(18));
    }

    /**
     * Decodes {@code struct nf_nat_range} ({@code range2} false) or {@code struct nf_nat_range2}.
     *
     * @param statement the statement's nft word, such as {@code snat}
     * @param info the target's info bytes
     * @param range2 whether the info is {@code struct nf_nat_range2}
     * @return the range
     */
    public static NatRange decode(String statement, Bytes info, boolean range2) {
        StructReader r = StructReader.of(info, range2 ? 44 : 40, statement);
        return new NatRange(statement, r.u32(0), Bytes.of(r.bytes(4, 16)), Bytes.of(r.bytes(20, 16)), r.u16Be(36), r.u16Be(38));
    }

    @Override
    public Optional<String> text(XtContext context) {
        if ((flags & PROTO_OFFSET) != 0) {
            return Optional.empty();
        }
        Xlate x = new Xlate().add(statement);
        String range = range(context.ipv6());
        if (!range.isEmpty()) {
            x.add(" to " + range);
        }
        // NF_NAT_RANGE_* are the bits nft's nat flags stand for
        x.add(NatFlag.text(NatFlag.of(flags)));
        return Optional.of(x.text());
    }

    private String range(boolean ipv6) {
        StringBuilder sb = new StringBuilder();
        boolean brackets = ipv6 && (flags & PROTO_SPECIFIED) != 0;
        if ((flags & MAP_IPS) != 0) {
            int length = ipv6 ? 16 : 4;
            sb.append(brackets ? "[" : "").append(Datatype.printAddress(Arrays.copyOf(minAddress.toArray(), length)));
            if (!minAddress.equals(maxAddress)) {
                sb.append('-').append(Datatype.printAddress(Arrays.copyOf(maxAddress.toArray(), length)));
            }
            sb.append(brackets ? "]" : "");
        }
        if ((flags & PROTO_SPECIFIED) != 0) {
            sb.append(':').append(minPort);
            if (maxPort != minPort) {
                sb.append('-').append(maxPort);
            }
        }
        return sb.toString();
    }
}
