package nftlink.rtnetlink;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address with a prefix length, such as {@code 10.20.30.0/24} or {@code 2001:db8::/64}.
 * The host bits are kept as given (an interface address {@code 10.0.0.1/24} is a prefix too).
 *
 * @param address the address
 * @param length  the prefix length, 0 to 32 (IPv4) or 0 to 128 (IPv6)
 */
public record Prefix(InetAddress address, int length) {

    /** Checks the components: an address, and a length within its family's bits. */
    public Prefix {
        Objects.requireNonNull(address, "address");
        int max = IpFamily.of(address).maxPrefixLength();
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + max + " for " + address.getHostAddress());
        }
    }

    /**
     * Parses {@code ADDRESS/LENGTH} or a bare address (a host prefix) from literals only, never DNS.
     *
     * @param text the prefix or address
     * @return the prefix
     */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash));
        int length = slash < 0 ? IpFamily.of(address).maxPrefixLength() : Integer.parseInt(text.substring(slash + 1));
        return new Prefix(address, length);
    }

    /**
     * The family of the address.
     *
     * @return the family
     */
    public IpFamily family() {
        return IpFamily.of(address);
    }

    /**
     * Whether this is a whole host ({@code /32} or {@code /128}).
     *
     * @return whether this is a host prefix
     */
    public boolean isHost() {
        return length == family().maxPrefixLength();
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
