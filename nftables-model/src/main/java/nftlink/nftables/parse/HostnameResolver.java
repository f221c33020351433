package nftlink.nftables.parse;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns host names in address values ({@code ip daddr localhost}) into addresses. nft always
 * resolves them; nftlink only when asked ({@link NftParser#withHostnameResolution(boolean)},
 * {@code nftlink --resolve-hostnames}), because a rule set should not depend silently on DNS
 * at load time. Without it a host name is an error that says how to enable resolution.
 *
 * <p>As in nft, a name must resolve to exactly one address of the family asked for.
 */
@FunctionalInterface
public interface HostnameResolver {

    /**
     * The addresses of {@code name}, of both families, in the resolver's order.
     *
     * @param name the host name
     * @return the addresses; never empty
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String name) throws UnknownHostException;

    /** Resolves nothing: every host name is an error that says how to enable resolution. */
    HostnameResolver DISABLED = name -> {
        throw new IllegalStateException("hostnames are not resolved unless enabled (NftParser.withHostnameResolution(true), "
                + "nftlink --resolve-hostnames): " + name);
    };

    /**
     * The JVM's resolver ({@link InetAddress#getAllByName}: {@code /etc/hosts}, then DNS as the system
     * is configured).
     *
     * @return the resolver
     */
    static HostnameResolver system() {
        return name -> List.of(InetAddress.getAllByName(name));
    }

    /**
     * Whether {@code text} could be a host name where a value of {@code type} was expected.
     *
     * @param type the expected datatype
     * @param text the token's text
     * @return whether it may be a host name
     */
    static boolean applies(Datatype type, String text) {
        return (type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR)
                && text.matches("(?i)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?")
                && text.matches("(?s).*[A-Za-z_].*");
    }

    /**
     * The one address of the family of {@code type} that {@code name} (in token {@code t}) resolves to.
     *
     * @param resolver the resolver
     * @param t the token holding the name
     * @param type {@code ipv4_addr} or {@code ipv6_addr}
     * @return the address's bytes
     * @throws NftParseException when resolution is disabled, fails, or gives no or several addresses
     */
    static Bytes address(HostnameResolver resolver, Token t, Datatype type) {
        String name = t.text();
        List<InetAddress> all;
        try {
            all = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw Cursor.error(t, "could not resolve hostname: " + name);
        } catch (RuntimeException e) {
            throw Cursor.error(t, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        boolean v6 = type == Datatype.IPV6_ADDR;
        Set<Bytes> found = new LinkedHashSet<>();
        for (InetAddress a : all) {
            if (v6 ? a instanceof Inet6Address : a instanceof Inet4Address) {
                found.add(Bytes.of(a.getAddress()));
            }
        }
        if (found.isEmpty()) {
            throw Cursor.error(t, "hostname " + name + " has no " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        if (found.size() > 1) {
            throw Cursor.error(t, "Hostname resolves to multiple addresses: " + name);
        }
        return found.iterator().next();
    }
}
