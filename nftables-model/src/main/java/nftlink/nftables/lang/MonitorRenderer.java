package nftlink.nftables.lang;

import nftlink.nftables.BaseChain;
import nftlink.nftables.ChainPriority;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftEvent;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints monitor updates the way {@code nft monitor} does: one line per change
 * ({@code add rule inet t c tcp dport 22 accept}), then
 * {@code # new generation N by process PID (NAME)}. Keeps what it needs to know
 * across transactions (set key types, anonymous set contents); seed it with the
 * sets that exist when monitoring starts ({@link #knowSet}).
 */
public final class MonitorRenderer {

    private final MonitorEvents events = new MonitorEvents();
    private final RuleRenderer rules;
    private final boolean handles;

    /**
     * A renderer of monitor updates as {@code nft monitor} prints them.
     *
     * @param rules the renderer of rules in the updates
     */
    public MonitorRenderer(RuleRenderer rules) {
        this(rules, false);
    }

    /**
     * A renderer of monitor updates as {@code nft monitor} prints them, with the kernel's handles
     * ({@code # handle N}) as {@code nft -a monitor} prints them when {@code handles} is set.
     *
     * @param rules the renderer of rules in the updates
     * @param handles whether to print handles
     */
    public MonitorRenderer(RuleRenderer rules, boolean handles) {
        this.rules = rules;
        this.handles = handles;
    }

    /**
     * Tells the renderer about a set that existed before monitoring started.
     *
     * @param set the set
     * @param elements its elements
     */
    public void knowSet(NftSet set, List<SetElement> elements) {
        events.knowSet(set, elements);
    }

    /**
     * The lines for one update.
     *
     * @param update the update
     * @return the lines, without newlines
     */
    public List<String> render(NftMonitor.Update update) {
        List<String> out = new ArrayList<>();
        switch (update) {
            case NftMonitor.ResyncNeeded r -> out.add("# resync needed: " + r.reason());
            case NftMonitor.Committed c -> {
                for (MonitorEvents.Change change : events.changes(c)) {
                    String line = line(change);
                    if (line != null) {
                        out.add(line);
                    }
                }
                out.add("# new generation " + Integer.toUnsignedString(c.generation()) + " by process " + c.pid()
                        + " (" + c.process() + ")");
            }
        }
        return out;
    }

    private String line(MonitorEvents.Change change) {
        NftEvent e = change.event();
        String verb = e.added() ? "add " : "delete ";
        return switch (e) {
            case NftEvent.TableEvent t -> {
                String flags = NftFormatter.tableFlags(t.table().flags());
                yield verb + "table " + t.table().qualifiedName() + (e.added() && !flags.isEmpty() ? " { flags " + flags + "; }" : "")
                        + handle(true, t.table().handle());
            }
            case NftEvent.ChainEvent c -> {
                StringBuilder sb = new StringBuilder(verb).append("chain ").append(c.chain().qualifiedName());
                BaseChain b = c.chain().base();
                if (e.added() && b != null) {
                    sb.append(" { type ").append(b.type().nftName()).append(" hook ").append(b.hook().nftName());
                    if (b.devices().size() == 1) {
                        sb.append(" device \"").append(b.devices().getFirst()).append('"');
                    } else if (b.devices().size() > 1) {
                        sb.append(" devices = { ").append(String.join(", ", b.devices())).append(" }");
                    }
                    sb.append(" priority ").append(ChainPriority.render(c.chain().family(), b.hook(), b.priority())).append(';');
                    if (b.policy() != null) {
                        sb.append(" policy ").append(b.policy().nftName()).append(';');
                    }
                    sb.append(" }");
                }
                yield sb.append(handle(e.added(), c.chain().handle())).toString();
            }
            case NftEvent.SetEvent s -> {
                NftSet set = s.set();
                if (!s.added()) {
                    yield "delete " + (set.isMap() ? "map " : "set ") + set.family().nftName() + " " + set.table() + " " + set.name();
                }
                String block = SetRenderer.render(set, List.of());
                String inner = block.lines().skip(1).filter(l -> !l.strip().equals("}")).map(String::strip)
                        .reduce("", (a, b) -> a + b + "; ");
                yield "add " + (set.isMap() || set.isObjectMap() ? "map " : "set ") + set.family().nftName() + " " + set.table() + " "
                        + set.name() + " { " + innerHandle(set.handle()) + inner + "} ";
            }
            case NftEvent.ElementsEvent el -> {
                NftSet set = events.set(el.family(), el.table(), el.set());
                String items;
                if (set == null) {
                    items = el.elements().stream().map(x -> x.key().words()).reduce((a, b) -> a + ", " + b).orElse("");
                } else {
                    String block = SetRenderer.render(set, el.elements());
                    int at = block.indexOf("elements = { ");
                    items = at < 0 ? "" : block.substring(at + "elements = { ".length(), block.lastIndexOf(" }\n\t}"))
                            .replace(",\n\t\t\t     ", ", ");
                }
                yield verb + "element " + el.family().nftName() + " " + el.table() + " " + el.set() + " { " + items + " }";
            }
            case NftEvent.RuleEvent r -> {
                if (!r.added()) {
                    yield "delete rule " + r.rule().location() + " handle " + Long.toUnsignedString(r.rule().handle());
                }
                RuleSpec spec = change.rule();
                // the kernel names the rule before, for a rule that is neither first nor last in its chain
                String after = r.rule().position() == 0 ? "" : "handle " + Long.toUnsignedString(r.rule().position()) + " ";
                yield (r.appended() ? "add" : "insert") + " rule " + r.rule().location() + " " + after + rules.render(spec)
                        + handle(true, r.rule().handle());
            }
            case NftEvent.Other o -> o.type() == NfTablesUapi.NFT_MSG_NEWOBJ || o.type() == NfTablesUapi.NFT_MSG_DELOBJ
                    ? object(NftObject.decode(o.message()), o.added()) : null;
        };
    }

    /** {@code add counter inet t c { packets 0 bytes 0 } }: the object's listing lines on one line, as nft's monitor joins them. */
    private String object(NftObject object, boolean added) {
        String typeName = ObjectRenderer.typeName(object.type());
        String head = (added ? "add " : "delete ") + (typeName == null ? "object" : typeName) + " "
                + object.family().nftName() + " " + object.table() + " " + object.name();
        if (!added || typeName == null) {
            return head;
        }
        List<String> lines = ObjectRenderer.render(object).lines().skip(1).map(String::strip).filter(l -> !l.equals("}")).toList();
        String body = switch (typeName) {
            // nft ends each of these statements with a separator, the synproxy's only once
            case "ct helper", "ct timeout", "ct expectation" -> String.join("; ", lines) + ";";
            case "synproxy" -> String.join(" ", lines) + ";";
            default -> String.join(" ", lines);
        };
        return head + " { " + innerHandle(object.handle()) + body + " } ";
    }

    /** {@code  # handle N} after an added object's line (and a table's, also when deleted) when handles are printed. */
    private String handle(boolean added, long handle) {
        return handles && added ? " # handle " + Long.toUnsignedString(handle) : "";
    }

    /** {@code # handle N } at the start of a set's or an object's braces when handles are printed. */
    private String innerHandle(long handle) {
        return handles ? "# handle " + Long.toUnsignedString(handle) + " " : "";
    }
}
