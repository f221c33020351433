/**
 * nftlink's netlink foundation: the {@code AF_NETLINK} socket over the Foreign
 * Function &amp; Memory API, network namespaces, message and attribute codecs
 * ({@code nftlink.netlink}), and nfnetlink batches and transactions
 * ({@code nftlink.nfnetlink}).
 *
 * <p>Needs native access: run with {@code --enable-native-access=nftlink.nfnetlink}
 * (module path) or {@code --enable-native-access=ALL-UNNAMED} (class path).
 */
module nftlink.nfnetlink {
    exports nftlink.netlink;
    exports nftlink.nfnetlink;
    exports nftlink.netlink.internal to nftlink.nftables, nftlink.cgroup, nftlink.vrf, nftlink.examples;
}
