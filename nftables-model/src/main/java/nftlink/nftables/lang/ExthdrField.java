package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Exthdr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A field of an IPv6 extension header, an IPv4 option or a TCP option, which the kernel finds by
 * walking the headers ({@code exthdr load}): {@code frag id}, {@code mh type},
 * {@code tcp option maxseg size}; or whether the header is there at all
 * ({@code exthdr frag exists}, {@code tcp option sack-perm exists}).
 *
 * @param header   nft's words for the header, e.g. {@code frag} or {@code tcp option maxseg}
 * @param name     the field's name, or {@code null} for the presence test
 * @param op       where the kernel looks ({@code ipv6} or {@code tcpopt})
 * @param type     the header or option number
 * @param bitOffset offset of the field's first bit in the header
 * @param bits     width in bits
 * @param datatype the datatype of its values ({@link Datatype#BOOLEAN} for the presence test)
 */
public record ExthdrField(String header, String name, Exthdr.Op op, int type, int bitOffset, int bits, Datatype datatype)
        implements Field {

    static final List<ExthdrField> ALL;

    static {
        List<ExthdrField> all = new ArrayList<>();
        ipv6(all, "hbh", 0, "nexthdr", 0, 8, Datatype.INET_PROTO, "hdrlength", 8, 8, Datatype.INTEGER);
        ipv6(all, "rt", 43, "nexthdr", 0, 8, Datatype.INET_PROTO, "hdrlength", 8, 8, Datatype.INTEGER,
                "type", 16, 8, Datatype.INTEGER, "seg-left", 24, 8, Datatype.INTEGER);
        ipv6(all, "frag", 44, "nexthdr", 0, 8, Datatype.INET_PROTO, "reserved", 8, 8, Datatype.INTEGER,
                "frag-off", 16, 13, Datatype.INTEGER, "reserved2", 29, 2, Datatype.INTEGER,
                "more-fragments", 31, 1, Datatype.INTEGER, "id", 32, 32, Datatype.INTEGER);
        ipv6(all, "dst", 60, "nexthdr", 0, 8, Datatype.INET_PROTO, "hdrlength", 8, 8, Datatype.INTEGER);
        // the segment routing header, a routing header of type 4: its fields after rt's
        ipv6(all, "srh", 43, "last-entry", 32, 8, Datatype.INTEGER, "flags", 40, 8, Datatype.INTEGER,
                "tag", 48, 16, Datatype.INTEGER);
        for (int sid = 1; sid <= 16; sid++) {
            all.add(new ExthdrField("srh", "sid[" + sid + "]", Exthdr.Op.IPV6, 43, 64 + 128 * (sid - 1), 128, Datatype.IPV6_ADDR));
        }
        ipv6(all, "mh", 135, "nexthdr", 0, 8, Datatype.INET_PROTO, "hdrlength", 8, 8, Datatype.INTEGER,
                "type", 16, 8, Datatype.MH_TYPE, "reserved", 24, 8, Datatype.INTEGER, "checksum", 32, 16, Datatype.INTEGER);
        tcp(all, "eol", 0);
        tcp(all, "nop", 1);
        tcp(all, "maxseg", 2, "size", 16, 16);
        tcp(all, "window", 3, "count", 16, 8);
        tcp(all, "sack-perm", 4);
        tcp(all, "sack", 5, "left", 16, 32, "right", 48, 32);
        tcp(all, "sack0", 5, "left", 16, 32, "right", 48, 32);
        tcp(all, "sack1", 5, "left", 80, 32, "right", 112, 32);
        tcp(all, "sack2", 5, "left", 144, 32, "right", 176, 32);
        tcp(all, "sack3", 5, "left", 208, 32, "right", 240, 32);
        tcp(all, "timestamp", 8, "tsval", 16, 32, "tsecr", 48, 32);
        tcp(all, "fastopen", 34);
        tcp(all, "md5sig", 19);
        tcp(all, "mptcp", 30);
        all.add(new ExthdrField("tcp option mptcp", "subtype", Exthdr.Op.TCPOPT, 30, 16, 4, Datatype.MPTCP_SUBTYPE));
        // IPv4 options (nft's ipopt.c): loose and strict source route, record route, router alert
        for (Object[] route : new Object[][]{{"lsrr", 131}, {"rr", 7}, {"ssrr", 137}}) {
            ipv4(all, (String) route[0], (Integer) route[1], "type", 0, 8, Datatype.INTEGER, "length", 8, 8, Datatype.INTEGER,
                    "ptr", 16, 8, Datatype.INTEGER, "addr", 24, 32, Datatype.IPV4_ADDR);
        }
        ipv4(all, "ra", 148, "type", 0, 8, Datatype.INTEGER, "length", 8, 8, Datatype.INTEGER, "value", 16, 16, Datatype.INTEGER);
        sctp(all, "data", 0, "tsn", 32, 32, "stream", 64, 16, "ssn", 80, 16, "ppid", 96, 32);
        for (String init : List.of("init", "init-ack")) {
            sctp(all, init, init.equals("init") ? 1 : 2, "init-tag", 32, 32, "a-rwnd", 64, 32,
                    "num-outbound-streams", 96, 16, "num-inbound-streams", 112, 16, "initial-tsn", 128, 32);
        }
        sctp(all, "sack", 3, "cum-tsn-ack", 32, 32, "a-rwnd", 64, 32, "num-gap-ack-blocks", 96, 16, "num-dup-tsns", 112, 16);
        sctp(all, "heartbeat", 4);
        sctp(all, "heartbeat-ack", 5);
        sctp(all, "abort", 6);
        sctp(all, "shutdown", 7, "cum-tsn-ack", 32, 32);
        sctp(all, "shutdown-ack", 8);
        sctp(all, "error", 9);
        sctp(all, "cookie-echo", 10);
        sctp(all, "cookie-ack", 11);
        sctp(all, "ecne", 12, "lowest-tsn", 32, 32);
        sctp(all, "cwr", 13, "lowest-tsn", 32, 32);
        sctp(all, "shutdown-complete", 14);
        sctp(all, "asconf-ack", 128, "seqno", 32, 32);
        sctp(all, "forward-tsn", 192, "new-cum-tsn", 32, 32);
        sctp(all, "asconf", 193, "seqno", 32, 32);
        ALL = List.copyOf(all);
    }

    /** An SCTP chunk: its presence, type, flags and length, and its own fields. */
    private static void sctp(List<ExthdrField> all, String chunk, int type, Object... fields) {
        String header = "sctp chunk " + chunk;
        all.add(new ExthdrField(header, null, Exthdr.Op.SCTP, type, 0, 8, Datatype.BOOLEAN));
        all.add(new ExthdrField(header, "type", Exthdr.Op.SCTP, type, 0, 8, Datatype.INTEGER));
        all.add(new ExthdrField(header, "flags", Exthdr.Op.SCTP, type, 8, 8, Datatype.INTEGER));
        all.add(new ExthdrField(header, "length", Exthdr.Op.SCTP, type, 16, 16, Datatype.INTEGER));
        for (int i = 0; i < fields.length; i += 3) {
            all.add(new ExthdrField(header, (String) fields[i], Exthdr.Op.SCTP, type, (Integer) fields[i + 1],
                    (Integer) fields[i + 2], Datatype.INTEGER));
        }
    }

    /** An IPv6 extension header: its presence ({@code exthdr frag exists}) and fields ({@code frag id}). */
    private static void ipv6(List<ExthdrField> all, String header, int type, Object... fields) {
        header(all, header, Exthdr.Op.IPV6, type, fields);
    }

    /** An IPv4 option: its presence ({@code ip option ra exists}) and fields ({@code ip option ra value}). */
    private static void ipv4(List<ExthdrField> all, String option, int type, Object... fields) {
        header(all, "ip option " + option, Exthdr.Op.IPV4, type, fields);
    }

    /** A header's presence test and its fields, given as name, bit offset, bits and datatype each. */
    private static void header(List<ExthdrField> all, String header, Exthdr.Op op, int type, Object... fields) {
        all.add(new ExthdrField(header, null, op, type, 0, 8, Datatype.BOOLEAN));
        for (int i = 0; i < fields.length; i += 4) {
            all.add(new ExthdrField(header, (String) fields[i], op, type, (Integer) fields[i + 1],
                    (Integer) fields[i + 2], (Datatype) fields[i + 3]));
        }
    }

    private static void tcp(List<ExthdrField> all, String option, int kind, Object... fields) {
        String header = "tcp option " + option;
        // sack0 to sack3 name the blocks of the sack option: its presence, kind and length are sack's
        if (!option.matches("sack\\d")) {
            all.add(new ExthdrField(header, null, Exthdr.Op.TCPOPT, kind, 0, 8, Datatype.BOOLEAN));
            all.add(new ExthdrField(header, "kind", Exthdr.Op.TCPOPT, kind, 0, 8, Datatype.INTEGER));
            if (kind > 1) {
                all.add(new ExthdrField(header, "length", Exthdr.Op.TCPOPT, kind, 8, 8, Datatype.INTEGER));
            }
        }
        for (int i = 0; i < fields.length; i += 3) {
            all.add(new ExthdrField(header, (String) fields[i], Exthdr.Op.TCPOPT, kind, (Integer) fields[i + 1],
                    (Integer) fields[i + 2], Datatype.INTEGER));
        }
    }

    /**
     * Whether this is the presence test ({@code exists} / {@code missing}).
     *
     * @return whether this is a presence test
     */
    public boolean presence() {
        return name == null;
    }

    private BitLayout layout() {
        return new BitLayout(bitOffset, bits, valueLength());
    }

    @Override
    public int length() {
        return presence() ? 1 : layout().length();
    }

    @Override
    public int valueLength() {
        return presence() ? 1 : datatype.length() > 0 ? datatype.length() : (bits + 7) / 8;
    }

    @Override
    public Bytes toRegister(Bytes value) {
        return presence() || layout().byteAligned() ? value : layout().toRegister(value, text());
    }

    @Override
    public Bytes fromRegister(Bytes register) {
        return presence() || layout().byteAligned() ? register : layout().fromRegister(register);
    }

    /** The mask a bit field needs after the load, or {@code null}. */
    Bytes mask() {
        return presence() || layout().byteAligned() ? null : layout().mask();
    }

    @Override
    public Expression load(int register) {
        return presence() ? new Exthdr.Load(op, type, 0, 1, true, register)
                : new Exthdr.Load(op, type, layout().offset(), layout().length(), false, register);
    }

    @Override
    public List<Expression> loads(int register) {
        Bytes mask = mask();
        return mask == null ? List.of(load(register))
                : List.of(load(register), new Bitwise.MaskXor(register, register, mask, Bytes.of(new byte[mask.length()])));
    }

    @Override
    public List<Match> dependencies(Family family) {
        if (op == Exthdr.Op.TCPOPT || op == Exthdr.Op.SCTP || op == Exthdr.Op.DCCP) {
            // the kernel's tcp option and sctp chunk lookups check the protocol themselves; nft adds no dependency
            return List.of();
        }
        if (op == Exthdr.Op.IPV4) {
            return switch (family) {
                case IP -> List.of();
                case INET -> List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(2)));
                case BRIDGE, NETDEV -> List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x0800)));
                default -> throw new IllegalArgumentException(header + " cannot be matched in family " + family + " (IPv4 only)");
            };
        }
        return switch (family) {
            case IP6 -> List.of();
            case INET -> List.of(Match.eq(MetaField.NFPROTO, Bytes.u8(10)));
            case BRIDGE, NETDEV -> List.of(Match.eq(MetaField.PROTOCOL, Bytes.u16Be(0x86dd)));
            default -> throw new IllegalArgumentException(header + " cannot be matched in family " + family + " (IPv6 only)");
        };
    }

    /** {@code frag id}, {@code tcp option maxseg size}; the presence test is {@code exthdr frag} / {@code tcp option sack-perm}. */
    @Override
    public String text() {
        if (presence()) {
            return op == Exthdr.Op.IPV6 ? "exthdr " + header : header;
        }
        return name.isEmpty() ? header : header + " " + name;
    }

    /**
     * {@code tcp option KIND}: whether a TCP option is there, for a kind without a name.
     *
     * @param kind the option kind
     * @return the field
     */
    public static ExthdrField tcpOption(int kind) {
        if (kind < 0 || kind > 255) {
            throw new IllegalArgumentException("tcp option kinds run from 0 to 255: " + kind);
        }
        for (ExthdrField f : ALL) {
            if (f.op == Exthdr.Op.TCPOPT && f.type == kind && f.presence()) {
                return f;
            }
        }
        return new ExthdrField("tcp option " + kind, null, Exthdr.Op.TCPOPT, kind, 0, 8, Datatype.BOOLEAN);
    }

    /**
     * {@code tcp option @KIND,OFFSET,LENGTH}: bits of any TCP option, whole bytes.
     *
     * @param kind the option kind
     * @param bitOffset the offset in bits
     * @param bits the length in bits
     * @return the field
     */
    public static ExthdrField tcpOptionBits(int kind, int bitOffset, int bits) {
        if (kind < 0 || kind > 255) {
            throw new IllegalArgumentException("tcp option kinds run from 0 to 255: " + kind);
        }
        if (bitOffset % 8 != 0 || bits % 8 != 0 || bits == 0 || bits > 128) {
            throw new IllegalArgumentException("unsupported: tcp option bits that are not whole bytes (@" + kind + ","
                    + bitOffset + "," + bits + ")");
        }
        return new ExthdrField("tcp option @" + kind + "," + bitOffset + "," + bits, "", Exthdr.Op.TCPOPT, kind, bitOffset, bits,
                Datatype.INTEGER);
    }

    /**
     * {@code dccp option KIND}: whether a DCCP option is there (its contents are not addressed).
     *
     * @param kind the option kind
     * @return the field
     */
    public static ExthdrField dccpOption(int kind) {
        if (kind < 0 || kind > 255) {
            throw new IllegalArgumentException("dccp option kinds run from 0 to 255: " + kind);
        }
        return new ExthdrField("dccp option " + kind, null, Exthdr.Op.DCCP, kind, 0, 8, Datatype.BOOLEAN);
    }

    /**
     * The name nft gives TCP option {@code kind} ({@code maxseg}), or its number.
     *
     * @param kind the option kind
     * @return the name or number
     */
    public static String tcpOptionName(int kind) {
        for (ExthdrField f : ALL) {
            if (f.op == Exthdr.Op.TCPOPT && f.type == kind && f.presence()) {
                return f.header.substring("tcp option ".length());
            }
        }
        return Integer.toString(kind);
    }

    /** The field {@code load} (and, for a bit field, {@code mask}) reads, if the language knows it. */
    static ExthdrField of(Exthdr.Load load, Bytes mask) {
        if (load.op() == Exthdr.Op.DCCP && load.present() && load.length() == 1 && mask == null) {
            return dccpOption(load.type());
        }
        if (load.op() == Exthdr.Op.TCPOPT && load.present() && load.length() == 1 && mask == null) {
            return tcpOption(load.type());
        }
        for (ExthdrField f : ALL) {
            if (f.op != load.op() || f.type != load.type() || f.presence() != load.present()) {
                continue;
            }
            if (f.presence()) {
                return load.length() == 1 ? f : null;
            }
            if (f.layout().offset() == load.offset() && f.length() == load.length()
                    && Objects.equals(f.mask(), mask)) {
                return f;
            }
        }
        if (load.op() == Exthdr.Op.TCPOPT && !load.present() && mask == null && load.length() > 0 && load.length() <= 16) {
            return tcpOptionBits(load.type(), load.offset() * 8, load.length() * 8);
        }
        return null;
    }
}
