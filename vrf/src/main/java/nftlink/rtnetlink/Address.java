package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.rtnetlink.IfAddr.*;

/**
 * An interface address ({@code struct ifaddrmsg} and {@code IFA_*} attributes),
 * as {@code ip addr} shows it.
 *
 * @param index   the interface's index
 * @param local   the address with its prefix length, e.g. {@code 10.0.0.1/24}
 *                ({@code IFA_LOCAL} for IPv4, {@code IFA_ADDRESS} for IPv6)
 * @param peer    the peer address of a point-to-point address ({@code IFA_ADDRESS}
 *                when it differs from the local one), or {@code null}
 * @param scope   {@code RT_SCOPE_*}: 0 global, 253 link, 254 host
 * @param flags   {@code IFA_F_*} flags (the 8-bit header field and {@code IFA_FLAGS})
 * @param label   the IPv4 label ({@code IFA_LABEL}), or {@code null}
 * @param unknown other attributes (cache info, broadcast, ...), kept for round trips
 */
public record Address(int index, Prefix local, InetAddress peer, int scope, int flags, String label,
                      List<RawAttribute> unknown) implements RtObject {

    /** Checks the components: the local prefix not null, and a peer of its family. */
    public Address {
        Objects.requireNonNull(local, "local");
        if (peer != null && IpFamily.of(peer) != local.family()) {
            throw new IllegalArgumentException("peer " + peer.getHostAddress() + " is not of the family of " + local);
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope out of range: " + scope);
        }
        if (peer != null && peer.equals(local.address())) {
            peer = null;
        }
        unknown = List.copyOf(unknown);
    }

    /**
     * A global-scope address on interface {@code index}.
     *
     * @param index the interface index
     * @param local the address and prefix length
     * @return the address
     */
    public static Address of(int index, Prefix local) {
        return new Address(index, local, null, RtnetlinkUapi.RT_SCOPE_UNIVERSE, 0, null, List.of());
    }

    /**
     * A global-scope address on interface {@code index}, parsed from {@code ADDRESS/LENGTH}.
     *
     * @param index the interface index
     * @param prefix the address as {@code ADDRESS/LENGTH}
     * @return the address
     */
    public static Address of(int index, String prefix) {
        return of(index, Prefix.parse(prefix));
    }

    /**
     * This address with another scope ({@code RT_SCOPE_*}).
     *
     * @param newScope the scope
     * @return the changed copy
     */
    public Address withScope(int newScope) {
        return new Address(index, local, peer, newScope, flags, label, unknown);
    }

    /**
     * This address with other {@code IFA_F_*} flags.
     *
     * @param newFlags the flags
     * @return the changed copy
     */
    public Address withFlags(int newFlags) {
        return new Address(index, local, peer, scope, newFlags, label, unknown);
    }

    /**
     * The family of the address.
     *
     * @return the family
     */
    public IpFamily family() {
        return local.family();
    }

    /** Writes {@code struct ifaddrmsg} and the attributes, the way {@code ip addr add} does. */
    void write(MessageWriter w, boolean withUnknown) {
        IpFamily family = family();
        w.putU8(family.number()).putU8(local.length()).putU8(flags & 0xff).putU8(scope).putU32(index);
        if (family == IpFamily.INET) {
            RtAttributes.attrAddress(w, IFA_LOCAL, local.address());
            RtAttributes.attrAddress(w, IFA_ADDRESS, peer == null ? local.address() : peer);
        } else {
            if (peer != null) {
                RtAttributes.attrAddress(w, IFA_LOCAL, local.address());
            }
            RtAttributes.attrAddress(w, IFA_ADDRESS, peer == null ? local.address() : peer);
        }
        if (label != null) {
            w.attrString(IFA_LABEL, label);
        }
        if ((flags & ~0xff) != 0) {
            w.attrU32(IFA_FLAGS, flags);
        }
        if (withUnknown) {
            RtAttributes.writeAll(w, unknown);
        }
    }

    /**
     * Decodes an {@code RTM_NEWADDR} or {@code RTM_DELADDR} message.
     *
     * @param message the message
     * @return the address
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static Address decode(NetlinkMessage message) {
        IpFamily family = IpFamily.ofNumber(message.payloadU8(0));
        int prefixLength = message.payloadU8(1);
        int flags = message.payloadU8(2);
        int scope = message.payloadU8(3);
        int index = message.payloadU32(4);
        InetAddress address = null;
        InetAddress localAttr = null;
        String label = null;
        List<RawAttribute> unknown = new ArrayList<>();
        for (Attribute a : message.attributes(RtnetlinkUapi.IFADDRMSG_LEN)) {
            switch (a.rawType()) {
                case IFA_ADDRESS -> address = RtAttributes.address(a, family, "IFA_ADDRESS");
                case IFA_LOCAL -> localAttr = RtAttributes.address(a, family, "IFA_LOCAL");
                case IFA_LABEL -> label = a.string();
                case IFA_FLAGS -> {
                    int f = a.u32();
                    if ((f & 0xff) != flags) {
                        unknown.add(RawAttribute.of(a));
                    } else {
                        flags = f;
                    }
                }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (address == null && localAttr == null) {
            throw new NetlinkDecodeException("address message without IFA_ADDRESS or IFA_LOCAL");
        }
        InetAddress local = localAttr != null ? localAttr : address;
        InetAddress peer = address != null && !address.equals(local) ? address : null;
        try {
            return new Address(index, new Prefix(local, prefixLength), peer, scope, flags, label, unknown);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("address message: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Address[" + family().ipName() + " " + local + (peer == null ? "" : " peer " + peer.getHostAddress())
                + " dev #" + index + " scope " + scope + " flags 0x" + Integer.toHexString(flags)
                + (label == null ? "" : " label " + label) + "]";
    }
}
