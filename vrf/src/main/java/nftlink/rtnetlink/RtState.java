package nftlink.rtnetlink;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mirror of the kernel's links, addresses, routes and rules, kept current by a
 * {@link RtMonitor}: snapshots replace it, events update it. Objects are keyed
 * the way the kernel identifies them (a link by index, an address by interface
 * and prefix, a route by table, destination, source, TOS and metric, a rule by
 * everything it matches on), so a repeated event changes nothing.
 *
 * <p>The kernel does not announce the IPv4 routes it flushes when a link goes
 * down or away, nor the addresses of a deleted link; the mirror drops them itself.
 * Not thread-safe: read it on the thread that polls the monitor.
 */
public final class RtState implements RtListener {
    private record AddressKey(IpFamily family, int index, Prefix local) {
    }

    private record RouteKey(IpFamily family, int table, Prefix destination, Prefix source, int tos, long metric) {
    }

    private final Map<Integer, Link> links = new TreeMap<>();
    private final Map<AddressKey, Address> addresses = new LinkedHashMap<>();
    private final Map<RouteKey, Route> routes = new LinkedHashMap<>();
    private final Map<FibRule, FibRule> rules = new LinkedHashMap<>();
    private int snapshots;

    /** An empty mirror; a monitor fills it with its first snapshot. */
    public RtState() {
    }

    @Override
    public void onSnapshot(RtSnapshot snapshot) {
        snapshots++;
        links.clear();
        addresses.clear();
        routes.clear();
        rules.clear();
        snapshot.links().forEach(l -> links.put(l.index(), l));
        snapshot.addresses().forEach(a -> addresses.put(key(a), a));
        snapshot.routes().forEach(r -> routes.put(key(r), r));
        snapshot.rules().forEach(r -> rules.put(key(r), r));
    }

    @Override
    public void onEvent(RtEvent event) {
        boolean added = event.change() == RtEvent.Change.NEW;
        switch (event.object()) {
            case Link l -> {
                if (added) {
                    links.put(l.index(), l);
                    if (!l.isUp()) {
                        routes.values().removeIf(r -> r.family() == IpFamily.INET && r.oif() == l.index());
                    }
                } else {
                    links.remove(l.index());
                    addresses.values().removeIf(a -> a.index() == l.index());
                    routes.values().removeIf(r -> r.oif() == l.index());
                }
            }
            case Address a -> {
                if (added) {
                    addresses.put(key(a), a);
                } else {
                    addresses.remove(key(a));
                }
            }
            case Route r -> {
                if (added) {
                    routes.put(key(r), r);
                } else {
                    routes.remove(key(r));
                }
            }
            case FibRule r -> {
                if (added) {
                    rules.put(key(r), r);
                } else {
                    rules.remove(key(r));
                }
            }
        }
    }

    private static AddressKey key(Address a) {
        return new AddressKey(a.family(), a.index(), a.local());
    }

    private static RouteKey key(Route r) {
        return new RouteKey(r.family(), r.table(), r.destination(), r.source(), r.tos(), Math.max(r.metric(), 0));
    }

    private static FibRule key(FibRule r) {
        return r.withoutUnknown();
    }

    /**
     * How many snapshots were applied (1 after opening; more after resyncs).
     *
     * @return the number of snapshots
     */
    public int snapshots() {
        return snapshots;
    }

    /**
     * The links, by index.
     *
     * @return the links
     */
    public List<Link> links() {
        return List.copyOf(links.values());
    }

    /**
     * The link named {@code name}.
     *
     * @param name the interface name
     * @return the link, or empty when the mirror holds none of that name
     */
    public Optional<Link> link(String name) {
        return links.values().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * The addresses.
     *
     * @return the addresses
     */
    public List<Address> addresses() {
        return List.copyOf(addresses.values());
    }

    /**
     * The routes.
     *
     * @return the routes
     */
    public List<Route> routes() {
        return List.copyOf(routes.values());
    }

    /**
     * The routes of {@code table}.
     *
     * @param table the routing table ID
     * @return the routes
     */
    public List<Route> routes(int table) {
        return routes.values().stream().filter(r -> r.table() == table).toList();
    }

    /**
     * The rules.
     *
     * @return the rules
     */
    public List<FibRule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * Whether some address on any link equals {@code address}.
     *
     * @param address the address
     * @return whether it is on a link
     */
    public boolean hasAddress(InetAddress address) {
        return addresses.values().stream().anyMatch(a -> a.local().address().equals(address));
    }

}
