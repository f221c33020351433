package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the rules of a chain: matches on header, meta and ct fields (values,
 * ranges, prefixes, masks, flag lists, anonymous sets), uses of the table's named
 * sets and maps, statements, and an ending (verdict, jump, vmap, reject, nat) that
 * fits the chain's type and hook. Regular chains get only statements that work
 * from any hook, and jumps only go to chains of higher order, so there are no loops.
 */
final class RuleWriter {

    private final Choices c;
    private final TablePlan table;
    private final SetWriter sets;
    private final NatWriter nat;
    private final StatementWriter statements;
    private final ExpressionWriter expressions;
    private final PacketStatementWriter packetStatements;

    RuleWriter(Choices c, TablePlan table, SetWriter sets) {
        this.c = c;
        this.table = table;
        this.sets = sets;
        this.nat = new NatWriter(c, sets);
        this.statements = new StatementWriter(c, table);
        this.expressions = new ExpressionWriter(c, table);
        this.packetStatements = new PacketStatementWriter(c, table);
    }

    /** One rule for {@code chain}, never empty. */
    String rule(TablePlan.ChainPlan chain) {
        List<SetPlan> usable = Choices.only(table.sets, s -> usable(s, chain));
        SetPlan set = !usable.isEmpty() && c.roll(55) ? c.pick(usable) : null;
        RuleText rule = new RuleText(set == null ? RuleShape.random(c, table.family) : filled(set.shape()));
        if (List.of("inet", "bridge", "netdev").contains(table.family) && !"nat".equals(chain.type())
                && c.maybe(GeneratorFeature.MATCH_VLAN, 8)) {
            // first: after a network header match the tag would contradict the network protocol
            rule.add("vlan id " + c.between(1, 4094), "vlan id");
            rule.vlan = true;
        }
        for (int i = c.between(0, 2); i > 0; i--) {
            match(rule);
        }
        if (set == null && rule.shape.l3IsIp() && rule.shape.l4() == null && !rule.protocolMatched && !rule.l4Matched
                && c.maybe(GeneratorFeature.MATCH_IGMP, 10)) {
            igmp(rule);
        }
        expressions.match(rule, chain, set);
        if (set != null) {
            use(set, rule, chain);
        }
        for (int i = c.between(0, 2); i > 0 && !rule.terminal; i--) {
            statements.statement(rule, chain);
        }
        packetStatements.statement(rule, chain);
        if (!rule.terminal && c.roll(60)) {
            end(rule, chain);
        }
        if (rule.parts.isEmpty()) {
            rule.end(c.pick("accept", "continue"));
        }
        if (c.maybe(GeneratorFeature.COMMENTS, 15)) {
            rule.parts.add("comment \"" + c.comment() + "\"");
        }
        return rule.text();
    }

    /** A shape for a rule using a set of {@code shape}: the set's protocols, the missing ones at random. */
    private RuleShape filled(RuleShape shape) {
        String l3 = shape.l3() != null ? shape.l3() : c.pick(RuleShape.networkProtocols(shape.family()));
        String l4 = shape.l4() != null ? shape.l4() : l3 == null || l3.equals("arp") ? null : c.pick("tcp", "udp", "th", null);
        return new RuleShape(shape.family(), l3, l4);
    }

