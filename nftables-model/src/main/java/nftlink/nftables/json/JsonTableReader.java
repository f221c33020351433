package nftlink.nftables.json;

import java.util.LinkedHashMap;
import nftlink.nftables.BaseChain;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainPriority;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.Table;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.lang.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;
import static nftlink.nftables.json.JsonParser.family;

/** Reads the tables, chains and named counters, quotas and limits of a libnftables JSON document. */
final class JsonTableReader {

    private JsonTableReader() {
    }

    /** What a named counter, quota or limit holds, as nft lists it ({@link JsonObjects#object} reads the names). */
    static ObjectDefinition statefulDefinition(String kind, Node body) {
        return switch (kind) {
            case "counter" -> {
                body.only(Set.of("family", "table", "name", "handle", "comment", "packets", "bytes"));
                yield new ObjectDefinition.Counter(body.optional("packets") == null ? 0 : body.member("packets").number(Long.MAX_VALUE),
                        body.optional("bytes") == null ? 0 : body.member("bytes").number(Long.MAX_VALUE));
            }
            case "quota" -> {
                body.only(Set.of("family", "table", "name", "handle", "comment", "bytes", "used", "inv"));
                boolean over = body.optional("inv") != null && body.member("inv").bool();
                yield new ObjectDefinition.Quota(body.member("bytes").number(Long.MAX_VALUE),
                        body.optional("used") == null ? 0 : body.member("used").number(Long.MAX_VALUE),
                        over ? NfTablesUapi.NFT_QUOTA_F_INV : 0);
            }
            default -> {
                Statement.LimitStatement l = (Statement.LimitStatement) JsonStatefulReader.limit(withoutObjectMembers(body));
                yield new ObjectDefinition.Limit(l.rate(), l.period().seconds(), (int) l.burst(),
                        l.bytes() ? NfTablesUapi.NFT_LIMIT_PKT_BYTES : NfTablesUapi.NFT_LIMIT_PKTS, l.over() ? NfTablesUapi.NFT_LIMIT_F_INV : 0);
            }
        };
    }

    /** A limit object's body without the members that name the object, to read it as a limit statement. */
    private static Node withoutObjectMembers(Node body) {
        LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(body.object().members());
        for (String k : List.of("family", "table", "name", "handle", "comment")) {
            m.remove(k);
        }
        return new Node(new JsonValue.Obj(m), body.path());
    }

    /** A table: {@code {"family": F, "name": N, "flags": [...], "comment": C}}. */
    static Table table(Node body) {
        body.only(Set.of("family", "name", "handle", "flags", "comment"));
        Family family = family(body);
        String name = body.member("name").string();
        int flags = 0;
        Node f = body.optional("flags");
        if (f != null) {
            for (Node flag : f.arrayOrSingle()) {
                flags |= switch (flag.string()) {
                    case "dormant" -> NfTablesUapi.NFT_TABLE_F_DORMANT;
                    case "owner" -> NfTablesUapi.NFT_TABLE_F_OWNER;
                    case "persist" -> 4;
                    default -> throw flag.error("unknown table flag \"" + flag.string() + "\"");
                };
            }
        }
        Node comment = body.optional("comment");
        int fl = flags;
        return at(body, () -> {
            Table t = Table.of(family, name).withFlags(fl);
            return comment == null ? t : t.withComment(comment.string());
        });
    }

    /** A regular chain, or a base chain with its type, hook, priority, policy and devices. */
    static Chain chain(Node body) {
        body.only(Set.of("family", "table", "name", "handle", "type", "hook", "prio", "policy", "dev", "comment"));
        Family family = family(body);
        String table = body.member("table").string();
        String name = body.member("name").string();
        Node hookNode = body.optional("hook");
        Node comment = body.optional("comment");
        Chain chain;
        if (hookNode == null) {
            for (String k : List.of("type", "prio", "policy", "dev")) {
                if (body.optional(k) != null) {
                    throw body.member(k).error("\"" + k + "\" needs a base chain (\"type\", \"hook\" and \"prio\")");
                }
            }
            chain = at(body, () -> Chain.regular(family, table, name));
        } else {
            Node typeNode = body.member("type");
            ChainType type = at(typeNode, () -> ChainType.ofName(typeNode.string()));
            Hook hook = at(hookNode, () -> Hook.ofName(hookNode.string()));
            at(hookNode, () -> hook.number(family));
            Node prioNode = body.member("prio");
            int priority;
            if (prioNode.value() instanceof JsonValue.Str s) {
                priority = ChainPriority.valueOf(family, hook, s.value()).orElseThrow(() -> prioNode.error(
                        "unknown priority \"" + s.value() + "\" for a " + family.nftName() + " " + hook.nftName() + " chain"));
            } else {
                priority = (int) prioNode.signed(Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            Node policyNode = body.optional("policy");
            ChainPolicy policy = policyNode == null ? null : at(policyNode, () -> ChainPolicy.ofName(policyNode.string()));
            List<String> devices = new ArrayList<>();
            Node dev = body.optional("dev");
            if (dev != null) {
                for (Node d : dev.arrayOrSingle()) {
                    devices.add(d.string());
                }
            }
            chain = at(body, () -> Chain.base(family, table, name, new BaseChain(type, hook, priority, devices, policy)));
        }
        return comment == null ? chain : chain.withComment(comment.string());
    }
}
