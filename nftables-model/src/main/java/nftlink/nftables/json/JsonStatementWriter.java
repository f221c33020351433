package nftlink.nftables.json;

import nftlink.nftables.KernelFlag;
import nftlink.nftables.QueueFlag;
import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.xt.XtListing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Objref;
import nftlink.nftables.lang.ByteUnit;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

/**
 * Writes the statements of a rule as nft 1.1.3's JSON, one method per statement family.
 *
 * @param renderer the renderer whose options (cgroup paths, interface names, stateless) this writer follows
 */
record JsonStatementWriter(JsonRenderer renderer) {

    /** One statement of a rule in a {@code family} table. */
    JsonValue statement(Statement s, Family family) {
        return switch (s) {
            // nft 1.1.3 has no JSON for an anonymous chain and prints its text instead
            case Statement.ChainBinding b -> JsonValue.of(new RuleRenderer(renderer.cgroupPaths(), renderer.stateless(), false, renderer.interfaceNames()).render(b, family));
            case Match m when noneOf(m) -> noneOfMatch(m);
            case Match m when m.field() instanceof MaskedField masked && masked.field().datatype().isBitmask() ->
                    // flags compared after a mask: combined flags are {"|": [...]}, as nft writes them
                    JsonValue.single("match", JsonValue.object().put("op", op(m)).put("left", renderer.field(m.field()))
                            .put("right", JsonValueWriter.joinedFlags(renderer.value(m.field(), m.value()))).build());
            case Match m when m.op() == Match.Op.EXACT && m.value() instanceof Value.Single v -> JsonValue.single("match",
                    JsonValue.object().put("op", op(m)).put("left", renderer.field(m.field())).put("right", exact(m.field(), v)).build());
            case Match m -> JsonValue.single("match", JsonValue.object().put("op", op(m)).put("left", renderer.field(m.field()))
                    .put("right", m.op() != Match.Op.EQ ? renderer.values().flagValue(m.field(), m.value()) : renderer.value(m.field(), m.value())).build());
            case Statement.VerdictStatement v -> JsonRenderer.verdict(v.verdict());
            case Statement.CounterStatement c -> JsonValue.single("counter", renderer.stateless() ? JsonValue.NULL : counter(c.packets(), c.bytes()));
            case Statement.MetaSet ms -> JsonValue.single("mangle", JsonValue.object().put("key", renderer.field(ms.field()))
                    .put("value", renderer.values().single(ms.field(), ms.value())).build());
            case Statement.QueueStatement q -> queue(q);
            case Statement.TproxyStatement t -> tproxy(t, family);
            case Statement.SynproxyStatement sp -> synproxy(sp);
            case Statement.DupStatement d when d.addressSource() != null || d.deviceSource() != null -> dupFromSource(d);
            case Statement.FwdStatement f when f.deviceSource() != null ->
                    JsonValue.single("fwd", JsonValue.single("dev", renderer.field(f.deviceSource())));
            case Statement.DupStatement d -> dup(d);
            case Statement.FwdStatement f -> fwd(f);
            case Statement.ObjectReference o -> JsonValue.single(o.type().nftName(), JsonValue.of(o.object()));
            case Statement.ObjectMap om -> objectMap(om);
            case Statement.SetFromField sf -> JsonValue.single("mangle", JsonValue.object().put("key", renderer.field(sf.target()))
                    .put("value", renderer.field(sf.source())).build());
            case Statement.TcpOptionReset r -> JsonValue.single("reset", JsonValue.single("tcp option",
                    JsonValue.single("name", JsonValue.of(ExthdrField.tcpOptionName(r.kind())))));
            case Statement.ConnlimitStatement cl -> connlimit(cl);
            case Statement.LastStatement l -> JsonValue.single("last", l.usedMillis() == null || renderer.stateless() ? JsonValue.NULL
                    : JsonValue.single("used", JsonValue.of(l.usedMillis())));
            case Statement.DynsetStatement d -> dynset(d, family);
            case Statement.CtSet cs -> JsonValue.single("mangle", JsonValue.object().put("key", renderer.field(cs.field()))
                    .put("value", renderer.values().single(cs.field(), cs.value())).build());
            case Statement.PayloadSet ps -> JsonValue.single("mangle", JsonValue.object().put("key", renderer.field(ps.field()))
                    .put("value", renderer.values().single(ps.field(), ps.value())).build());
            case Statement.KernelExpression k when XtListing.isXt(k) ->
                    XtListing.json(k.expression(), family);
            case Statement.KernelExpression k -> kernelExpression(k.expression());
            case Statement.LogStatement l -> log(l);
            case Statement.LimitStatement l -> limit(l);
            case Statement.QuotaStatement q -> quota(q, renderer.stateless());
            case Statement.NotrackStatement n -> JsonValue.single("notrack", JsonValue.NULL);
            case Statement.RejectStatement r -> reject(r);
            case Statement.NatStatement n -> new JsonNatWriter(renderer).nat(n, family);
            case Statement.MasqueradeStatement m -> JsonNatWriter.natPorts("masquerade", m.portMin(), m.portMax(), m.flags());
            case Statement.RedirectStatement r when r.portSource() != null -> redirectFromSource(r);
            case Statement.RedirectStatement r -> JsonNatWriter.natPorts("redirect", r.portMin(), r.portMax(), r.flags());
            case Statement.VerdictMap v -> verdictMap(v);
        };
    }

