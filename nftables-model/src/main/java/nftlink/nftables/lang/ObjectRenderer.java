package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftObject;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.Table;
import nftlink.nftables.Bytes;
import nftlink.nftables.TimeUnit;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints stateful objects the way {@code nft list} (1.0.6) prints them inside a
 * table: {@code \tcounter c {\n\t\tpackets 0 bytes 0\n\t}\n}, {@code \tquota q {\n\t\t25 mbytes\n\t}\n},
 * {@code \tct helper h {\n\t\ttype "ftp" protocol tcp\n\t\tl3proto inet\n\t}\n}, ...
 *
 * <p>Objects of a type nft does not know (nft 1.0.6 aborts on them) print as
 * {@code \tobject type N NAME {\n\t\tdata HEX\n\t}\n} so they are never dropped silently.
 */
public final class ObjectRenderer {

    private ObjectRenderer() {
    }

    /**
     * nft's name of an object type ({@code counter}, {@code ct helper}, ...), or {@code null} when nft
     * has none.
     *
     * @param type the {@code NFT_OBJECT_*} type
     * @return the name, or {@code null}
     */
    public static String typeName(int type) {
        return ObjectType.of(type).map(ObjectType::nftName).orElse(null);
    }

    /**
     * The object type nft names {@code name} ({@code counter}, {@code ct helper}, ...): the
     * reverse of {@link #typeName}, or -1 when nft has no object of that name.
     *
     * @param name the name
     * @return the type, or -1
     */
    public static int type(String name) {
        return ObjectType.named(name).map(ObjectType::number).orElse(-1);
    }

    /**
     * The block of one object, without handle.
     *
     * @param object the object
     * @return the text
     */
    public static String render(NftObject object) {
        return render(object, false);
    }

    /**
     * The block of one object, with {@code # handle N} like {@code nft -a} when asked.
     *
     * @param object the object
     * @param handles whether to print handles
     * @return the text
     */
    public static String render(NftObject object, boolean handles) {
        StringBuilder sb = new StringBuilder("\t");
        String typeName = typeName(object.type());
        ObjectDefinition data = object.data();
        if (typeName == null || data instanceof ObjectDefinition.Raw) {
            sb.append(typeName == null ? "object type " + Integer.toUnsignedString(object.type()) : typeName)
                    .append(' ').append(object.name()).append(" {");
            appendHandle(sb, object, handles);
            appendComment(sb, object);
            byte[] raw = data instanceof ObjectDefinition.Raw r ? r.data() : null;
            sb.append("\n\t\tdata ").append(raw == null ? "none" : HexFormat.of().formatHex(raw)).append('\n');
            return sb.append("\t}\n").toString();
        }
        sb.append(typeName).append(' ').append(object.name()).append(" {");
        appendHandle(sb, object, handles);
        appendComment(sb, object);
        switch (data) {
            case ObjectDefinition.Counter c when OutputFlags.current().stateless() -> sb.append('\n');
            case ObjectDefinition.Counter c -> sb.append("\n\t\tpackets ").append(Long.toUnsignedString(c.packets()))
                    .append(" bytes ").append(Long.toUnsignedString(c.bytes())).append('\n');
            case ObjectDefinition.Quota q -> {
                sb.append("\n\t\t").append(q.inverted() ? "over " : "").append(rate(q.bytes()));
                if (q.consumed() != 0 && !OutputFlags.current().stateless()) {
                    sb.append(" used ").append(rate(q.consumed()));
                }
                sb.append('\n');
            }
            case ObjectDefinition.Secmark s -> sb.append("\n\t\t\"").append(s.context()).append("\"\n");
            case ObjectDefinition.CtHelper h -> sb.append("\n\t\ttype \"").append(h.helper()).append("\" protocol ")
                    .append(protocol(h.l4proto())).append("\n\t\tl3proto ").append(family(h.l3proto())).append('\n');
            case ObjectDefinition.CtTimeout t -> {
                sb.append("\n\t\tprotocol ").append(protocol(t.l4proto())).append("\n\t\tl3proto ")
                        .append(family(t.l3proto())).append("\n\t\tpolicy = { ");
                StringJoiner j = new StringJoiner(", ");
                for (Map.Entry<String, Integer> e : t.policy().entrySet()) {
                    // the kernel holds seconds; nft prints them as a duration
                    j.add(e.getKey() + " : " + time(Integer.toUnsignedLong(e.getValue()) * 1000));
                }
                sb.append(j).append(" }\n");
            }
            case ObjectDefinition.CtExpectation e -> sb.append("\n\t\tprotocol ").append(protocol(e.l4proto()))
                    .append("\n\t\tdport ").append(e.dport())
                    .append("\n\t\ttimeout ").append(time(Integer.toUnsignedLong(e.timeout())))
                    .append("\n\t\tsize ").append(e.size())
                    .append("\n\t\tl3proto ").append(family(e.l3proto())).append('\n');
            case ObjectDefinition.Limit l -> sb.append("\n\t\t").append(limit(l)).append('\n');
            case ObjectDefinition.Synproxy s -> {
                if ((s.flags() & NfTablesUapi.NF_SYNPROXY_OPT_MSS) != 0) {
                    sb.append("\n\t\tmss ").append(s.mss());
                }
                if ((s.flags() & NfTablesUapi.NF_SYNPROXY_OPT_WSCALE) != 0) {
                    sb.append("\n\t\twscale ").append(s.wscale());
                }
                if (!SynproxyFlag.words(s.flags()).isEmpty()) {
                    // nft writes both places, keeping the space between them when only one is set
                    sb.append("\n\t\t").append(synproxyOption(s, SynproxyFlag.TIMESTAMP)).append(' ')
                            .append(synproxyOption(s, SynproxyFlag.SACK_PERM));
                }
                sb.append('\n');
            }
            case ObjectDefinition.Raw r -> throw new IllegalStateException("handled above");
        }
        return sb.append("\t}\n").toString();
    }

