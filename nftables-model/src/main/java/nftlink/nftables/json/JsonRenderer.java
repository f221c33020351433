package nftlink.nftables.json;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTables;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.ObjectData;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Objref;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.PayloadBitField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ByteUnit;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.lang.SocketCgroupField;
import nftlink.nftables.lang.RejectKind;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.TimeUnit;
import nftlink.nftables.lang.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Renders a rule set in the libnftables JSON schema, as {@code nft -j list ruleset}
 * (nft 1.1.3) prints it: one line, {@code {"nftables": [{"metainfo": ...}, {"table": ...},
 * {"chain": ...}, {"set": ...}, {"rule": ...}]}}, per table the table, its chains, objects,
 * named sets and maps, flowtables, then the rules of its chains.
 *
 * <p>Every stateful object type nft knows (counter, quota, limit, ct helper, ct timeout,
 * ct expectation, synproxy, secmark) and flowtables are rendered; objects whose data the
 * library keeps raw are left out. A kernel expression the rule
 * language does not express renders as {@code {"nftlink-expression": "DEBUG TEXT"}},
 * which no nft reads.
 *
 * @param cgroupPaths maps a cgroup ID to its path for {@code socket cgroupv2} matches,
 *                    returning {@code null} when unknown (the ID is printed then, as a string)
 * @param stateless   leave out counter values and quota usage, like {@code nft -s -j}
 * @param interfaceNames maps an interface index to its name for {@code iif}/{@code oif} values and
 *                    devices, returning {@code null} when unknown (the index is printed then)
 */
public record JsonRenderer(LongFunction<String> cgroupPaths, boolean stateless, java.util.function.IntFunction<String> interfaceNames) {

    /**
     * The version {@code metainfo} claims: nft 1.1.3's, whose JSON this renderer writes (readers that
     * look at the version get the format they expect for it).
     */
    public static final String VERSION = "1.1.3";
    /** nft 1.1.3's release name. */
    public static final String RELEASE_NAME = "Commodore Bullmoose #4";
    /** The schema version of nft 1.1.3. */
    public static final int SCHEMA_VERSION = 1;

    /** Prints cgroup IDs as numbers (in strings). */
    public static final JsonRenderer DEFAULT = new JsonRenderer(id -> null, false);

    public JsonRenderer {
        Objects.requireNonNull(cgroupPaths, "cgroupPaths");
        Objects.requireNonNull(interfaceNames, "interfaceNames");
    }

    /** Interface indexes printed as numbers. */
    public JsonRenderer(LongFunction<String> cgroupPaths, boolean stateless) {
        this(cgroupPaths, stateless, index -> null);
    }

    /** This renderer, naming interfaces with {@code names}. */
    public JsonRenderer withInterfaceNames(java.util.function.IntFunction<String> names) {
        return new JsonRenderer(cgroupPaths, stateless, names);
    }

    /** With counter values and quota usage, like {@code nft -j}. */
    public JsonRenderer(LongFunction<String> cgroupPaths) {
        this(cgroupPaths, false);
    }

    /** This renderer, leaving out counter values and quota usage or not. */
    public JsonRenderer withStateless(boolean newStateless) {
        return new JsonRenderer(cgroupPaths, newStateless, interfaceNames);
    }

    /** The text {@code nft -j list ruleset} prints, without the trailing newline. */
    public String render(RulesetListing listing) {
        return document(listing).toJson();
    }

    /**
     * The document {@code nft -j list ruleset} prints: per table the table, its chains (maps and rules
     * refer to them), its stateful objects, named sets and maps, flowtables, then the rules of its chains.
     */
    public JsonValue document(RulesetListing listing) {
        List<JsonValue> items = new ArrayList<>();
        items.add(metainfo());
        for (Table t : listing.ruleset().tables()) {
            items.add(JsonValue.single("table", table(t)));
            List<Chain> chains = listing.ruleset().chainsOf(t);
            for (Chain c : chains) {
                items.add(JsonValue.single("chain", chain(c)));
            }
            for (NftObject o : listing.objects()) {
                JsonValue rendered = o.family() == t.family() && o.table().equals(t.name()) ? object(o) : null;
                if (rendered != null) {
                    items.add(rendered);
                }
            }
            for (NftSet s : listing.sets()) {
                if (s.family() == t.family() && s.table().equals(t.name()) && (s.flags() & NfTables.NFT_SET_ANONYMOUS) == 0) {
                    List<SetElement> elements = listing.elements()
                            .getOrDefault(s.family().nftName() + " " + s.table() + " " + s.name(), List.of());
                    boolean map = s.isMap() || (s.flags() & NfTables.NFT_SET_OBJECT) != 0;
                    items.add(JsonValue.single(map ? "map" : "set", set(s, elements)));
                }
            }
            for (Flowtable f : listing.flowtables()) {
                if (f.family() == t.family() && f.table().equals(t.name())) {
                    items.add(flowtable(f));
                }
            }
            for (Chain c : chains) {
                for (RuleSpec r : listing.rulesOf(c)) {
                    items.add(JsonValue.single("rule", rule(r)));
                }
            }
        }
        return JsonValue.single("nftables", JsonValue.array(items));
    }

    /** {@code {"metainfo": {...}}} as nft 1.1.3 writes it. */
    public static JsonValue metainfo() {
        return JsonValue.single("metainfo", JsonValue.object().put("version", VERSION).put("release_name", RELEASE_NAME)
                .put("json_schema_version", SCHEMA_VERSION).build());
    }

