package nftlink.nftables.lang;

import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Exthdr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Looks up the fields the rule language knows by their nft names. */
public final class Fields {
    private Fields() {
    }

    /**
     * The lookups, built once from the field tables: the parser asks them for nearly every
     * word of a rule, so they are maps and sets, not searches of the tables.
     */
    private static final class Index {
        static final Map<String, PayloadField> PAYLOAD;
        /** Header fields by protocol words, then field name: no key is built per lookup. */
        static final Map<String, Map<String, Field>> HEADER;
        /** The first words of the two-word field names ({@code saddr} of arp's {@code saddr ip}), by protocol words. */
        static final Map<String, Set<String>> TWO_WORD_STARTS;
        static final Map<String, ExthdrField> PRESENCE;
        static final Map<String, MetaField> META;
        static final List<String> PROTOCOLS;
        static final Set<String> PROTOCOL_SET;
        static final List<String> EXTENSION_HEADERS;

        static {
            Map<String, PayloadField> payload = new HashMap<>();
            Map<String, Map<String, Field>> header = new HashMap<>();
            Map<String, Set<String>> twoWordStarts = new HashMap<>();
            Map<String, ExthdrField> presence = new HashMap<>();
            Map<String, MetaField> meta = new HashMap<>();
            for (PayloadField f : PayloadField.ALL) {
                payload.putIfAbsent(key(f.protocol(), f.name()), f);
                putHeader(header, twoWordStarts, f.protocol(), f.name(), f);
            }
            for (PayloadBitField f : PayloadBitField.ALL) {
                putHeader(header, twoWordStarts, f.protocol(), f.name(), f);
            }
            for (ExthdrField f : ExthdrField.ALL) {
                if (f.presence()) {
                    presence.putIfAbsent(f.header(), f);
                } else {
                    putHeader(header, twoWordStarts, f.header(), f.name(), f);
                }
            }
            for (MetaField f : MetaField.ALL) {
                meta.putIfAbsent(f.keyName(), f);
            }
            PAYLOAD = Map.copyOf(payload);
            HEADER = header.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
            TWO_WORD_STARTS = twoWordStarts.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
            PRESENCE = Map.copyOf(presence);
            META = Map.copyOf(meta);
            Set<String> protocols = new LinkedHashSet<>();
            PayloadField.ALL.forEach(f -> protocols.add(f.protocol()));
            ExthdrField.ALL.stream().filter(f -> f.op() == Exthdr.Op.IPV6).forEach(f -> protocols.add(f.header()));
            PROTOCOLS = List.copyOf(protocols);
            PROTOCOL_SET = Set.copyOf(protocols);
            EXTENSION_HEADERS = ExthdrField.ALL.stream().map(ExthdrField::header).distinct().toList();
        }

        private static String key(String protocol, String name) {
            return protocol + ' ' + name;
        }

        private static void putHeader(Map<String, Map<String, Field>> header, Map<String, Set<String>> twoWordStarts,
                String protocol, String name, Field f) {
            header.computeIfAbsent(protocol, p -> new HashMap<>()).putIfAbsent(name, f);
            int space = name.indexOf(' ');
            if (space > 0) {
                twoWordStarts.computeIfAbsent(protocol, p -> new HashSet<>()).add(name.substring(0, space));
            }
        }
    }

    /**
     * A protocol header field, e.g. {@code ("tcp", "dport")}.
     *
     * @param protocol the header's nft name ({@code tcp})
     * @param name     the field's nft name ({@code dport})
     * @return the field, or empty when the header has no such whole-byte field
     */
    public static Optional<PayloadField> payload(String protocol, String name) {
        return Optional.ofNullable(Index.PAYLOAD.get(Index.key(protocol, name)));
    }

