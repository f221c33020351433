package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the nat statement ending a rule of a nat base chain: snat and masquerade
 * where packets leave (postrouting, snat also input), dnat and redirect where they
 * arrive (prerouting, output); to addresses, ranges, prefixes, ports, from maps,
 * with flags, with and without {@code to}.
 */
final class NatWriter {

    private final Choices c;
    private final SetWriter sets;

    NatWriter(Choices c, SetWriter sets) {
        this.c = c;
        this.sets = sets;
    }

    /** Ends {@code rule} with a nat statement for {@code hook}, when the features allow one. */
    void end(RuleText rule, String family, String hook) {
        boolean source = hook.equals("postrouting") || hook.equals("input");
        List<GeneratorFeature> kinds = new ArrayList<>(List.of(source ? GeneratorFeature.NAT_SNAT : GeneratorFeature.NAT_DNAT));
        if (hook.equals("postrouting")) {
            kinds.add(GeneratorFeature.NAT_MASQUERADE);
        }
        if (!source) {
            kinds.add(GeneratorFeature.NAT_REDIRECT);
        }
        GeneratorFeature kind = c.pickFeature(kinds);
        if (kind == null) {
            return;
        }
        boolean ports = portsFromLookup(rule, family);
        if (kind == GeneratorFeature.NAT_MASQUERADE || kind == GeneratorFeature.NAT_REDIRECT) {
            String text = kind == GeneratorFeature.NAT_MASQUERADE ? "masquerade" : "redirect";
            if ((ports || c.roll(50)) && rule.needTransport(c)) {
                int port = c.between(1, 60000);
                text += " to :" + port + (c.roll(50) ? "-" + (port + c.between(1, 1000)) : "");
            }
            rule.end(text + flags());
            return;
        }
        String verb = source ? "snat" : "dnat";
        if (family.equals("inet") && rule.shape.l3() == null) {
            rule.shape = new RuleShape(family, c.pick("ip", "ip6"), rule.shape.l4());
        }
        boolean v6 = family.equals("ip6") || rule.shape.l3IsIp6();
        String keyword = family.equals("inet") ? (v6 ? "ip6 " : "ip ") : "";
        if (!v6 && c.maybe(GeneratorFeature.NAT_PREFIX, 20)) {
            rule.end(verb + " ip prefix to " + rule.shape.l3() + " saddr map { " + prefixPair() + " }");
            return;
        }
        if (!v6 && c.maybe(GeneratorFeature.NAT_MAP, 25) && c.has(GeneratorFeature.ANONYMOUS_MAP)) {
            rule.shape = new RuleShape(family, "ip", rule.shape.l4());
            rule.end(verb + " " + keyword + "to ip saddr map { " + KeyType.IPV4.single(c, 0) + " : " + KeyType.IPV4.any(c)
                    + ", " + KeyType.IPV4.single(c, 1) + " : " + KeyType.IPV4.any(c) + " }");
            return;
        }
        if (c.maybe(GeneratorFeature.NAT_WITHOUT_TO, 25)) {
            if (family.equals("inet")) {
                rule.parts.add("meta nfproto " + (v6 ? "ipv6" : "ipv4"));
            }
            rule.end(verb + " " + target(rule, v6, ports) + flags());
            return;
        }
        rule.end(verb + " " + keyword + "to " + target(rule, v6, ports) + flags());
    }

    /**
     * Sometimes ({@link GeneratorFeature#NAT_PORT_AFTER_LOOKUP}) gives a rule without a
     * transport match one only in a map key ({@code meta mark set tcp dport map { ... }}), and
     * then asks for ports; returns whether it did.
     */
    private boolean portsFromLookup(RuleText rule, String family) {
        if (rule.l4Matched || rule.protocolMatched || rule.l4InLookup || !c.has(GeneratorFeature.ANONYMOUS_MAP)
                || !c.maybe(GeneratorFeature.NAT_PORT_AFTER_LOOKUP, 10)) {
            return false;
        }
        String l4 = c.pick("tcp", "udp");
        rule.shape = new RuleShape(family, rule.shape.l3(), l4);
        rule.add("meta mark set " + l4 + " dport map { " + KeyType.SERVICE.any(c) + " : " + KeyType.MARK.any(c) + " }", null);
        rule.noteLookup(l4 + " dport");
        return true;
    }

    /** An address, range or prefix, sometimes (with {@code ports}: when it can) with a port or port range. */
    private String target(RuleText rule, boolean v6, boolean ports) {
        KeyType type = v6 ? KeyType.IPV6 : KeyType.IPV4;
        int slot = c.between(2, 63);
        String address = c.roll(25) && !v6 ? sets.value(type, slot, true) : type.single(c, slot);
        if (address.contains("/") || !(ports || c.roll(40)) || !rule.needTransport(c)) {
            return address;
        }
        int port = c.between(1, 60000);
        String range = ":" + port + (c.roll(40) ? "-" + (port + c.between(1, 1000)) : "");
        return (v6 ? "[" + address + "]" : address) + range;
    }

    private String prefixPair() {
        return KeyType.IPV4.prefix(c, c.between(0, 31), false) + " : " + KeyType.IPV4.prefix(c, c.between(32, 63), false);
    }

    /** Nat flags, or nothing. */
    private String flags() {
        if (!c.maybe(GeneratorFeature.NAT_FLAGS, 30)) {
            return "";
        }
        List<String> flags = new ArrayList<>();
        if (c.roll(70)) {
            flags.add(c.pick("random", "fully-random"));
        }
        if (flags.isEmpty() || c.roll(40)) {
            flags.add(c.roll(50) ? 0 : flags.size(), "persistent");
        }
        return " " + String.join(c.flagSeparator(), flags);
    }
}