    /** One match on a field of the rule's shape, if the features allow one. */
    private void match(RuleText rule) {
        if ("tcp".equals(rule.shape.l4()) && c.maybe(GeneratorFeature.TCP_FLAGS, 10)) {
            String bits = String.join(c.bitSeparator(), List.of("fin", "syn", "rst", "ack").subList(0, c.between(2, 4)));
            rule.add("tcp flags & (" + bits + ") " + c.pick("==", "!=") + " " + c.pick("syn", "ack", "rst"), "tcp flags");
            return;
        }
        if (c.maybe(GeneratorFeature.MATCH_MASK, 15)) {
            mask(rule);
            return;
        }
        List<KeyType> types = new ArrayList<>();
        for (KeyType k : KeyType.values()) {
            if (!rule.selectors(k).isEmpty() && (k != KeyType.IFACE || c.has(GeneratorFeature.IIF_NAMES))
                    && (!k.hostOrder || c.has(GeneratorFeature.MATCH_HOST_ORDER))) {
                types.add(k);
            }
        }
        if (types.isEmpty()) {
            return;
        }
        if (c.has(GeneratorFeature.CONCAT) && types.size() > 1 && c.maybe(GeneratorFeature.ANONYMOUS_SET, 10)) {
            c.use(GeneratorFeature.CONCAT);
            concatSet(rule, List.of(c.pick(types), c.pick(types)));
            return;
        }
        KeyType k = c.pick(types);
        noteType(k);
        String selector = c.pick(rule.selectors(k));
        rule.add(selector + " " + operand(k, rule), selector);
    }

    /**
     * {@code igmp type ...} (a value or an anonymous set of types) or {@code igmp group ...}; the rule then matches
     * no other transport protocol (its statements and ending take it as matching protocol numbers).
     */
    private void igmp(RuleText rule) {
        List<String> types = List.of("membership-query", "membership-report-v1", "membership-report-v2",
                "membership-report-v3", "leave-group");
        String match = switch (c.between(0, 2)) {
            case 0 -> "igmp type " + c.pick(types);
            case 1 -> "igmp type { " + String.join(", ", types.subList(0, c.between(2, 5))) + " }";
            // nft 1.1.3 types the group as an integer: nft-ref refuses "igmp group 10.0.0.1" (Could not parse integer)
            default -> "igmp group " + (c.roll(50) ? Long.toString(c.between(0L, 0xffffffffL))
                    : "0x" + Long.toHexString(c.between(1L, 0xffffffffL)));
        };
        rule.add(match, "igmp");
        rule.protocolMatched = true;
        rule.shape = new RuleShape(rule.shape.family(), rule.shape.l3(), "none");
    }

    /** Notes the features a match on a field of type {@code k} shows. */
    private void noteType(KeyType k) {
        if (k == KeyType.IFACE) {
            c.use(GeneratorFeature.IIF_NAMES);
        }
        if (k.hostOrder) {
            c.use(GeneratorFeature.MATCH_HOST_ORDER);
        }
    }

    /** What a field of type {@code k} is compared with: a value, range, prefix, flag list or anonymous set. */
    private String operand(KeyType k, RuleText rule) {
        String negation = c.maybe(GeneratorFeature.MATCH_NEGATION, 15) ? "!= " : "";
        boolean hostRanges = !k.hostOrder || c.has(GeneratorFeature.HOST_ORDER_INTERVAL);
        if (c.maybe(GeneratorFeature.ANONYMOUS_SET, 25) && negation.isEmpty()) {
            List<String> values = new ArrayList<>();
            boolean single = c.maybe(k == KeyType.CT_STATE ? GeneratorFeature.SINGLE_FLAG_SET : GeneratorFeature.SINGLE_ELEMENT_SET, 20);
            List<Integer> slots = slots(k, single ? 1 : c.between(2, 4));
            boolean ranges = c.has(GeneratorFeature.MATCH_RANGE) && hostRanges;
            for (int slot : slots) {
                values.add(sets.value(k, slot, ranges));
            }
            return "{ " + String.join(", ", values) + " }";
        }
        if (k == KeyType.CT_STATE && (negation.isEmpty() ? c.roll(50) : c.maybe(GeneratorFeature.NEGATED_FLAG_LIST, 50))) {
            List<Integer> slots = slots(k, c.between(2, 3));
            List<String> states = new ArrayList<>();
            slots.forEach(s -> states.add(k.single(c, s)));
            return negation + String.join(c.flagSeparator(), states);
        }
        if (c.maybe(GeneratorFeature.MATCH_RANGE, 20) && (k.ranges() || k.prefixes()) && hostRanges) {
            return negation + sets.value(k, c.between(0, k.slots - 1), true);
        }
        return negation + k.any(c);
    }

