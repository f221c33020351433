package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the statements that change, copy or redirect the packet or its connection into a generated rule: header writes
 * ({@code ip dscp set}, {@code tcp dport set}), {@code tcp option maxseg size set},
 * {@code meta ... set}, {@code ct ... set}, {@code notrack}, {@code dup}, {@code fwd},
 * {@code tproxy}, the {@code synproxy} statement, {@code last} and {@code ct count}; each
 * where the family, the rule's protocols and the chain's hook allow it (hook-bound ones
 * only in filter base chains).
 */
final class PacketStatementWriter {

    private final Choices c;
    private final String family;

    PacketStatementWriter(Choices c, TablePlan table) {
        this.c = c;
        this.family = table.family;
    }

    /** Sometimes adds one statement to {@code rule} in {@code chain}. */
    void statement(RuleText rule, TablePlan.ChainPlan chain) {
        List<GeneratorFeature> kinds = kinds(rule, chain);
        if (rule.terminal || kinds.isEmpty() || !(c.roll(30) || kinds.stream().anyMatch(c::focused))) {
            return;
        }
        GeneratorFeature kind = c.pickFeature(kinds);
        if (kind == null) {
            return;
        }
        String hook = chain.base() ? chain.hook() : "";
        switch (kind) {
            case STMT_PAYLOAD_SET -> payloadSet(rule);
            case STMT_TCP_OPTION_SET -> {
                boolean mtu = List.of("forward", "output", "postrouting").contains(hook) && List.of("ip", "ip6", "inet").contains(family)
                        && c.roll(50);
                rule.add("tcp option maxseg size set " + (mtu ? "rt mtu" : Integer.toString(c.between(500, 1460))), null);
            }
            case STMT_META_SET -> rule.add(metaSet(hook), null);
            case STMT_CT_SET -> rule.add(ctSet(), null);
            case STMT_NOTRACK -> rule.add("notrack", null);
            case STMT_DUP -> rule.add(dup(), null);
            case STMT_FWD -> rule.end(c.roll(60) ? "fwd to \"" + c.pick(RulesetGenerator.DEVICES) + "\""
                    : "fwd ip to " + KeyType.IPV4.any(c) + " device \"" + c.pick(RulesetGenerator.DEVICES) + "\"");
            case STMT_TPROXY -> tproxy(rule);
            case STMT_SYNPROXY -> synproxy(rule);
            case STMT_LAST -> rule.add(c.roll(70) ? "last" : "last used never", null);
            case STMT_CT_COUNT -> rule.add("ct count " + (c.roll(50) ? "over " : "") + c.between(1, 100), null);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private List<GeneratorFeature> kinds(RuleText rule, TablePlan.ChainPlan chain) {
        List<GeneratorFeature> kinds = new ArrayList<>(List.of(GeneratorFeature.STMT_LAST));
        boolean inet = List.of("ip", "ip6", "inet").contains(family);
        String hook = chain.base() && "filter".equals(chain.type()) ? chain.hook() : "";
        if (!payloadWrites(rule).isEmpty()) {
            kinds.add(GeneratorFeature.STMT_PAYLOAD_SET);
        }
        if ("tcp".equals(rule.shape.l4())) {
            kinds.add(GeneratorFeature.STMT_TCP_OPTION_SET);
        }
        if (!rule.shape.isArp()) {
            kinds.add(GeneratorFeature.STMT_META_SET);
        }
        if (inet) {
            kinds.addAll(List.of(GeneratorFeature.STMT_CT_SET, GeneratorFeature.STMT_NOTRACK, GeneratorFeature.STMT_CT_COUNT));
            if (!family.equals("inet")) {
                kinds.add(GeneratorFeature.STMT_DUP);
            }
            if (hook.equals("prerouting") && !rule.protocolMatched) {
                kinds.add(GeneratorFeature.STMT_TPROXY);
            }
            if ((hook.equals("input") || hook.equals("forward")) && (!rule.protocolMatched || rule.l4Matched)) {
                kinds.add(GeneratorFeature.STMT_SYNPROXY);
            }
        }
        if (family.equals("netdev") && "ingress".equals(hook)) {
            kinds.addAll(List.of(GeneratorFeature.STMT_DUP, GeneratorFeature.STMT_FWD));
        }
        return kinds;
    }

    /** Header fields the rule can write: its network protocol's, and its transport protocol's ports. */
    private List<String> payloadWrites(RuleText rule) {
        List<String> writes = new ArrayList<>();
        if (rule.shape.l3IsIp()) {
            writes.add("ip dscp set " + c.pick("cs1", "af21", "ef", "0x" + Integer.toHexString(c.between(0, 63))));
            writes.add("ip ttl set " + c.between(1, 255));
            writes.add("ip ecn set " + c.pick("not-ect", "ect1", "ect0", "ce"));
            writes.add("ip " + c.pick("saddr", "daddr") + " set " + KeyType.IPV4.any(c));
        } else if (rule.shape.l3IsIp6()) {
            writes.add("ip6 dscp set " + c.pick("cs1", "af21", "ef"));
            writes.add("ip6 hoplimit set " + c.between(1, 255));
            writes.add("ip6 flowlabel set " + c.between(0, 0xfffff));
            writes.add("ip6 " + c.pick("saddr", "daddr") + " set " + KeyType.IPV6.any(c));
        }
        if (rule.shape.ports()) {
            writes.add(rule.shape.l4() + " " + c.pick("sport", "dport") + " set " + c.between(1, 65535));
        }
        return writes;
    }

    private void payloadSet(RuleText rule) {
        String write = c.pick(payloadWrites(rule));
        rule.add(write, write.startsWith("tcp") || write.startsWith("udp") ? write.substring(0, write.indexOf(" set")) : null);
    }

    private String metaSet(String hook) {
        List<String> options = new ArrayList<>(List.of("meta nftrace set " + c.between(0, 1),
                "meta mark set meta mark " + c.pick("xor", "^", "|", "or", "&", "and") + " 0x" + Integer.toHexString(c.between(1, 0xffff))));
        if ("prerouting".equals(hook) && !family.equals("bridge")) {
            options.add("meta pkttype set " + c.pick("host", "broadcast", "multicast", "other"));
        }
        return c.pick(options);
    }

    private String ctSet() {
        return "ct " + switch (c.between(0, 3)) {
            case 0 -> c.pick("", "original ", "reply ") + "zone set " + c.between(0, 0xffff);
            case 1 -> "label set " + c.between(0, 127);
            case 2 -> "event set " + String.join(c.flagSeparator(),
                    List.of("new", "related", "destroy", "reply", "assured", "protoinfo").subList(c.between(0, 2), c.between(3, 6)));
            default -> "mark set ct mark " + c.pick("xor", "|") + " 0x" + Integer.toHexString(c.between(1, 0xffff));
        };
    }

    private String dup() {
        if (family.equals("netdev")) {
            return "dup to \"" + c.pick(RulesetGenerator.DEVICES) + "\"";
        }
        KeyType type = family.equals("ip") ? KeyType.IPV4 : KeyType.IPV6;
        return "dup to " + type.any(c) + (c.roll(40) ? " device \"" + c.pick(RulesetGenerator.DEVICES) + "\"" : "");
    }

    /** {@code tproxy [ip|ip6] to [ADDR][:PORT]} after a tcp or udp match. */
    private void tproxy(RuleText rule) {
        if (!rule.needTransport(c)) {
            return;
        }
        boolean v6 = family.equals("ip6") || rule.shape.l3IsIp6() || family.equals("inet") && rule.shape.l3() == null && c.roll(50);
        String keyword = family.equals("inet") ? (v6 ? "ip6 " : "ip ") : "";
        String port = ":" + c.between(1, 65535);
        String address = v6 ? KeyType.IPV6.any(c) : KeyType.IPV4.any(c);
        if (family.equals("inet") && rule.shape.l3() == null && c.roll(30)) {
            rule.add("tproxy to " + port, null);
            return;
        }
        rule.add("tproxy " + keyword + "to " + switch (c.between(0, 2)) {
            case 0 -> address;
            case 1 -> port;
            default -> (v6 ? "[" + address + "]" : address) + port;
        }, null);
    }

    /** {@code synproxy [mss N] [wscale N] [timestamp] [sack-perm]} ending a tcp rule. */
    private void synproxy(RuleText rule) {
        if (!rule.l4Matched && !rule.protocolMatched) {
            rule.shape = new RuleShape(rule.shape.family(), rule.shape.l3(), "tcp");
            rule.needTransport(c);
        } else if (!rule.l4Matched || !"tcp".equals(rule.shape.l4())) {
            return;
        }
        StringBuilder sb = new StringBuilder("synproxy");
        if (c.roll(70)) {
            sb.append(" mss ").append(c.between(536, 1460));
        }
        if (c.roll(70)) {
            sb.append(" wscale ").append(c.between(0, 14));
        }
        if (c.roll(50)) {
            sb.append(" timestamp");
        }
        if (c.roll(50)) {
            sb.append(" sack-perm");
        }
        rule.end(sb.toString());
    }
}
