package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Inner;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A field of the packet a tunnel carries ({@code vxlan ip saddr}, {@code gre tcp dport},
 * {@code gretap ether saddr}) or of the tunnel's own header ({@code vxlan vni}): the
 * field's loads run inside the kernel's {@code inner} expression.
 *
 * <p>Dependencies follow nft: gre and gretap add {@code meta l4proto gre}; vxlan and
 * geneve need an explicit udp match first ({@code udp dport 4789}), which the
 * {@link Linearizer} checks; inner protocols are matched inside the tunnel
 * ({@code vxlan meta protocol ip} before {@code vxlan ip saddr}).
 *
 * @param tunnel the tunnel
 * @param field  a header field ({@link PayloadField}, {@link PayloadBitField}), {@code meta protocol}
 *               or {@code meta l4proto} of the inner packet, or one of {@link #HEADER_FIELDS}
 */
public record InnerField(Tunnel tunnel, Field field) implements FieldWrapper {

    /** The tunnels nft matches inside, with the {@code inner} parameters it gives the kernel. */
    public enum Tunnel {
        /** {@code vxlan}: VXLAN over UDP port 4789, carrying Ethernet frames. */
        VXLAN("vxlan", NfTablesUapi.NFT_INNER_VXLAN, 8, NfTablesUapi.NFT_INNER_HDRSIZE | NfTablesUapi.NFT_INNER_LL
                | NfTablesUapi.NFT_INNER_NH | NfTablesUapi.NFT_INNER_TH, 4789),
        /** {@code geneve}: Geneve over UDP port 6081, carrying Ethernet frames. */
        GENEVE("geneve", NfTablesUapi.NFT_INNER_GENEVE, 8, NfTablesUapi.NFT_INNER_HDRSIZE | NfTablesUapi.NFT_INNER_LL
                | NfTablesUapi.NFT_INNER_NH | NfTablesUapi.NFT_INNER_TH, 6081),
        /** {@code gre}: GRE carrying IP packets. */
        GRE("gre", NfTablesUapi.NFT_INNER_GENEVE + 1, 4, NfTablesUapi.NFT_INNER_NH | NfTablesUapi.NFT_INNER_TH, 0),
        /** {@code gretap}: GRE carrying Ethernet frames. */
        GRETAP("gretap", NfTablesUapi.NFT_INNER_GENEVE + 2, 4, NfTablesUapi.NFT_INNER_LL | NfTablesUapi.NFT_INNER_NH
                | NfTablesUapi.NFT_INNER_TH, 0);

        /** The tunnels, copied once: the parser asks {@link #named} of most words of a rule. */
        private static final Tunnel[] ALL = values();

        private final String text;
        private final int type;
        private final int headerSize;
        private final int flags;
        private final int udpPort;

        Tunnel(String text, int type, int headerSize, int flags, int udpPort) {
            this.text = text;
            this.type = type;
            this.headerSize = headerSize;
            this.flags = flags;
            this.udpPort = udpPort;
        }

        /**
         * nft's keyword.
         *
         * @return the keyword
         */
        public String text() {
            return text;
        }

        /**
         * Whether the tunnel carries Ethernet frames (so {@code ether} and {@code vlan} fields exist
         * inside).
         *
         * @return whether the tunnel carries Ethernet frames
         */
        public boolean hasLinkLayer() {
            return (flags & NfTablesUapi.NFT_INNER_LL) != 0;
        }

        /**
         * The IANA udp port of a udp tunnel (vxlan 4789, geneve 6081); 0 for gre and gretap.
         *
         * @return the port, or 0
         */
        public int udpPort() {
            return udpPort;
        }

        /**
         * Wraps {@code load} to run on the inner packet.
         *
         * @param load a payload or meta load
         * @return the inner expression
         */
        public Inner inner(Expression load) {
            return new Inner(type, headerSize, flags, load);
        }

        /**
         * The tunnel an {@code inner} expression's parameters stand for, or {@code null}.
         *
         * @param inner an inner expression
         * @return the tunnel, or {@code null}
         */
        public static Tunnel of(Inner inner) {
            for (Tunnel t : ALL) {
                if (t.type == inner.type() && t.headerSize == inner.headerSize() && t.flags == inner.flags()) {
                    return t;
                }
            }
            return null;
        }

        /**
         * The tunnel nft calls {@code text}, or {@code null}.
         *
         * @param text the keyword
         * @return the tunnel, or {@code null}
         */
        public static Tunnel named(String text) {
            for (Tunnel t : ALL) {
                if (t.text.equals(text)) {
                    return t;
                }
            }
            return null;
        }

        /** What the outer packet must match first: the gre protocol for gre and gretap. */
        List<Match> outerDependencies() {
            return udpPort != 0 ? List.of() : List.of(Match.eq(MetaField.L4PROTO, Bytes.u8(47)));
        }
    }

    /** The tunnel headers' own fields: {@code vxlan flags}, {@code vxlan vni}, {@code geneve type}, {@code geneve vni}. */
    public static final List<PayloadField> HEADER_FIELDS = List.of(
            new PayloadField("vxlan", "flags", Payload.Base.TUNNEL, 0, 1, Datatype.HEX_INTEGER),
            new PayloadField("vxlan", "vni", Payload.Base.TUNNEL, 4, 3, Datatype.INTEGER),
            new PayloadField("geneve", "type", Payload.Base.TUNNEL, 2, 2, Datatype.ETHERTYPE),
            new PayloadField("geneve", "vni", Payload.Base.TUNNEL, 4, 3, Datatype.INTEGER));

    /** Checks the components: the tunnel not null, and the field one the tunnel carries. */
    public InnerField {
        Objects.requireNonNull(tunnel, "tunnel");
        switch (field) {
            case PayloadField p when p.base() == Payload.Base.TUNNEL -> {
                if (!p.protocol().equals(tunnel.text())) {
                    throw new IllegalArgumentException(p.text() + " is no field of a " + tunnel.text() + " header");
                }
            }
            case PayloadField p -> requireHeader(tunnel, p.base(), p.protocol(), p.text());
            case PayloadBitField p -> requireHeader(tunnel, p.base(), p.protocol(), p.text());
            case MetaField m when m.equals(MetaField.PROTOCOL) || m.equals(MetaField.L4PROTO) -> {
            }
            default -> throw new IllegalArgumentException("unsupported: " + tunnel.text() + " " + field.text()
                    + " (inside a tunnel nftlink matches header fields, meta protocol and meta l4proto)");
        }
    }

    private static void requireHeader(Tunnel tunnel, Payload.Base base, String protocol, String text) {
        if (base == Payload.Base.LINK && !tunnel.hasLinkLayer()) {
            throw new IllegalArgumentException(tunnel.text() + " carries no link layer header: " + text
                    + " cannot be matched inside it");
        }
        if (base != Payload.Base.LINK && base != Payload.Base.NETWORK && base != Payload.Base.TRANSPORT
                || protocol.equals("gre") || protocol.equals("th")) {
            throw new IllegalArgumentException("unsupported: " + tunnel.text() + " " + text);
        }
    }

    /**
     * The tunnel header field {@code tunnel name}, if there is one.
     *
     * @param tunnel the tunnel
     * @param name the field's name, such as {@code vni}
     * @return the field, or empty
     */
    public static Optional<InnerField> header(Tunnel tunnel, String name) {
        return HEADER_FIELDS.stream().filter(f -> f.protocol().equals(tunnel.text()) && f.name().equals(name))
                .findFirst().map(f -> new InnerField(tunnel, f));
    }

    /**
     * Whether this is a field of the tunnel header itself ({@code vxlan vni}) rather than of the
     * packet inside.
     *
     * @return whether this is a tunnel header field
     */
    public boolean isTunnelHeader() {
        return field instanceof PayloadField p && p.base() == Payload.Base.TUNNEL;
    }

    @Override
    public Expression load(int register) {
        return tunnel.inner(field.load(register));
    }

    /** The loads of the field, those reading the packet run inside the tunnel (a bit field's mask stays outside). */
    @Override
    public List<Expression> loads(int register) {
        List<Expression> out = new ArrayList<>();
        for (Expression e : field.loads(register)) {
            out.add(e instanceof Payload.Load || e instanceof Meta.Load ? tunnel.inner(e) : e);
        }
        return out;
    }

    /** Loads only the first {@code bytes} bytes of a header field (for byte-aligned prefixes), or {@code null}. */
    Expression load(int register, int bytes) {
        return field instanceof PayloadField p ? tunnel.inner(p.load(register, bytes)) : null;
    }

    @Override
    public List<Match> dependencies(Family family) {
        List<Match> out = new ArrayList<>(tunnel.outerDependencies());
        if (isTunnelHeader() || field instanceof MetaField) {
            return out;
        }
        String protocol = field instanceof PayloadField p ? p.protocol() : ((PayloadBitField) field).protocol();
        boolean icmp = protocol.equals("icmp") || protocol.equals("icmpv6");
        // inside, nft matches the network protocol as in a bridge, and icmp's on the ether type if the tunnel has one
        for (Match inside : field.dependencies(Family.BRIDGE)) {
            Field f = icmp && tunnel.hasLinkLayer() && inside.field().equals(MetaField.PROTOCOL) ? PayloadField.ETHER_TYPE
                    : inside.field();
            out.add(new Match(new InnerField(tunnel, f), inside.op(), inside.value()));
        }
        return out;
    }

    @Override
    public String text() {
        return isTunnelHeader() ? field.text() : tunnel.text() + " " + field.text();
    }
}
