package nftlink.rtnetlink;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.DumpCollector;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.RequestWriter;
import nftlink.netlink.SystemCallException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static nftlink.rtnetlink.RtnetlinkUapi.*;

/**
 * A connection to rtnetlink in one network namespace: list, create, change and
 * delete links, addresses, routes and policy rules, as {@code ip link},
 * {@code ip addr}, {@code ip route} and {@code ip rule} do.
 *
 * <pre>{@code
 * try (RtNetlink rt = RtNetlink.open(NetworkNamespace.named("blue"))) {
 *     rt.createLink(Link.veth("veth0", "veth1"));
 *     int veth0 = rt.index("veth0");
 *     rt.addAddress(Address.of(veth0, "10.20.30.1/24"));
 *     rt.setUp(veth0, true);
 *     rt.addRoute(Route.viaDevice(Prefix.parse("10.99.0.0/16"), veth0, 100));
 *     rt.addRule(FibRule.lookup(IpFamily.INET, 1000, 100).withFrom(Prefix.parse("10.20.30.0/24")));
 * }
 * }</pre>
 *
 * <p>Dumps are made with strict checking ({@code NETLINK_GET_STRICT_CHK}), so the
 * kernel filters routes by table and addresses by interface. Errors are
 * {@link NetlinkKernelException}s naming the operation, with the kernel's
 * extended-ACK text and the {@code IFLA_}/{@code IFA_}/{@code RTA_}/{@code FRA_}
 * attribute it pointed at. Not thread-safe: use one instance per thread.
 */
