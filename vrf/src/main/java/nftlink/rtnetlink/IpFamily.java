package nftlink.rtnetlink;

import nftlink.netlink.NetlinkDecodeException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The two address families rtnetlink addresses, routes and rules come in. */
public enum IpFamily {
    /** {@code AF_INET}. */
    INET(RtnetlinkUapi.AF_INET, 4),
    /** {@code AF_INET6}. */
    INET6(RtnetlinkUapi.AF_INET6, 16);

    private final int number;
    private final int addressLength;

    IpFamily(int number, int addressLength) {
        this.number = number;
        this.addressLength = addressLength;
    }

    /**
     * The {@code AF_*} number.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * Address length in bytes.
     *
     * @return 4 or 16
     */
    public int addressLength() {
        return addressLength;
    }

    /**
     * Longest prefix length: 32 or 128.
     *
     * @return 32 or 128
     */
    public int maxPrefixLength() {
        return addressLength * 8;
    }

    /**
     * The family of an address.
     *
     * @param address the address
     * @return the family
     */
    public static IpFamily of(InetAddress address) {
        return address instanceof Inet6Address ? INET6 : INET;
    }

    /**
     * The family with {@code AF_*} number {@code number}.
     *
     * @param number the {@code AF_*} number
     * @return the family
     * @throws NetlinkDecodeException when it is neither {@code AF_INET} nor {@code AF_INET6}
     */
    public static IpFamily ofNumber(int number) {
        return switch (number) {
            case RtnetlinkUapi.AF_INET -> INET;
            case RtnetlinkUapi.AF_INET6 -> INET6;
            default -> throw new NetlinkDecodeException("unsupported address family " + number);
        };
    }

    /**
     * Whether {@code address} belongs to this family.
     *
     * @param address the address
     * @return whether it is of this family
     */
    public boolean matches(InetAddress address) {
        return this == INET ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    /**
     * The name {@code ip} uses: {@code inet} or {@code inet6}.
     *
     * @return the name
     */
    public String ipName() {
        return this == INET ? "inet" : "inet6";
    }
}
