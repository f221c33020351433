package nftlink.nftables.json;

import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.expr.Verdict;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.SetLookup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parses libnftables JSON into operations: listings as {@code nft -j list ruleset}
 * prints them (every table, chain, set, map and rule is added) and command
 * documents as {@code nft -j -f} takes them ({@code {"nftables": [{"add": {"table":
 * {...}}}, {"flush": {"ruleset": null}}, ...]}} with {@code add}, {@code create},
 * {@code insert}, {@code replace}, {@code delete} and {@code flush}).
 *
 * <p>Rules compile through the rule language ({@link RuleSpec}, {@link Linearizer}),
 * so they produce the same kernel expressions as the same rule written in nft
 * syntax. The whole document is parsed before anything is returned; an error is a
 * {@link JsonException} naming the JSON path of the offending element, and nothing
 * reaches the kernel.
 *
 * <pre>{@code
 * List<NftOperation> ops = JsonParser.standard().parse(Files.readString(file));
 * nft.transaction().addAll(ops).commit();
 * }</pre>
 */
public final class JsonParser {

    private final CgroupPathResolver cgroups;
    private final SetLookup sets;
    private final InterfaceResolver interfaces;
    private final JsonParseContext context;

    /**
     * A parser that resolves interface names through sysfs.
     *
     * @param cgroups resolves the paths of {@code socket cgroupv2} matches to cgroup IDs
     * @param sets    finds sets that a document adds elements to without declaring them
     */
    public JsonParser(CgroupPathResolver cgroups, SetLookup sets) {
        this(cgroups, sets, InterfaceResolver.sysfs());
    }

    /**
     * A parser with its own interface resolver.
     *
     * @param cgroups    resolves the paths of {@code socket cgroupv2} matches to cgroup IDs
     * @param sets       finds sets that a document adds elements to without declaring them
     * @param interfaces resolves interface names in {@code iif}/{@code oif} values and devices
     */
    public JsonParser(CgroupPathResolver cgroups, SetLookup sets, InterfaceResolver interfaces) {
        this.context = new JsonParseContext(cgroups, sets, interfaces);
        this.cgroups = cgroups;
        this.sets = sets;
        this.interfaces = interfaces;
    }

    /**
     * This parser with another resolver of interface names.
     *
     * @param resolver the resolver
     * @return the changed copy
     */
    public JsonParser withInterfaces(InterfaceResolver resolver) {
        return new JsonParser(cgroups, sets, resolver);
    }

    /**
     * Resolves cgroup paths under the mounted cgroup-v2 hierarchy; knows no undeclared sets.
     *
     * @return the parser
     */
    public static JsonParser standard() {
        return new JsonParser(CgroupPathResolver.mounted(), SetLookup.NONE);
    }

    /**
     * This parser with another lookup of undeclared sets.
     *
     * @param lookup the lookup
     * @return the changed copy
     */
    public JsonParser withSetLookup(SetLookup lookup) {
        return new JsonParser(cgroups, lookup, interfaces);
    }

    /**
     * Parses a JSON document into operations, in document order.
     *
     * @param text the JSON text
     * @return the operations
     * @throws JsonException for text that is not JSON, or not a libnftables document nftlink supports
     */
    public List<NftOperation> parse(String text) {
        return operations(JsonValue.parse(text));
    }

    /**
     * Turns a parsed document into operations, in document order.
     *
     * @param document the document
     * @return the operations
     * @throws JsonException for a document that is not in the libnftables schema, or not supported
     */
    public List<NftOperation> operations(JsonValue document) {
        return context.commands.operations(document);
    }

    /**
     * Reads the body of a {@code "rule"} object ({@code family}, {@code table},
     * {@code chain}, {@code expr}, optional {@code comment} and {@code handle}) into a rule.
     *
     * @param body the body and its JSON path
     * @param path where the body is in the document, for error messages
     * @return the rule
     * @throws JsonException for statements that are not valid, or not supported
     */
    public RuleSpec ruleSpec(JsonValue body, String path) {
        return context.statements.ruleSpec(new Node(body, path));
    }

    /** The {@code family} member of an object's body; {@code ip} when it has none. */
    static Family family(Node body) {
        Node f = body.optional("family");
        if (f == null) {
            return Family.IP;
        }
        String name = f.string();
        try {
            return Family.ofName(name);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    /** {@code make}'s result, its argument errors reported at {@code node}'s JSON path. */
    static <T> T at(Node node, Supplier<T> make) {
        try {
            return make.get();
        } catch (JsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw node.error(NftParseException.problem(e));
        } catch (NullPointerException e) {
            throw node.error(e.getMessage());
        }
    }

    /** A verdict: {@code {"accept": null}}, ..., {@code {"jump": {"target": CHAIN}}}. */
    static Verdict verdict(Node node) {
        Map.Entry<String, Node> e = node.single();
        Node body = e.getValue();
        return switch (e.getKey()) {
            case "accept" -> nullVerdict(body, Verdict.ACCEPT);
            case "drop" -> nullVerdict(body, Verdict.DROP);
            case "continue" -> nullVerdict(body, Verdict.CONTINUE);
            case "return" -> nullVerdict(body, Verdict.RETURN);
            case "jump", "goto" -> {
                body.only(Set.of("target"));
                String target = body.member("target").string();
                yield at(body, () -> e.getKey().equals("jump") ? Verdict.jump(target) : Verdict.goTo(target));
            }
            default -> throw node.error("unsupported verdict \"" + e.getKey() + "\"");
        };
    }

    private static Verdict nullVerdict(Node body, Verdict v) {
        if (!body.isNull()) {
            throw body.error("expected null");
        }
        return v;
    }

    /** {@code s} in UTF-8. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
