package nftlink.nftables.lang;

import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Exthdr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks up the fields the rule language knows by their nft names. */
public final class Fields {
    private Fields() {
    }

    /** A protocol header field, e.g. {@code ("tcp", "dport")}. */
    public static Optional<PayloadField> payload(String protocol, String name) {
        return PayloadField.ALL.stream().filter(f -> f.protocol().equals(protocol) && f.name().equals(name)).findFirst();
    }

    /**
     * A header field by nft's words: a whole-byte field ({@code tcp dport}), a bit field
     * ({@code ip dscp}) or an extension header or TCP option field ({@code frag id},
     * {@code tcp option maxseg size}).
     */
    public static Optional<Field> header(String protocol, String name) {
        Optional<Field> whole = payload(protocol, name).map(Field.class::cast);
        if (whole.isPresent()) {
            return whole;
        }
        for (PayloadBitField f : PayloadBitField.ALL) {
            if (f.protocol().equals(protocol) && f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        for (ExthdrField f : ExthdrField.ALL) {
            if (!f.presence() && f.header().equals(protocol) && f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The presence test of an IPv6 extension header ({@code exthdr frag exists}) or TCP
     * option ({@code tcp option sack-perm exists}), by its header words.
     */
    public static Optional<ExthdrField> presence(String header) {
        return ExthdrField.ALL.stream().filter(f -> f.presence() && f.header().equals(header)).findFirst();
    }

    /** The header words of IPv6 extension headers and TCP options ({@code frag}, {@code tcp option maxseg}). */
    public static List<String> extensionHeaders() {
        return ExthdrField.ALL.stream().map(ExthdrField::header).distinct().toList();
    }

    /** The names of the fields of {@code protocol} (a header or extension header). */
    public static List<String> fieldNames(String protocol) {
        List<String> out = new ArrayList<>();
        PayloadField.ALL.stream().filter(f -> f.protocol().equals(protocol)).forEach(f -> out.add(f.name()));
        PayloadBitField.ALL.stream().filter(f -> f.protocol().equals(protocol)).forEach(f -> out.add(f.name()));
        ExthdrField.ALL.stream().filter(f -> !f.presence() && f.header().equals(protocol)).forEach(f -> out.add(f.name()));
        return out;
    }

    /**
     * A meta field by its key name ({@code mark}, {@code skuid}, {@code iifname}, ...),
     * with or without the {@code meta} prefix nft allows to omit for some keys.
     */
    public static Optional<MetaField> meta(String key) {
        String name = key.equals("secpath") ? "ipsec" : key;
        return MetaField.ALL.stream().filter(f -> f.keyName().equals(name)).findFirst();
    }

    /** A ct field by its key name ({@code state}, {@code mark}). */
    public static Optional<CtField> ct(String key) {
        return Optional.ofNullable(CtField.named(key, null));
    }

    /** A ct field of one direction ({@code original}/{@code reply}) by its key name ({@code bytes}, {@code ip saddr}). */
    public static Optional<CtField> ct(String key, Ct.Direction direction) {
        return Optional.ofNullable(CtField.named(key, direction));
    }

    /** The protocols with header fields ({@code ip}, {@code ip6}, {@code tcp}, {@code udp}, {@code ether}). */
    public static List<String> protocols() {
        List<String> out = new ArrayList<>();
        for (PayloadField f : PayloadField.ALL) {
            if (!out.contains(f.protocol())) {
                out.add(f.protocol());
            }
        }
        for (ExthdrField f : ExthdrField.ALL) {
            if (f.op() == Exthdr.Op.IPV6 && !out.contains(f.header())) {
                out.add(f.header());
            }
        }
        return out;
    }

    /** Every field the language knows, for documentation and completion. */
    public static List<Field> all() {
        List<Field> out = new ArrayList<>(PayloadField.ALL);
        out.addAll(PayloadBitField.ALL);
        out.addAll(ExthdrField.ALL);
        out.addAll(MetaField.ALL);
        out.addAll(CtField.ALL);
        return out;
    }
}
