package nftlink.nftables.lang;

import nftlink.nftables.KernelFlag;
import java.util.Set;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.QueueFlag;
import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.xt.XtContext;
import nftlink.nftables.xt.XtListing;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Prints rules in nft syntax, the way {@code nft list ruleset} prints them
 * (implicit {@code ==}, {@code counter packets N bytes M}, marks in hex, ...).
 *
 * @param cgroupPaths     maps a cgroup ID to its path for {@code socket cgroupv2} matches,
 *                        returning {@code null} when unknown (the ID is printed then)
 * @param stateless       leave out counter values, like {@code nft -s}
 * @param numericProtocol print layer-4 protocols as numbers, like {@code nft -p}
 * @param interfaceNames  maps an interface index to its name for {@code iif}/{@code oif}
 *                        matches, returning {@code null} when unknown (the index is printed then)
 */
public record RuleRenderer(LongFunction<String> cgroupPaths, boolean stateless, boolean numericProtocol,
                           IntFunction<String> interfaceNames) {

    /** Like plain {@code nft list}, but cgroup IDs and interface indexes as numbers. */
    public static final RuleRenderer DEFAULT = new RuleRenderer(id -> null, false, false, index -> null);

    /**
     * Like plain {@code nft list}, with cgroup paths from {@code cgroupPaths}.
     *
     * @param cgroupPaths the cgroup path of a cgroup v2 ID, or {@code null} when unknown
     */
    public RuleRenderer(LongFunction<String> cgroupPaths) {
        this(cgroupPaths, false, false, index -> null);
    }

    /**
     * This renderer with the {@code -s} and {@code -p} output options set as given.
     *
     * @param stateless {@code -s}: leave out counter values and quota usage
     * @param numericProtocol {@code -p}: print protocols as numbers
     * @return the renderer
     */
    public RuleRenderer withOptions(boolean stateless, boolean numericProtocol) {
        return new RuleRenderer(cgroupPaths, stateless, numericProtocol, interfaceNames);
    }

    /**
     * This renderer with interface names from {@code names} (index to name, or {@code null}).
     *
     * @param names the interface name of an index
     * @return the renderer
     */
    public RuleRenderer withInterfaceNames(IntFunction<String> names) {
        return new RuleRenderer(cgroupPaths, stateless, numericProtocol, names);
    }

    /** Checks the components: {@code cgroupPaths} must not be null. */
    public RuleRenderer {
        Objects.requireNonNull(cgroupPaths, "cgroupPaths");
    }

    /**
     * The rule's statements and comment, as one line (an anonymous chain's rules on lines of their
     * own).
     *
     * @param rule the rule
     * @return the text
     */
    public String render(RuleSpec rule) {
        return render(rule, 2);
    }

    /** The rule as it prints {@code depth} tabs in: the rules of an anonymous chain it jumps to one more. */
    private String render(RuleSpec rule, int depth) {
        StringJoiner line = new StringJoiner(" ");
        for (int i = 0; i < rule.statements().size(); i++) {
            Statement s = rule.statements().get(i);
            line.add(XtListing.isXt(s) ? XtListing.text(rule, i)
                    : s instanceof Statement.ChainBinding b ? binding(b, rule.family(), depth) : render(s, rule.family()));
        }
        if (rule.comment() != null) {
            line.add("comment \"" + rule.comment() + "\"");
        }
        return line.toString();
    }

    /** {@code jump {}, each rule on its own line one tab further in, and {@code }} back at {@code depth}. */
    private String binding(Statement.ChainBinding b, Family family, int depth) {
        StringBuilder sb = new StringBuilder(b.goTo() ? "goto {" : "jump {");
        for (RuleSpec r : b.rules()) {
            sb.append('\n').append("\t".repeat(depth + 1)).append(render(r, depth + 1));
        }
        return sb.append('\n').append("\t".repeat(depth)).append('}').toString();
    }

    /**
     * One statement, as it prints in a rule of an {@code inet} table.
     *
     * @param s the statement
     * @return the text
     */
    public String render(Statement s) {
        return render(s, Family.INET);
    }

    /**
     * One statement, as it prints in a rule of a {@code family} table.
     *
     * @param s the statement
     * @param family the table's family
     * @return the text
     */
    public String render(Statement s, Family family) {
        return switch (s) {
            case Match m when m.field() instanceof MaskedField mf && mf.field().datatype().isBitmask() && !mf.isOr()
                    && m.op() == Match.Op.EQ && m.value() instanceof Value.Single z && Linearizer.number(z.bytes()).signum() == 0 ->
                    // nft's spelling of "none of these flags"
                    mf.field().text() + " ! " + mf.field().datatype().print(mf.field().fromRegister(mf.mask()));
            case Match m when m.op() == Match.Op.EXACT && m.value() instanceof Value.Single v -> exact(m.field(), v);
            case Match m -> match(m);
            case Statement.VerdictStatement v -> v.verdict().toString();
            case Statement.ChainBinding b -> binding(b, family, 2);
            case Statement.CounterStatement c -> stateless ? "counter" : "counter packets " + Long.toUnsignedString(c.packets())
                    + " bytes " + Long.toUnsignedString(c.bytes());
            case Statement.MetaSet ms -> ms.field().text() + " set " + ms.field().datatype().print(ms.value());
            case Statement.QueueStatement q -> "queue" + (q.flags().isEmpty() ? "" : " flags " + queueFlags(q.flags())) + " to "
                    + (q.source() != null ? sourceText(q.source()) : q.first() + (q.last() != q.first() ? "-" + q.last() : ""));
            case Statement.TproxyStatement t -> "tproxy" + (t.family() == 0 || family != Family.INET ? ""
                    : t.family() == 2 ? " ip" : " ip6") + " to " + (t.address() == null ? ""
                    : t.address().length() == 16 ? "[" + Datatype.printAddress(t.address().toArray()) + "]"
                    : Datatype.printAddress(t.address().toArray())) + (t.port() == null ? "" : ":" + t.port());
            case Statement.SynproxyStatement sp -> "synproxy"
                    // nft 1.1.3 prints both when either was given (synproxy wscale 3 lists as synproxy mss 0 wscale 3)
                    + (sp.mss() != null || sp.wscale() != null ? " mss " + (sp.mss() == null ? 0 : sp.mss())
                            + " wscale " + (sp.wscale() == null ? 0 : sp.wscale()) : "")
                    + KernelFlag.words(SynproxyFlag.class, sp.flags()).stream().map(w -> " " + w).collect(Collectors.joining());
            case Statement.DupStatement d when d.deviceSource() != null -> "dup to " + mapText((MapLookupField) d.deviceSource());
            case Statement.DupStatement d when d.addressSource() != null -> "dup to " + sourceText(d.addressSource())
                    + (d.device() == null ? "" : " device " + device(d.device()));
            case Statement.DupStatement d -> "dup to " + (d.address() == null ? device(d.device())
                    : Datatype.printAddress(d.address().toArray()) + (d.device() == null ? "" : " device " + device(d.device())));
            case Statement.FwdStatement f when f.deviceSource() != null -> "fwd to " + mapText((MapLookupField) f.deviceSource());
            case Statement.FwdStatement f -> f.address() == null ? "fwd to " + device(f.device())
                    : "fwd " + (f.address().length() == 4 ? "ip" : "ip6") + " to " + Datatype.printAddress(f.address().toArray())
                    + " device " + device(f.device());
            case Statement.ObjectReference o -> o.type().reference() + " \"" + o.object() + "\"";
            case Statement.ObjectMap om -> objectMap(om);
            case Statement.SetFromField sf -> sf.target().text() + " set " + sourceText(sf.source());
            case Statement.TcpOptionReset r -> "reset tcp option " + ExthdrField.tcpOptionName(r.kind());
            case Statement.ConnlimitStatement cl -> "ct count " + (cl.over() ? "over " : "") + Integer.toUnsignedString(cl.count());
            case Statement.LastStatement l -> stateless ? "last"
                    : "last used " + (l.usedMillis() == null ? "never" : NftTime.format(l.usedMillis()));
            case Statement.DynsetStatement d -> dynset(d, family);
            case Statement.CtSet cs -> cs.field().text() + " set " + cs.field().datatype().print(cs.value());
            case Statement.PayloadSet ps -> ps.field().text() + " set " + single(ps.field(), ps.value());
            case Statement.KernelExpression k when XtListing.isXt(k) ->
                    XtListing.text(k.expression(), new XtContext(family, 0));
            case Statement.KernelExpression k -> k.expression().toDebugString();
            case Statement.LogStatement l -> log(l);
            case Statement.LimitStatement l -> limit(l);
            case Statement.QuotaStatement q -> "quota " + (q.over() ? "over " : "") + ByteUnit.format(q.bytes())
                    + (q.used() != 0 && !stateless ? " used " + ByteUnit.format(q.used()) : "");
            case Statement.NotrackStatement n -> "notrack";
            case Statement.RejectStatement r -> reject(r, family);
            case Statement.NatStatement n -> nat(n, family);
            case Statement.MasqueradeStatement m -> "masquerade" + (m.portMin() == null ? "" : " to " + ports(m.portMin(), m.portMax()))
                    + NatFlag.text(m.flags());
            case Statement.RedirectStatement r -> "redirect" + (r.portSource() != null ? " to :" + sourceText(r.portSource())
                    : r.portMin() == null ? "" : " to " + ports(r.portMin(), r.portMax())) + NatFlag.text(r.flags());
            case Statement.VerdictMap v -> verdictMap(v);
        };
    }

    private String match(Match m) {
        // nft writes == after a mask, and leaves it out otherwise
        String op = m.op() == Match.Op.EQ && !(m.field() instanceof MaskedField) ? "" : m.op().text() + " ";
        // flags are a list (established,related) only where they test for any of them
        String value = m.field() instanceof MaskedField mf && mf.field().datatype().isBitmask() && m.value() instanceof Value.Single
                ? value(m.field(), m.value()).replace(",", " | ")
                : m.op() != Match.Op.EQ ? flagValue(m.field(), m.value()) : value(m.field(), m.value());
        return fieldText(m.field()) + " " + op + value;
    }

    private String objectMap(Statement.ObjectMap om) {
        String map = om.named() != null ? "@" + om.named() : om.entries().stream()
                .map(e -> flagValue(om.key(), e.key()) + " : \"" + e.object() + "\"")
                .collect(Collectors.joining(", ", "{ ", " }"));
        return om.type().reference() + " " + om.key().text() + " map " + map;
    }

    private String dynset(Statement.DynsetStatement d, Family family) {
        StringBuilder sb = new StringBuilder(d.op().nftName()).append(" @")
                .append(d.set()).append(" { ").append(fieldText(d.key()));
        if (d.timeout() != null) {
            sb.append(" timeout ").append(NftTime.format(d.timeout().toMillis()));
        }
        for (Statement stateful : d.stateful()) {
            // nft lists a set element's counter without its values (they are the element's)
            sb.append(' ').append(stateful instanceof Statement.CounterStatement ? "counter" : render(stateful, family));
        }
        if (d.data() != null) {
            sb.append(" : ").append(d.data().text());
        }
        return sb.append(" }").toString();
    }

    private String verdictMap(Statement.VerdictMap v) {
        if (v.named() != null) {
            return v.field().text() + " vmap @" + v.named();
        }
        StringJoiner j = new StringJoiner(", ", "{ ", " }");
        for (Statement.VerdictMap.Entry e : v.entries()) {
            j.add(flagValue(v.field(), e.key()) + elementStatements(e.statements()) + " : " + e.verdict());
        }
        return v.field().text() + " vmap " + j;
    }

    /** A value a statement takes from the packet: a map lookup through {@link #mapText}, other fields as they print. */
    private String sourceText(Field source) {
        return source instanceof MapLookupField m ? mapText(m) : source.text();
    }

    /**
     * A map lookup, interfaces in its keys and data by name ({@code meta mark map { 0x00000001 : "lo" }},
     * {@code iif . th sport map { "lo" . 22 : 0x00000001 }}).
     */
    private String mapText(MapLookupField m) {
        if (m.named() != null) {
            return m.text();
        }
        StringJoiner j = new StringJoiner(", ", "{ ", " }");
        for (MapLookupField.Entry e : m.entries()) {
            String data = m.datatype() == Datatype.IFINDEX ? device(e.data().asU32()) : m.dataText(e.data());
            j.add((e.isCatchAll() ? "*" : renderValue(m.key(), m.keyValue(e))) + " : " + data);
        }
        return m.key().text() + " map " + j;
    }

    private static String log(Statement.LogStatement l) {
        StringBuilder sb = new StringBuilder("log");
        if (l.prefix() != null) {
            sb.append(" prefix \"").append(l.prefix()).append('"');
        }
        if (l.group() != null) {
            sb.append(" group ").append(l.group());
        }
        if (l.snaplen() != null && l.snaplen() != 0) {
            sb.append(" snaplen ").append(Integer.toUnsignedString(l.snaplen()));
        }
        if (l.queueThreshold() != null && l.queueThreshold() != 0) {
            sb.append(" queue-threshold ").append(l.queueThreshold());
        }
        if (l.level() != null) {
            // listings read warn back as no level, so an explicit warn is printed only when written so
            sb.append(" level ").append(l.level().nftName());
        }
        return sb.append(LogFlag.text(l.flags())).toString();
    }

    /** nft 1.1.3 prints a packet limit's burst always, a byte limit's when it is not 0. */
    private static String limit(Statement.LimitStatement l) {
        StringBuilder sb = new StringBuilder("limit rate ");
        if (l.over()) {
            sb.append("over ");
        }
        if (l.bytes()) {
            sb.append(ByteUnit.format(l.rate())).append('/').append(l.period().nftName());
            if (l.burst() != 0) {
                sb.append(" burst ").append(ByteUnit.format(l.burst()));
            }
        } else {
            sb.append(Long.toUnsignedString(l.rate())).append('/').append(l.period().nftName())
                    .append(" burst ").append(l.burst()).append(" packets");
        }
        return sb.toString();
    }

    private static String reject(Statement.RejectStatement r, Family family) {
        if (r.equals(Statement.RejectStatement.defaultFor(family))) {
            return "reject";
        }
        if (r.kind() == RejectKind.TCP_RESET) {
            return "reject with tcp reset";
        }
        boolean numeric = OutputFlags.current().numericSymbol();
        return "reject with " + r.kind().nftName() + " " + (numeric ? Integer.toString(r.code()) : r.kind().codeName(r.code()));
    }

    private String nat(Statement.NatStatement n, Family family) {
        StringBuilder sb = new StringBuilder(n.destination() ? "dnat" : "snat");
        boolean v6 = n.addressLength() == 16;
        // nft names the family of a map to addresses and ports in every table
        if ((family == Family.INET || n.sourcesPort() || n.sourcesRanges()) && n.addressLength() != 0) {
            sb.append(v6 ? " ip6" : " ip");
        }
        sb.append(n.netmap() ? " prefix to " : " to ");
        if (n.addressSource() != null) {
            return sb.append(sourceText(n.addressSource())).append(NatFlag.text(n.flags())).toString();
        }
        if (n.addressMin() != null) {
            String a = Datatype.printAddress(n.addressMin().toArray());
            String b = Datatype.printAddress(n.addressMax().toArray());
            int prefix = prefixLength(n.addressMin(), n.addressMax());
            boolean brackets = v6 && n.portMin() != null;
            String addr = a.equals(b) ? a : prefix >= 0 ? a + "/" + prefix : brackets ? a + "]-[" + b : a + "-" + b;
            sb.append(brackets ? "[" + addr + "]" : addr);
        }
        if (n.portMin() != null) {
            sb.append(ports(n.portMin(), n.portMax()));
        }
        return sb.append(NatFlag.text(n.flags())).toString();
    }

    /**
     * The prefix length when {@code [low, high]} is exactly one prefix, else -1.
     *
     * @param low the range's first address
     * @param high the range's last address
     * @return the prefix length, or -1
     */
    public static int prefixLength(Bytes low, Bytes high) {
        BigInteger lo = new BigInteger(1, low.toArray());
        BigInteger size = new BigInteger(1, high.toArray()).subtract(lo).add(BigInteger.ONE);
        if (size.signum() <= 0 || size.bitCount() != 1 || lo.mod(size).signum() != 0) {
            return -1;
        }
        return low.length() * 8 - (size.bitLength() - 1);
    }

    private static String ports(int min, int max) {
        return ":" + min + (max != min ? "-" + max : "");
    }

    private static String queueFlags(Set<QueueFlag> flags) {
        return String.join(",", KernelFlag.words(QueueFlag.class, flags));
    }

    private String device(int index) {
        String name = interfaceNames.apply(index);
        return name != null ? "\"" + name + "\"" : Integer.toString(index);
    }

    /**
     * A value of {@code field} as nft prints it.
     *
     * @param field the field the value belongs to
     * @param v the value
     * @return the text
     */
    public String renderValue(Field field, Value v) {
        return value(field, v);
    }

    private String value(Field field, Value v) {
        return switch (v) {
            case Value.Single s -> single(field, s.bytes());
            case Value.Prefix p -> field.datatype().print(p.address()) + "/" + p.bits();
            case Value.Range r when field instanceof ConcatField concat -> concatRange(concat, r);
            case Value.Range r when field.datatype() == Datatype.IFNAME && SetElementListing.wildcard(r.low(), r.high()) != null ->
                    field.datatype().print(SetElementListing.wildcard(r.low(), r.high()));
            case Value.Range r -> rangeEnd(field, r.low()) + "-" + rangeEnd(field, r.high());
            case Value.SetReference ref -> "@" + ref.name();
            case Value.CatchAll c -> "*";
            case Value.SetLiteral l -> {
                StringJoiner j = new StringJoiner(", ", "{ ", " }");
                boolean numbers = BitValue.listedAsNumbers(field, l);
                for (int i = 0; i < l.items().size(); i++) {
                    String item = numbers && l.items().get(i) instanceof Value.Single one ? rangeEnd(field, one.bytes())
                            : flagValue(field, l.items().get(i));
                    j.add(item + elementStatements(l.statementsOf(i)));
                }
                yield j.toString();
            }
        };
    }

    /**
     * An exact compare of a flag field as nft 1.1.3 lists it: one flag by name ({@code tcp flags == syn}), other
     * values of a header field as a number ({@code tcp flags == 0x12}), of a ct key as its flags without the
     * operator ({@code ct state established | related}).
     */
    private String exact(Field field, Value.Single v) {
        BigInteger n = Linearizer.number(field.fromRegister(v.bytes()));
        if (n.bitCount() == 1) {
            return fieldText(field) + " == " + value(field, v);
        }
        if (field instanceof CtField && n.signum() != 0) {
            return fieldText(field) + " " + flagValue(field, v);
        }
        return fieldText(field) + " == 0x" + n.toString(16);
    }

    /**
     * A value as nft prints one flag value that is no test for any of its flags (a set element, a map key, after
     * {@code !=}): several flags joined with {@code |} ({@code established | related}).
     */
    private String flagValue(Field field, Value v) {
        String text = value(field, v);
        boolean flags = !(field instanceof ConcatField) && field.datatype().isBitmask() && v instanceof Value.Single;
        return flags ? text.replace(",", " | ") : text;
    }

    /** An anonymous set element's stateful statements, each after a space ({@code  counter packets 0 bytes 0}). */
    private String elementStatements(List<Statement> statements) {
        StringBuilder sb = new StringBuilder();
        statements.forEach(s -> sb.append(' ').append(render(s)));
        return sb.toString();
    }

    /** A range of a concatenation part by part: {@code 10.0.0.0/8 . 10-23}. */
    private String concatRange(ConcatField concat, Value.Range r) {
        StringJoiner j = new StringJoiner(" . ");
        List<Bytes> lows = concat.split(r.low());
        List<Bytes> highs = concat.split(r.high());
        for (int i = 0; i < lows.size(); i++) {
            Field f = concat.fields().get(i);
            Bytes low = lows.get(i);
            Bytes high = highs.get(i);
            if (low.equals(high)) {
                j.add(single(f, low));
                continue;
            }
            int bits = prefixLength(low, high);
            Bytes wildcard = f.datatype() == Datatype.IFNAME ? SetElementListing.wildcard(low, high) : null;
            if (wildcard != null) {
                j.add(f.datatype().print(wildcard));
                continue;
            }
            boolean address = f.datatype() == Datatype.IPV4_ADDR || f.datatype() == Datatype.IPV6_ADDR;
            j.add(address && bits >= 0 ? single(f, low) + "/" + bits : rangeEnd(f, low) + "-" + rangeEnd(f, high));
        }
        return j.toString();
    }

    /** nft prints the ends of a range numerically, symbolic types included. */
    private String rangeEnd(Field field, Bytes b) {
        return field instanceof ConcatField || field instanceof SocketCgroupField ? single(field, b)
                : field.datatype().printNumeric(field.fromRegister(b));
    }

    /** A field as nft lists it: constants in a concatenation as values ({@code ip saddr . "lo"}). */
    private String fieldText(Field field) {
        if (field instanceof ConcatField concat && concat.fields().stream().anyMatch(ConstantField.class::isInstance)) {
            StringJoiner j = new StringJoiner(" . ");
            concat.fields().forEach(f -> j.add(f instanceof ConstantField c && c.parts().size() == 1
                    ? single(c, c.values().getFirst()) : f.text()));
            return j.toString();
        }
        return field instanceof ConstantField c && c.parts().size() == 1 ? single(c, c.values().getFirst()) : field.text();
    }

    private String single(Field field, Bytes b) {
        if (field instanceof ConcatField concat) {
            StringJoiner j = new StringJoiner(" . ");
            List<Bytes> parts = concat.split(b);
            for (int i = 0; i < parts.size(); i++) {
                Field part = concat.fields().get(i);
                j.add(ConcatField.holdsValue(part) ? part.datatype().print(ConcatField.valueOf(part, parts.get(i)))
                        : single(part, parts.get(i)));
            }
            return j.toString();
        }
        if (field.datatype() == Datatype.CT_STATE) {
            return CtState.render(b.asU32());
        }
        if (field instanceof SocketCgroupField) {
            long id = 0;
            for (int i = 7; i >= 0; i--) {
                id = id << 8 | b.get(i);
            }
            String path = cgroupPaths.apply(id);
            return path != null ? "\"" + path + "\"" : Long.toUnsignedString(id);
        }
        if (field.datatype() == Datatype.IFINDEX) {
            String name = interfaceNames.apply(b.asU32());
            if (name != null) {
                return "\"" + name + "\"";
            }
        }
        if (numericProtocol && field.datatype() == Datatype.INET_PROTO) {
            return Integer.toString(b.get(0));
        }
        return field.datatype().print(field.fromRegister(b));
    }
}