    /** FIELD & FLAGS == 0: nft's JSON says none of the flags, {@code {"op": "!"}}. */
    private JsonValue noneOfMatch(Match m) {
        MaskedField masked = (MaskedField) m.field();
        return JsonValue.single("match", JsonValue.object().put("op", "!").put("left", renderer.field(masked.field()))
                .put("right", renderer.values().single(masked.field(), masked.mask())).build());
    }

    /** A queue statement: its queue number or range, or the expression computing it, and its flags. */
    private JsonValue queue(Statement.QueueStatement q) {
        var body = JsonValue.object().put("num", q.source() != null ? renderer.field(q.source()) : q.first() == q.last() ? JsonValue.of(q.first())
                : JsonValue.single("range", JsonValue.array(JsonValue.of(q.first()), JsonValue.of(q.last()))));
        List<JsonValue> flags = KernelFlag.words(QueueFlag.class, q.flags()).stream().map(JsonValue::of).toList();
        if (!flags.isEmpty()) {
            body.put("flags", flags.size() == 1 ? flags.getFirst() : JsonValue.array(flags));
        }
        return JsonValue.single("queue", body.build());
    }

    /** A tproxy statement: the family in inet tables, the address and the port. */
    private JsonValue tproxy(Statement.TproxyStatement t, Family family) {
        var body = JsonValue.object();
        if (t.family() != 0 && family == Family.INET) {
            body.put("family", t.family() == 2 ? "ip" : "ip6");
        }
        if (t.address() != null) {
            body.put("addr", Datatype.printAddress(t.address().toArray()));
        }
        if (t.port() != null) {
            body.put("port", t.port());
        }
        return JsonValue.single("tproxy", body.build());
    }

    /** A synproxy statement: its options, {@code null} without any. */
    private JsonValue synproxy(Statement.SynproxyStatement sp) {
        var body = JsonValue.object();
        if (sp.mss() != null) {
            body.put("mss", sp.mss());
        }
        if (sp.wscale() != null) {
            body.put("wscale", sp.wscale());
        }
        List<JsonValue> flags = KernelFlag.words(SynproxyFlag.class, sp.flags()).stream().map(JsonValue::of).toList();
        if (!flags.isEmpty()) {
            body.put("flags", JsonValue.array(flags));
        }
        // without options nft writes null
        return JsonValue.single("synproxy", SynproxyFlag.options(sp.mss(), sp.wscale(), sp.flags()) == 0 ? JsonValue.NULL : body.build());
    }

    /** A dup statement to an address or a device computed from the packet. */
    private JsonValue dupFromSource(Statement.DupStatement d) {
        var body = JsonValue.object();
        if (d.addressSource() != null) {
            body.put("addr", renderer.field(d.addressSource()));
        }
        if (d.device() != null) {
            body.put("dev", deviceName(d.device()));
        }
        if (d.deviceSource() != null) {
            // nft writes the device of a dup without an address (netdev) as its "addr"
            body.put(d.addressSource() == null ? "addr" : "dev", renderer.field(d.deviceSource()));
        }
        return JsonValue.single("dup", body.build());
    }

    /** A dup statement to a given address and device. */
    private JsonValue dup(Statement.DupStatement d) {
        var body = JsonValue.object();
        if (d.address() != null) {
            body.put("addr", Datatype.printAddress(d.address().toArray()));
        }
        if (d.device() != null) {
            body.put(d.address() == null ? "addr" : "dev", deviceName(d.device()));
        }
        return JsonValue.single("dup", body.build());
    }

    /** A fwd statement to a given device (and next hop). */
    private JsonValue fwd(Statement.FwdStatement f) {
        var body = JsonValue.object().put("dev", deviceName(f.device()));
        if (f.address() != null) {
            body.put("family", f.address().length() == 4 ? "ip" : "ip6")
                    .put("addr", Datatype.printAddress(f.address().toArray()));
        }
        return JsonValue.single("fwd", body.build());
    }

