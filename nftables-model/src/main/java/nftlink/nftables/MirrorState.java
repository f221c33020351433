package nftlink.nftables;

import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static nftlink.nftables.NfTablesUapi.NFT_MSG_DELFLOWTABLE;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_DELOBJ;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWFLOWTABLE;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWOBJ;

/**
 * The state of an {@link NftMirror}: a listed rule set and the notifications applied to it since,
 * in the kernel's order. Not thread-safe; the mirror guards it.
 */
final class MirrorState {

    /** An element as seen, with when, so that one whose timeout ran out is no longer listed. */
    private record Seen(SetElement element, long nanos) {
        boolean expired(long now) {
            Duration left = element.expiration().isZero() ? element.timeout() : element.expiration();
            return !left.isZero() && now - nanos >= left.toNanos();
        }
    }

    /** What tells elements of one set apart: the key, the end of a concatenated range, and whether it closes an interval. */
    private record ElementId(Bytes key, Bytes keyEnd, boolean end) {
        static ElementId of(SetElement e) {
            return new ElementId(e.key(), e.keyEnd(), e.isIntervalEnd());
        }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Map<String, List<Rule>> rules = new HashMap<>();
    /** The handles in each chain's list, to find out without a scan whether a rule is new. */
    private final Map<String, Set<Long>> handles = new HashMap<>();
    private final Map<String, NftSet> sets = new LinkedHashMap<>();
    private final Map<String, Map<ElementId, Seen>> elements = new HashMap<>();
    private final Map<String, NftObject> objects = new LinkedHashMap<>();
    private final Map<String, Flowtable> flowtables = new LinkedHashMap<>();
    /** Rules placed after a rule a later notification of the same transaction adds, by that rule's handle. */
    private final Map<Long, List<Rule>> waiting = new HashMap<>();
    /** Chains whose order could not be followed; the mirror lists them again. */
    private final Set<String> uncertain = new HashSet<>();
    private String lastDeletedChain;
    private int lastDeletedIndex = -1;

    /** Replaces everything with {@code listed}, read at {@code nanos}. */
    void load(Ruleset listed, long nanos) {
        tables.clear();
        chains.clear();
        rules.clear();
        handles.clear();
        sets.clear();
        elements.clear();
        objects.clear();
        flowtables.clear();
        listed.tables().forEach(t -> tables.put(key(t.family(), t.name()), t));
        listed.chains().forEach(c -> chains.put(key(c.family(), c.table(), c.name()), c));
        for (Rule r : listed.rules()) {
            rulesOf(r).add(r);
            handlesOf(r).add(r.handle());
        }
        for (NftSet s : listed.sets()) {
            sets.put(Ruleset.setKey(s), s);
            Map<ElementId, Seen> seen = new LinkedHashMap<>();
            listed.elementsOf(s).forEach(e -> seen.put(ElementId.of(e), new Seen(e, nanos)));
            elements.put(Ruleset.setKey(s), seen);
        }
        listed.objects().forEach(o -> objects.put(objectKey(o), o));
        listed.flowtables().forEach(f -> flowtables.put(key(f.family(), f.table(), f.name()), f));
    }

    /** Applies the events of one committed transaction. */
    void apply(List<NftEvent> events, long nanos) {
        lastDeletedChain = null;
        lastDeletedIndex = -1;
        for (NftEvent e : events) {
            switch (e) {
                case NftEvent.TableEvent t -> table(t);
                case NftEvent.ChainEvent c -> chain(c);
                case NftEvent.RuleEvent r -> rule(r);
                case NftEvent.SetEvent s -> set(s);
                case NftEvent.ElementsEvent el -> elements(el, nanos);
                case NftEvent.Other o -> other(o);
            }
        }
        waiting.values().forEach(list -> list.forEach(r -> {
            uncertain.add(key(r.family(), r.table(), r.chain()));
            rulesOf(r).add(r);
            handlesOf(r).add(r.handle());
        }));
        waiting.clear();
    }

    /** The chains whose rule order could not be followed from the notifications (then forgotten). */
    Set<String> takeUncertain() {
        Set<String> out = Set.copyOf(uncertain);
        uncertain.clear();
        return out;
    }

    /** Replaces the rules of the chain {@code chainKey} with a fresh listing of them. */
    void reloadRules(String chainKey, List<Rule> listed) {
        rules.put(chainKey, new ArrayList<>(listed));
        Set<Long> hs = new HashSet<>();
        listed.forEach(r -> hs.add(r.handle()));
        handles.put(chainKey, hs);
    }

    /** The chain with key {@code chainKey}, or {@code null}. */
    Chain chain(String chainKey) {
        return chains.get(chainKey);
    }

    /** The rule set as it stands, without the elements whose timeout ran out by {@code now}; in the kernel's order. */
    Ruleset snapshot(long now) {
        List<Chain> orderedChains = byTable(chains);
        List<Rule> allRules = new ArrayList<>();
        for (Chain c : orderedChains) {
            allRules.addAll(rules.getOrDefault(key(c.family(), c.table(), c.name()), List.of()));
        }
        Map<String, List<SetElement>> current = new HashMap<>();
        elements.forEach((set, seen) -> current.put(set, seen.values().stream()
                .filter(s -> !s.expired(now)).map(Seen::element).toList()));
        return new Ruleset(List.copyOf(tables.values()), orderedChains, byTable(sets), current, allRules,
                byTable(objects), byTable(flowtables));
    }

