package nftlink.nftables.json;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftEvent;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftObject;
import nftlink.nftables.lang.ObjectRenderer;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code nft -j --echo -f DOCUMENT} prints: the document it applied, with the handle the kernel
 * gave each table, chain, set, map, rule, flowtable and named object it added, as the object's last
 * member. Objects the kernel did not echo (deletions, elements, what already existed) are left as
 * they were written.
 */
public final class JsonEcho {

    private static final Set<String> ADDING = Set.of("add", "create", "insert", "replace");

    private JsonEcho() {
    }

    /**
     * The document with handles, as nft echoes it.
     *
     * @param document the document that was applied
     * @param committed what the kernel reported for the transaction ({@code NftCommitResult.committed()})
     * @return the document with the handles of what was added
     */
    public static JsonValue withHandles(JsonValue document, NftMonitor.Committed committed) {
        Map<String, Deque<Long>> handles = handles(committed);
        if (!(document instanceof JsonValue.Obj root) || !(root.get("nftables") instanceof JsonValue.Arr items)) {
            return document;
        }
        List<JsonValue> echoed = new ArrayList<>();
        for (JsonValue item : items.items()) {
            echoed.add(item(item, handles));
        }
        Map<String, JsonValue> members = new LinkedHashMap<>(root.members());
        members.put("nftables", new JsonValue.Arr(echoed));
        return new JsonValue.Obj(members);
    }

    /** A command ({@code {"add": {"rule": {...}}}}) or a bare object ({@code {"rule": {...}}}, an addition). */
    private static JsonValue item(JsonValue item, Map<String, Deque<Long>> handles) {
        if (!(item instanceof JsonValue.Obj o) || o.members().size() != 1) {
            return item;
        }
        Map.Entry<String, JsonValue> only = o.members().entrySet().iterator().next();
        if (ADDING.contains(only.getKey())) {
            if (!(only.getValue() instanceof JsonValue.Obj command) || command.members().size() != 1) {
                return item;
            }
            return new JsonValue.Obj(Map.of(only.getKey(), object(command, handles)));
        }
        return object(o, handles);
    }

    /** {@code {"KIND": {...}}} with {@code "handle"} moved to the end and set to the kernel's, when it echoed one. */
    private static JsonValue object(JsonValue.Obj wrapper, Map<String, Deque<Long>> handles) {
        Map.Entry<String, JsonValue> only = wrapper.members().entrySet().iterator().next();
        if (!(only.getValue() instanceof JsonValue.Obj body)) {
            return wrapper;
        }
        String key = key(only.getKey(), text(body, "family"), text(body, "table"),
                only.getKey().equals("rule") ? text(body, "chain") : text(body, "name"));
        Deque<Long> queue = key == null ? null : handles.get(key);
        if (queue == null || queue.isEmpty()) {
            return wrapper;
        }
        Map<String, JsonValue> members = new LinkedHashMap<>(body.members());
        members.remove("handle");
        members.put("handle", new JsonValue.Num(BigDecimal.valueOf(queue.poll())));
        return new JsonValue.Obj(Map.of(only.getKey(), new JsonValue.Obj(members)));
    }

    private static String text(JsonValue.Obj body, String member) {
        return body.get(member) instanceof JsonValue.Str s ? s.value() : null;
    }

    /** The handles the kernel echoed, by kind and name (rules by chain), in the order it echoed them. */
    private static Map<String, Deque<Long>> handles(NftMonitor.Committed committed) {
        Map<String, Deque<Long>> handles = new HashMap<>();
        for (NftEvent e : committed.events()) {
            if (!e.added()) {
                continue;
            }
            Map.Entry<String, Long> echoed = switch (e) {
                case NftEvent.TableEvent t -> echoed(key("table", t.table().family(), null, t.table().name()), t.table().handle());
                case NftEvent.ChainEvent c -> echoed(key("chain", c.chain().family(), c.chain().table(), c.chain().name()),
                        c.chain().handle());
                case NftEvent.SetEvent s -> echoed(key("set", s.set().family(), s.set().table(), s.set().name()), s.set().handle());
                case NftEvent.RuleEvent r -> echoed(key("rule", r.rule().family(), r.rule().table(), r.rule().chain()),
                        r.rule().handle());
                case NftEvent.Other o when o.type() == NfTablesUapi.NFT_MSG_NEWOBJ -> object(NftObject.decode(o.message()));
                default -> null;
            };
            if (echoed != null) {
                handles.computeIfAbsent(echoed.getKey(), k -> new ArrayDeque<>()).add(echoed.getValue());
            }
        }
        return handles;
    }

    private static Map.Entry<String, Long> object(NftObject o) {
        String kind = ObjectRenderer.typeName(o.type());
        return kind == null ? null : echoed(key(kind, o.family(), o.table(), o.name()), o.handle());
    }

    /** A handle under its key, or {@code null} when the object has no key. */
    private static Map.Entry<String, Long> echoed(String key, long handle) {
        return key == null ? null : Map.entry(key, handle);
    }

    private static String key(String kind, Family family, String table, String name) {
        return key(kind, family.nftName(), table, name);
    }

    /** Sets and maps share one key: the kernel knows sets only. */
    private static String key(String kind, String family, String table, String name) {
        if (family == null || name == null || !kind.equals("table") && table == null) {
            return null;
        }
        return (kind.equals("map") ? "set" : kind) + " " + family + " " + table + " " + name;
    }
}
