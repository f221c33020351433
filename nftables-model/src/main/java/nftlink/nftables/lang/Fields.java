package nftlink.nftables.lang;

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
     * A meta field by its key name ({@code mark}, {@code skuid}, {@code iifname}, ...),
     * with or without the {@code meta} prefix nft allows to omit for some keys.
     */
    public static Optional<MetaField> meta(String key) {
        return MetaField.ALL.stream().filter(f -> f.keyName().equals(key)).findFirst();
    }

    /** A ct field by its key name ({@code state}, {@code mark}). */
    public static Optional<CtField> ct(String key) {
        return CtField.ALL.stream().filter(f -> f.key().text().equals(key)).findFirst();
    }

    /** The protocols with header fields ({@code ip}, {@code ip6}, {@code tcp}, {@code udp}, {@code ether}). */
    public static List<String> protocols() {
        List<String> out = new ArrayList<>();
        for (PayloadField f : PayloadField.ALL) {
            if (!out.contains(f.protocol())) {
                out.add(f.protocol());
            }
        }
        return out;
    }

    /** Every field the language knows, for documentation and completion. */
    public static List<Field> all() {
        List<Field> out = new ArrayList<>(PayloadField.ALL);
        out.addAll(MetaField.ALL);
        out.addAll(CtField.ALL);
        return out;
    }
}
