package nftlink.nftables.conformance;

import java.util.List;

/**
 * The set key types the generator writes: nft's type name, the feature that
 * switches it on, the expressions that match it in a rule of a given shape, and
 * values in disjoint slots (a value, range or prefix in slot {@code i} never
 * overlaps or touches one in slot {@code j}), so interval elements never overlap
 * and are never adjacent (which nft would merge).
 */
enum KeyType {
    IPV4("ipv4_addr", GeneratorFeature.KEY_IPV4, false, 64),
    IPV6("ipv6_addr", GeneratorFeature.KEY_IPV6, false, 64),
    ETHER("ether_addr", GeneratorFeature.KEY_ETHER, false, 64),
    SERVICE("inet_service", GeneratorFeature.KEY_SERVICE, false, 64),
    PROTO("inet_proto", GeneratorFeature.KEY_PROTO, false, 8),
    MARK("mark", GeneratorFeature.KEY_MARK, true, 64),
    CT_MARK("mark", GeneratorFeature.KEY_CT_MARK, true, 64),
    UID("uid", GeneratorFeature.KEY_UID, true, 64),
    GID("gid", GeneratorFeature.KEY_GID, true, 64),
    PRIORITY("classid", GeneratorFeature.KEY_PRIORITY, true, 64),
    IFNAME("ifname", GeneratorFeature.KEY_IFNAME, false, 64),
    CT_STATE("ct_state", GeneratorFeature.KEY_CT_STATE, false, 5),
    IFACE("iface_index", GeneratorFeature.IIF_NAMES, false, 3);

    /** Protocols nft knows by name, no two adjacent (nft merges adjacent elements of interval sets). */
    private static final int[] PROTOCOLS = {6, 17, 1, 50, 33, 47, 132, 136};
    private static final String[] PROTOCOL_NAMES = {"tcp", "udp", "icmp", "esp", "dccp", "gre", "sctp", "udplite"};
    private static final String[] CT_STATES = {"new", "established", "related", "invalid", "untracked"};

    final String type;
    final GeneratorFeature feature;
    final boolean hostOrder;
    final int slots;

    KeyType(String type, GeneratorFeature feature, boolean hostOrder, int slots) {
        this.type = type;
        this.feature = feature;
        this.hostOrder = hostOrder;
        this.slots = slots;
    }

    /** The expressions matching this type in a rule of {@code shape}; empty when none does. */
    List<String> selectors(RuleShape shape) {
        return switch (this) {
            case IPV4 -> shape.l3IsIp() ? List.of("ip saddr", "ip daddr")
                    : shape.isArp() ? List.of("arp saddr ip", "arp daddr ip") : List.of();
            case IPV6 -> shape.l3IsIp6() ? List.of("ip6 saddr", "ip6 daddr") : List.of();
            case ETHER -> shape.isArp() ? List.of("arp saddr ether", "arp daddr ether")
                    : shape.layer2() ? List.of("ether saddr", "ether daddr") : List.of();
            case SERVICE -> shape.ports() ? List.of(shape.l4() + " dport", shape.l4() + " sport") : List.of();
            case PROTO -> shape.ports() ? List.of()
                    : shape.l3IsIp() ? List.of("ip protocol", "meta l4proto") : shape.l3IsIp6() ? List.of("meta l4proto") : List.of();
            case MARK -> List.of("meta mark");
            case CT_MARK -> shape.conntrack() ? List.of("ct mark") : List.of();
            case UID -> shape.sockets() ? List.of("meta skuid") : List.of();
            case GID -> shape.sockets() ? List.of("meta skgid") : List.of();
            case PRIORITY -> shape.isArp() ? List.of() : List.of("meta priority");
            case IFNAME -> List.of("iifname", "oifname");
            case CT_STATE -> shape.conntrack() ? List.of("ct state") : List.of();
            case IFACE -> List.of("iif", "oif");
        };
    }

    /** Whether ranges of this type can be elements of interval sets and matched. */
    boolean ranges() {
        return switch (this) {
            case IPV4, IPV6, SERVICE, MARK, CT_MARK, UID, GID, PRIORITY -> true;
            default -> false;
        };
    }

    /** Whether address prefixes of this type can be written. */
    boolean prefixes() {
        return this == IPV4 || this == IPV6;
    }

