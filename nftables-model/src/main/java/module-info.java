/**
 * nftables objects at kernel level (tables, chains, and the operations on them),
 * the client that lists and changes a rule set, and rendering in {@code nft}
 * syntax.
 *
 * <p>Needs native access through {@code nftlink.nfnetlink}: run with
 * {@code --enable-native-access=nftlink.nfnetlink}.
 */
module nftlink.nftables {
    requires transitive nftlink.nfnetlink;

    exports nftlink.nftables;
    exports nftlink.nftables.expr;
    exports nftlink.nftables.lang;
    exports nftlink.nftables.parse;
    exports nftlink.nftables.json;
    exports nftlink.nftables.xt;
    exports nftlink.nftables.mounts to nftlink.cgroup;
}