    /**
     * A header field by nft's words: a whole-byte field ({@code tcp dport}), a bit field
     * ({@code ip dscp}) or an extension header or TCP option field ({@code frag id},
     * {@code tcp option maxseg size}).
     *
     * @param protocol the header's words ({@code ip}, {@code frag}, {@code tcp option maxseg})
     * @param name     the field's name ({@code dscp}, {@code size})
     * @return the field, or empty when there is none of that name
     */
    public static Optional<Field> header(String protocol, String name) {
        Map<String, Field> fields = Index.HEADER.get(protocol);
        return Optional.ofNullable(fields == null ? null : fields.get(name));
    }

    /**
     * A header field of a two-word name ({@code arp saddr ip}), the words given apart: the
     * parser asks it after every header field's name, and most names start no two-word name.
     *
     * @param protocol the header's words ({@code arp})
     * @param first    the name's first word ({@code saddr})
     * @param second   the word after it ({@code ip})
     * @return the field {@code first second}, or empty when there is none of that name
     */
    public static Optional<Field> header(String protocol, String first, String second) {
        Set<String> starts = Index.TWO_WORD_STARTS.get(protocol);
        return starts == null || !starts.contains(first) ? Optional.empty() : header(protocol, first + " " + second);
    }

    /**
     * The presence test of an IPv6 extension header ({@code exthdr frag exists}) or TCP
     * option ({@code tcp option sack-perm exists}), by its header words.
     *
     * @param header the header words ({@code frag}, {@code tcp option sack-perm})
     * @return the presence field, or empty when no header has those words
     */
    public static Optional<ExthdrField> presence(String header) {
        return Optional.ofNullable(Index.PRESENCE.get(header));
    }

    /**
     * The header words of IPv6 extension headers and TCP options ({@code frag}, {@code tcp option maxseg}).
     *
     * @return the words, an immutable list
     */
    public static List<String> extensionHeaders() {
        return Index.EXTENSION_HEADERS;
    }

    /**
     * The names of the fields of {@code protocol} (a header or extension header).
     *
     * @param protocol the header's words
     * @return the field names, in the tables' order
     */
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
     *
     * @param key the key's name ({@code secpath} is {@code ipsec})
     * @return the field, or empty when there is no such key
     */
    public static Optional<MetaField> meta(String key) {
        return Optional.ofNullable(Index.META.get(key.equals("secpath") ? "ipsec" : key));
    }

    /**
     * A ct field by its key name ({@code state}, {@code mark}).
     *
     * @param key the key's name
     * @return the field, or empty when there is no such key
     */
    public static Optional<CtField> ct(String key) {
        return Optional.ofNullable(CtField.named(key, null));
    }

    /**
     * A ct field of one direction ({@code original}/{@code reply}) by its key name ({@code bytes}, {@code ip saddr}).
     *
     * @param key       the key's name
     * @param direction the direction
     * @return the field, or empty when there is no such key
     */
    public static Optional<CtField> ct(String key, Ct.Direction direction) {
        return Optional.ofNullable(CtField.named(key, direction));
    }

    /**
     * The protocols with header fields ({@code ip}, {@code ip6}, {@code tcp}, {@code udp}, {@code ether}).
     *
     * @return the protocols, an immutable list built once
     */
    public static List<String> protocols() {
        return Index.PROTOCOLS;
    }

    /**
     * Whether {@code word} is one of the {@link #protocols()}: a set lookup, as the parser asks it of most words.
     *
     * @param word a word of a rule
     * @return whether it names a protocol with header fields
     */
    public static boolean isProtocol(String word) {
        return Index.PROTOCOL_SET.contains(word);
    }

    /**
     * Every field the language knows, for documentation and completion.
     *
     * @return a new list of the fields
     */
    public static List<Field> all() {
        List<Field> out = new ArrayList<>(PayloadField.ALL);
        out.addAll(PayloadBitField.ALL);
        out.addAll(ExthdrField.ALL);
        out.addAll(MetaField.ALL);
        out.addAll(CtField.ALL);
        return out;
    }
}
