package nftlink.rtnetlink;

import java.util.List;

/**
 * Everything of the subscribed kinds at one moment, as dumped by a
 * {@link RtMonitor} when it starts and after it lost messages.
 *
 * @param links     links (empty unless {@link RtGroup#LINK} is subscribed)
 * @param addresses addresses of the subscribed families
 * @param routes    routes of every table of the subscribed families
 * @param rules     policy rules of the subscribed families
 */
public record RtSnapshot(List<Link> links, List<Address> addresses, List<Route> routes, List<FibRule> rules) {
    /** Copies the lists, which must not be null. */
    public RtSnapshot {
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }
}