    /**
     * What {@code nft list counters}, {@code nft list quotas}, {@code nft reset counters}, ...
     * print (nft 1.1.3): for every table that has objects of {@code type}, {@code table FAMILY NAME {\n},
     * those objects without blank lines between them, and {@code }\n}.
     *
     * @param tables  the tables to consider, in kernel order (already filtered by family and name when asked)
     * @param objects the objects of those tables, in kernel order: all of them for {@code list}, the ones
     *                {@link Nftables#resetObjects(Family, String, int)} returned
     *                for {@code reset} (nft prints only tables its reset dump returned objects for)
     * @param type    the {@code NFT_OBJECT_*} type to print
     * @param handles whether to print handles
     * @return the text
     */
    public static String listing(List<Table> tables, List<NftObject> objects, int type, boolean handles) {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            // nft 1.1.3 reads only the objects of the type, and prints only the tables that have some
            List<NftObject> own = objects.stream()
                    .filter(o -> o.family() == t.family() && o.table().equals(t.name()) && o.type() == type).toList();
            if (own.isEmpty()) {
                continue;
            }
            sb.append("table ").append(t.family().nftName()).append(' ').append(t.name()).append(" {\n");
            for (NftObject o : own) {
                sb.append(render(o, handles));
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void appendHandle(StringBuilder sb, NftObject object, boolean handles) {
        if (handles) {
            sb.append(" # handle ").append(Long.toUnsignedString(object.handle()));
        }
    }

    private static void appendComment(StringBuilder sb, NftObject object) {
        if (object.comment() != null) {
            sb.append("\n\t\tcomment \"").append(object.comment()).append('"');
        }
    }

    private static String limit(ObjectDefinition.Limit l) {
        boolean inv = (l.flags() & NfTablesUapi.NFT_LIMIT_F_INV) != 0;
        StringBuilder sb = new StringBuilder("rate ").append(inv ? "over " : "");
        if (l.limitType() == NfTablesUapi.NFT_LIMIT_PKTS) {
            sb.append(Long.toUnsignedString(l.rate())).append('/').append(unit(l.unit()));
            if (l.burst() != 0 && l.burst() != 5) {
                sb.append(" burst ").append(Integer.toUnsignedString(l.burst())).append(" packets");
            }
        } else if (l.limitType() == NfTablesUapi.NFT_LIMIT_PKT_BYTES) {
            sb.append(rate(l.rate())).append('/').append(unit(l.unit()));
            if (l.burst() != 0) {
                sb.append(" burst ").append(rate(Integer.toUnsignedLong(l.burst())));
            }
        } else {
            // nft prints nothing after "rate" for a type it does not know
            sb.setLength(0);
        }
        return sb.toString();
    }

    /** nft's {@code get_unit}: the period's name, {@code error} for a period nft has no name for. */
    static String unit(long seconds) {
        return TimeUnit.ofSeconds(seconds).map(TimeUnit::nftName).orElse("error");
    }

    /** nft's {@code get_rate}: bytes, kbytes or mbytes, the largest that divides exactly. */
    static String rate(long bytes) {
        return ByteUnit.format(bytes);
    }

    /** nft's {@code time_print}: {@code 1d2h3m4s5ms}, {@code 0s} for 0. */
    static String time(long millis) {
        return NftTime.format(millis);
    }

    /**
     * nft's {@code family2str} for an {@code NFPROTO_*} number ({@code ip}, {@code inet}, ..., {@code
     * unknown}).
     *
     * @param nfproto the family number
     * @return the name
     */
    public static String familyName(int nfproto) {
        return family(nfproto);
    }

    /** nft's {@code family2str} for an {@code NFPROTO_*} number. */
    static String family(int nfproto) {
        return switch (nfproto) {
            case NfTablesUapi.NFPROTO_IPV4 -> "ip";
            case NfTablesUapi.NFPROTO_IPV6 -> "ip6";
            case NfTablesUapi.NFPROTO_INET -> "inet";
            case NfTablesUapi.NFPROTO_NETDEV -> "netdev";
            case NfTablesUapi.NFPROTO_ARP -> "arp";
            case NfTablesUapi.NFPROTO_BRIDGE -> "bridge";
            default -> "unknown";
        };
    }

    /** The protocol's name as {@code getprotobynumber} gives it, else the number; a name even under nft -n and -p. */
    static String protocol(int l4proto) {
        return OutputFlags.DEFAULT.apply(() -> Datatype.INET_PROTO.print(Bytes.u8(l4proto & 0xff)));
    }

    /** {@code option}'s word when the object sets it, else nothing. */
    private static String synproxyOption(ObjectDefinition.Synproxy s, SynproxyFlag option) {
        return (s.flags() & option.bit()) != 0 ? option.nftName() : "";
    }
}