    /** A value in {@code slot} ({@code 0 <= slot < slots}). */
    String single(Choices c, int slot) {
        return switch (this) {
            case IPV4 -> ipv4(slotBase(slot, 18) + c.between(1, (1 << 18) - 2));
            case IPV6 -> Ipv6Text.write(c, slot, c.between(1L, 0xfffffffeL));
            case ETHER -> String.format("02:00:00:%02x:%02x:%02x", slot, c.between(0, 255), c.between(0, 255));
            case SERVICE -> Integer.toString(slot * 1000 + c.between(1, 999));
            case PROTO -> c.roll(50) ? PROTOCOL_NAMES[slot] : Integer.toString(PROTOCOLS[slot]);
            case MARK, CT_MARK -> mark(c, ((long) slot << 24) + c.between(1, 0xfffffe));
            case UID, GID -> Integer.toString(20000 + slot * 1000 + c.between(1, 998));
            case PRIORITY -> Integer.toHexString(slot + 1) + ":" + Integer.toHexString(c.between(1, 0xfff0));
            case IFNAME -> "\"" + c.pick("eth", "veth", "wg", "br") + slot + "\"";
            case CT_STATE -> CT_STATES[slot];
            case IFACE -> "\"" + RulesetGenerator.DEVICES.get(slot) + "\"";
        };
    }

    /** A range {@code a-b} inside {@code slot}, from zero in the {@link #zeroSlot()} with {@code fromZero}; only when {@link #ranges()}. */
    String range(Choices c, int slot, boolean fromZero) {
        return switch (this) {
            case IPV4 -> {
                long low = slotBase(slot, 18) + c.between(1, 1 << 16);
                yield ipv4(low) + "-" + ipv4(low + c.between(1, 1 << 16));
            }
            case IPV6 -> {
                long low = slot == zeroSlot() && fromZero ? 0 : c.between(1L, 0x7fffffffL);
                yield Ipv6Text.write(c, slot, low) + "-" + Ipv6Text.write(c, slot, low + c.between(1L, 0x7fffffffL));
            }
            case SERVICE -> {
                int low = slot * 1000 + c.between(1, 499);
                yield low + "-" + (low + c.between(1, 499));
            }
            case MARK, CT_MARK -> {
                long low = slot == zeroSlot() && fromZero ? 0 : ((long) slot << 24) + c.between(1, 0x7fffff);
                yield mark(c, low) + "-" + mark(c, low + c.between(1, 0x7fffff));
            }
            case UID, GID -> {
                int low = 20000 + slot * 1000 + c.between(1, 499);
                yield low + "-" + (low + c.between(1, 499));
            }
            case PRIORITY -> {
                int low = c.between(1, 0x7ff0);
                String major = Integer.toHexString(slot + 1);
                yield major + ":" + Integer.toHexString(low) + "-" + major + ":" + Integer.toHexString(low + c.between(1, 0x7ff0));
            }
            default -> throw new IllegalStateException(this + " has no ranges");
        };
    }

    /**
     * An address prefix inside {@code slot}, touching neither end of the slot (nft merges
     * adjacent intervals of anonymous sets), from zero in the {@link #zeroSlot()} with
     * {@code fromZero}; only when {@link #prefixes()}.
     */
    String prefix(Choices c, int slot, boolean fromZero) {
        if (this == IPV4) {
            int length = c.between(16, 30);
            long size = 1L << (32 - length);
            long base = slotBase(slot, 18) + (c.between(1L, (1L << 18) / size - 2) * size);
            return ipv4(base) + "/" + length;
        }
        int length = c.between(99, 126);
        long size = 1L << (128 - length);
        long base = slot == zeroSlot() && fromZero ? 0 : c.between(1L, (1L << 32) / size - 2) * size;
        return Ipv6Text.write(c, slot, base) + "/" + length;
    }

    /** The slot whose ranges and prefixes can start at zero ({@code ::/99}, {@code 0x0-0x10}), or -1. */
    int zeroSlot() {
        return switch (this) {
            case IPV6 -> 1;
            case MARK, CT_MARK -> 0;
            default -> -1;
        };
    }

    /** A value anywhere in the type's domain (IPv6: IPv4-mapped ones when that feature is chosen). */
    String any(Choices c) {
        if (this == IPV6 && c.maybe(GeneratorFeature.IPV6_MAPPED, 10)) {
            return single(c, 0);
        }
        return single(c, c.between(0, slots - 1));
    }

    private static long slotBase(int slot, int bits) {
        return (10L << 24) + ((long) slot << bits);
    }

    static String ipv4(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    private static String mark(Choices c, long v) {
        return c.roll(70) ? "0x" + Long.toHexString(v) : Long.toString(v);
    }
}