    /** An object map: the key and the named map or the anonymous map of its entries. */
    private JsonValue objectMap(Statement.ObjectMap om) {
        JsonValue data;
        if (om.named() != null) {
            data = JsonValue.of("@" + om.named());
        } else {
            List<JsonValue> items = new ArrayList<>();
            om.entries().forEach(e -> items.add(JsonValue.array(renderer.values().flagValue(om.key(), e.key()), JsonValue.of(e.object()))));
            data = JsonValue.single("set", JsonValue.array(items));
        }
        return JsonValue.single(om.type().nftName(), JsonValue.single("map",
                JsonValue.object().put("key", renderer.field(om.key())).put("data", data).build()));
    }

    /** A {@code ct count} statement. */
    private JsonValue connlimit(Statement.ConnlimitStatement cl) {
        var body = JsonValue.object().put("val", Integer.toUnsignedLong(cl.count()));
        if (cl.over()) {
            body.put("inv", JsonValue.of(true));
        }
        return JsonValue.single("ct count", body.build());
    }

    /** A set or map statement: the operation, the element (with its timeout), the set and its statements. */
    private JsonValue dynset(Statement.DynsetStatement d, Family family) {
        // an element with a timeout is {"elem": {"val": KEY, "timeout": SECONDS}}, as nft 1.1.3 writes it
        JsonValue elem = d.timeout() == null ? renderer.field(d.key()) : JsonValue.single("elem", JsonValue.object()
                .put("val", renderer.field(d.key())).put("timeout", d.timeout().toSeconds()).build());
        // nft writes a map statement's data before the map's name
        var body = JsonValue.object().put("op", d.op().nftName()).put("elem", elem);
        if (d.data() != null) {
            body.put("data", renderer.field(d.data()));
        }
        body.put(d.data() == null ? "set" : "map", "@" + d.set());
        if (!d.stateful().isEmpty()) {
            // nft writes the statements of a set statement without their state (nft -s)
            JsonRenderer statements = renderer.withStateless(true);
            List<JsonValue> stmts = new ArrayList<>();
            d.stateful().forEach(st -> stmts.add(statements.statement(st, family)));
            body.put("stmt", JsonValue.array(stmts));
        }
        return JsonValue.single(d.data() == null ? "set" : "map", body.build());
    }

    /** A redirect to a port computed from the packet. */
    private JsonValue redirectFromSource(Statement.RedirectStatement r) {
        var body = JsonValue.object().put("port", renderer.field(r.portSource()));
        JsonValue flags = JsonNatWriter.natFlags(r.flags());
        if (flags != null) {
            body.put("flags", flags);
        }
        return JsonValue.single("redirect", body.build());
    }

    /** A verdict map: the key and the named map or the anonymous map of its entries. */
    private JsonValue verdictMap(Statement.VerdictMap v) {
        JsonValue data;
        if (v.named() != null) {
            data = JsonValue.of("@" + v.named());
        } else {
            List<JsonValue> entries = new ArrayList<>();
            for (Statement.VerdictMap.Entry e : v.entries()) {
                entries.add(JsonValue.array(renderer.values().element(renderer.values().flagValue(v.field(), e.key()), e.statements()), JsonRenderer.verdict(e.verdict())));
            }
            data = JsonValue.single("set", JsonValue.array(entries));
        }
        return JsonValue.single("vmap", JsonValue.object().put("key", renderer.field(v.field())).put("data", data).build());
    }

    /** {@code FLAGS-FIELD & FLAGS == 0}: a test that none of the flags is set. */
    static boolean noneOf(Match m) {
        return m.op() == Match.Op.EQ && m.field() instanceof MaskedField masked && !masked.isOr()
                && masked.field().datatype().isBitmask() && !(masked.field() instanceof ConcatField)
                && m.value() instanceof Value.Single v && new BigInteger(1, v.bytes().toArray()).signum() == 0
                && new BigInteger(1, masked.xor().toArray()).signum() == 0;
    }

    /**
     * The value of an exact compare of a flag field as nft 1.1.3 writes it: one flag by name, other values of a
     * header field as a number, of a ct key as its flags ({@code {"|": [...]}}).
     */
    private JsonValue exact(Field field, Value.Single v) {
        BigInteger n = new BigInteger(1, field.fromRegister(v.bytes()).toArray());
        if (n.bitCount() == 1 || field instanceof CtField && n.signum() != 0) {
            return renderer.values().flagValue(field, v);
        }
        return JsonDatatypeValues.number(n);
    }

    /** The operator of a match: {@code in} for a flag test, else the match's own. */
    static String op(Match m) {
        if (m.op() == Match.Op.EQ && Linearizer.flagTest(m.field()) && m.value() instanceof Value.Single) {
            return "in";
        }
        return m.op().text();
    }

