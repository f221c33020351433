package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NftEvent;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of a transaction as nft's monitor shows them, in text or JSON: what it knows of the
 * sets (their types, the elements of anonymous sets, which rules print inside themselves), the
 * two halves of an interval the kernel reports one by one made one range, and rules read in the
 * rule language. Keeps that knowledge across transactions; seed it with the sets that exist
 * when monitoring starts ({@link #knowSet}). Used by one thread.
 */
public final class MonitorEvents {

    private final Map<String, NftSet> sets = new HashMap<>();
    private final Map<String, List<SetElement>> anonymous = new HashMap<>();

    /** Knowing no set yet. */
    public MonitorEvents() {
    }

    /**
     * One change to show.
     *
     * @param event the change
     * @param rule the rule of a rule event in the rule language, else {@code null}
     */
    public record Change(NftEvent event, RuleSpec rule) {
    }

    /**
     * Tells what a set that existed before monitoring started holds.
     *
     * @param set the set
     * @param elements its elements (only those of anonymous sets are kept)
     */
    public void knowSet(NftSet set, List<SetElement> elements) {
        sets.put(key(set.family(), set.table(), set.name()), set);
        if (set.name().startsWith("__")) {
            anonymous.put(key(set.family(), set.table(), set.name()), new ArrayList<>(elements));
        }
    }

    /**
     * The set of that name, if known.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     * @return the set, or {@code null}
     */
    public NftSet set(Family family, String table, String name) {
        return sets.get(key(family, table, name));
    }

    /**
     * The changes of {@code committed} to show, in order: anonymous sets and their elements are
     * kept for the rules that print them, not shown.
     *
     * @param committed a transaction as the monitor reported it
     * @return the changes
     */
    public List<Change> changes(NftMonitor.Committed committed) {
        List<Change> out = new ArrayList<>();
        List<NftEvent> events = committed.events();
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
            Change c = change(e);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private Change change(NftEvent e) {
        switch (e) {
            case NftEvent.SetEvent s -> {
                NftSet set = s.set();
                String k = key(set.family(), set.table(), set.name());
                if (!s.added()) {
                    sets.remove(k);
                    anonymous.remove(k);
                    return new Change(e, null);
                }
                sets.put(k, set);
                if (set.isAnonymous()) {
                    anonymous.put(k, new ArrayList<>());
                    return null;
                }
                return new Change(e, null);
            }
            case NftEvent.ElementsEvent el -> {
                List<SetElement> kept = anonymous.get(key(el.family(), el.table(), el.set()));
                if (kept == null) {
                    return new Change(e, null);
                }
                if (el.added()) {
                    kept.addAll(el.elements());
                }
                return null;
            }
            case NftEvent.RuleEvent r -> {
                Family family = r.rule().family();
                String table = r.rule().table();
                return new Change(e, KnownSets.delinearize(r.rule(), name -> sets.get(key(family, table, name)),
                        name -> anonymous.get(key(family, table, name))));
            }
            default -> {
                return new Change(e, null);
            }
        }
    }

    /*
     * The kernel reports each element of an interval set on its own: a range as its start and its end (in
     * that order when added, the other way round when a set is flushed), and the zero end nft adds before
     * the first range. nft's monitor waits for the other half of a range to print the range, and leaves
     * the zero end out.
     */
    private boolean isInterval(NftEvent.ElementsEvent el) {
        NftSet set = sets.get(key(el.family(), el.table(), el.set()));
        return set != null && set.isInterval() && el.elements().size() == 1;
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

    private static String key(Family family, String table, String set) {
        return family.nftName() + " " + table + " " + set;
    }
}
