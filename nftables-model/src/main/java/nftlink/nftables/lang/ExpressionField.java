package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Fib;
import nftlink.nftables.expr.Hash;
import nftlink.nftables.expr.Numgen;
import nftlink.nftables.expr.Osf;
import nftlink.nftables.expr.Rt;
import nftlink.nftables.expr.Socket;
import nftlink.nftables.expr.Xfrm;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A value the kernel computes by one expression rather than loads from the packet:
 * {@code fib daddr . iif type}, {@code rt classid}, {@code rt ip nexthop},
 * {@code osf ttl loose name}, {@code socket transparent}, {@code ipsec in reqid}.
 *
 * @param expression the expression that computes it into register 1
 */
public record ExpressionField(Expression expression) implements Field {

    /** Checks the component: an expression the rule language describes. */
    public ExpressionField {
        if (describe(expression) == null) {
            throw new IllegalArgumentException("not a field the rule language knows: " + expression.toDebugString());
        }
    }

    /** What nft calls the field, its datatype and length. */
    private record Description(String text, Datatype datatype, int length) {
    }

    private static Description describe(Expression e) {
        return switch (e) {
            case Fib f -> {
                StringJoiner flags = new StringJoiner(" . ");
                String[] names = {"saddr", "daddr", "mark", "iif", "oif"};
                int[] bits = {NfTablesUapi.NFTA_FIB_F_SADDR, NfTablesUapi.NFTA_FIB_F_DADDR, NfTablesUapi.NFTA_FIB_F_MARK,
                        NfTablesUapi.NFTA_FIB_F_IIF, NfTablesUapi.NFTA_FIB_F_OIF};
                for (int i = 0; i < names.length; i++) {
                    if ((f.flags() & bits[i]) != 0) {
                        flags.add(names[i]);
                    }
                }
                String text = "fib " + flags + " " + f.result().text();
                if ((f.flags() & NfTablesUapi.NFTA_FIB_F_PRESENT) != 0) {
                    // nft compares the whole result register: a boolean in host byte order
                    yield new Description(text, Datatype.BOOLEAN, f.result().length());
                }
                yield switch (f.result()) {
                    case OIF -> new Description(text, Datatype.IFINDEX, 4);
                    case OIFNAME -> new Description(text, Datatype.IFNAME, 16);
                    case ADDRTYPE -> new Description(text, Datatype.FIB_ADDR, 4);
                };
            }
            case Rt r -> switch (r.key()) {
                case CLASSID -> new Description("rt classid", Datatype.REALM, 4);
                case NEXTHOP4 -> new Description("rt ip nexthop", Datatype.IPV4_ADDR, 4);
                case NEXTHOP6 -> new Description("rt ip6 nexthop", Datatype.IPV6_ADDR, 16);
                case TCPMSS -> new Description("rt mtu", Datatype.HOST_INTEGER, 2);
                case XFRM -> new Description("rt ipsec", Datatype.BOOLEAN, 1);
            };
            case Osf o -> {
                String ttl = o.ttl() == null || o.ttl() == 0 ? "" : o.ttl() == 1 ? "ttl loose " : o.ttl() == 2 ? "ttl skip " : null;
                boolean version = o.flags() != null && (o.flags() & NfTablesUapi.NFT_OSF_F_VERSION) != 0;
                yield ttl == null ? null : new Description("osf " + ttl + (version ? "version" : "name"), Datatype.STRING,
                        NfTablesUapi.NFT_OSF_MAXGENRELEN);
            }
            case Socket s when s.key() != Socket.Key.CGROUPV2 -> switch (s.key()) {
                case MARK -> new Description("socket mark", Datatype.MARK, 4);
                default -> new Description("socket " + s.key().text(), Datatype.BIT, 1);
            };
            case Numgen n -> new Description("numgen " + n.type().text() + " mod " + n.modulus()
                    + (n.offset() == 0 ? "" : " offset " + n.offset()), Datatype.HOST_INTEGER, 4);
            case Hash.Symmetric h -> new Description("symhash mod " + h.modulus()
                    + (h.offset() == 0 ? "" : " offset " + h.offset()), Datatype.HOST_INTEGER, 4);
            case Xfrm x -> {
                String key = switch (x.key()) {
                    case DADDR_IP4 -> "ip daddr";
                    case SADDR_IP4 -> "ip saddr";
                    case DADDR_IP6 -> "ip6 daddr";
                    case SADDR_IP6 -> "ip6 saddr";
                    default -> x.key().text();
                };
                Datatype type = switch (x.key()) {
                    case DADDR_IP4, SADDR_IP4 -> Datatype.IPV4_ADDR;
                    case DADDR_IP6, SADDR_IP6 -> Datatype.IPV6_ADDR;
                    case REQID -> Datatype.HOST_INTEGER;
                    default -> Datatype.INTEGER;
                };
                yield new Description("ipsec " + x.direction().text() + (x.spnum() == 0 ? "" : " spnum " + x.spnum())
                        + " " + key, type, x.key().length());
            }
            default -> null;
        };
    }

