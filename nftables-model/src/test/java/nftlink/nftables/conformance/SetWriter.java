package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes named sets and maps of a table: a key of one or more {@link KeyType}s
 * (declared with {@code type} or {@code typeof}), flags, and elements that never
 * overlap; and element lists for anonymous sets and later {@code add element}
 * commands.
 */
final class SetWriter {

    private final Choices c;
    private final TablePlan table;

    SetWriter(Choices c, TablePlan table) {
        this.c = c;
        this.table = table;
    }

    /** Declares one set or map and appends its block to {@code out}; nothing when the features allow none. */
    void declare(StringBuilder out) {
        if (!c.maybe(GeneratorFeature.NAMED_SETS, 100)) {
            return;
        }
        RuleShape shape = RuleShape.random(c, table.family);
        List<KeyType> key = key(shape, c.maybe(GeneratorFeature.CONCAT, 40) ? c.between(2, 3) : 1);
        if (key.isEmpty()) {
            return;
        }
        MapData data = c.roll(45) ? mapData(shape, key) : null;
        boolean hostOrder = key.stream().anyMatch(k -> k.hostOrder);
        // nft 1.1.3 crashes listing interval sets of bitmasks (ct_state)
        boolean interval = (!hostOrder || c.has(GeneratorFeature.HOST_ORDER_INTERVAL)) && !key.contains(KeyType.CT_STATE)
                && c.maybe(GeneratorFeature.SET_INTERVAL, 45);
        if (interval && hostOrder) {
            c.use(GeneratorFeature.HOST_ORDER_INTERVAL);
        }
        boolean timeout = c.maybe(GeneratorFeature.SET_TIMEOUT, 20);
        boolean dynamic = data == null && !interval && c.maybe(GeneratorFeature.SET_DYNAMIC, 25);
        boolean constant = !dynamic && !timeout && c.maybe(GeneratorFeature.SET_CONSTANT, 15);
        boolean counter = c.maybe(GeneratorFeature.SET_COUNTER, 20);
        String name = c.name(data == null ? "s" : "m");
        SetPlan plan = new SetPlan(name, narrowed(shape, key, data), key, data, interval, timeout, dynamic, constant, counter);
        List<String> lines = new ArrayList<>();
        lines.add(declaration(plan, shape));
        List<String> flags = new ArrayList<>();
        if (constant) {
            flags.add("constant");
        }
        if (interval) {
            flags.add("interval");
        }
        if (dynamic) {
            flags.add("dynamic");
        }
        if (timeout && c.roll(70)) {
            flags.add("timeout");
        }
        c.shuffle(flags);
        if (!flags.isEmpty()) {
            lines.add("flags " + String.join(c.flagSeparator(), flags));
        }
        if (timeout && (!flags.contains("timeout") || c.roll(50))) {
            lines.add("timeout " + c.pick("1h", "30m", "2h30m", "1d"));
        }
        if (counter) {
            lines.add("counter");
        }
        if (interval && data == null && key.size() == 1 && c.maybe(GeneratorFeature.SET_AUTO_MERGE, 40)) {
            lines.add("auto-merge");
        }
        if (c.maybe(GeneratorFeature.SET_SIZE_POLICY, 15)) {
            lines.add(c.pick("size 1024", "size 65535", "policy memory", "policy performance"));
        }
        if (c.maybe(GeneratorFeature.COMMENTS, 20)) {
            lines.add("comment \"" + c.comment() + "\"");
        }
        List<Integer> slots = freeSlots(plan, c.between(0, 5), false);
        table.usedSlots.put(name, new ArrayList<>(slots));
        List<String> elements = new ArrayList<>();
        for (int slot : slots) {
            elements.add(element(plan, slot, false));
        }
        if (c.maybe(GeneratorFeature.CATCHALL, 25)) {
            elements.add("*" + (data == null ? "" : " : " + data(plan)));
        }
        if (!elements.isEmpty()) {
            lines.add("elements = { " + String.join(", ", elements) + " }");
        }
        table.sets.add(plan);
        out.append('\t').append(data == null ? "set " : "map ").append(name).append(" {\n");
        for (String line : lines) {
            out.append("\t\t").append(line).append('\n');
        }
        out.append("\t}\n");
    }

