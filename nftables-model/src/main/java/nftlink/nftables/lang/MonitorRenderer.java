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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints monitor updates the way {@code nft monitor} does: one line per change
 * ({@code add rule inet t c tcp dport 22 accept}), then
 * {@code # new generation N by process PID (NAME)}. Keeps what it needs to know
 * across transactions (set key types, anonymous set contents); seed it with the
 * sets that exist when monitoring starts ({@link #knowSet}).
 */
public final class MonitorRenderer {

    private final Map<String, NftSet> sets = new HashMap<>();
    private final Map<String, List<SetElement>> anonymous = new HashMap<>();
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
        sets.put(key(set.family().nftName(), set.table(), set.name()), set);
        if (set.name().startsWith("__")) {
            anonymous.put(key(set.family().nftName(), set.table(), set.name()), new ArrayList<>(elements));
        }
    }

    private static String key(String family, String table, String set) {
        return family + " " + table + " " + set;
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
                List<NftEvent> events = c.events();
                for (int i = 0; i < events.size(); i++) {
                    NftEvent e = events.get(i);
                    if (e instanceof NftEvent.ElementsEvent el && isInterval(el)) {
                        if (isPadding(el)) {
                            continue;
                        }
                        if (i + 1 < events.size() && events.get(i + 1) instanceof NftEvent.ElementsEvent other && pairs(el, other)) {
                            SetElement a = el.elements().getFirst();
                            SetElement b = other.elements().getFirst();
                            e = new NftEvent.ElementsEvent(el.added(), el.family(), el.table(), el.set(),
                                    a.isIntervalEnd() ? List.of(b, a) : List.of(a, b));
                            i++;
                        }
                    }
                    String line = line(e);
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

    /*
     * The kernel reports each element of an interval set on its own: a range as its start and its end (in
     * that order when added, the other way round when a set is flushed), and the zero end nft adds before
     * the first range. nft's monitor waits for the other half of a range to print the range, and leaves
     * the zero end out.
     */
    private boolean isInterval(NftEvent.ElementsEvent el) {
        NftSet set = sets.get(key(el.family().nftName(), el.table(), el.set()));
        return set != null && (set.flags() & NfTablesUapi.NFT_SET_INTERVAL) != 0 && el.elements().size() == 1;
    }

    private static boolean isPadding(NftEvent.ElementsEvent el) {
        SetElement only = el.elements().getFirst();
        return only.isIntervalEnd() && only.key().isZero();
    }

    private static boolean pairs(NftEvent.ElementsEvent first, NftEvent.ElementsEvent second) {
        return second.added() == first.added() && second.elements().size() == 1
                && second.elements().getFirst().isIntervalEnd() != first.elements().getFirst().isIntervalEnd()
                && second.family() == first.family() && second.table().equals(first.table()) && second.set().equals(first.set());
    }

    private String line(NftEvent e) {
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
                String k = key(set.family().nftName(), set.table(), set.name());
                boolean anonymousSet = (set.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) != 0;
                if (s.added()) {
                    sets.put(k, set);
                    if (anonymousSet) {
                        anonymous.put(k, new ArrayList<>());
                        yield null;
                    }
                    String block = SetRenderer.render(set, List.of());
                    String inner = block.lines().skip(1).filter(l -> !l.strip().equals("}")).map(String::strip)
                            .reduce("", (a, b) -> a + b + "; ");
                    yield "add " + (set.isMap() || set.isObjectMap() ? "map " : "set ") + set.family().nftName() + " " + set.table() + " "
                            + set.name() + " { " + innerHandle(set.handle()) + inner + "} ";
                }
                sets.remove(k);
                anonymous.remove(k);
                yield "delete " + (set.isMap() ? "map " : "set ") + set.family().nftName() + " " + set.table() + " " + set.name();
            }
            case NftEvent.ElementsEvent el -> {
                String k = key(el.family().nftName(), el.table(), el.set());
                if (anonymous.containsKey(k)) {
                    if (el.added()) {
                        anonymous.get(k).addAll(el.elements());
                    }
                    yield null;
                }
                NftSet set = sets.get(k);
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
                String family = r.rule().family().nftName();
                RuleSpec spec = KnownSets.delinearize(r.rule(), name -> sets.get(key(family, r.rule().table(), name)),
                        name -> anonymous.get(key(family, r.rule().table(), name)));
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
