package nftlink.nftables.lang;

import nftlink.nftables.NfTables;

import java.util.StringJoiner;

/**
 * The NAT range flags nft prints after an address ({@code random}, {@code fully-random}, {@code persistent});
 * {@code prefix} (netmap) it prints before {@code to}.
 */
final class NatFlags {
    private NatFlags() {
    }

    static String render(int flags) {
        StringJoiner j = new StringJoiner(",", " ", "").setEmptyValue("");
        if ((flags & NfTables.NF_NAT_RANGE_PROTO_RANDOM) != 0) {
            j.add("random");
        }
        if ((flags & NfTables.NF_NAT_RANGE_PROTO_RANDOM_FULLY) != 0) {
            j.add("fully-random");
        }
        if ((flags & NfTables.NF_NAT_RANGE_PERSISTENT) != 0) {
            j.add("persistent");
        }
        return j.toString();
    }

    /** The flags nft derives from the statement's parts, which are not printed. */
    static int printable(int flags) {
        return flags & (NfTables.NF_NAT_RANGE_PROTO_RANDOM | NfTables.NF_NAT_RANGE_PROTO_RANDOM_FULLY
                | NfTables.NF_NAT_RANGE_PERSISTENT | NfTables.NF_NAT_RANGE_NETMAP);
    }
}
