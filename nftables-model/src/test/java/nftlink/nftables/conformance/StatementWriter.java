package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the statements in the middle of a generated rule (counter, log, limit,
 * quota, mark and priority writes, named object references, anonymous data maps),
 * dynamic set updates and reject.
 */
final class StatementWriter {

    private final Choices c;
    private final TablePlan table;

    StatementWriter(Choices c, TablePlan table) {
        this.c = c;
        this.table = table;
    }

    /** Adds one statement to {@code rule}, if the features allow one here. */
    void statement(RuleText rule, TablePlan.ChainPlan chain) {
        List<GeneratorFeature> kinds = new ArrayList<>(List.of(GeneratorFeature.STMT_COUNTER, GeneratorFeature.STMT_LOG,
                GeneratorFeature.STMT_LIMIT, GeneratorFeature.STMT_QUOTA, GeneratorFeature.STMT_SET_MARK,
                GeneratorFeature.ANONYMOUS_MAP));
        for (String type : List.of("counter", "quota", "limit", "ct helper", "ct timeout", "ct expectation", "synproxy")) {
            if (!table.objects(type).isEmpty() && (!type.equals("synproxy") || synproxyAllowed(chain))) {
                kinds.add(feature(type));
            }
        }
        GeneratorFeature kind = c.pickFeature(kinds);
        if (kind == null) {
            return;
        }
        switch (kind) {
            case STMT_COUNTER -> rule.add(c.roll(70) ? "counter" : "counter packets " + c.between(0, 9) + " bytes " + c.between(0, 999), null);
            case STMT_LOG -> rule.add(log(), null);
            case STMT_LIMIT -> rule.add("limit " + ObjectWriter.limitRate(c), null);
            case STMT_QUOTA -> rule.add("quota " + (c.roll(40) ? "over " : "") + c.between(1, 900) + " " + c.pick("bytes", "kbytes", "mbytes"), null);
            case STMT_SET_MARK -> rule.add(setMark(rule), null);
            case ANONYMOUS_MAP -> anonymousMap(rule);
            case OBJ_SYNPROXY -> {
                if (!rule.l4Matched && !rule.protocolMatched) {
                    rule.shape = new RuleShape(rule.shape.family(), rule.shape.l3(), "tcp");
                    rule.needTransport(c);
                } else if (!rule.l4Matched || !"tcp".equals(rule.shape.l4())) {
                    return;
                }
                rule.end("synproxy name \"" + c.pick(table.objects("synproxy")) + "\"");
            }
            case OBJ_CT_HELPER, OBJ_CT_TIMEOUT, OBJ_CT_EXPECTATION -> {
                String type = kind == GeneratorFeature.OBJ_CT_HELPER ? "ct helper" : kind == GeneratorFeature.OBJ_CT_TIMEOUT ? "ct timeout" : "ct expectation";
                rule.add(type + " set \"" + c.pick(table.objects(type)) + "\"", null);
            }
            default -> {
                String type = kind == GeneratorFeature.OBJ_COUNTER ? "counter" : kind == GeneratorFeature.OBJ_QUOTA ? "quota" : "limit";
                rule.add(type + " name \"" + c.pick(table.objects(type)) + "\"", null);
            }
        }
    }

    /** {@code add|update @set { KEYS [timeout T] [stateful] }}. */
    String dynamicUpdate(SetPlan set, String keys) {
        StringBuilder sb = new StringBuilder(c.pick("add", "update")).append(" @").append(set.name()).append(" { ").append(keys);
        if (set.timeout() && c.roll(50)) {
            sb.append(" timeout ").append(c.pick("30s", "1m", "10m"));
        }
        if (c.maybe(GeneratorFeature.DYNSET_STATEFUL, 40)) {
            sb.append(' ').append(set.counter() ? "counter"
                    : c.pick("counter", "limit " + ObjectWriter.limitRate(c), "quota " + c.between(1, 99) + " mbytes"));
        }
        return sb.append(" }").toString();
    }

    /** A reject statement fitting the table family and the rule's protocols. */
    String reject(RuleText rule) {
        List<String> options = new ArrayList<>(List.of("reject"));
        if ("tcp".equals(rule.shape.l4())) {
            options.add("reject with tcp reset");
        }
        switch (table.family) {
            case "ip" -> options.add("reject with icmp " + c.pick("port-unreachable", "host-unreachable", "admin-prohibited"));
            case "ip6" -> options.add("reject with icmpv6 " + c.pick("port-unreachable", "admin-prohibited", "no-route"));
            default -> {
                options.add("reject with icmpx " + c.pick("port-unreachable", "host-unreachable", "admin-prohibited", "no-route"));
                if (rule.shape.l3IsIp()) {
                    options.add("reject with icmp " + c.pick("port-unreachable", "net-unreachable"));
                }
                if (rule.shape.l3IsIp6()) {
                    options.add("reject with icmpv6 " + c.pick("port-unreachable", "addr-unreachable"));
                }
            }
        }
        return c.pick(options);
    }