    private Description description() {
        return describe(expression);
    }

    @Override
    public Datatype datatype() {
        return description().datatype();
    }

    @Override
    public int length() {
        return description().length();
    }

    private boolean present() {
        return expression instanceof Fib f && (f.flags() & NfTablesUapi.NFTA_FIB_F_PRESENT) != 0;
    }

    @Override
    public int valueLength() {
        return present() ? 1 : length();
    }

    @Override
    public Bytes toRegister(Bytes value) {
        if (!present()) {
            return value;
        }
        byte[] b = new byte[length()];
        b[0] = (byte) value.get(0);
        return Bytes.of(b);
    }

    @Override
    public Bytes fromRegister(Bytes register) {
        return present() ? Bytes.of((byte) register.get(0)) : register;
    }

    /**
     * This fib lookup as the test whether a result exists ({@code fib daddr oif exists}).
     *
     * @return the presence test
     */
    public ExpressionField presence() {
        if (!(expression instanceof Fib f)) {
            throw new IllegalArgumentException(text() + " has no exists/missing form");
        }
        return new ExpressionField(new Fib(f.flags() | NfTablesUapi.NFTA_FIB_F_PRESENT, f.result(), f.dreg()));
    }

    @Override
    public Expression load(int register) {
        return switch (expression) {
            case Fib f -> new Fib(f.flags(), f.result(), register);
            case Rt r -> new Rt(r.key(), register);
            case Osf o -> new Osf(register, o.ttl(), o.flags());
            case Socket s -> new Socket(s.key(), register, s.level());
            case Xfrm x -> new Xfrm(x.key(), x.direction(), x.spnum(), register);
            case Numgen n -> new Numgen(n.type(), register, n.modulus(), n.offset());
            case Hash.Symmetric h -> new Hash.Symmetric(register, h.modulus(), h.offset());
            default -> throw new IllegalStateException(expression.toDebugString());
        };
    }

    @Override
    public List<Match> dependencies(Family family) {
        boolean v4 = expression instanceof Rt r && r.key() == Rt.Key.NEXTHOP4;
        boolean v6 = expression instanceof Rt r && r.key() == Rt.Key.NEXTHOP6;
        // the kernel checks the address family itself: nft adds no dependency (and takes ipsec
        // addresses of either family in any table: the tunnel's family need not be the packet's)
        if (v4 && family == Family.IP6 || v6 && family == Family.IP) {
            throw new IllegalArgumentException(text() + " cannot be matched in family " + family);
        }
        return List.of();
    }

    @Override
    public String text() {
        return description().text();
    }

    /** The field {@code e} computes into register 1, if the language knows it; else {@code null}. */
    static ExpressionField of(Expression e) {
        return describe(e) == null ? null : new ExpressionField(e);
    }