    /** The values of {@code byKey} table by table, in the order of the tables, each table's in the order they came. */
    private <T> List<T> byTable(Map<String, T> byKey) {
        List<T> out = new ArrayList<>(byKey.size());
        for (String table : tables.keySet()) {
            String prefix = table + " ";
            byKey.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.add(v);
                }
            });
        }
        return out;
    }

    private void table(NftEvent.TableEvent e) {
        Table t = e.table();
        String key = key(t.family(), t.name());
        if (e.added()) {
            tables.put(key, t);
            return;
        }
        tables.remove(key);
        String prefix = key + " ";
        chains.keySet().removeIf(k -> k.startsWith(prefix));
        rules.keySet().removeIf(k -> k.startsWith(prefix));
        handles.keySet().removeIf(k -> k.startsWith(prefix));
        sets.keySet().removeIf(k -> k.startsWith(prefix));
        elements.keySet().removeIf(k -> k.startsWith(prefix));
        objects.keySet().removeIf(k -> k.startsWith(prefix));
        flowtables.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private void chain(NftEvent.ChainEvent e) {
        Chain c = e.chain();
        String key = key(c.family(), c.table(), c.name());
        if (e.added()) {
            chains.put(key, c);
        } else {
            chains.remove(key);
            rules.remove(key);
            handles.remove(key);
        }
    }

    private void rule(NftEvent.RuleEvent e) {
        Rule r = e.rule();
        List<Rule> list = rulesOf(r);
        Set<Long> hs = handlesOf(r);
        int at = hs.contains(r.handle()) ? indexOf(list, r.handle()) : -1;
        if (!e.added()) {
            if (at >= 0) {
                list.remove(at);
                hs.remove(r.handle());
                lastDeletedChain = key(r.family(), r.table(), r.chain());
                lastDeletedIndex = at;
            } else {
                // added and deleted again in this transaction, before its place was known
                waiting.values().forEach(w -> w.removeIf(x -> x.handle() == r.handle() && x.chain().equals(r.chain())
                        && x.table().equals(r.table()) && x.family() == r.family()));
            }
            return;
        }
        boolean replacesFirst = replacedFirst(r);
        lastDeletedIndex = -1;
        if (at >= 0) {
            list.set(at, r);
            return;
        }
        if (r.position() != 0) {
            int after = indexOf(list, r.position());
            if (after < 0) {
                waiting.computeIfAbsent(r.position(), k -> new ArrayList<>()).add(r);
                return;
            }
            list.add(after + 1, r);
        } else if (e.appended() && !replacesFirst) {
            list.add(r);
        } else {
            // the kernel leaves the position out for the first and the last rule; without "append" it is the first
            list.addFirst(r);
        }
        hs.add(r.handle());
        placeWaiting(list, r);
    }

    /** Whether {@code r} replaces the first rule of its chain, deleted just before in the same transaction. */
    private boolean replacedFirst(Rule r) {
        return lastDeletedIndex == 0 && key(r.family(), r.table(), r.chain()).equals(lastDeletedChain);
    }

    private void placeWaiting(List<Rule> list, Rule placed) {
        List<Rule> after = waiting.remove(placed.handle());
        if (after == null) {
            return;
        }
        int at = indexOf(list, placed.handle());
        for (Rule w : after) {
            list.add(++at, w);
            handlesOf(w).add(w.handle());
            placeWaiting(list, w);
        }
    }

    private void set(NftEvent.SetEvent e) {
        String key = Ruleset.setKey(e.set());
        if (e.added()) {
            sets.put(key, e.set());
            elements.putIfAbsent(key, new LinkedHashMap<>());
        } else {
            sets.remove(key);
            elements.remove(key);
        }
    }

    private void elements(NftEvent.ElementsEvent e, long nanos) {
        Map<ElementId, Seen> seen = elements.computeIfAbsent(e.family().nftName() + " " + e.table() + " " + e.set(),
                k -> new LinkedHashMap<>());
        if (!e.added() && e.elements().isEmpty()) {
            seen.clear();
            return;
        }
        for (SetElement el : e.elements()) {
            if (e.added()) {
                seen.put(ElementId.of(el), new Seen(el, nanos));
            } else {
                seen.remove(ElementId.of(el));
            }
        }
    }

    private void other(NftEvent.Other o) {
        NetlinkMessage m = o.message();
        switch (Nfnetlink.messageOf(m.type())) {
            case NFT_MSG_NEWOBJ -> {
                NftObject obj = NftObject.decode(m);
                objects.put(objectKey(obj), obj);
            }
            case NFT_MSG_DELOBJ -> objects.remove(objectKey(NftObject.decode(m)));
            case NFT_MSG_NEWFLOWTABLE -> {
                Flowtable f = Flowtable.decode(m);
                flowtables.put(key(f.family(), f.table(), f.name()), f);
            }
            case NFT_MSG_DELFLOWTABLE -> {
                Flowtable f = Flowtable.decode(m);
                flowtables.remove(key(f.family(), f.table(), f.name()));
            }
            default -> { }
        }
    }

    private List<Rule> rulesOf(Rule r) {
        return rules.computeIfAbsent(key(r.family(), r.table(), r.chain()), k -> new ArrayList<>());
    }

    private Set<Long> handlesOf(Rule r) {
        return handles.computeIfAbsent(key(r.family(), r.table(), r.chain()), k -> new HashSet<>());
    }

    private static int indexOf(List<Rule> list, long handle) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).handle() == handle) {
                return i;
            }
        }
        return -1;
    }

    private static String objectKey(NftObject o) {
        return key(o.family(), o.table(), o.data().type() + "/" + o.name());
    }

    static String key(Family family, String table) {
        return family.nftName() + " " + Objects.requireNonNull(table);
    }

    static String key(Family family, String table, String name) {
        return family.nftName() + " " + table + " " + name;
    }
}
