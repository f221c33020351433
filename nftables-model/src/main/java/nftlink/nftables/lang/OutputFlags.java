package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * nft's output flags for listings ({@code NFT_CTX_OUTPUT_*}, set by {@code nft -s -S -N -u -n -p -T}):
 * how values, set elements and stateful objects print. nft keeps them in the output context its print
 * functions share; here they are in effect on the current thread while {@link #apply} runs a
 * rendering, and {@link Datatype#print}, {@link SetRenderer} and {@link ObjectRenderer} consult them.
 * {@link RuleRenderer} has its own {@code stateless} and {@code numericProtocol} switches for rules.
 *
 * @param stateless     leave out counter values and quota usage in set elements and objects ({@code -s})
 * @param service       ports by service name from {@code /etc/services}, quoted ({@code -S})
 * @param reverseDns    addresses by host name, looked up in reverse ({@code -N})
 * @param guid          user and group IDs by name from {@code /etc/passwd} and {@code /etc/group} ({@code -u})
 * @param numericSymbol symbolic constants as numbers: {@code icmp type 8}, {@code ct state 0x8} ({@code -n})
 * @param numericProto  layer-4 protocols as numbers ({@code -p}, and {@code -n})
 * @param numericTime   durations in seconds: {@code 3600s} ({@code -T}, and {@code -n})
 */
public record OutputFlags(boolean stateless, boolean service, boolean reverseDns, boolean guid,
                          boolean numericSymbol, boolean numericProto, boolean numericTime) {

    /** Plain {@code nft list}: every flag off. */
    public static final OutputFlags DEFAULT = new OutputFlags(false, false, false, false, false, false, false);

    private static final ThreadLocal<OutputFlags> CURRENT = ThreadLocal.withInitial(() -> DEFAULT);

    /**
     * The flags in effect on this thread: {@link #DEFAULT} outside {@link #apply}.
     *
     * @return the flags
     */
    public static OutputFlags current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code rendering} with these flags in effect on this thread, and returns its result.
     *
     * @param <T> the result's type
     * @param rendering the work
     * @return what the work returned
     */
    public <T> T apply(Supplier<T> rendering) {
        OutputFlags previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return rendering.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** {@code value} of {@code type} as these flags print it, or {@code null} when they change nothing. */
    String print(Datatype type, Bytes value) {
        return switch (type) {
            case INET_PROTO -> numericProto ? Integer.toString(value.get(0)) : null;
            case INET_SERVICE -> service ? quoted(SystemNames.SERVICES.get(value.asBigEndian())) : null;
            case UID -> guid ? quoted(SystemNames.USERS.get(Integer.toUnsignedLong(value.asU32()))) : null;
            case GID -> guid ? quoted(SystemNames.GROUPS.get(Integer.toUnsignedLong(value.asU32()))) : null;
            case IPV4_ADDR, IPV6_ADDR -> reverseDns ? hostName(value) : null;
            case TIME -> numericTime ? seconds(Integer.toUnsignedLong(value.asU32())) : null;
            default -> numericSymbol ? numericSymbol(type, value) : null;
        };
    }

    /** A duration in milliseconds as {@code -T} prints it, or {@code null} without {@code -T}. */
    String time(long millis) {
        return numericTime ? seconds(millis) : null;
    }

    /** A ct state mask as {@code -n} prints it ({@code 0x2,0x4}), or {@code null} without {@code -n}. */
    String ctState(int mask) {
        return numericSymbol ? bits(Integer.toUnsignedLong(mask)) : null;
    }

    private static String seconds(long millis) {
        return millis / 1000 + "s";
    }

    private static String numericSymbol(Datatype type, Bytes value) {
        return switch (type) {
            case ICMP_TYPE, ICMPV6_TYPE, PKTTYPE, ARP_OP, NFPROTO, ARPHRD, DCCP_PKTTYPE, MH_TYPE, CT_DIR, IGMP_TYPE,
                 MPTCP_SUBTYPE, DEVGROUP, REALM, ICMP_CODE, ICMPV6_CODE, ETHERTYPE -> type.printNumeric(value);
            case FIB_ADDR, BOOLEAN -> Long.toUnsignedString(number(type, value));
            case DSCP, ECN -> "0x" + Long.toHexString(number(type, value));
            case TCP_FLAG, CT_STATUS, CT_EVENT, CT_STATE -> bits(number(type, value));
            default -> null;
        };
    }

    private static long number(Datatype type, Bytes value) {
        return type.hostOrder() ? value.reversed().asBigEndian() : value.asBigEndian();
    }

    /** The set bits of a mask each in hex, joined by commas ({@code 0x2,0x10}); {@code 0x0} for none. */
    private static String bits(long mask) {
        if (mask == 0) {
            return "0x0";
        }
        StringBuilder sb = new StringBuilder();
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append("0x").append(Long.toHexString(Long.lowestOneBit(rest)));
        }
        return sb.toString();
    }

    private static String quoted(String name) {
        return name == null ? null : '"' + name + '"';
    }

    /** The host name of an address as getnameinfo(3) gives it, or {@code null} (printed as an address) without one. */
    private static String hostName(Bytes address) {
        try {
            InetAddress a = InetAddress.getByAddress(address.toArray());
            String name = a.getHostName();
            return name.equals(a.getHostAddress()) ? null : name;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Names from the system's files, read once: the first name of each number, as getservbyport(3) and getpwuid(3) find it. */
    private static final class SystemNames {
        static final Map<Long, String> SERVICES = read(Path.of("/etc/services"), SystemNames::service);
        static final Map<Long, String> USERS = read(Path.of("/etc/passwd"), SystemNames::account);
        static final Map<Long, String> GROUPS = read(Path.of("/etc/group"), SystemNames::account);

        private SystemNames() {
        }

        /** {@code ssh 22/tcp}: the number before the slash, and the name. */
        private static Map.Entry<Long, String> service(String line) {
            String[] f = line.strip().split("\\s+");
            int slash = f.length < 2 ? -1 : f[1].indexOf('/');
            return slash <= 0 ? null : Map.entry(Long.parseLong(f[1].substring(0, slash)), f[0]);
        }

        /** {@code root:x:0:...}: the third field, and the first. */
        private static Map.Entry<Long, String> account(String line) {
            String[] f = line.split(":", 4);
            return f.length < 3 ? null : Map.entry(Long.parseLong(f[2]), f[0]);
        }

        private static Map<Long, String> read(Path file, Function<String, Map.Entry<Long, String>> entry) {
            Map<Long, String> names = new HashMap<>();
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
            for (String line : lines) {
                int hash = line.indexOf('#');
                String content = hash < 0 ? line : line.substring(0, hash);
                if (content.isBlank()) {
                    continue;
                }
                try {
                    Map.Entry<Long, String> e = entry.apply(content);
                    if (e != null) {
                        names.putIfAbsent(e.getKey(), e.getValue());
                    }
                } catch (NumberFormatException e) {
                    // a malformed line: getservbyport(3) skips it too
                }
            }
            return Map.copyOf(names);
        }
    }
}
