package nftlink.nftables.xt;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code -m conntrack} and {@code -m state} (iptables-nft writes both as {@code conntrack}):
 * {@code struct xt_conntrack_mtinfo3}, revision 3. Ports are in host byte order at this revision.
 *
 * @param addresses    origsrc, origdst, replsrc and repldst, each an address and its mask (8 × 16 bytes)
 * @param expiresMin   lowest remaining lifetime in seconds
 * @param expiresMax   highest remaining lifetime in seconds
 * @param l4proto      the layer-4 protocol
 * @param ports        origsrc, origdst, replsrc and repldst port, low end
 * @param portsHigh    the same ports' high ends
 * @param matchFlags   {@code XT_CONNTRACK_*} of what is matched
 * @param invertFlags  {@code XT_CONNTRACK_*} of what is negated
 * @param stateMask    {@code XT_CONNTRACK_STATE_*} bits
 * @param statusMask   {@code IPS_*} bits
 */
public record Conntrack(Bytes addresses, long expiresMin, long expiresMax, int l4proto, List<Integer> ports, List<Integer> portsHigh,
                        int matchFlags, int invertFlags, int stateMask, int statusMask) implements XtInfo {
    static final int SIZE = 164;
    private static final int STATE = 1;
    private static final int PROTO = 1 << 1;
    private static final int STATUS = 1 << 6;
    private static final int EXPIRES = 1 << 7;
    private static final int DIRECTION = 1 << 12;
    private static final int STATE_SNAT = 1 << 6;
    private static final int STATE_DNAT = 1 << 7;
    private static final String[] ADDRESS_KEYS = {"original saddr", "original daddr", "reply saddr", "reply daddr"};
    private static final String[] PORT_KEYS = {"original proto-src", "original proto-dst", "reply proto-src", "reply proto-dst"};

    /** Copies the lists and checks their sizes. */
    public Conntrack {
        ports = List.copyOf(ports);
        portsHigh = List.copyOf(portsHigh);
        if (addresses.length() != 128 || ports.size() != 4 || portsHigh.size() != 4) {
            throw new IllegalArgumentException("conntrack holds 4 address/mask pairs and 4 port ranges");
        }
    }

    /**
     * Decodes {@code struct xt_conntrack_mtinfo3}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Conntrack decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "conntrack");
        List<Integer> ports = new ArrayList<>();
        List<Integer> high = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ports.add(r.u16(138 + 2 * i));
            high.add(r.u16(154 + 2 * i));
        }
        return new Conntrack(Bytes.of(r.bytes(0, 128)), Integer.toUnsignedLong(r.u32(128)), Integer.toUnsignedLong(r.u32(132)),
                r.u16(136), ports, high, r.u16(146), r.u16(148), r.u16(150), r.u16(152));
    }

    @Override
    public Optional<String> text(XtContext context) {
        Xlate x = new Xlate();
        String space = "";
        String direction = (invertFlags & DIRECTION) != 0 ? "reply" : "original";
        if ((matchFlags & DIRECTION) != 0) {
            x.add("ct direction " + direction);
            space = " ";
        }
        if ((matchFlags & PROTO) != 0) {
            x.add(space + "ct " + direction + " protocol " + ((invertFlags & PROTO) != 0 ? "!= " : "") + l4proto);
            space = " ";
        }
        if ((matchFlags & STATE) != 0) {
            if ((stateMask & (STATE_SNAT | STATE_DNAT)) != 0) {
                x.add(space + "ct status " + ((invertFlags & STATUS) != 0 ? "!=" : "")
                        + ((stateMask & STATE_SNAT) != 0 ? "snat" : "dnat"));
            } else {
                x.add(space + "ct state ");
                flags(x, stateMask, (invertFlags & STATE) != 0, new int[]{1, 8, 4, 2, 0x100},
                        new String[]{"invalid", "new", "related", "established", "untracked"});
            }
            space = " ";
        }
        if ((matchFlags & STATUS) != 0) {
            x.add(space + "ct status ");
            flags(x, statusMask, (invertFlags & STATUS) != 0, new int[]{1, 2, 4, 8},
                    new String[]{"expected", "seen-reply", "assured", "confirmed"});
            space = " ";
        }
        if ((matchFlags & EXPIRES) != 0) {
            x.add(space + "ct expiration " + ((invertFlags & EXPIRES) != 0 ? "!= " : ""));
            x.add(expiresMax == expiresMin ? Long.toString(expiresMin) : expiresMin + "-" + expiresMax);
            space = " ";
        }
        for (int i = 0; i < 4; i++) {
            int flag = 1 << (2 + i);
            if ((matchFlags & flag) != 0) {
                x.add(space + "ct " + ADDRESS_KEYS[i] + " " + ((invertFlags & flag) != 0 ? "!= " : ""));
                x.add(address(i, context.ipv6()));
                space = " ";
            }
        }
        for (int i = 0; i < 4; i++) {
            int flag = 1 << (8 + i);
            if ((matchFlags & flag) != 0) {
                x.add(space + "ct " + PORT_KEYS[i] + " " + ((invertFlags & flag) != 0 ? "!= " : ""));
                int low = ports.get(i);
                int high = portsHigh.get(i);
                x.add(low == high ? Integer.toString(low) : low + "-" + high);
                space = " ";
            }
        }
        return Optional.of(x.text());
    }

    private static void flags(Xlate x, int mask, boolean inverted, int[] bits, String[] names) {
        if (inverted) {
            x.add("! ");
        }
        String sep = "";
        for (int i = 0; i < bits.length; i++) {
            if ((mask & bits[i]) != 0) {
                x.add(sep + names[i]);
                sep = ",";
            }
        }
    }

    /** Address {@code i} and its mask as libxtables prints them numerically. */
    private String address(int i, boolean ipv6) {
        byte[] all = addresses.toArray();
        int length = ipv6 ? 16 : 4;
        byte[] address = Arrays.copyOfRange(all, 32 * i, 32 * i + length);
        byte[] mask = Arrays.copyOfRange(all, 32 * i + 16, 32 * i + 16 + length);
        return Datatype.printAddress(address) + Addresses.mask(mask);
    }
}