public final class RtNetlink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RtNetlink.class.getName());

    private final NetlinkConnection connection;

    private RtNetlink(NetlinkConnection connection) {
        this.connection = connection;
        try {
            connection.socket().setStrictCheck(true);
        } catch (SystemCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "strict checking unavailable, dumps are filtered here: {0}", e.getMessage());
        }
    }

    /**
     * Connects in the caller's network namespace.
     *
     * @return an open connection; close it when done
     */
    public static RtNetlink open() {
        return open(NetworkNamespace.current());
    }

    /**
     * Connects inside {@code namespace}.
     *
     * @param namespace the network namespace to connect in
     * @return an open connection; close it when done
     */
    public static RtNetlink open(NetworkNamespace namespace) {
        return new RtNetlink(NetlinkConnection.open(NetlinkProtocol.ROUTE, namespace));
    }

    /**
     * Wraps an existing {@code NETLINK_ROUTE} connection (and turns strict checking on).
     *
     * @param connection a connection opened for {@code NETLINK_ROUTE}
     * @return the client; closing it closes {@code connection}
     */
    public static RtNetlink wrap(NetlinkConnection connection) {
        return new RtNetlink(Objects.requireNonNull(connection, "connection"));
    }

    /**
     * The underlying netlink connection.
     *
     * @return the connection
     */
    public NetlinkConnection connection() {
        return connection;
    }

    // ---- links ----

    /**
     * Every link.
     *
     * @return every link of the namespace, in index order
     */
    public List<Link> links() {
        return dump((w, seq) -> RtMessages.dumpLinks(w, seq, 0, null), "list links", IFINFOMSG_LEN,
                RtAttributeNames.LINK, RTM_NEWLINK, Link::decode);
    }

    /**
     * The links of one kind ({@code vrf}, {@code veth}, ...).
     *
     * @param kind the link kind as {@code IFLA_INFO_KIND} names it
     * @return the links of that kind; empty when there are none
     */
    public List<Link> links(String kind) {
        Objects.requireNonNull(kind, "kind");
        return dump((w, seq) -> RtMessages.dumpLinks(w, seq, 0, kind), "list links of kind " + kind, IFINFOMSG_LEN,
                RtAttributeNames.LINK, RTM_NEWLINK, Link::decode)
                .stream().filter(l -> l.kindName().filter(kind::equals).isPresent()).toList();
    }

    /**
     * The links enslaved to {@code master} (a VRF or bridge).
     *
     * @param master the master's interface index
     * @return the ports of {@code master}; empty when there are none
     */
    public List<Link> linksOfMaster(int master) {
        return dump((w, seq) -> RtMessages.dumpLinks(w, seq, master, null), "list links of master #" + master,
                IFINFOMSG_LEN, RtAttributeNames.LINK, RTM_NEWLINK, Link::decode)
                .stream().filter(l -> l.master() == master).toList();
    }

    /**
     * The link named {@code name}, if there is one.
     *
     * @param name the interface name
     * @return the link, or empty
     */
    public Optional<Link> link(String name) {
        return getLink((w, seq) -> RtMessages.getLink(w, seq, name), "get link " + name);
    }

    /**
     * The link with index {@code index}, if there is one.
     *
     * @param index the interface index
     * @return the link, or empty
     */
    public Optional<Link> link(int index) {
        return getLink((w, seq) -> RtMessages.getLink(w, seq, index), "get link #" + index);
    }

    private Optional<Link> getLink(RequestWriter request, String operation) {
        List<Link> found = new ArrayList<>(1);
        try {
            connection.execute(request, operation, IFINFOMSG_LEN, RtAttributeNames.LINK, m -> {
                if (m.type() == RTM_NEWLINK) {
                    found.add(Link.decode(m));
                }
            });
        } catch (NetlinkKernelException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
        return found.stream().findFirst();
    }

    /**
     * The index of the link named {@code name}.
     *
     * @throws NetlinkKernelException with {@code ENODEV} when there is no such link
     * @param name the interface name
     * @return the interface index
     */
    public int index(String name) {
        return link(name).map(Link::index).orElseThrow(() -> new NetlinkKernelException("get link " + name,
                Errno.ENODEV.number(), "no link named \"" + name + "\"", -1, null));
    }

    /**
     * Creates a link ({@code ip link add}).
     *
     * @throws UnsupportedLinkKindException when the kernel does not know the kind
     *         (for example a kernel without {@code CONFIG_NET_VRF} and a VRF)
     * @throws NetlinkKernelException       for other refusals, e.g. {@code EEXIST}
     * @param link the link to create: name, kind and kind-specific settings
     */
    public void createLink(Link link) {
        String operation = "create link " + link.name() + (link.kind() == null ? "" : " type " + describe(link.kind()));
        try {
            execute((w, seq) -> RtMessages.newLink(w, seq, link), operation, IFINFOMSG_LEN,
                    link.kind() == null ? RtAttributeNames.LINK : RtAttributeNames.link(link.kind().name()));
        } catch (NetlinkKernelException e) {
            if (link.kind() != null && e.errno() == Errno.EOPNOTSUPP && e.kernelMessage() != null
                    && e.kernelMessage().contains("Unknown device type")) {
                throw new UnsupportedLinkKindException(e, link.kind().name());
            }
            throw e;
        }
    }

    private static String describe(LinkKind kind) {
        return switch (kind) {
            case LinkKind.Vrf v -> "vrf table " + Integer.toUnsignedString(v.table());
            case LinkKind.Veth v -> v.peerName() == null ? "veth" : "veth peer " + v.peerName();
            default -> kind.name();
        };
    }

    /**
     * Deletes link {@code index} ({@code ip link del}); deleting one veth end deletes both.
     *
     * @param index the interface index
     */
    public void deleteLink(int index) {
        execute((w, seq) -> RtMessages.deleteLink(w, seq, index), "delete link #" + index, IFINFOMSG_LEN,
                RtAttributeNames.LINK);
    }

    /**
     * Sets {@code IFF_UP} on link {@code index}, or clears it.
     *
     * @param index the interface index
     * @param up {@code true} to bring the link up, {@code false} to take it down
     */
    public void setUp(int index, boolean up) {
        execute((w, seq) -> RtMessages.setUp(w, seq, index, up), "set link #" + index + (up ? " up" : " down"),
                IFINFOMSG_LEN, RtAttributeNames.LINK);
    }

    /**
     * Sets the MTU of link {@code index}.
     *
     * @param index the interface index
     * @param mtu the MTU in bytes
     */
    public void setMtu(int index, int mtu) {
        execute((w, seq) -> RtMessages.setMtu(w, seq, index, mtu), "set link #" + index + " mtu " + mtu,
                IFINFOMSG_LEN, RtAttributeNames.LINK);
    }

    /**
     * Renames link {@code index} (it must be down).
     *
     * @param index the interface index
     * @param name the new name (at most 15 bytes)
     */
    public void rename(int index, String name) {
        execute((w, seq) -> RtMessages.rename(w, seq, index, name), "set link #" + index + " name " + name,
                IFINFOMSG_LEN, RtAttributeNames.LINK);
    }

    /**
     * Enslaves link {@code index} to {@code master} (a VRF or bridge).
     *
     * @param index the interface index of the port
     * @param master the interface index of the master
     */
    public void setMaster(int index, int master) {
        execute((w, seq) -> RtMessages.setMaster(w, seq, index, master), "set link #" + index + " master #" + master,
                IFINFOMSG_LEN, RtAttributeNames.LINK);
    }

    /**
     * Releases link {@code index} from its master ({@code nomaster}).
     *
     * @param index the interface index of the port
     */
    public void release(int index) {
        execute((w, seq) -> RtMessages.setMaster(w, seq, index, 0), "set link #" + index + " nomaster",
                IFINFOMSG_LEN, RtAttributeNames.LINK);
    }

    /**
     * Moves link {@code index} into {@code target} (by the namespace's file descriptor).
     *
     * @param index the interface index
     * @param target the namespace to move the link into
     */
    public void moveToNamespace(int index, NetworkNamespace target) {
        if (target.isCurrent()) {
            try (NetworkNamespace self = NetworkNamespace.ofPath(Path.of("/proc/self/ns/net"))) {
                moveToNamespace(index, self);
            }
            return;
        }
        execute((w, seq) -> RtMessages.setNamespace(w, seq, index, target.fileDescriptor()),
                "move link #" + index + " to " + target, IFINFOMSG_LEN, RtAttributeNames.LINK);
    }

    // ---- addresses ----

    /**
     * Every address of both families.
     *
     * @return the addresses; empty when there are none
     */
    public List<Address> addresses() {
        return addresses(null, 0);
    }

    /**
     * The addresses of {@code family} ({@code null}: both) on link {@code index} (0: every link).
     *
     * @param family the address family, or {@code null} for both
     * @param index the interface index, or 0 for every link
     * @return the addresses; empty when there are none
     */
    public List<Address> addresses(IpFamily family, int index) {
        return dump((w, seq) -> RtMessages.dumpAddresses(w, seq, family, index),
                "list addresses" + (family == null ? "" : " " + family.ipName()) + (index == 0 ? "" : " dev #" + index),
                IFADDRMSG_LEN, RtAttributeNames.ADDRESS, RTM_NEWADDR, Address::decode)
                .stream().filter(a -> index == 0 || a.index() == index).toList();
    }

    /**
     * Adds an address ({@code ip addr add}); fails with {@code EEXIST} when it is there.
     *
     * @param address the address, its prefix length and interface
     */
    public void addAddress(Address address) {
        execute((w, seq) -> RtMessages.newAddress(w, seq, address, RtMessages.CREATE_EXCLUSIVE),
                "add address " + address.local() + " dev #" + address.index(), IFADDRMSG_LEN, RtAttributeNames.ADDRESS);
    }

    /**
     * Adds an address or updates it when it is there ({@code ip addr replace}).
     *
     * @param address the address, its prefix length and interface
     */
    public void replaceAddress(Address address) {
        execute((w, seq) -> RtMessages.newAddress(w, seq, address, RtMessages.CREATE_OR_REPLACE),
                "replace address " + address.local() + " dev #" + address.index(), IFADDRMSG_LEN,
                RtAttributeNames.ADDRESS);
    }

    /**
     * Deletes an address ({@code ip addr del}).
     *
     * @param address the address, its prefix length and interface
     */
    public void deleteAddress(Address address) {
        execute((w, seq) -> RtMessages.deleteAddress(w, seq, address),
                "delete address " + address.local() + " dev #" + address.index(), IFADDRMSG_LEN,
                RtAttributeNames.ADDRESS);
    }

    // ---- routes ----

    /**
     * The routes of {@code family} in {@code table} (0: every table), filtered by
     * the kernel; a table that does not exist yet has no routes.
     *
     * @param family the address family
     * @param table the routing table ID, or 0 for every table
     * @return the routes; empty when there are none
     */
    public List<Route> routes(IpFamily family, int table) {
        try {
            return dump((w, seq) -> RtMessages.dumpRoutes(w, seq, family, table),
                    "list routes " + family.ipName() + " table " + Integer.toUnsignedString(table), RTMSG_LEN,
                    RtAttributeNames.ROUTE, RTM_NEWROUTE, Route::decode)
                    .stream().filter(r -> table == 0 || r.table() == table)
                    .filter(r -> (r.flags() & RTM_F_CLONED) == 0).toList();
        } catch (NetlinkKernelException e) {
            if (table != 0 && e.errno() == Errno.ENOENT) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Adds a route ({@code ip route add}); fails with {@code EEXIST} when it is there.
     *
     * @param route the route
     */
    public void addRoute(Route route) {
        execute((w, seq) -> RtMessages.newRoute(w, seq, route, RtMessages.CREATE_EXCLUSIVE), "add route " + route,
                RTMSG_LEN, RtAttributeNames.ROUTE);
    }

    /**
     * Adds a route or replaces the one to the same destination ({@code ip route replace}).
     *
     * @param route the route
     */
    public void replaceRoute(Route route) {
        execute((w, seq) -> RtMessages.newRoute(w, seq, route, RtMessages.CREATE_OR_REPLACE), "replace route " + route,
                RTMSG_LEN, RtAttributeNames.ROUTE);
    }

    /**
     * Deletes a route ({@code ip route del}).
     *
     * @param route the fields that identify the route
     */
    public void deleteRoute(Route route) {
        execute((w, seq) -> RtMessages.deleteRoute(w, seq, route), "delete route " + route, RTMSG_LEN,
                RtAttributeNames.ROUTE);
    }

    // ---- rules ----

    /**
     * The policy rules of {@code family}, in priority order.
     *
     * @param family the address family
     * @return the rules, in priority order
     */
    public List<FibRule> rules(IpFamily family) {
        return dump((w, seq) -> RtMessages.dumpRules(w, seq, family), "list rules " + family.ipName(),
                FIB_RULE_HDR_LEN, RtAttributeNames.RULE, RTM_NEWRULE, FibRule::decode);
    }

    /**
     * Adds a policy rule ({@code ip rule add}).
     *
     * @param rule the policy routing rule
     */
    public void addRule(FibRule rule) {
        execute((w, seq) -> RtMessages.newRule(w, seq, rule), "add rule " + rule, FIB_RULE_HDR_LEN,
                RtAttributeNames.RULE);
    }

    /**
     * Deletes the first policy rule matching every field given ({@code ip rule del}).
     *
     * @param rule the fields that identify the rule
     */
    public void deleteRule(FibRule rule) {
        execute((w, seq) -> RtMessages.deleteRule(w, seq, rule), "delete rule " + rule, FIB_RULE_HDR_LEN,
                RtAttributeNames.RULE);
    }

    // ---- plumbing ----

    private void execute(RequestWriter request, String operation, int headerLength, AttributeNamer namer) {
        connection.execute(request, operation, headerLength, namer, null);
    }

    private <T> List<T> dump(RequestWriter request, String operation, int headerLength, AttributeNamer namer,
                             int replyType, Function<NetlinkMessage, T> decoder) {
        return connection.dump(request, () -> new DumpCollector<List<T>>() {
            private final List<T> items = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage message) {
                if (message.type() == replyType) {
                    items.add(decoder.apply(message));
                }
            }

            @Override
            public List<T> result() {
                return List.copyOf(items);
            }
        }, operation, headerLength, namer);
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RtNetlink[" + connection + "]";
    }
}