    /** {@code SEL . SEL { a . b, ... }}: an anonymous set of a concatenation. */
    private void concatSet(RuleText rule, List<KeyType> key) {
        List<String> selectors = new ArrayList<>();
        key.forEach(k -> selectors.add(c.pick(rule.selectors(k))));
        List<String> elements = new ArrayList<>();
        for (int slot : slots(key.getFirst(), c.maybe(GeneratorFeature.SINGLE_ELEMENT_SET, 20) ? 1 : c.between(2, 3))) {
            StringBuilder e = new StringBuilder();
            for (int i = 0; i < key.size(); i++) {
                KeyType k = key.get(i);
                boolean ranges = c.has(GeneratorFeature.CONCAT_INTERVAL) && c.has(GeneratorFeature.MATCH_RANGE)
                        && (!k.hostOrder || c.has(GeneratorFeature.HOST_ORDER_INTERVAL));
                noteType(k);
                if (ranges) {
                    c.use(GeneratorFeature.CONCAT_INTERVAL);
                }
                e.append(i == 0 ? "" : " . ").append(sets.value(k, i == 0 ? slot : c.between(0, k.slots - 1), ranges));
            }
            elements.add(e.toString());
        }
        rule.add(String.join(" . ", selectors) + " { " + String.join(", ", elements) + " }", null);
        selectors.forEach(rule::note);
    }

    /** {@code meta mark & MASK == V}, {@code ct mark & ...}. */
    private void mask(RuleText rule) {
        String field = rule.shape.conntrack() && c.roll(40) ? "ct mark" : "meta mark";
        long mask = c.pick(0xffL, 0xff00L, 0xffff0000L, 0x0000fff0L);
        long value = c.between(0L, 0xffffffffL) & mask;
        rule.add(field + " & 0x" + Long.toHexString(mask) + " " + c.pick("==", "!=") + " 0x" + Long.toHexString(value), field);
    }

