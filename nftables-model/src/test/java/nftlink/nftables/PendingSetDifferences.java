package nftlink.nftables;

import nftlink.nftables.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where nftlink's JSON listing of named sets and maps still differs from nft 1.1.3's, which the set
 * family's work (issue #15) changes: {@code typeof} declarations ({@code "type": {"typeof": ...}}), the
 * {@code dynamic} flag, and concatenated map data as a list of types. Tests of other statement
 * families compare listings with these members taken out of both sides, and everything else as is;
 * remove each rule here when the set family lists it as nft does.
 */
public final class PendingSetDifferences {
    private PendingSetDifferences() {
    }

    /** {@code document} without the members above in its set and map items. */
    public static JsonValue without(JsonValue document, JsonValue reference) {
        if (!(document instanceof JsonValue.Obj o) || !(o.get("nftables") instanceof JsonValue.Arr items)
                || !(reference instanceof JsonValue.Obj r) || !(r.get("nftables") instanceof JsonValue.Arr referenceItems)) {
            return document;
        }
        List<JsonValue> out = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
            JsonValue item = items.items().get(i);
            JsonValue counterpart = i < referenceItems.items().size() ? referenceItems.items().get(i) : null;
            out.add(setItem(item, counterpart));
        }
        return JsonValue.single("nftables", JsonValue.array(out));
    }

    private static JsonValue setItem(JsonValue item, JsonValue counterpart) {
        if (!(item instanceof JsonValue.Obj o) || o.members().size() != 1) {
            return item;
        }
        String kind = o.members().keySet().iterator().next();
        if (!kind.equals("set") && !kind.equals("map") || !(o.get(kind) instanceof JsonValue.Obj body)) {
            return item;
        }
        boolean typeof = counterpart instanceof JsonValue.Obj c && c.get(kind) instanceof JsonValue.Obj cb
                && cb.get("type") instanceof JsonValue.Obj t && t.get("typeof") != null;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        body.members().forEach((name, value) -> {
            if (name.equals("type") && typeof) {
                return;
            }
            if (name.equals("flags") && value instanceof JsonValue.Arr flags) {
                List<JsonValue> kept = flags.items().stream().filter(f -> !f.equals(JsonValue.of("dynamic"))).toList();
                if (kept.isEmpty()) {
                    return;
                }
                value = JsonValue.array(kept);
            }
            if (name.equals("map") && value instanceof JsonValue.Arr types) {
                value = JsonValue.of(String.join(" . ", types.items().stream().map(t -> ((JsonValue.Str) t).value()).toList()));
            }
            members.put(name, value);
        });
        return JsonValue.single(kind, new JsonValue.Obj(members));
    }
}
