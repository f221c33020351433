package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.json.JsonMonitorRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.MonitorRenderer;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code monitor [new|destroy] [tables|chains|sets|rules|elements|ruleset] [--count N]}: prints
 * every change as {@code nft monitor} does, transaction by transaction, until interrupted or
 * after N transactions. With an event or object filter, only the matching lines print and the
 * {@code # new generation} lines do not (as in nft).
 *
 * @param event   which events print
 * @param objects the object words lines must start with after the verb, or {@code null} for all
 * @param json    whether to print JSON ({@code monitor json}, or {@code -j monitor}) as {@code nft -j monitor} does
 * @param count   how many transactions to print before returning
 */
record MonitorCommand(Event event, Set<String> objects, boolean json, long count) {

    /** nft's monitor events: any, {@code new} (lines starting with add) or {@code destroy} (delete). */
    enum Event {
        ANY, NEW, DESTROY
    }

    /** Reads the words after {@code monitor}. */
    static MonitorCommand parse(CommandText text) {
        List<String> w = text.words();
        Event event = Event.ANY;
        Set<String> objects = null;
        boolean json = false;
        long count = Long.MAX_VALUE;
        int i = 1;
        if (i < w.size() && (w.get(i).equals("new") || w.get(i).equals("destroy"))) {
            event = w.get(i++).equals("new") ? Event.NEW : Event.DESTROY;
        }
        if (i < w.size() && !w.get(i).startsWith("--")) {
            objects = switch (w.get(i)) {
                case "tables" -> Set.of("table");
                case "chains" -> Set.of("chain");
                case "sets" -> Set.of("set", "map");
                case "rules" -> Set.of("rule");
                case "elements" -> Set.of("element");
                case "ruleset" -> Set.of("table", "chain", "set", "map", "rule", "element", "counter", "quota", "limit", "ct",
                        "synproxy", "secmark", "flowtable", "object");
                case "trace" -> throw new CommandError("nftlink cannot monitor trace events", i);
                case "json" -> {
                    json = true;
                    yield null;
                }
                case "xml", "vm" -> throw new CommandError("nftlink monitors in nft's text or JSON format only", i);
                default -> throw event == Event.ANY ? new CommandError("invalid event " + w.get(i), i)
                        : CommandError.syntax(text, i, "end of file or newline or semicolon");
            };
            i++;
        }
        if (i < w.size() && w.get(i).equals("json")) {
            json = true;
            i++;
        }
        if (i < w.size() && (w.get(i).equals("--count") || w.get(i).startsWith("--count="))) {
            String n = w.get(i).equals("--count") ? (i + 1 < w.size() ? w.get(++i) : "") : w.get(i).substring("--count=".length());
            try {
                count = Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw new CommandError("--count needs a number, not '" + n + "'", i);
            }
            i++;
        }
        if (i < w.size()) {
            throw CommandError.syntax(text, i, "end of file or newline or semicolon");
        }
        return new MonitorCommand(event, objects, json, count);
    }

    /** Prints changes in {@code ns} to {@code out} as {@code output} asks, until {@link #count} transactions went by. */
    void run(NetworkNamespace ns, Options.Output output, PrintStream out) {
        try (NftMonitor monitor = NftMonitor.open(ns); Nftables nft = Nftables.open(ns)) {
            MonitorRenderer renderer = new MonitorRenderer(output.rules(LinkNames.of(ns)), output.handle());
            JsonMonitorRenderer jsonRenderer = new JsonMonitorRenderer(output.jsonRenderer(LinkNames.of(ns)));
            for (NftSet set : nft.listSets()) {
                List<SetElement> elements = nft.listElements(set.family(), set.table(), set.name());
                renderer.knowSet(set, elements);
                jsonRenderer.knowSet(set, elements);
            }
            boolean asJson = json || output.json();
            for (long seen = 0; seen < count; ) {
                Optional<NftMonitor.Update> next = monitor.next();
                if (next.isEmpty()) {
                    break;
                }
                NftMonitor.Update update = next.get();
                if (asJson) {
                    for (JsonValue change : output.flags().apply(() -> jsonRenderer.render(update))) {
                        if (shown(words(change))) {
                            out.println(change.toJson());
                        }
                    }
                } else {
                    for (String line : output.flags().apply(() -> renderer.render(update))) {
                        if (shown(line)) {
                            out.println(line);
                        }
                    }
                }
                out.flush();
                if (update instanceof NftMonitor.Committed) {
                    seen++;
                }
            }
        }
    }

    /** {@code VERB OBJECT} of a JSON change ({@code {"add": {"ct helper": ...}}} is {@code add ct}), for the filters. */
    private static String words(JsonValue change) {
        JsonValue.Obj outer = (JsonValue.Obj) change;
        String verb = outer.members().keySet().iterator().next();
        JsonValue.Obj inner = (JsonValue.Obj) outer.members().values().iterator().next();
        return verb + " " + inner.members().keySet().iterator().next().split(" ")[0];
    }

    /** Whether a rendered line passes the filters: {@code VERB OBJECT ...}; comment lines only unfiltered, resyncs always. */
    private boolean shown(String line) {
        if (event == Event.ANY && objects == null || line.startsWith("# resync")) {
            return true;
        }
        String[] w = line.split(" ", 3);
        if (w.length < 2 || line.startsWith("#")) {
            return false;
        }
        boolean verb = event == Event.ANY || (event == Event.NEW) != w[0].equals("delete");
        return verb && (objects == null || objects.contains(w[1]));
    }
}