    /**
     * {@code count} free slots of {@code plan}'s first key part, at random. With
     * {@link GeneratorFeature#INTERVAL_FROM_ZERO} in focus, the slot whose ranges start at
     * zero comes first for later {@code add element} commands ({@code later}) and never in
     * the declaration, as nftlink mishandles it only when it is added to an existing set.
     */
    List<Integer> freeSlots(SetPlan plan, int count, boolean later) {
        List<Integer> free = new ArrayList<>();
        List<Integer> used = table.usedSlots.getOrDefault(plan.name(), List.of());
        for (int i = 0; i < plan.key().getFirst().slots; i++) {
            if (!used.contains(i)) {
                free.add(i);
            }
        }
        c.shuffle(free);
        int zero = plan.key().getFirst().zeroSlot();
        if (c.focused(GeneratorFeature.INTERVAL_FROM_ZERO) && free.remove(Integer.valueOf(zero)) && later) {
            free.addFirst(zero);
        }
        return free.subList(0, Math.min(count, free.size()));
    }

    /**
     * One element of {@code plan} in {@code slot}: key, options, and for maps {@code : data};
     * {@code later} for {@code add element} commands after the declaration.
     */
    String element(SetPlan plan, int slot, boolean later) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < plan.key().size(); i++) {
            KeyType k = plan.key().get(i);
            int s = i == 0 ? slot : c.between(0, k.slots - 1);
            boolean ranges = plan.interval() && (plan.key().size() == 1 || c.has(GeneratorFeature.CONCAT_INTERVAL));
            if (ranges && plan.key().size() > 1) {
                c.use(GeneratorFeature.CONCAT_INTERVAL);
            }
            boolean fromZero = later && ranges && i == 0 && s == k.zeroSlot() && c.maybe(GeneratorFeature.INTERVAL_FROM_ZERO, 30);
            sb.append(i == 0 ? "" : " . ").append(value(k, s, ranges, fromZero));
        }
        if (plan.timeout() && c.roll(40)) {
            sb.append(" timeout ").append(c.pick("1h", "45m", "3h"));
        }
        if (c.maybe(GeneratorFeature.ELEMENT_COMMENTS, 25)) {
            sb.append(" comment \"").append(c.comment()).append('"');
        }
        if (plan.isMap()) {
            sb.append(" : ").append(data(plan));
        }
        return sb.toString();
    }

    /** A value, range or prefix of {@code k} in {@code slot}; ranges and prefixes only when {@code ranges}. */
    String value(KeyType k, int slot, boolean ranges) {
        return value(k, slot, ranges, false);
    }

    /** A value, range or prefix of {@code k} in {@code slot}; with {@code fromZero} always a range or prefix, from zero. */
    private String value(KeyType k, int slot, boolean ranges, boolean fromZero) {
        if (ranges && k.prefixes() && (fromZero || c.roll(35))) {
            return k.prefix(c, slot, fromZero);
        }
        if (ranges && k.ranges() && (fromZero || c.roll(40))) {
            if (k.hostOrder) {
                c.use(GeneratorFeature.HOST_ORDER_INTERVAL);
            }
            return k.range(c, slot, fromZero);
        }
        if (ranges && k == KeyType.IFNAME && c.maybe(GeneratorFeature.IFNAME_WILDCARD, 30)) {
            return "\"" + c.pick("eth", "veth", "wg") + slot + "x*\"";
        }
        return k.single(c, slot);
    }

    /** A data value for an element of map {@code plan}. */
    String data(SetPlan plan) {
        return switch (plan.data()) {
            case VERDICT -> {
                TablePlan.ChainPlan leaf = table.leaf();
                yield leaf != null && c.roll(50) ? c.pick("jump ", "goto ") + leaf.name() : c.pick("accept", "drop", "continue", "return");
            }
            case MARK, CT_MARK -> KeyType.MARK.any(c);
            case IPV4 -> KeyType.IPV4.any(c);
            case IPV4_SERVICE -> KeyType.IPV4.any(c) + " . " + KeyType.SERVICE.any(c);
            case SERVICE -> KeyType.SERVICE.any(c);
            default -> "\"" + c.pick(table.objects(plan.data().objectType)) + "\"";
        };
    }

    /** Up to {@code parts} key types that rules of {@code shape} can match, at random. */
    private List<KeyType> key(RuleShape shape, int parts) {
        List<KeyType> options = new ArrayList<>();
        for (KeyType k : KeyType.values()) {
            if (c.has(k.feature) && !k.selectors(shape).isEmpty()) {
                options.add(k);
            }
        }
        List<KeyType> key = new ArrayList<>();
        for (int i = 0; i < parts && !options.isEmpty(); i++) {
            GeneratorFeature feature = c.pickFeature(options.stream().map(o -> o.feature).distinct().toList());
            key.add(c.pick(Choices.only(options, o -> o.feature == feature)));
        }
        return key;
    }

    /**
     * The shape rules using the set need: only the protocols its key parts need; maps to
     * IPv4 addresses are used by IPv4 nat, maps to ports (their typeof says {@code tcp dport})
     * by tcp rules.
     */
    private static RuleShape narrowed(RuleShape shape, List<KeyType> key, MapData data) {
        boolean l3 = key.stream().anyMatch(k -> k == KeyType.IPV4 || k == KeyType.IPV6 || k == KeyType.PROTO
                || k == KeyType.SERVICE);
        if (key.contains(KeyType.PROTO)) {
            return new RuleShape(shape.family(), shape.l3(), "none");
        }
        if (data == MapData.IPV4 || data == MapData.IPV4_SERVICE || data == MapData.SERVICE) {
            String l3Needed = l3 ? shape.l3() : shape.family().equals("ip6") ? "ip6" : "ip";
            return new RuleShape(shape.family(), l3Needed, data == MapData.IPV4 ? (l3 ? shape.l4() : null) : "tcp");
        }
        return new RuleShape(shape.family(), l3 ? shape.l3() : null, key.contains(KeyType.SERVICE) ? shape.l4() : null);
    }

    private MapData mapData(RuleShape shape, List<KeyType> key) {
        List<MapData> options = new ArrayList<>();
        for (MapData d : MapData.values()) {
            if (!c.has(d.feature) || d.objectType != null && table.objects(d.objectType).isEmpty()) {
                continue;
            }
            boolean ports = d == MapData.IPV4_SERVICE || d == MapData.SERVICE;
            if (ports && (key.contains(KeyType.PROTO) || shape.ports() && !shape.l4().equals("tcp"))) {
                continue;
            }
            if ((d == MapData.CT_MARK || d == MapData.CT_HELPER || d == MapData.SYNPROXY) && !shape.conntrack()
                    || d == MapData.CT_HELPER && !c.has(GeneratorFeature.TYPEOF)) {
                continue;
            }
            options.add(d);
        }
        MapData chosen = options.isEmpty() ? null : c.pick(options);
        if (chosen != null) {
            c.use(chosen.feature);
        }
        return chosen;
    }

    /** {@code type K . K [: D]} or {@code typeof EXPR . EXPR [: D]}. */
    private String declaration(SetPlan plan, RuleShape shape) {
        // nft declares ct helper maps only with typeof
        boolean typeof = plan.data() == MapData.CT_HELPER || c.maybe(GeneratorFeature.TYPEOF, 40);
        if (typeof) {
            c.use(GeneratorFeature.TYPEOF);
        }
        List<String> parts = new ArrayList<>();
        for (KeyType k : plan.key()) {
            parts.add(typeof ? c.pick(k.selectors(shape)) : k.type);
        }
        String text = (typeof ? "typeof " : "type ") + String.join(" . ", parts);
        if (plan.isMap()) {
            text += " : " + (typeof ? plan.data().typeof : plan.data().type);
        }
        return text;
    }
}