    /** The body of a {@code "table"} object: flags by name (one as a string, several as a list) and comment. */
    public JsonValue.Obj table(Table t) {
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", t.family().nftName()).put("name", t.name())
                .put("handle", JsonValue.of(t.handle()));
        List<JsonValue> flags = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((t.flags() & 1 << bit) != 0) {
                flags.add(JsonValue.of(bit < TABLE_FLAGS.size() ? TABLE_FLAGS.get(bit) : "unknown"));
            }
        }
        if (!flags.isEmpty()) {
            b.put("flags", flags.size() == 1 ? flags.getFirst() : JsonValue.array(flags));
        }
        if (t.comment() != null) {
            b.put("comment", t.comment());
        }
        return b.build();
    }

    /** nft's names of the table flags, by bit. */
    private static final List<String> TABLE_FLAGS = List.of("dormant", "owner", "persist");

    /**
     * A named object as nft 1.0.6 lists it ({@code {"counter": {...}}}, {@code {"ct helper": {...}}}, ...),
     * or {@code null} for an object whose data the library keeps raw, which this renderer leaves out.
     */
    public JsonValue object(NftObject o) {
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", o.family().nftName()).put("name", o.name())
                .put("table", o.table()).put("handle", JsonValue.of(o.handle()));
        if (o.comment() != null) {
            b.put("comment", o.comment());
        }
        switch (o.data()) {
            case ObjectData.Counter c -> {
                b.put("packets", Scalars.number(new BigInteger(Long.toUnsignedString(c.packets()))))
                        .put("bytes", Scalars.number(new BigInteger(Long.toUnsignedString(c.bytes()))));
                return JsonValue.single("counter", b.build());
            }
            case ObjectData.Quota q -> {
                b.put("bytes", Scalars.number(new BigInteger(Long.toUnsignedString(q.bytes()))))
                        .put("used", Scalars.number(new BigInteger(Long.toUnsignedString(q.consumed()))))
                        .put("inv", JsonValue.of((q.flags() & NfTables.NFT_QUOTA_F_INV) != 0));
                return JsonValue.single("quota", b.build());
            }
            case ObjectData.Limit l -> {
                boolean over = (l.flags() & NfTables.NFT_LIMIT_F_INV) != 0;
                if (l.limitType() == NfTables.NFT_LIMIT_PKTS) {
                    b.put("rate", l.rate()).put("per", per(l.unit()));
                    if (over) {
                        b.put("inv", JsonValue.of(true));
                    }
                    if (l.burst() != 0) {
                        b.put("burst", Integer.toUnsignedLong(l.burst()));
                    }
                } else {
                    ByteUnit rate = ByteUnit.of(l.rate());
                    ByteUnit burst = ByteUnit.of(Integer.toUnsignedLong(l.burst()));
                    b.put("rate", rate.count(l.rate())).put("per", per(l.unit()));
                    if (over) {
                        b.put("inv", JsonValue.of(true));
                    }
                    b.put("rate_unit", rate.nftName());
                    if (l.burst() != 0) {
                        // nft leaves a burst of 0 out
                        b.put("burst", burst.count(Integer.toUnsignedLong(l.burst()))).put("burst_unit", burst.nftName());
                    }
                }
                return JsonValue.single("limit", b.build());
            }
            case ObjectData.CtHelper h -> {
                b.put("type", h.helper()).put("protocol", protocol(h.l4proto())).put("l3proto", ObjectRenderer.familyName(h.l3proto()));
                return JsonValue.single("ct helper", b.build());
            }
            case ObjectData.CtTimeout t -> {
                JsonValue policy = JsonValue.NULL;
                if (!t.policy().isEmpty()) {
                    JsonValue.ObjectBuilder p = JsonValue.object();
                    t.policy().forEach((state, seconds) -> p.put(state, Integer.toUnsignedLong(seconds)));
                    policy = p.build();
                }
                b.put("protocol", protocol(t.l4proto())).put("l3proto", ObjectRenderer.familyName(t.l3proto())).put("policy", policy);
                return JsonValue.single("ct timeout", b.build());
            }
            case ObjectData.CtExpectation e -> {
                b.put("protocol", protocol(e.l4proto())).put("dport", e.dport())
                        .put("timeout", Integer.toUnsignedLong(e.timeout())).put("size", e.size())
                        .put("l3proto", ObjectRenderer.familyName(e.l3proto()));
                return JsonValue.single("ct expectation", b.build());
            }
            case ObjectData.Synproxy sp -> {
                b.put("mss", sp.mss()).put("wscale", sp.wscale());
                List<JsonValue> flags = new ArrayList<>();
                if ((sp.flags() & NfTables.NF_SYNPROXY_OPT_TIMESTAMP) != 0) {
                    flags.add(JsonValue.of("timestamp"));
                }
                if ((sp.flags() & NfTables.NF_SYNPROXY_OPT_SACK_PERM) != 0) {
                    flags.add(JsonValue.of("sack-perm"));
                }
                if (!flags.isEmpty()) {
                    b.put("flags", JsonValue.array(flags));
                }
                return JsonValue.single("synproxy", b.build());
            }
            case ObjectData.Secmark sm -> {
                b.put("context", sm.context());
                return JsonValue.single("secmark", b.build());
            }
            default -> {
                return null;
            }
        }
    }

    /** nft's {@code proto_name_json}: the protocol's name, or its number when it has none. */
    private static JsonValue protocol(int l4proto) {
        String name = Datatype.INET_PROTO.print(Bytes.u8(l4proto & 0xff));
        return name.chars().allMatch(Character::isDigit) ? JsonValue.of(Long.parseLong(name)) : JsonValue.of(name);
    }

    /**
     * A flowtable as nft 1.0.6 lists it: {@code {"flowtable": {"family", "name", "table", "handle",
     * "hook", "prio", "dev"}}}, one device as a string, several as an array (in kernel order); nft
     * prints no flags.
     */
    public JsonValue flowtable(Flowtable f) {
        String hook;
        try {
            hook = Hook.of(Family.NETDEV, f.hookNumber()).nftName();
        } catch (IllegalArgumentException e) {
            hook = "unknown";
        }
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", f.family().nftName()).put("name", f.name())
                .put("table", f.table()).put("handle", JsonValue.of(f.handle())).put("hook", hook).put("prio", f.priority());
        if (f.devices().size() == 1) {
            b.put("dev", f.devices().getFirst());
        } else if (!f.devices().isEmpty()) {
            b.put("dev", JsonValue.array(f.devices().stream().map(JsonValue::of).toList()));
        }
        return JsonValue.single("flowtable", b.build());
    }

    /** A kernel expression the rule language does not express: named object references as nft writes them. */
    private static JsonValue kernelExpression(Expression e) {
        if (e instanceof Objref.Named n) {
            String kind = switch (n.type()) {
                case NfTables.NFT_OBJECT_COUNTER -> "counter";
                case NfTables.NFT_OBJECT_QUOTA -> "quota";
                case NfTables.NFT_OBJECT_LIMIT -> "limit";
                default -> null;
            };
            if (kind != null) {
                return JsonValue.single(kind, JsonValue.of(n.object()));
            }
        }
        return JsonValue.single("nftlink-expression", JsonValue.of(e.toDebugString()));
    }

    /** The body of a {@code "chain"} object. */
    public JsonValue.Obj chain(Chain c) {
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", c.family().nftName()).put("table", c.table())
                .put("name", c.name()).put("handle", JsonValue.of(c.handle()));
        if (c.comment() != null) {
            b.put("comment", c.comment());
        }
        if (c.base() != null) {
            List<String> devices = nftlink.nftables.NftFormatter.sortedDevices(c.base().devices());
            if (devices.size() == 1) {
                b.put("dev", devices.getFirst());
            } else if (devices.size() > 1) {
                b.put("dev", JsonValue.array(devices.stream().map(JsonValue::of).toList()));
            }
            b.put("type", c.base().type().nftName()).put("hook", c.base().hook().nftName())
                    .put("prio", c.base().priority())
                    .put("policy", c.base().policy() == null ? "accept" : c.base().policy().nftName());
        }
        return b.build();
    }

    /** The body of a {@code "rule"} object. */
    public JsonValue.Obj rule(RuleSpec r) {
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", r.family().nftName()).put("table", r.table())
                .put("chain", r.chain()).put("handle", JsonValue.of(r.handle()));
        if (r.comment() != null) {
            b.put("comment", r.comment());
        }
        List<JsonValue> expr = new ArrayList<>();
        List<Statement> statements = r.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (i + 1 < statements.size() && isRejectDependency(statements.get(i), statements.get(i + 1), r.family())) {
                continue;
            }
            expr.add(statement(statements.get(i), r.family()));
        }
        return b.put("expr", JsonValue.array(expr)).build();
    }

    /** Whether {@code s} is the protocol match nft puts before {@code next}, a reject, and leaves out when listing. */
    private static boolean isRejectDependency(Statement s, Statement next, Family family) {
        if (!(s instanceof Match m) || !(next instanceof Statement.RejectStatement r) || m.op() != Match.Op.EQ
                || !(m.value() instanceof Value.Single v) || !(m.field() instanceof MetaField f)) {
            return false;
        }
        return switch (r.kind()) {
            // nft 1.1.3 keeps meta l4proto tcp before a tcp reset in its JSON, as in its text
            case TCP_RESET -> false;
            case ICMP -> family == Family.INET && f.key() == Meta.Key.NFPROTO && v.bytes().equals(Bytes.u8(2));
            case ICMPV6 -> family == Family.INET && f.key() == Meta.Key.NFPROTO && v.bytes().equals(Bytes.u8(10));
            case ICMPX -> false;
        };
    }

    /** One statement of a rule in a {@code family} table. */
    public JsonValue statement(Statement s, Family family) {
        return switch (s) {
            // nft 1.1.3 has no JSON for an anonymous chain and prints its text instead
            case Statement.ChainBinding b -> JsonValue.of(new RuleRenderer(cgroupPaths, stateless, false, interfaceNames).render(b, family));
            case Match m when noneOf(m) -> {
                // FIELD & FLAGS == 0: nft's JSON says none of the flags, {"op": "!"}
                nftlink.nftables.lang.MaskedField masked = (nftlink.nftables.lang.MaskedField) m.field();
                yield JsonValue.single("match", JsonValue.object().put("op", "!").put("left", field(masked.field()))
                        .put("right", single(masked.field(), masked.mask())).build());
            }
            case Match m when m.field() instanceof nftlink.nftables.lang.MaskedField masked && masked.field().datatype().isBitmask() ->
                    // flags compared after a mask: combined flags are {"|": [...]}, as nft writes them
                    JsonValue.single("match", JsonValue.object().put("op", op(m)).put("left", field(m.field()))
                            .put("right", joinedFlags(value(m.field(), m.value()))).build());
            case Match m -> JsonValue.single("match", JsonValue.object().put("op", op(m)).put("left", field(m.field()))
                    .put("right", m.op() != Match.Op.EQ ? flagValue(m.field(), m.value()) : value(m.field(), m.value())).build());
            case Statement.VerdictStatement v -> verdict(v.verdict());
            case Statement.CounterStatement c -> JsonValue.single("counter", stateless ? JsonValue.NULL : counter(c.packets(), c.bytes()));
            case Statement.MetaSet ms -> JsonValue.single("mangle", JsonValue.object().put("key", field(ms.field()))
                    .put("value", single(ms.field(), ms.value())).build());
            case Statement.QueueStatement q -> {
                var body = JsonValue.object().put("num", q.source() != null ? field(q.source()) : q.first() == q.last() ? JsonValue.of(q.first())
                        : JsonValue.single("range", JsonValue.array(JsonValue.of(q.first()), JsonValue.of(q.last()))));
                if (q.flags() != 0) {
                    List<JsonValue> flags = new ArrayList<>();
                    if ((q.flags() & 1) != 0) {
                        flags.add(JsonValue.of("bypass"));
                    }
                    if ((q.flags() & 2) != 0) {
                        flags.add(JsonValue.of("fanout"));
                    }
                    body.put("flags", flags.size() == 1 ? flags.getFirst() : JsonValue.array(flags));
                }
                yield JsonValue.single("queue", body.build());
            }
            case Statement.TproxyStatement t -> {
                var body = JsonValue.object();
                if (t.family() != 0 && family == nftlink.nftables.Family.INET) {
                    body.put("family", t.family() == 2 ? "ip" : "ip6");
                }
                if (t.address() != null) {
                    body.put("addr", Datatype.printAddress(t.address().toArray()));
                }
                if (t.port() != null) {
                    body.put("port", t.port());
                }
                yield JsonValue.single("tproxy", body.build());
            }
            case Statement.SynproxyStatement sp -> {
                var body = JsonValue.object();
                if ((sp.flags() & 1) != 0) {
                    body.put("mss", sp.mss());
                }
                if ((sp.flags() & 2) != 0) {
                    body.put("wscale", sp.wscale());
                }
                List<JsonValue> flags = new ArrayList<>();
                if ((sp.flags() & 8) != 0) {
                    flags.add(JsonValue.of("timestamp"));
                }
                if ((sp.flags() & 4) != 0) {
                    flags.add(JsonValue.of("sack-perm"));
                }
                if (!flags.isEmpty()) {
                    body.put("flags", JsonValue.array(flags));
                }
                // without options nft writes null
                yield JsonValue.single("synproxy", sp.flags() == 0 ? JsonValue.NULL : body.build());
            }
            case Statement.DupStatement d when d.addressSource() != null || d.deviceSource() != null -> {
                var body = JsonValue.object();
                if (d.addressSource() != null) {
                    body.put("addr", field(d.addressSource()));
                }
                if (d.device() != null) {
                    body.put("dev", deviceName(d.device()));
                }
                if (d.deviceSource() != null) {
                    // nft writes the device of a dup without an address (netdev) as its "addr"
                    body.put(d.addressSource() == null ? "addr" : "dev", field(d.deviceSource()));
                }
                yield JsonValue.single("dup", body.build());
            }
            case Statement.FwdStatement f when f.deviceSource() != null ->
                    JsonValue.single("fwd", JsonValue.single("dev", field(f.deviceSource())));
            case Statement.DupStatement d -> {
                var body = JsonValue.object();
                if (d.address() != null) {
                    body.put("addr", Datatype.printAddress(d.address().toArray()));
                }
                if (d.device() != null) {
                    body.put(d.address() == null ? "addr" : "dev", deviceName(d.device()));
                }
                yield JsonValue.single("dup", body.build());
            }
            case Statement.FwdStatement f -> {
                var body = JsonValue.object().put("dev", deviceName(f.device()));
                if (f.address() != null) {
                    body.put("family", f.address().length() == 4 ? "ip" : "ip6")
                            .put("addr", Datatype.printAddress(f.address().toArray()));
                }
                yield JsonValue.single("fwd", body.build());
            }
            case Statement.ObjectReference o -> JsonValue.single(o.type().nftName(), JsonValue.of(o.object()));
            case Statement.ObjectMap om -> {
                JsonValue data;
                if (om.named() != null) {
                    data = JsonValue.of("@" + om.named());
                } else {
                    List<JsonValue> items = new ArrayList<>();
                    om.entries().forEach(e -> items.add(JsonValue.array(flagValue(om.key(), e.key()), JsonValue.of(e.object()))));
                    data = JsonValue.single("set", JsonValue.array(items));
                }
                yield JsonValue.single(om.type().nftName(), JsonValue.single("map",
                        JsonValue.object().put("key", field(om.key())).put("data", data).build()));
            }
            case Statement.SetFromField sf -> JsonValue.single("mangle", JsonValue.object().put("key", field(sf.target()))
                    .put("value", field(sf.source())).build());
            case Statement.TcpOptionReset r -> JsonValue.single("reset", JsonValue.single("tcp option",
                    JsonValue.single("name", JsonValue.of(ExthdrField.tcpOptionName(r.kind())))));
            case Statement.ConnlimitStatement cl -> {
                var body = JsonValue.object().put("val", Integer.toUnsignedLong(cl.count()));
                if (cl.over()) {
                    body.put("inv", JsonValue.of(true));
                }
                yield JsonValue.single("ct count", body.build());
            }
            case Statement.LastStatement l -> JsonValue.single("last", l.usedMillis() == null || stateless ? JsonValue.NULL
                    : JsonValue.single("used", JsonValue.of(l.usedMillis())));
            case Statement.DynsetStatement d -> {
                // an element with a timeout is {"elem": {"val": KEY, "timeout": SECONDS}}, as nft 1.1.3 writes it
                JsonValue elem = d.timeout() == null ? field(d.key()) : JsonValue.single("elem", JsonValue.object()
                        .put("val", field(d.key())).put("timeout", d.timeout() / 1000).build());
                var body = JsonValue.object().put("op", d.op().nftName())
                        .put("elem", elem).put(d.data() == null ? "set" : "map", "@" + d.set());
                if (d.data() != null) {
                    body.put("data", field(d.data()));
                }
                if (!d.stateful().isEmpty()) {
                    // nft writes the statements of a set statement without their state (nft -s)
                    JsonRenderer statements = withStateless(true);
                    List<JsonValue> stmts = new ArrayList<>();
                    d.stateful().forEach(st -> stmts.add(statements.statement(st, family)));
                    body.put("stmt", JsonValue.array(stmts));
                }
                yield JsonValue.single(d.data() == null ? "set" : "map", body.build());
            }
            case Statement.CtSet cs -> JsonValue.single("mangle", JsonValue.object().put("key", field(cs.field()))
                    .put("value", single(cs.field(), cs.value())).build());
            case Statement.PayloadSet ps -> JsonValue.single("mangle", JsonValue.object().put("key", field(ps.field()))
                    .put("value", single(ps.field(), ps.value())).build());
            case Statement.KernelExpression k when nftlink.nftables.xt.XtListing.isXt(k) ->
                    nftlink.nftables.xt.XtListing.json(k.expression(), family);
            case Statement.KernelExpression k -> kernelExpression(k.expression());
            case Statement.LogStatement l -> log(l);
            case Statement.LimitStatement l -> limit(l);
            case Statement.QuotaStatement q -> quota(q, stateless);
            case Statement.NotrackStatement n -> JsonValue.single("notrack", JsonValue.NULL);
            case Statement.RejectStatement r -> reject(r);
            case Statement.NatStatement n -> nat(n, family);
            case Statement.MasqueradeStatement m -> natPorts("masquerade", m.portMin(), m.portMax(), m.flags());
            case Statement.RedirectStatement r when r.portSource() != null -> {
                var body = JsonValue.object().put("port", field(r.portSource()));
                JsonValue flags = natFlags(r.flags());
                if (flags != null) {
                    body.put("flags", flags);
                }
                yield JsonValue.single("redirect", body.build());
            }
            case Statement.RedirectStatement r -> natPorts("redirect", r.portMin(), r.portMax(), r.flags());
            case Statement.VerdictMap v -> {
                JsonValue data;
                if (v.named() != null) {
                    data = JsonValue.of("@" + v.named());
                } else {
                    List<JsonValue> entries = new ArrayList<>();
                    for (Statement.VerdictMap.Entry e : v.entries()) {
                        entries.add(JsonValue.array(element(flagValue(v.field(), e.key()), e.statements()), verdict(e.verdict())));
                    }
                    data = JsonValue.single("set", JsonValue.array(entries));
                }
                yield JsonValue.single("vmap", JsonValue.object().put("key", field(v.field())).put("data", data).build());
            }
        };
    }

    /** The operands of values combined with one operation, left to right: {@code meta mark | iif | meta cpu}. */
    private List<JsonValue> operands(nftlink.nftables.lang.CombinedField k) {
        List<JsonValue> out = k.left() instanceof nftlink.nftables.lang.CombinedField l && l.op() == k.op()
                ? operands(l) : new ArrayList<>(List.of(field(k.left())));
        out.add(field(k.right()));
        return out;
    }

    /** Several flags as one value, {@code {"|": ["syn", "ack"]}}; anything else as it is. */
    private static JsonValue joinedFlags(JsonValue v) {
        if (v instanceof JsonValue.Arr a && a.items().size() > 1 && a.items().stream().allMatch(JsonValue.Str.class::isInstance)) {
            return JsonValue.single("|", a);
        }
        return v;
    }

    /** {@code FLAGS-FIELD & FLAGS == 0}: a test that none of the flags is set. */
    private static boolean noneOf(Match m) {
        return m.op() == Match.Op.EQ && m.field() instanceof nftlink.nftables.lang.MaskedField masked && !masked.isOr()
                && masked.field().datatype().isBitmask() && !(masked.field() instanceof ConcatField)
                && m.value() instanceof Value.Single v && new BigInteger(1, v.bytes().toArray()).signum() == 0
                && new BigInteger(1, masked.xor().toArray()).signum() == 0;
    }

    private static String op(Match m) {
        if (m.op() == Match.Op.EQ && nftlink.nftables.lang.Linearizer.flagTest(m.field()) && m.value() instanceof Value.Single) {
            return "in";
        }
        return m.op().text();
    }

    /** A verdict: {@code {"accept": null}}, {@code {"jump": {"target": "c"}}}. */
    static JsonValue verdict(Verdict v) {
        if (v.chain() != null) {
            return JsonValue.single(v.keyword(), JsonValue.single("target", JsonValue.of(v.chain())));
        }
        return JsonValue.single(v.keyword(), JsonValue.NULL);
    }

    static JsonValue counter(long packets, long bytes) {
        return JsonValue.object().put("packets", Scalars.number(new BigInteger(Long.toUnsignedString(packets))))
                .put("bytes", Scalars.number(new BigInteger(Long.toUnsignedString(bytes)))).build();
    }

    /** The left-hand side of a match. */
    public JsonValue field(Field f) {
        return switch (f) {
            case PayloadField p -> JsonValue.single("payload", JsonValue.object().put("protocol", p.protocol())
                    .put("field", p.name()).build());
            case PayloadBitField p -> JsonValue.single("payload", JsonValue.object().put("protocol", p.protocol())
                    .put("field", p.name()).build());
            case nftlink.nftables.lang.InnerField i when i.field() instanceof MetaField m -> JsonValue.single("meta",
                    JsonValue.object().put("key", m.keyName()).put("tunnel", i.tunnel().text()).build());
            case nftlink.nftables.lang.InnerField i -> {
                String[] header = switch (i.field()) {
                    case PayloadField p -> new String[]{p.protocol(), p.name()};
                    case PayloadBitField p -> new String[]{p.protocol(), p.name()};
                    default -> throw new IllegalStateException("no header field: " + i.text());
                };
                yield JsonValue.single("payload", JsonValue.object().put("tunnel", i.tunnel().text())
                        .put("protocol", header[0]).put("field", header[1]).build());
            }
            case nftlink.nftables.lang.BinopField b -> {
                JsonValue value = field(b.source());
                if (b.shift() != 0) {
                    value = JsonValue.single(b.shift() > 0 ? "<<" : ">>", JsonValue.array(value, JsonValue.of(Math.abs(b.shift()))));
                }
                boolean or = b.xor() != 0 && b.mask() == (~b.xor() & 0xffffffffL);
                if (or) {
                    value = JsonValue.single("|", JsonValue.array(value, binopConstant(b, b.xor())));
                } else {
                    if (b.mask() != 0xffffffffL) {
                        value = JsonValue.single("&", JsonValue.array(value, binopConstant(b, b.mask())));
                    }
                    if (b.xor() != 0) {
                        value = JsonValue.single("^", JsonValue.array(value, binopConstant(b, b.xor())));
                    }
                }
                yield value;
            }
            case nftlink.nftables.lang.HashField h -> {
                var body = JsonValue.object().put("expr", field(h.key())).put("mod", Integer.toUnsignedLong(h.modulus()));
                if (h.seed() != null) {
                    body.put("seed", Integer.toUnsignedLong(h.seed()));
                }
                if (h.offset() != 0) {
                    body.put("offset", Integer.toUnsignedLong(h.offset()));
                }
                yield JsonValue.single("jhash", body.build());
            }
            case ExthdrField x -> exthdr(x);
            case nftlink.nftables.lang.ExpressionField x -> expressionField(x);
            case nftlink.nftables.lang.MapLookupField m -> {
                JsonValue data;
                if (m.named() != null) {
                    data = JsonValue.of("@" + m.named());
                } else {
                    List<JsonValue> items = new ArrayList<>();
                    for (var e : m.entries()) {
                        items.add(JsonValue.array(e.isCatchAll() ? JsonValue.of("*") : value(m.key(), m.keyValue(e)), mapData(m, e.data())));
                    }
                    data = JsonValue.single("set", JsonValue.array(items));
                }
                yield JsonValue.single("map", JsonValue.object().put("key", field(m.key())).put("data", data).build());
            }
            case nftlink.nftables.lang.CombinedField k -> JsonValue.single(k.op().symbol(), JsonValue.array(operands(k)));
            case nftlink.nftables.lang.ConstantField k -> {
                List<JsonValue> parts = new ArrayList<>();
                for (int i = 0; i < k.parts().size(); i++) {
                    // an interface index by name, as nft gives it
                    parts.add(k.parts().get(i) == Datatype.IFINDEX ? single(new nftlink.nftables.lang.ConstantField(List.of(Datatype.IFINDEX), List.of(k.values().get(i))), k.values().get(i))
                            : Scalars.render(k.parts().get(i), k.values().get(i)));
                }
                yield parts.size() == 1 ? parts.getFirst() : JsonValue.single("concat", JsonValue.array(parts));
            }
            case nftlink.nftables.lang.RawPayloadField r -> JsonValue.single("payload", JsonValue.object()
                    .put("base", r.text().substring(1, r.text().indexOf(','))).put("offset", r.bitOffset()).put("len", r.bits()).build());
            case nftlink.nftables.lang.MaskedField x when x.isOr() && single(x.field(), x.xor()) instanceof JsonValue.Arr flags
                    && flags.items().size() > 1 -> {
                // FIELD | FLAG | FLAG: nft lists the flags as further operands
                List<JsonValue> operands = new ArrayList<>();
                operands.add(field(x.field()));
                operands.addAll(flags.items());
                yield JsonValue.single("|", JsonValue.array(operands));
            }
            case nftlink.nftables.lang.MaskedField x when x.field() instanceof nftlink.nftables.lang.CombinedField k
                    && x.isOr() == (k.op() == nftlink.nftables.lang.CombinedField.Op.OR)
                    && (x.isOr() || k.op() == nftlink.nftables.lang.CombinedField.Op.AND) -> {
                // a constant after combined values is one more operand: {"|": [ct mark, ip dscp, 512]}
                List<JsonValue> operands = operands(k);
                operands.add(JsonValue.of(Integer.toUnsignedLong((x.isOr() ? x.xor() : x.mask()).asU32())));
                yield JsonValue.single(k.op().symbol(), JsonValue.array(operands));
            }
            case nftlink.nftables.lang.MaskedField x when x.isXor() -> JsonValue.single("^",
                    JsonValue.array(field(x.field()), single(x.field(), x.xor())));
            case nftlink.nftables.lang.MaskedField x -> JsonValue.single(x.isOr() ? "|" : "&",
                    JsonValue.array(field(x.field()), joinedFlags(single(x.field(), x.isOr() ? x.xor() : x.mask()))));
            case MetaField m -> JsonValue.single("meta", JsonValue.single("key", JsonValue.of(m.keyName())));
            case CtField c -> JsonValue.single("ct", c.listedDirection() == null ? JsonValue.single("key", JsonValue.of(c.keyName()))
                    : JsonValue.object().put("key", c.keyName()).put("dir", c.listedDirection().text()).build());
            case SocketCgroupField s -> JsonValue.single("socket", JsonValue.single("key", JsonValue.of("cgroupv2")));
            case ConcatField c -> {
                List<JsonValue> parts = new ArrayList<>();
                c.fields().forEach(x -> parts.add(field(x)));
                yield JsonValue.single("concat", JsonValue.array(parts));
            }
        };
    }

    private static JsonValue binopConstant(nftlink.nftables.lang.BinopField b, long value) {
        Object c = b.jsonConstant(value);
        return c instanceof String s ? JsonValue.of(s) : JsonValue.of((Long) c);
    }

    /** An interface by name when {@link #interfaceNames} knows it, else its index. */
    private String deviceName(int index) {
        String name = interfaceNames.apply(index);
        return name != null ? name : Integer.toString(index);
    }

    /** fib, rt, osf, socket and ipsec keys in libnftables' JSON. */
    private static JsonValue expressionField(nftlink.nftables.lang.ExpressionField x) {
        return switch (x.expression()) {
            case nftlink.nftables.expr.Fib f -> {
                List<JsonValue> flags = new ArrayList<>();
                for (String w : x.text().substring(4, x.text().lastIndexOf(' ')).split(" \\. ")) {
                    flags.add(JsonValue.of(w));
                }
                var body = JsonValue.object().put("result", f.result().text())
                        .put("flags", JsonValue.array(flags));
                yield JsonValue.single("fib", body.build());
            }
            case nftlink.nftables.expr.Rt r -> {
                var body = JsonValue.object().put("key", switch (r.key()) {
                    case NEXTHOP4, NEXTHOP6 -> "nexthop";
                    case TCPMSS -> "mtu";
                    default -> r.key().text();
                });
                if (r.key() == nftlink.nftables.expr.Rt.Key.NEXTHOP4 || r.key() == nftlink.nftables.expr.Rt.Key.NEXTHOP6) {
                    body.put("family", r.key() == nftlink.nftables.expr.Rt.Key.NEXTHOP4 ? "ip" : "ip6");
                }
                yield JsonValue.single("rt", body.build());
            }
            case nftlink.nftables.expr.Osf o -> {
                var body = JsonValue.object().put("key", x.text().endsWith("version") ? "version" : "name");
                if (o.ttl() != null && o.ttl() != 0) {
                    body.put("ttl", o.ttl() == 1 ? "loose" : "skip");
                }
                yield JsonValue.single("osf", body.build());
            }
            case nftlink.nftables.expr.Socket s -> JsonValue.single("socket", JsonValue.single("key", JsonValue.of(s.key().text())));
            case nftlink.nftables.expr.Numgen n -> {
                // nft's JSON gives numgen's offset even when it is 0 (symhash's only when it is not)
                yield JsonValue.single("numgen", JsonValue.object().put("mode", n.type().text())
                        .put("mod", Integer.toUnsignedLong(n.modulus())).put("offset", Integer.toUnsignedLong(n.offset())).build());
            }
            case nftlink.nftables.expr.Hash.Symmetric h -> {
                var body = JsonValue.object().put("mod", Integer.toUnsignedLong(h.modulus()));
                if (h.offset() != 0) {
                    body.put("offset", Integer.toUnsignedLong(h.offset()));
                }
                yield JsonValue.single("symhash", body.build());
            }
            case nftlink.nftables.expr.Xfrm f -> {
                String key = x.text().substring(x.text().indexOf(' ', 6) + 1);
                if (f.spnum() != 0) {
                    key = key.substring(key.indexOf(' ', "spnum ".length()) + 1);
                }
                var body = JsonValue.object().put("key", key.replace("ip6 ", "").replace("ip ", ""));
                if (key.startsWith("ip")) {
                    body.put("family", key.startsWith("ip6") ? "ip6" : "ip");
                }
                body.put("dir", f.direction().text()).put("spnum", f.spnum());
                yield JsonValue.single("ipsec", body.build());
            }
            default -> throw new IllegalArgumentException(x.text());
        };
    }

    /** {@code {"exthdr": {"name": "frag", "field": "id"}}}, {@code {"tcp option": {"name": "maxseg", ...}}}. */
    private static JsonValue exthdr(ExthdrField x) {
        String kind = x.header().startsWith("tcp option ") ? "tcp option" : x.header().startsWith("sctp chunk ") ? "sctp chunk"
                : x.header().startsWith("ip option ") ? "ip option" : "exthdr";
        String option = kind.equals("tcp option") ? x.header().substring(kind.length() + 1) : "";
        if (option.startsWith("@") || option.matches("\\d+")) {
            // a TCP option by number: its kind, and the bits read (whole option kind byte for its presence)
            return JsonValue.single(kind, JsonValue.object().put("base", JsonValue.of(x.type()))
                    .put("len", JsonValue.of(x.bits())).put("offset", JsonValue.of(x.bitOffset())).build());
        }
        var body = JsonValue.object().put("name", kind.equals("exthdr") ? x.header() : x.header().substring(kind.length() + 1));
        if (!x.presence()) {
            body.put("field", x.name());
        }
        return JsonValue.single(kind, body.build());
    }

    /** The right-hand side of a match on {@code f}. */
    public JsonValue value(Field f, Value v) {
        return switch (v) {
            case Value.Single s -> single(f, s.bytes());
            case Value.Prefix p -> JsonValue.single("prefix", JsonValue.object().put("addr", single(f, p.address()))
                    .put("len", p.bits()).build());
            case Value.Range r when f instanceof ConcatField c -> concatRange(c, r);
            case Value.Range r -> {
                String wildcard = f.datatype() == Datatype.IFNAME ? wildcard(r.low(), r.high()) : null;
                yield wildcard != null ? JsonValue.of(wildcard)
                        : JsonValue.single("range", JsonValue.array(rangeEnd(f, r.low()), rangeEnd(f, r.high())));
            }
            case Value.SetReference ref -> JsonValue.of("@" + ref.name());
            case Value.CatchAll c -> JsonValue.of("*");
            case Value.SetLiteral l -> {
                List<JsonValue> items = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    items.add(element(flagValue(f, l.items().get(i)), l.statementsOf(i)));
                }
                yield JsonValue.single("set", JsonValue.array(items));
            }
        };
    }

    /**
     * One flag value that is no test for any of its flags (a set element, a map key, after {@code !=}): several
     * flags as {@code {"|": ["established", "related"]}}, as nft writes them.
     */
    private JsonValue flagValue(Field f, Value v) {
        JsonValue value = value(f, v);
        return !(f instanceof ConcatField) && f.datatype().isBitmask() && v instanceof Value.Single ? joinedFlags(value) : value;
    }

    /**
     * An anonymous set element: its value, or with stateful statements {@code {"elem": {"val": VALUE,
     * "counter": {...}}}}, the members of the first statement only, as nft 1.1.3 writes them.
     */
    private JsonValue element(JsonValue value, List<Statement> statements) {
        if (statements.isEmpty()) {
            return value;
        }
        JsonValue.ObjectBuilder b = JsonValue.object().put("val", value);
        // the statements an element holds (counter, limit, quota, last, ct count) do not depend on the family
        if (statement(statements.getFirst(), Family.INET) instanceof JsonValue.Obj o) {
            o.members().forEach(b::put);
        }
        return JsonValue.single("elem", b.build());
    }

    /**
     * nft's JSON prints the ends of a protocol range as numbers (protocol names come from
     * the system's protocol database, not from a symbol table); symbol-table types such
     * as arp operations keep their names.
     */
    private JsonValue rangeEnd(Field f, Bytes b) {
        if (!(f instanceof ConcatField) && f.datatype() == Datatype.INET_PROTO) {
            return JsonValue.of(Long.parseLong(f.datatype().printNumeric(b)));
        }
        return single(f, b);
    }

    /** {@code "eth*"} for the interval of interface names an anonymous set stores a wildcard as, else {@code null}. */
    static String wildcard(Bytes low, Bytes high) {
        byte[] a = low.toArray();
        byte[] b = high.toArray();
        int n = 0;
        while (n < a.length && a[n] == b[n] && a[n] != 0) {
            n++;
        }
        for (int i = n; i < a.length; i++) {
            if (a[i] != 0 || b[i] != (byte) 0xff) {
                return null;
            }
        }
        return new String(a, 0, n, java.nio.charset.StandardCharsets.UTF_8) + "*";
    }

    /** A range of concatenations as nft writes it: each part a value, an address prefix or a range. */
    private JsonValue concatRange(ConcatField c, Value.Range r) {
        List<Bytes> lows = c.split(r.low());
        List<Bytes> highs = c.split(r.high());
        List<JsonValue> parts = new ArrayList<>();
        for (int i = 0; i < lows.size(); i++) {
            Field part = c.fields().get(i);
            Bytes low = lows.get(i);
            Bytes high = highs.get(i);
            if (low.equals(high)) {
                parts.add(ConcatField.holdsValue(part) ? Scalars.render(part.datatype(), ConcatField.valueOf(part, low))
                        : single(part, low));
                continue;
            }
            boolean address = part.datatype() == Datatype.IPV4_ADDR || part.datatype() == Datatype.IPV6_ADDR;
            int prefix = address ? nftlink.nftables.lang.RuleRenderer.prefixLength(low, high) : -1;
            parts.add(prefix >= 0 ? value(part, new Value.Prefix(low, prefix)) : value(part, new Value.Range(low, high)));
        }
        return JsonValue.single("concat", JsonValue.array(parts));
    }

    private JsonValue single(Field f, Bytes b) {
        if (f instanceof ConcatField c) {
            List<JsonValue> parts = new ArrayList<>();
            List<Bytes> split = c.split(b);
            for (int i = 0; i < split.size(); i++) {
                Field part = c.fields().get(i);
                parts.add(ConcatField.holdsValue(part) ? Scalars.render(part.datatype(), ConcatField.valueOf(part, split.get(i)))
                        : single(part, split.get(i)));
            }
            return JsonValue.single("concat", JsonValue.array(parts));
        }
        if (f instanceof MetaField m && m.key() == Meta.Key.PRIORITY) {
            return Scalars.tcHandle(b);
        }
        if (f instanceof SocketCgroupField) {
            long id = 0;
            for (int i = 7; i >= 0; i--) {
                id = id << 8 | b.get(i);
            }
            String path = cgroupPaths.apply(id);
            return JsonValue.of(path != null ? path : Long.toUnsignedString(id));
        }
        if (f instanceof ExthdrField x && x.presence()) {
            return JsonValue.of(b.get(0) != 0);
        }
        if (f.datatype() == Datatype.IFINDEX) {
            // nft names the interface, or gives the index of one that is gone as a string
            String name = interfaceNames.apply(b.asU32());
            return JsonValue.of(name != null ? name : Integer.toUnsignedString(b.asU32()));
        }
        if (f.datatype() == Datatype.TIME) {
            return JsonValue.of(Integer.toUnsignedLong(b.asU32()) / 1000);
        }
        if (f instanceof nftlink.nftables.lang.RawPayloadField && b.length() > 8) {
            // nft's JSON gives numbers wider than 64 bits as hex strings
            return JsonValue.of("0x" + new BigInteger(1, b.toArray()).toString(16));
        }
        if (f.datatype().isBitmask() && f.datatype() != Datatype.CT_STATE && new BigInteger(1, b.toArray()).signum() == 0) {
            return JsonValue.of(0);
        }
        return Scalars.render(f.datatype(), f.fromRegister(b));
    }

    private static JsonValue log(Statement.LogStatement l) {
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

    /** nft's {@code get_unit}: the period's name, {@code error} for a period nft has no name for. */
    private static String per(long seconds) {
        return TimeUnit.ofSeconds(seconds).map(TimeUnit::nftName).orElse("error");
    }

    private static JsonValue limit(Statement.LimitStatement l) {
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

    private static JsonValue reject(Statement.RejectStatement r) {
        if (r.kind() == RejectKind.TCP_RESET) {
            return JsonValue.single("reject", JsonValue.single("type", JsonValue.of(r.kind().nftName())));
        }
        // a code nft has no name for is a number
        JsonValue code = r.kind().names(r.code()) ? JsonValue.of(r.kind().codeName(r.code())) : JsonValue.of(r.code());
        return JsonValue.single("reject", JsonValue.object().put("type", r.kind().nftName()).put("expr", code).build());
    }

    private static JsonValue natFlags(Set<NatFlag> flags) {
        List<JsonValue> out = NatFlag.jsonNames(flags).stream().map(JsonValue::of).toList();
        return out.isEmpty() ? null : out.size() == 1 ? out.getFirst() : JsonValue.array(out);
    }

    private static JsonValue ports(int min, int max) {
        return min == max ? JsonValue.of(min) : JsonValue.single("range", JsonValue.array(JsonValue.of(min), JsonValue.of(max)));
    }

    /** One data value of a map: {@code {"concat": ["10.0.0.1", 8080]}} when concatenated. */
    private static JsonValue mapData(nftlink.nftables.lang.MapLookupField m, Bytes data) {
        if (m.dataRanges()) {
            return rangeData(m.partTypes(), data);
        }
        return m.dataParts().isEmpty() ? Scalars.render(m.dataType(), data) : concatData(m.dataParts(), data);
    }

    /**
     * Range data (the parts' lows, then their highs) as nft writes it: per part a value, {@code {"prefix":
     * ...}} or {@code {"range": [LOW, HIGH]}}, concatenated with {@code {"concat": [...]}}.
     */
    private static JsonValue rangeData(List<Datatype> types, Bytes data) {
        List<JsonValue> parts = new ArrayList<>();
        List<Value> values = nftlink.nftables.lang.MapLookupField.rangeParts(types, data);
        for (int i = 0; i < types.size(); i++) {
            Datatype d = types.get(i);
            parts.add(switch (values.get(i)) {
                case Value.Prefix p -> JsonValue.single("prefix", JsonValue.object().put("addr", Scalars.render(d, p.address()))
                        .put("len", p.bits()).build());
                case Value.Range r -> JsonValue.single("range", JsonValue.array(Scalars.render(d, r.low()), Scalars.render(d, r.high())));
                case Value.Single v -> Scalars.render(d, v.bytes());
                default -> throw new IllegalStateException("not a range part: " + values.get(i));
            });
        }
        return parts.size() == 1 ? parts.getFirst() : JsonValue.single("concat", JsonValue.array(parts));
    }

    /** Concatenated data of {@code types}, each padded to 4 bytes: {@code {"concat": ["10.0.0.1", 8080]}}. */
    static JsonValue concatData(List<Datatype> types, Bytes data) {
        List<JsonValue> parts = new ArrayList<>();
        List<Bytes> values = nftlink.nftables.lang.MapLookupField.partValues(types, data, 0);
        for (int i = 0; i < types.size(); i++) {
            parts.add(Scalars.render(types.get(i), values.get(i)));
        }
        return JsonValue.single("concat", JsonValue.array(parts));
    }

    private JsonValue nat(Statement.NatStatement n, Family family) {
        JsonValue.ObjectBuilder b = JsonValue.object();
        if (n.addressSource() != null) {
            if (family == Family.INET || n.sourcesPort() || n.sourcesRanges()) {
                b.put("family", n.addressLength() == 16 ? "ip6" : "ip");
            }
            b.put("addr", field(n.addressSource()));
        }
        if (n.addressMin() != null) {
            Datatype type = n.addressMin().length() == 4 ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
            if (family == Family.INET) {
                b.put("family", type == Datatype.IPV4_ADDR ? "ip" : "ip6");
            }
            JsonValue low = Scalars.render(type, n.addressMin());
            int prefix = nftlink.nftables.lang.RuleRenderer.prefixLength(n.addressMin(), n.addressMax());
            b.put("addr", n.addressMin().equals(n.addressMax()) ? low : prefix >= 0
                    ? JsonValue.single("prefix", JsonValue.object().put("addr", low).put("len", JsonValue.of(prefix)).build())
                    : JsonValue.single("range", JsonValue.array(low, Scalars.render(type, n.addressMax()))));
        }
        if (n.portMin() != null) {
            b.put("port", ports(n.portMin(), n.portMax()));
        }
        JsonValue flags = natFlags(n.flags());
        if (flags != null) {
            b.put("flags", flags);
        }
        if (n.netmap()) {
            b.put("type_flags", "prefix");
        }
        return JsonValue.single(n.destination() ? "dnat" : "snat", b.build());
    }

    private static JsonValue natPorts(String name, Integer min, Integer max, Set<NatFlag> flags) {
        JsonValue f = natFlags(flags);
        if (min == null && f == null) {
            return JsonValue.single(name, JsonValue.NULL);
        }
        JsonValue.ObjectBuilder b = JsonValue.object();
        if (min != null) {
            b.put("port", ports(min, max));
        }
        if (f != null) {
            b.put("flags", f);
        }
        return JsonValue.single(name, b.build());
    }

    // ---- sets ----

    /** The body of a {@code "set"} or {@code "map"} object with its elements. */
    public JsonValue.Obj set(NftSet s, List<SetElement> elements) {
        return new JsonSetRenderer(this).set(s, elements);
    }

    static byte[] copy(byte[] raw, int from, int to) {
        return Arrays.copyOfRange(raw, Math.min(from, raw.length), Math.min(to, raw.length));
    }
}
