package nftlink.netlink;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The interfaces of one network namespace by index and by name, as one {@code RTM_GETLINK}
 * dump over rtnetlink read them: what {@code if_nametoindex} and {@code if_indextoname} answer
 * for a program that runs in that namespace (nft resolves {@code iif "lo"} so when it reads a
 * rule and prints {@code iif "lo"} so when it lists one).
 *
 * <p>A snapshot: interfaces created or renamed later are not seen. The rtnetlink API proper
 * (links, addresses, routes) lives in the {@code vrf} module; this is the minimum the
 * nftables layer needs, kept here so that it does not depend on that module.
 */
public final class InterfaceNames {

    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int IFINFOMSG_LEN = 16;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_EXT_MASK = 29;
    private static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    private final Map<Integer, String> byIndex;
    private final Map<String, Integer> byName;

    private InterfaceNames(Map<Integer, String> byIndex) {
        this.byIndex = Map.copyOf(byIndex);
        Map<String, Integer> names = new HashMap<>();
        byIndex.forEach((index, name) -> names.put(name, index));
        this.byName = Map.copyOf(names);
    }

    /**
     * The interfaces given as index to name (for tests and callers with their own source).
     *
     * @param byIndex interface names by index
     * @return the names
     */
    public static InterfaceNames of(Map<Integer, String> byIndex) {
        return new InterfaceNames(byIndex);
    }

    /**
     * The interfaces of {@code namespace}, read now.
     *
     * @param namespace the network namespace
     * @return the names
     */
    public static InterfaceNames read(NetworkNamespace namespace) {
        try (NetlinkConnection connection = NetlinkConnection.open(NetlinkProtocol.ROUTE, namespace)) {
            return read(connection);
        }
    }

    /**
     * The interfaces of the namespace a {@code NETLINK_ROUTE} {@code connection} lives in.
     *
     * @param connection an open {@code NETLINK_ROUTE} connection
     * @return the names
     */
    public static InterfaceNames read(NetlinkConnection connection) {
        return connection.dump(InterfaceNames::writeDump, Collector::new, "list links", IFINFOMSG_LEN, AttributeNamer.NUMERIC);
    }

    private static void writeDump(MessageWriter w, int seq) {
        int m = w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq);
        // struct ifinfomsg: family, pad, type, index, flags, change
        w.putU8(0).putU8(0).putU16(0).putU32(0).putU32(0).putU32(0);
        w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        w.endMessage(m);
    }

    /**
     * The index of the interface named {@code name}, if there is one.
     *
     * @param name the interface name
     * @return the index, or empty
     */
    public OptionalInt index(String name) {
        Integer index = byName.get(name);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /**
     * The name of the interface with index {@code index}, if there is one.
     *
     * @param index the interface index
     * @return the name, or empty
     */
    public Optional<String> name(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    /**
     * All interfaces, index to name.
     *
     * @return an unmodifiable map
     */
    public Map<Integer, String> byIndex() {
        return byIndex;
    }

    @Override
    public String toString() {
        return "InterfaceNames" + byIndex;
    }

    private static final class Collector implements DumpCollector<InterfaceNames> {
        private final Map<Integer, String> names = new HashMap<>();

        @Override
        public void accept(NetlinkMessage message) {
            if (message.type() != RTM_NEWLINK || message.payloadLength() < IFINFOMSG_LEN) {
                return;
            }
            int index = message.payloadU32(4);
            Attribute name = message.attributes(IFINFOMSG_LEN).find(IFLA_IFNAME);
            if (name != null) {
                names.put(index, name.string());
            }
        }

        @Override
        public InterfaceNames result() {
            return new InterfaceNames(names);
        }
    }
}
