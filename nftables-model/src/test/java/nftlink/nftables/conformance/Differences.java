package nftlink.nftables.conformance;

import nftlink.nftables.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The first difference between what nft-ref printed and what the library printed,
 * as one line for an exception list: a text line, or a JSON path.
 */
final class Differences {

    private static final int WIDTH = 160;

    private Differences() {
    }

    /**
     * {@code null} when the texts are equal, else the first differing line of each:
     * {@code line N: nft-ref `...` / nftlink `...`}.
     */
    static String text(String expected, String actual, String expectedName, String actualName) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        return "line " + (i + 1) + ": " + expectedName + " " + quote(i < e.length ? e[i] : null)
                + " / " + actualName + " " + quote(i < a.length ? a[i] : null);
    }

    /** {@code null} when the values are equal, else the path of the first difference and both values there. */
    static String json(JsonValue expected, JsonValue actual, String expectedName, String actualName) {
        return json(expected, actual, "$", expectedName, actualName);
    }

    private static String json(JsonValue e, JsonValue a, String path, String expectedName, String actualName) {
        if (e.equals(a)) {
            return null;
        }
        if (e instanceof JsonValue.Arr ea && a instanceof JsonValue.Arr aa) {
            for (int i = 0; i < Math.min(ea.items().size(), aa.items().size()); i++) {
                String d = json(ea.items().get(i), aa.items().get(i), path + "[" + i + "]", expectedName, actualName);
                if (d != null) {
                    return d;
                }
            }
            int i = Math.min(ea.items().size(), aa.items().size());
            return path + "[" + i + "]: " + expectedName + " " + shown(i < ea.items().size() ? ea.items().get(i) : null)
                    + " / " + actualName + " " + shown(i < aa.items().size() ? aa.items().get(i) : null);
        }
        if (e instanceof JsonValue.Obj eo && a instanceof JsonValue.Obj ao) {
            TreeSet<String> names = new TreeSet<>(eo.members().keySet());
            names.addAll(ao.members().keySet());
            for (String name : names) {
                JsonValue ev = eo.get(name);
                JsonValue av = ao.get(name);
                if (ev == null || av == null) {
                    return path + "." + name + ": " + expectedName + " " + shown(ev) + " / " + actualName + " " + shown(av);
                }
                String d = json(ev, av, path + "." + name, expectedName, actualName);
                if (d != null) {
                    return d;
                }
            }
        }
        return path + ": " + expectedName + " " + shown(e) + " / " + actualName + " " + shown(a);
    }

    /** {@code value} without the members named {@code names}, at any depth. */
    static JsonValue without(JsonValue value, List<String> names) {
        return switch (value) {
            case JsonValue.Arr arr -> {
                List<JsonValue> items = new ArrayList<>();
                arr.items().forEach(v -> items.add(without(v, names)));
                yield JsonValue.array(items);
            }
            case JsonValue.Obj obj -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                obj.members().forEach((k, v) -> {
                    if (!names.contains(k)) {
                        members.put(k, without(v, names));
                    }
                });
                yield new JsonValue.Obj(members);
            }
            default -> value;
        };
    }

    private static String quote(String line) {
        return line == null ? "(end)" : "`" + clip(line.strip()) + "`";
    }

    private static String shown(JsonValue v) {
        return v == null ? "(none)" : clip(v.toJson());
    }

    private static String clip(String s) {
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH) + "...";
    }
}
