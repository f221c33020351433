package nftlink.examples.cli;

import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.Link;
import nftlink.rtnetlink.RtNetlink;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The names of a namespace's interfaces by index, read once over rtnetlink: how nft names them in
 * {@code iif "lo"} (its if_indextoname). An index with no interface prints as a number.
 */
final class InterfaceNames {
    private InterfaceNames() {
    }

    /** The names in {@code ns}; none when the links cannot be read. */
    static IntFunction<String> of(NetworkNamespace ns) {
        Map<Integer, String> names = new HashMap<>();
        try (RtNetlink rt = RtNetlink.open(ns)) {
            for (Link link : rt.links()) {
                names.put(link.index(), link.name());
            }
        } catch (NetlinkException e) {
            // listed by index then, as nft does for an interface it cannot name
        }
        return names::get;
    }
}
