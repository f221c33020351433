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
 * Host names where the parser expects an address: which tokens may be one, and the address a
 * {@link HostnameResolver} gives for it. Kept out of the public {@link HostnameResolver}
 * because it works on the parser's tokens.
 */
final class Hostnames {
    private Hostnames() {
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
