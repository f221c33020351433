package nftlink.nftables.lang;

import nftlink.nftables.BaseChain;
import nftlink.nftables.ChainPriority;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftEvent;
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

    /**
     * A renderer of monitor updates as {@code nft monitor} prints them.
     *
     * @param rules the renderer of rules in the updates
     */
    public MonitorRenderer(RuleRenderer rules) {
        this.rules = rules;
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
                for (NftEvent e : c.events()) {
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

    private String line(NftEvent e) {
        String verb = e.added() ? "add " : "delete ";
        return switch (e) {
            case NftEvent.TableEvent t -> verb + "table " + t.table().qualifiedName();
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
                yield sb.toString();
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
                    yield "add " + (set.isMap() ? "map " : "set ") + set.family().nftName() + " " + set.table() + " "
                            + set.name() + " { " + inner + "} ";
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
                RuleSpec spec = Delinearizer.delinearize(r.rule(),
                        name -> anonymous.get(key(r.rule().family().nftName(), r.rule().table(), name)));
                // the kernel names the rule before, for a rule that is neither first nor last in its chain
                String after = r.rule().position() == 0 ? "" : "handle " + Long.toUnsignedString(r.rule().position()) + " ";
                yield (r.appended() ? "add" : "insert") + " rule " + r.rule().location() + " " + after + rules.render(spec);
            }
            case NftEvent.Other o -> null;
        };
    }
}
