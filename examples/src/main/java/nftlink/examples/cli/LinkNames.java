package nftlink.examples.cli;

import nftlink.netlink.InterfaceNames;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetworkNamespace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        // when the links cannot be read interfaces are listed by index, as nft does for one it cannot name
        InterfaceNames names = read(ns);
        return index -> names.name(index).orElse(null);
    }

    /** The names in {@code ns} in index order, as nft's interface cache holds them; none when the links cannot be read. */
    static List<String> inIndexOrder(NetworkNamespace ns) {
        return List.copyOf(new TreeMap<>(read(ns).byIndex()).values());
    }

    private static InterfaceNames read(NetworkNamespace ns) {
        try {
            return InterfaceNames.read(ns);
        } catch (NetlinkException e) {
            return InterfaceNames.of(Map.of());
        }
    }
}
