package nftlink.vrf;

import nftlink.rtnetlink.IfLink;
import nftlink.rtnetlink.Route;

import java.util.List;
import java.util.Objects;

/**
 * What an isolated VRF consists of: its device and table, the interfaces that
 * belong to it, and the routes of its table.
 *
 * @param name    the VRF device's name, e.g. {@code vrf-blue}
 * @param table   its routing table
 * @param members names of the interfaces to enslave
 * @param routes  routes to keep in the VRF's table (each must name that table)
 */
public record VrfSpec(String name, int table, List<String> members, List<Route> routes) {

    /** Checks the components: a valid name, a table other than 0; copies the lists. */
    public VrfSpec {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > IfLink.IFNAME_MAX_LENGTH) {
            throw new IllegalArgumentException("invalid VRF name \"" + name + "\"");
        }
        if (table == 0) {
            throw new IllegalArgumentException("a VRF needs a table other than 0");
        }
        members = List.copyOf(members);
        routes = List.copyOf(routes);
        for (Route r : routes) {
            if (r.table() != table) {
                throw new IllegalArgumentException("route " + r + " is not in the VRF's table " + table);
            }
        }
    }

    /**
     * A VRF with members and no routes.
     *
     * @param name the VRF device's name
     * @param table the VRF's routing table
     * @param members the names of the interfaces to enslave
     * @return the spec
     */
    public static VrfSpec of(String name, int table, String... members) {
        return new VrfSpec(name, table, List.of(members), List.of());
    }

    /**
     * This spec with other routes in the VRF's table.
     *
     * @param newRoutes the routes
     * @return the changed copy
     */
    public VrfSpec withRoutes(List<Route> newRoutes) {
        return new VrfSpec(name, table, members, newRoutes);
    }
}
