package nftlink.examples.cli;

import nftlink.netlink.InterfaceNames;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetworkNamespace;

import java.util.function.IntFunction;

/**
 * The names of a namespace's interfaces by index for listings, read once: how nft names them in
 * {@code iif "lo"} (its if_indextoname). An index with no interface prints as a number.
 */
final class LinkNames {
    private LinkNames() {
    }

    /** The names in {@code ns}; none when the links cannot be read. */
    static IntFunction<String> of(NetworkNamespace ns) {
        try {
            InterfaceNames names = InterfaceNames.read(ns);
            return index -> names.name(index).orElse(null);
        } catch (NetlinkException e) {
            // listed by index then, as nft does for an interface it cannot name
            return index -> null;
        }
    }
}
