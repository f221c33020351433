package nftlink.nftables.json;

import nftlink.nftables.ChainPriority;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftObject;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.lang.Datatype;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/**
 * Reads the named objects nft lists in JSON (their names here; what counters, quotas and limits hold in
 * {@link JsonTableReader}), {@code "ct helper"}, {@code "ct timeout"}, {@code "ct expectation"},
 * {@code "synproxy"}, {@code "secmark"} and {@code "flowtable"}, as {@code nft -j -f} takes them.
 */
final class JsonObjects {
    private JsonObjects() {
    }

    private static final Set<String> NAMING = Set.of("family", "table", "name", "handle", "comment");

    /** The named object of kind {@code kind} ({@code "counter"}, ..., {@code "secmark"}) that {@code body} describes. */
    static NftObject object(String kind, Node body) {
        Family family = family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        Node comment = body.optional("comment");
        ObjectDefinition data = switch (kind) {
            case "counter", "quota", "limit" -> JsonTableReader.statefulDefinition(kind, body);
            case "ct helper" -> {
                only(body, "type", "protocol", "l3proto");
                yield new ObjectDefinition.CtHelper(body.member("type").string(), l3proto(body, family), l4proto(body.member("protocol")));
            }
            case "ct timeout" -> {
                only(body, "protocol", "l3proto", "policy");
                Map<String, Integer> policy = new LinkedHashMap<>();
                Node p = body.optional("policy");
                if (p != null && !p.isNull()) {
                    for (String state : p.object().members().keySet()) {
                        policy.put(state, (int) p.member(state).number(0xffffffffL));
                    }
                }
                int l4 = l4proto(body.member("protocol"));
                int l3 = l3proto(body, family);
                yield at(body, () -> ObjectDefinition.CtTimeout.of(l3, l4, policy));
            }
            case "ct expectation" -> {
                only(body, "protocol", "dport", "timeout", "size", "l3proto");
                yield new ObjectDefinition.CtExpectation(l3proto(body, family), l4proto(body.member("protocol")),
                        (int) body.member("dport").number(0xffff), (int) body.member("timeout").number(0xffffffffL),
                        (int) body.member("size").number(0xff));
            }
            case "synproxy" -> synproxy(body);
            case "secmark" -> {
                only(body, "context");
                yield new ObjectDefinition.Secmark(body.member("context").string());
            }
            default -> throw body.error("unsupported object \"" + kind + "\"");
        };
        return at(body, () -> {
            NftObject o = NftObject.of(family, table, name, data);
            return comment == null ? o : o.withComment(comment.string());
        });
    }

    /** A flowtable: {@code family}, {@code table}, {@code name}, {@code hook}, {@code prio}, {@code dev}. */
    static Flowtable flowtable(Node body) {
        body.only(Set.of("family", "table", "name", "handle", "hook", "prio", "dev"));
        Family family = family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        Node hook = body.member("hook");
        if (!hook.string().equals("ingress")) {
            throw hook.error("a flowtable hooks ingress, not \"" + hook.string() + "\"");
        }
        Node prio = body.member("prio");
        int priority;
        if (prio.value() instanceof JsonValue.Str s) {
            priority = ChainPriority.valueOf(Family.NETDEV, Hook.INGRESS, s.value())
                    .orElseThrow(() -> prio.error("unknown flowtable priority \"" + s.value() + "\""));
        } else {
            priority = (int) prio.signed(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        List<String> devices = new ArrayList<>();
        Node dev = body.optional("dev");
        if (dev != null) {
            for (Node d : dev.arrayOrSingle()) {
                devices.add(d.string());
            }
        }
        return at(body, () -> Flowtable.of(family, table, name, priority, devices));
    }

    /** {@code {"mss": N, "wscale": N, "flags": [...]}}: a synproxy object's options, or a synproxy statement's. */
    static ObjectDefinition.Synproxy synproxy(Node body) {
        only(body, "mss", "wscale", "flags");
        int flags = 0;
        int mss = 0;
        int wscale = 0;
        if (body.optional("mss") != null) {
            mss = (int) body.member("mss").number(0xffff);
            flags |= NfTablesUapi.NF_SYNPROXY_OPT_MSS;
        }
        if (body.optional("wscale") != null) {
            wscale = (int) body.member("wscale").number(14);
            flags |= NfTablesUapi.NF_SYNPROXY_OPT_WSCALE;
        }
        Node f = body.optional("flags");
        if (f != null) {
            for (Node flag : f.arrayOrSingle()) {
                flags |= SynproxyFlag.named(flag.string()).orElseThrow(() -> flag.error("unknown synproxy flag \""
                        + flag.string() + "\" (expected timestamp or sack-perm)")).bit();
            }
        }
        return new ObjectDefinition.Synproxy(mss, wscale, flags);
    }

    private static void only(Node body, String... members) {
        Set<String> allowed = new HashSet<>(NAMING);
        allowed.addAll(List.of(members));
        body.only(allowed);
    }

    private static int l4proto(Node node) {
        if (node.value() instanceof JsonValue.Num) {
            return (int) node.number(0xff);
        }
        String name = node.string();
        return at(node, () -> Datatype.INET_PROTO.parse(name, 1).toArray()[0] & 0xff);
    }

    private static int l3proto(Node body, Family tableFamily) {
        Node n = body.optional("l3proto");
        if (n == null) {
            return tableFamily.protocol();
        }
        return at(n, () -> Family.ofName(n.string()).protocol());
    }

    private static Family family(Node body) {
        Node f = body.optional("family");
        if (f == null) {
            return Family.IP;
        }
        return at(f, () -> Family.ofName(f.string()));
    }
}
