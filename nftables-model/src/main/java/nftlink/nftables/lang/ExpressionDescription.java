package nftlink.nftables.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nft's {@code describe EXPRESSION} (its {@code expr_describe}): the kind of expression, its
 * datatype's name and description, the base types it derives from, its width, and the names
 * the datatype gives its values, for the packet, meta and ct fields nftlink's rule language knows.
 */
public final class ExpressionDescription {

    private static final List<Datatype> HEXADECIMAL = List.of(Datatype.ETHERTYPE, Datatype.ARP_OP, Datatype.ARPHRD,
            Datatype.TCP_FLAG, Datatype.CT_STATE, Datatype.CT_STATUS, Datatype.CT_EVENT, Datatype.DSCP, Datatype.ECN);

    private ExpressionDescription() {
    }

    /**
     * What nft prints for {@code describe WORDS}, each line ended, when the words name a field nftlink
     * knows ({@code tcp dport}, {@code meta mark}, {@code ct state}, ...).
     *
     * @param words the expression's words
     * @return the description, or empty for words that name no field
     */
    public static Optional<String> describe(List<String> words) {
        Optional<Field> field = field(words);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        Field f = field.get();
        Datatype type = f.datatype();
        int bits = StatementArgument.bits(f);
        boolean string = type == Datatype.IFNAME || type == Datatype.STRING;
        StringBuilder sb = new StringBuilder(switch (f) {
            case MetaField m -> "meta";
            case CtField c -> "ct";
            case ExthdrField x -> "exthdr";
            default -> "payload";
        });
        sb.append(" expression, datatype ").append(type.nftName()).append(" (").append(StatementArgument.description(type)).append(')');
        String base = basetypes(type);
        if (base != null) {
            sb.append(" (basetype ").append(base).append(')');
        }
        sb.append(", ").append(string ? bits / 8 + " characters" : bits + " bits").append('\n');
        symbols(sb, type, bits);
        return Optional.of(sb.toString());
    }

    private static Optional<Field> field(List<String> words) {
        if (words.size() != 2) {
            return words.size() == 3 ? Fields.header(words.get(0), words.get(1), words.get(2)) : Optional.empty();
        }
        return switch (words.getFirst()) {
            case "meta" -> Fields.meta(words.get(1)).map(m -> m);
            case "ct" -> Fields.ct(words.get(1)).map(c -> c);
            default -> Fields.header(words.get(0), words.get(1));
        };
    }

    /** nft's base types of {@code type}, nearest first; {@code null} for the integer itself. */
    private static String basetypes(Datatype type) {
        return switch (type) {
            case INTEGER, HOST_INTEGER, HEX_INTEGER -> null;
            case ETHER_ADDR -> "link layer address, integer";
            case IFNAME, STRING -> "string";
            default -> type.isBitmask() ? "bitmask, integer" : "integer";
        };
    }

    /** The names of the datatype's values, as nft's {@code symbol_table_print} (or, for protocols, the protocol database) lists them. */
    private static void symbols(StringBuilder sb, Datatype type, int bits) {
        if (type == Datatype.INET_PROTO) {
            for (int number = 0; number < 256; number++) {
                String name = Netdb.protocolName(number);
                if (name != null) {
                    sb.append(String.format("\t%-30s\t%d%n", name, number));
                }
            }
            return;
        }
        Map<String, Integer> names = table(type);
        if (names == null || names.isEmpty()) {
            return;
        }
        boolean hex = HEXADECIMAL.contains(type);
        sb.append("\npre-defined symbolic constants (in ").append(hex ? "hexadecimal" : "decimal").append("):\n");
        int digits = (bits + 7) / 8 * 2;
        names.forEach((name, value) -> sb.append(String.format("\t%-30s\t", name))
                .append(hex ? String.format("0x%0" + digits + "x", value) : String.format("%20d", value)).append('\n'));
    }

    /** The names nft's symbol table of {@code type} gives, in its order, or {@code null}. */
    private static Map<String, Integer> table(Datatype type) {
        Map<String, Integer> m = new LinkedHashMap<>();
        switch (type) {
            case CT_STATE -> List.of(CtState.INVALID, CtState.NEW, CtState.ESTABLISHED, CtState.RELATED, CtState.UNTRACKED)
                    .forEach(s -> m.put(s.text(), s.bit()));
            case ETHERTYPE -> put(m, "ip", 0x0800, "arp", 0x0806, "ip6", 0x86dd, "8021q", 0x8100, "8021ad", 0x88a8, "vlan", 0x8100);
            case ARP_OP -> put(m, "request", 1, "reply", 2, "rrequest", 3, "rreply", 4, "inrequest", 8, "inreply", 9, "nak", 10);
            case ARPHRD -> put(m, "ether", 1, "ppp", 0x200, "ipip", 0x300, "ipip6", 0x301, "loopback", 0x304, "sit", 0x308, "ipgre", 0x30a);
            case PKTTYPE -> put(m, "host", 0, "unicast", 0, "broadcast", 1, "multicast", 2, "other", 3);
            case NFPROTO -> put(m, "ipv4", 2, "ipv6", 10);
            case ICMP_TYPE, ICMPV6_TYPE -> {
                List<String> names = type == Datatype.ICMP_TYPE ? DatatypeSymbols.ICMP_TYPES : DatatypeSymbols.ICMPV6_TYPES;
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i) != null) {
                        m.put(names.get(i), i);
                    }
                    if (type == Datatype.ICMPV6_TYPE && i == 132) {
                        m.put("mld-listener-reduction", 132);
                    }
                }
            }
            case TIME_DAY -> {
                for (int i = 0; i < DateTypes.DAYS.size(); i++) {
                    m.put(DateTypes.DAYS.get(i), i);
                }
            }
            default -> {
                return DatatypeSymbols.SYMBOLS.get(type);
            }
        }
        return m;
    }

    private static void put(Map<String, Integer> m, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
    }
}