    /** The packets and bytes of a counter. */
    static JsonValue counter(long packets, long bytes) {
        return JsonValue.object().put("packets", JsonDatatypeValues.number(new BigInteger(Long.toUnsignedString(packets))))
                .put("bytes", JsonDatatypeValues.number(new BigInteger(Long.toUnsignedString(bytes)))).build();
    }

    /** An interface by name when {@link JsonRenderer#interfaceNames()} knows it, else its index. */
    private String deviceName(int index) {
        String name = renderer.interfaceNames().apply(index);
        return name != null ? name : Integer.toString(index);
    }

    /** A kernel expression the rule language does not express: named object references as nft writes them. */
    private static JsonValue kernelExpression(Expression e) {
        if (e instanceof Objref.Named n) {
            String kind = switch (n.type()) {
                case NfTablesUapi.NFT_OBJECT_COUNTER -> "counter";
                case NfTablesUapi.NFT_OBJECT_QUOTA -> "quota";
                case NfTablesUapi.NFT_OBJECT_LIMIT -> "limit";
                default -> null;
            };
            if (kind != null) {
                return JsonValue.single(kind, JsonValue.of(n.object()));
            }
        }
        return JsonValue.single("nftlink-expression", JsonValue.of(e.toDebugString()));
    }

    /** A log statement: prefix, group, snaplen, queue threshold, level and flags; {@code null} without any of the first, level and flags. */
    static JsonValue log(Statement.LogStatement l) {
        JsonValue.ObjectBuilder b = JsonValue.object();
        int members = 0;
        if (l.prefix() != null) {
            b.put("prefix", l.prefix());
            members++;
        }
        if (l.group() != null) {
            b.put("group", l.group());
            members++;
        }
        if (l.snaplen() != null && l.snaplen() != 0) {
            b.put("snaplen", Integer.toUnsignedLong(l.snaplen()));
        }
        if (l.queueThreshold() != null && l.queueThreshold() != 0) {
            b.put("queue-threshold", l.queueThreshold());
        }
        if (l.level() != null) {
            b.put("level", l.level().nftName());
            members++;
        }
        List<JsonValue> flags = LogFlag.jsonNames(l.flags()).stream().map(JsonValue::of).toList();
        if (!flags.isEmpty()) {
            b.put("flags", flags.size() == 1 ? flags.getFirst() : JsonValue.array(flags));
            members++;
        }
        return JsonValue.single("log", members == 0 ? JsonValue.NULL : b.build());
    }

    /** A limit statement: rate, burst and period, in packets or in bytes with their units. */
    static JsonValue limit(Statement.LimitStatement l) {
        JsonValue.ObjectBuilder b = JsonValue.object();
        if (!l.bytes()) {
            b.put("rate", l.rate()).put("burst", l.burst()).put("per", l.period().nftName());
            if (l.over()) {
                b.put("inv", JsonValue.of(true));
            }
        } else {
            ByteUnit rate = ByteUnit.of(l.rate());
            ByteUnit burst = ByteUnit.of(l.burst());
            b.put("rate", rate.count(l.rate())).put("burst", burst.count(l.burst())).put("per", l.period().nftName());
            if (l.over()) {
                b.put("inv", JsonValue.of(true));
            }
            b.put("rate_unit", rate.nftName()).put("burst_unit", burst.nftName());
        }
        return JsonValue.single("limit", b.build());
    }

    /** A quota statement: its bytes, over, and its usage unless {@code stateless}. */
    private static JsonValue quota(Statement.QuotaStatement q, boolean stateless) {
        ByteUnit val = ByteUnit.of(q.bytes());
        JsonValue.ObjectBuilder b = JsonValue.object().put("val", val.count(q.bytes())).put("val_unit", val.nftName());
        if (q.over()) {
            b.put("inv", JsonValue.of(true));
        }
        if (q.used() != 0 && !stateless) {
            ByteUnit used = ByteUnit.of(q.used());
            b.put("used", used.count(q.used())).put("used_unit", used.nftName());
        }
        return JsonValue.single("quota", b.build());
    }

    /** A reject statement: its type and its code by name, or a number where nft has no name. */
    static JsonValue reject(Statement.RejectStatement r) {
        if (r.kind() == RejectKind.TCP_RESET) {
            return JsonValue.single("reject", JsonValue.single("type", JsonValue.of(r.kind().nftName())));
        }
        // a code nft has no name for is a number
        JsonValue code = r.kind().names(r.code()) ? JsonValue.of(r.kind().codeName(r.code())) : JsonValue.of(r.code());
        return JsonValue.single("reject", JsonValue.object().put("type", r.kind().nftName()).put("expr", code).build());
    }
}