    /** {@code count} distinct slots of {@code k}. */
    private List<Integer> slots(KeyType k, int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < k.slots; i++) {
            all.add(i);
        }
        c.shuffle(all);
        return all.subList(0, Math.min(count, all.size()));
    }

    /** The selectors of a rule of the rule's shape matching {@code set}'s key. */
    private String selectors(SetPlan set, RuleText rule) {
        List<String> parts = new ArrayList<>();
        for (KeyType k : set.key()) {
            String s = c.pick(rule.selectors(k));
            parts.add(s);
            rule.noteLookup(s);
        }
        return String.join(" . ", parts);
    }

    /** Uses {@code set} in {@code rule}: a lookup, a dynamic update, a map statement or vmap. */
    private void use(SetPlan set, RuleText rule, TablePlan.ChainPlan chain) {
        if (set.data() == null) {
            if (set.dynamic() && c.roll(60)) {
                rule.add(statements.dynamicUpdate(set, selectors(set, rule)), null);
            } else {
                rule.add(selectors(set, rule) + (c.maybe(GeneratorFeature.MATCH_NEGATION, 15) ? " != @" : " @") + set.name(), null);
            }
            return;
        }
        String keys = selectors(set, rule);
        if ((set.data() == MapData.SYNPROXY || set.data() == MapData.IPV4_SERVICE || set.data() == MapData.SERVICE)
                && !rule.needTransport(c)) {
            return;
        }
        switch (set.data()) {
            case VERDICT -> rule.end(keys + " vmap @" + set.name());
            case MARK -> rule.add("meta mark set " + keys + " map @" + set.name(), null);
            case CT_MARK -> rule.add("ct mark set " + keys + " map @" + set.name(), null);
            case IPV4, IPV4_SERVICE -> rule.end(natVerb(chain) + (table.family.equals("inet") ? " ip" : "") + " to " + keys
                    + " map @" + set.name());
            case SERVICE -> rule.end("redirect to :" + keys + " map @" + set.name());
            case COUNTER, QUOTA, LIMIT -> rule.add(set.data().objectType + " name " + keys + " map @" + set.name(), null);
            case CT_HELPER -> rule.add("ct helper set " + keys + " map @" + set.name(), null);
            case SYNPROXY -> rule.end("synproxy name " + keys + " map @" + set.name());
        }
    }

    private static String natVerb(TablePlan.ChainPlan chain) {
        return chain.hook().equals("postrouting") || chain.hook().equals("input") ? "snat" : "dnat";
    }

    /** Whether rules of {@code chain} can use {@code set}. */
    private boolean usable(SetPlan set, TablePlan.ChainPlan chain) {
        if (set.data() == null) {
            return true;
        }
        return switch (set.data()) {
            case VERDICT -> table.leaf() != chain;
            case IPV4, IPV4_SERVICE -> "nat".equals(chain.type()) && !chain.hook().equals("input") && !table.family.equals("ip6")
                    && !set.shape().l3IsIp6();
            case SERVICE -> "nat".equals(chain.type()) && (chain.hook().equals("prerouting") || chain.hook().equals("output"));
            case SYNPROXY -> "filter".equals(chain.type()) && (chain.hook().equals("input") || chain.hook().equals("forward"));
            default -> true;
        };
    }

    /** Ends the rule: reject, nat, a verdict, a jump, or an anonymous vmap. */
    private void end(RuleText rule, TablePlan.ChainPlan chain) {
        if ("nat".equals(chain.type()) && c.roll(70)) {
            nat.end(rule, table.family, chain.hook());
            if (rule.terminal) {
                return;
            }
        }
        // no reject after a vlan tag: nft 1.1.3 puts the check reject with icmp needs before the tag's own
        // (vlan id 1127 ... reject with icmp net-unreachable lists as @ll,128,16 0x800 vlan id 1127 ... reject)
        if (rejects(chain) && !rule.vlan && c.maybe(GeneratorFeature.STMT_REJECT, 25)) {
            rule.end(statements.reject(rule));
            return;
        }
        List<TablePlan.ChainPlan> targets = table.jumpTargets(chain);
        if (!targets.isEmpty() && c.roll(40)) {
            rule.end(c.pick("jump ", "goto ") + c.pick(targets).name());
            return;
        }
        if (c.maybe(GeneratorFeature.ANONYMOUS_MAP, 15) && c.has(GeneratorFeature.VERDICT_MAP)) {
            anonymousVmap(rule, targets);
            return;
        }
        List<String> verdicts = new ArrayList<>(List.of("accept", "drop", "continue"));
        if (!chain.base()) {
            verdicts.add("return");
        }
        rule.end(c.pick(verdicts));
    }

    private void anonymousVmap(RuleText rule, List<TablePlan.ChainPlan> targets) {
        List<KeyType> types = Choices.only(List.of(KeyType.values()), k -> !rule.selectors(k).isEmpty()
                && k != KeyType.IFACE && (!k.hostOrder || c.has(GeneratorFeature.MATCH_HOST_ORDER)));
        KeyType k = c.pick(types);
        noteType(k);
        String selector = c.pick(rule.selectors(k));
        List<String> elements = new ArrayList<>();
        for (int slot : slots(k, c.between(1, 3))) {
            String verdict = !targets.isEmpty() && c.roll(30) ? "jump " + c.pick(targets).name() : c.pick("accept", "drop");
            elements.add(k.single(c, slot) + " : " + verdict);
        }
        rule.noteLookup(selector);
        rule.end(selector + " vmap { " + String.join(", ", elements) + " }");
    }

    /** Whether reject works in {@code chain}: filter base chains of ip, ip6 and inet at input, forward and output. */
    private boolean rejects(TablePlan.ChainPlan chain) {
        return chain.base() && "filter".equals(chain.type()) && List.of("ip", "ip6", "inet").contains(table.family)
                && List.of("input", "forward", "output").contains(chain.hook());
    }
}
