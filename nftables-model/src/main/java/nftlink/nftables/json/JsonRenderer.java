package nftlink.nftables.json;

import java.util.function.IntFunction;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
public record JsonRenderer(LongFunction<String> cgroupPaths, boolean stateless, IntFunction<String> interfaceNames) {

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

    /** Checks the components: the cgroup path and interface name lookups must not be null. */
    public JsonRenderer {
        Objects.requireNonNull(cgroupPaths, "cgroupPaths");
        Objects.requireNonNull(interfaceNames, "interfaceNames");
    }

    /**
     * Interface indexes printed as numbers.
     *
     * @param cgroupPaths the cgroup path of a cgroup v2 ID, or {@code null} when unknown
     * @param stateless whether to leave out counter values and quota usage, like {@code nft -s}
     */
    public JsonRenderer(LongFunction<String> cgroupPaths, boolean stateless) {
        this(cgroupPaths, stateless, index -> null);
    }

    /**
     * This renderer, naming interfaces with {@code names}.
     *
     * @param names the interface name of an index, or {@code null} when unknown
     * @return a renderer that names interfaces
     */
    public JsonRenderer withInterfaceNames(IntFunction<String> names) {
        return new JsonRenderer(cgroupPaths, stateless, names);
    }

    /**
     * With counter values and quota usage, like {@code nft -j}.
     *
     * @param cgroupPaths the cgroup path of a cgroup v2 ID, or {@code null} when unknown
     */
    public JsonRenderer(LongFunction<String> cgroupPaths) {
        this(cgroupPaths, false);
    }

    /**
     * This renderer, leaving out counter values and quota usage or not.
     *
     * @param newStateless whether to leave out counter values and quota usage
     * @return a renderer with that setting
     */
    public JsonRenderer withStateless(boolean newStateless) {
        return new JsonRenderer(cgroupPaths, newStateless, interfaceNames);
    }

    /**
     * The text {@code nft -j list ruleset} prints, without the trailing newline.
     *
     * @param listing the rule set
     * @return the JSON text
     */
    public String render(RulesetListing listing) {
        return document(listing).toJson();
    }

    /**
     * The document {@code nft -j list ruleset} prints: per table the table, its chains (maps and rules
     * refer to them), its stateful objects, named sets and maps, flowtables, then the rules of its chains.
     *
     * @param listing the rule set
     * @return the JSON document
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
                if (s.family() == t.family() && s.table().equals(t.name()) && (s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) == 0) {
                    List<SetElement> elements = listing.elements()
                            .getOrDefault(s.family().nftName() + " " + s.table() + " " + s.name(), List.of());
                    boolean map = s.isMap() || (s.flags() & NfTablesUapi.NFT_SET_OBJECT) != 0;
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

    /**
     * {@code {"metainfo": {...}}} as nft 1.1.3 writes it.
     *
     * @return the metainfo object
     */
    public static JsonValue metainfo() {
        return JsonValue.single("metainfo", JsonValue.object().put("version", VERSION).put("release_name", RELEASE_NAME)
                .put("json_schema_version", SCHEMA_VERSION).build());
    }

    /**
     * The body of a {@code "table"} object: flags by name (one as a string, several as a list) and
     * comment.
     *
     * @param t the table
     * @return the table object's body
     */
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
     *
     * @param o the object
     * @return the JSON object, or {@code null}
     */
    public JsonValue object(NftObject o) {
        return JsonObjectWriter.object(o);
    }

    /**
     * A flowtable as nft 1.0.6 lists it: {@code {"flowtable": {"family", "name", "table", "handle",
     * "hook", "prio", "dev"}}}, one device as a string, several as an array (in kernel order); nft
     * prints no flags.
     *
     * @param f the flowtable
     * @return the JSON object
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

    /**
     * The body of a {@code "chain"} object.
     *
     * @param c the chain
     * @return the chain object's body
     */
    public JsonValue.Obj chain(Chain c) {
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", c.family().nftName()).put("table", c.table())
                .put("name", c.name()).put("handle", JsonValue.of(c.handle()));
        if (c.comment() != null) {
            b.put("comment", c.comment());
        }
        if (c.base() != null) {
            List<String> devices = NftFormatter.sortedDevices(c.base().devices());
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

    /**
     * The body of a {@code "rule"} object.
     *
     * @param r the rule
     * @return the rule object's body
     */
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

    /**
     * One statement of a rule in a {@code family} table.
     *
     * @param s the statement
     * @param family the table's family
     * @return the statement as nft's JSON writes it
     */
    public JsonValue statement(Statement s, Family family) {
        return statements().statement(s, family);
    }

    /** A verdict: {@code {"accept": null}}, {@code {"jump": {"target": "c"}}}. */
    static JsonValue verdict(Verdict v) {
        if (v.chain() != null) {
            return JsonValue.single(v.keyword(), JsonValue.single("target", JsonValue.of(v.chain())));
        }
        return JsonValue.single(v.keyword(), JsonValue.NULL);
    }

    /**
     * The left-hand side of a match.
     *
     * @param f the field
     * @return the JSON expression
     */
    public JsonValue field(Field f) {
        return fields().field(f);
    }

    /**
     * The right-hand side of a match on {@code f}.
     *
     * @param f the field matched on
     * @param v the value
     * @return the JSON expression
     */
    public JsonValue value(Field f, Value v) {
        return values().value(f, v);
    }

    /** The writer of this renderer's statements. */
    JsonStatementWriter statements() {
        return new JsonStatementWriter(this);
    }

    /** The writer of this renderer's fields. */
    JsonFieldWriter fields() {
        return new JsonFieldWriter(this);
    }

    /** The writer of this renderer's values. */
    JsonValueWriter values() {
        return new JsonValueWriter(this);
    }

    // ---- sets ----

    /**
     * The body of a {@code "set"} or {@code "map"} object with its elements.
     *
     * @param s the set or map
     * @param elements its elements; may be empty
     * @return the set or map object's body
     */
    public JsonValue.Obj set(NftSet s, List<SetElement> elements) {
        return new JsonSetRenderer(this).set(s, elements);
    }

    static byte[] copy(byte[] raw, int from, int to) {
        return Arrays.copyOfRange(raw, Math.min(from, raw.length), Math.min(to, raw.length));
    }
}