    /**
     * Parses the words after {@code fib}, {@code rt}, {@code osf}, {@code socket} or
     * {@code ipsec} (the keyword included) into the field; words are consumed through
     * {@code next} as long as they belong to the field.
     *
     * @param words the words, consumed as far as they belong to the field
     * @return the field, or {@code null} when the words name none
     */
    public static ExpressionField parse(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        Expression e = switch (words.getFirst()) {
            case "fib" -> fib(words);
            case "rt" -> rt(words);
            case "osf" -> osf(words);
            case "socket" -> socket(words);
            case "numgen", "symhash" -> hash(words);
            case "ipsec" -> ipsec(words);
            default -> null;
        };
        return e == null ? null : new ExpressionField(e);
    }

    private static Expression fib(List<String> w) {
        int flags = 0;
        int i = 1;
        while (i < w.size()) {
            int bit = switch (w.get(i)) {
                case "saddr" -> NfTablesUapi.NFTA_FIB_F_SADDR;
                case "daddr" -> NfTablesUapi.NFTA_FIB_F_DADDR;
                case "mark" -> NfTablesUapi.NFTA_FIB_F_MARK;
                case "iif" -> NfTablesUapi.NFTA_FIB_F_IIF;
                case "oif" -> NfTablesUapi.NFTA_FIB_F_OIF;
                default -> 0;
            };
            if (bit == 0 || i + 1 >= w.size()) {
                break;
            }
            flags |= bit;
            i++;
            if (w.get(i).equals(".")) {
                i++;
            } else {
                break;
            }
        }
        if (i != w.size() - 1 || flags == 0) {
            return null;
        }
        boolean saddr = (flags & NfTablesUapi.NFTA_FIB_F_SADDR) != 0;
        boolean daddr = (flags & NfTablesUapi.NFTA_FIB_F_DADDR) != 0;
        if (saddr == daddr) {
            throw new IllegalArgumentException("fib needs exactly one of saddr and daddr");
        }
        if ((flags & NfTablesUapi.NFTA_FIB_F_IIF) != 0 && (flags & NfTablesUapi.NFTA_FIB_F_OIF) != 0) {
            throw new IllegalArgumentException("fib takes iif or oif, not both");
        }
        Fib.Result result = switch (w.get(i)) {
            case "oif" -> Fib.Result.OIF;
            case "oifname" -> Fib.Result.OIFNAME;
            case "type" -> Fib.Result.ADDRTYPE;
            default -> null;
        };
        return result == null ? null : new Fib(flags, result, NfTablesUapi.NFT_REG_1);
    }

    private static Expression rt(List<String> w) {
        return switch (String.join(" ", w.subList(1, w.size()))) {
            case "classid" -> new Rt(Rt.Key.CLASSID, NfTablesUapi.NFT_REG_1);
            case "nexthop", "ip nexthop" -> new Rt(Rt.Key.NEXTHOP4, NfTablesUapi.NFT_REG_1);
            case "ip6 nexthop" -> new Rt(Rt.Key.NEXTHOP6, NfTablesUapi.NFT_REG_1);
            case "mtu" -> new Rt(Rt.Key.TCPMSS, NfTablesUapi.NFT_REG_1);
            case "ipsec" -> new Rt(Rt.Key.XFRM, NfTablesUapi.NFT_REG_1);
            default -> null;
        };
    }

    private static Expression osf(List<String> w) {
        int i = 1;
        Integer ttl = null;
        if (w.size() > 2 && w.get(1).equals("ttl")) {
            ttl = switch (w.get(2)) {
                case "loose" -> 1;
                case "skip" -> 2;
                default -> -1;
            };
            i = 3;
        }
        if (ttl != null && ttl < 0 || i != w.size() - 1) {
            return null;
        }
        return switch (w.get(i)) {
            case "name" -> new Osf(NfTablesUapi.NFT_REG_1, ttl, null);
            case "version" -> new Osf(NfTablesUapi.NFT_REG_1, ttl, NfTablesUapi.NFT_OSF_F_VERSION);
            default -> null;
        };
    }

    private static Expression socket(List<String> w) {
        return w.size() != 2 ? null : switch (w.get(1)) {
            case "transparent" -> new Socket(Socket.Key.TRANSPARENT, NfTablesUapi.NFT_REG_1, null);
            case "mark" -> new Socket(Socket.Key.MARK, NfTablesUapi.NFT_REG_1, null);
            case "wildcard" -> new Socket(Socket.Key.WILDCARD, NfTablesUapi.NFT_REG_1, null);
            default -> null;
        };
    }