    private static GeneratorFeature feature(String objectType) {
        return switch (objectType) {
            case "counter" -> GeneratorFeature.OBJ_COUNTER;
            case "quota" -> GeneratorFeature.OBJ_QUOTA;
            case "limit" -> GeneratorFeature.OBJ_LIMIT;
            case "ct helper" -> GeneratorFeature.OBJ_CT_HELPER;
            case "ct timeout" -> GeneratorFeature.OBJ_CT_TIMEOUT;
            case "ct expectation" -> GeneratorFeature.OBJ_CT_EXPECTATION;
            default -> GeneratorFeature.OBJ_SYNPROXY;
        };
    }

    /** synproxy works in filter base chains at input and forward. */
    private static boolean synproxyAllowed(TablePlan.ChainPlan chain) {
        return chain.base() && "filter".equals(chain.type()) && (chain.hook().equals("input") || chain.hook().equals("forward"));
    }

    private String log() {
        StringBuilder sb = new StringBuilder("log");
        if (c.roll(60)) {
            sb.append(" prefix \"").append(c.pick("drop: ", "in", "x y")).append('"');
        }
        if (c.roll(40)) {
            sb.append(" level ").append(c.pick("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"));
        }
        if (c.roll(25)) {
            sb.append(" flags ").append(c.pick("all", "ip options", "tcp sequence" + c.flagSeparator() + "options", "skuid"));
        }
        return sb.toString();
    }

    private String setMark(RuleText rule) {
        List<String> options = new ArrayList<>(List.of("meta mark set " + KeyType.MARK.any(c)));
        if (!rule.shape.isArp()) {
            options.add("meta priority set " + KeyType.PRIORITY.any(c));
        }
        if (rule.shape.conntrack()) {
            options.add("ct mark set " + KeyType.MARK.any(c));
            options.add("ct mark set meta mark");
            options.add("meta mark set ct mark");
        }
        if (c.roll(30)) {
            options.addAll(fromPacket(rule));
        }
        return c.pick(options);
    }

    /**
     * Values set from the packet that nft types by the target: numgen and hash for a priority, a header field from
     * another of its type, constants applied with nft's precedence, a narrower network-order field into a mark.
     */
    private List<String> fromPacket(RuleText rule) {
        List<String> options = new ArrayList<>();
        if (!rule.shape.isArp()) {
            options.add("meta priority set numgen inc mod " + c.between(1, 16));
        }
        if (rule.shape.l3IsIp()) {
            options.add("meta priority set jhash ip saddr mod " + c.between(1, 16));
            options.add("ip saddr set ip daddr");
        }
        if ("tcp".equals(rule.shape.l4())) {
            options.add("tcp dport set tcp sport");
            options.add("meta mark set tcp dport & 0x" + Integer.toHexString(c.between(1, 0xffff)));
        }
        if (rule.shape.conntrack()) {
            options.add("ct zone set numgen inc mod " + c.between(1, 16));
            options.add("ct mark set ct mark & 0x" + Integer.toHexString(c.between(1, 0xffff)) + " | 0x"
                    + Integer.toHexString(c.between(1, 0xffff) << 8));
        }
        return options;
    }

    /** {@code meta mark set SEL map { v : mark, ... }}. */
    private void anonymousMap(RuleText rule) {
        List<KeyType> types = Choices.only(List.of(KeyType.values()), k -> !rule.selectors(k).isEmpty()
                && k != KeyType.IFACE && (!k.hostOrder || c.has(GeneratorFeature.MATCH_HOST_ORDER)));
        if (types.isEmpty()) {
            return;
        }
        KeyType k = c.pick(types);
        String selector = c.pick(rule.selectors(k));
        List<String> elements = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int i = c.between(1, 3); i > 0; i--) {
            int slot = c.between(0, k.slots - 1);
            if (!used.contains(slot)) {
                used.add(slot);
                elements.add(k.single(c, slot) + " : " + KeyType.MARK.any(c));
            }
        }
        rule.noteLookup(selector);
        rule.add((rule.shape.conntrack() && c.roll(30) ? "ct" : "meta") + " mark set " + selector + " map { "
                + String.join(", ", elements) + " }", null);
    }
}
