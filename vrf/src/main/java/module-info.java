/**
 * rtnetlink (links, addresses, routes, policy rules, monitoring) and VRF-based
 * service isolation, including binding a cgroup to a VRF with a BPF program.
 */
module nftlink.vrf {
    requires transitive nftlink.nfnetlink;

    exports nftlink.rtnetlink;
    exports nftlink.vrf;
}