    private static Expression hash(List<String> w) {
        boolean numgen = w.getFirst().equals("numgen");
        int i = 1;
        Numgen.Type type = null;
        if (numgen) {
            type = w.size() > 1 && w.get(1).equals("inc") ? Numgen.Type.INCREMENTAL
                    : w.size() > 1 && w.get(1).equals("random") ? Numgen.Type.RANDOM : null;
            i = 2;
            if (type == null) {
                return null;
            }
        }
        if (w.size() < i + 2 || !w.get(i).equals("mod")) {
            return null;
        }
        long mod;
        long offset = 0;
        try {
            mod = Long.decode(w.get(i + 1));
            if (w.size() == i + 4 && w.get(i + 2).equals("offset")) {
                offset = Long.decode(w.get(i + 3));
            } else if (w.size() != i + 2) {
                return null;
            }
        } catch (NumberFormatException notANumber) {
            return null;
        }
        if (mod <= 0 || mod > 0xffffffffL || offset < 0 || offset > 0xffffffffL) {
            throw new IllegalArgumentException("mod must be 1 to 4294967295 and offset 0 to 4294967295");
        }
        return numgen ? new Numgen(type, NfTablesUapi.NFT_REG_1, (int) mod, (int) offset)
                : new Hash.Symmetric(NfTablesUapi.NFT_REG_1, (int) mod, (int) offset);
    }

    private static Expression ipsec(List<String> w) {
        if (w.size() < 3) {
            return null;
        }
        Xfrm.Direction dir = switch (w.get(1)) {
            case "in" -> Xfrm.Direction.IN;
            case "out" -> Xfrm.Direction.OUT;
            default -> null;
        };
        int i = 2;
        int spnum = 0;
        if (w.get(2).equals("spnum") && w.size() > 4) {
            try {
                spnum = Integer.parseInt(w.get(3));
            } catch (NumberFormatException notANumber) {
                return null;
            }
            if (spnum > 255) {
                throw new IllegalArgumentException("ipsec spnum " + spnum + " is out of range (0 to 255)");
            }
            i = 4;
        }
        Xfrm.Key key = switch (String.join(" ", w.subList(i, w.size()))) {
            case "reqid" -> Xfrm.Key.REQID;
            case "spi" -> Xfrm.Key.SPI;
            case "ip saddr" -> Xfrm.Key.SADDR_IP4;
            case "ip daddr" -> Xfrm.Key.DADDR_IP4;
            case "ip6 saddr" -> Xfrm.Key.SADDR_IP6;
            case "ip6 daddr" -> Xfrm.Key.DADDR_IP6;
            default -> null;
        };
        return dir == null || key == null ? null : new Xfrm(key, dir, spnum, NfTablesUapi.NFT_REG_1);
    }


    /**
     * The words that may follow each keyword, for the parser to know where a field ends.
     *
     * @param keyword the field's first word
     * @param sofar the words read so far
     * @param next the next word
     * @return whether {@code next} belongs to the field
     */
    public static boolean continues(String keyword, List<String> sofar, String next) {
        List<String> candidate = new ArrayList<>(sofar);
        candidate.add(next);
        return switch (keyword) {
            case "numgen", "symhash" -> {
                int base = keyword.equals("numgen") ? 4 : 3;
                yield sofar.size() < base || next.equals("offset") && !sofar.contains("offset")
                        || sofar.getLast().equals("offset");
            }
            // a flag after "." always takes a result: fib saddr . oif type local is no lookup of oif followed by "type"
            case "fib" -> next.equals(".") || List.of("saddr", "daddr", "mark", "iif", "oif", "oifname", "type").contains(next)
                    && (sofar.size() == 1 || sofar.getLast().equals(".") || parse(sofar) == null
                    || sofar.get(sofar.size() - 2).equals(".") && List.of("oif", "oifname", "type").contains(next));
            default -> parse(sofar) == null;
        };
    }
}
