package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated rule being written: its statements so far, its shape, and whether
 * it already matches its transport protocol (nat to ports needs that) and has a
 * terminal statement.
 */
final class RuleText {

    final List<String> parts = new ArrayList<>();
    RuleShape shape;
    boolean l4Matched;
    boolean terminal;
    /** Whether a match on the transport protocol number ({@code meta l4proto}, {@code ip protocol}) is there. */
    boolean protocolMatched;
    /** Whether a set lookup or map key uses a transport field ({@code tcp dport @s}). */
    boolean l4InLookup;
    /** Whether the rule matches a vlan tag ({@code vlan id 5}). */
    boolean vlan;

    RuleText(RuleShape shape) {
        this.shape = shape;
    }

    /**
     * The expressions of type {@code k} this rule may match or use: its shape's, without {@code ether daddr} after a
     * vlan tag, which nft 1.1.3 then reads as the tag's fields (a named set lookup {@code vlan id 5 ether daddr @s}
     * lists as {@code vlan id 5 @ll,0,48 @s}, which nft-ref -c -f refuses: "datatype mismatch, expected integer,
     * expression has type Ethernet address").
     */
    List<String> selectors(KeyType k) {
        List<String> all = k.selectors(shape);
        return vlan ? all.stream().filter(s -> !s.equals("ether daddr")).toList() : all;
    }

    /** Adds a match or statement; {@code selector} is the expression it starts with, to note protocol matches. */
    void add(String text, String selector) {
        parts.add(text);
        note(selector);
    }

    /** Notes that the rule matches {@code selector} ({@code ip saddr}, {@code tcp dport}, ...; {@code null}: nothing). */
    void note(String selector) {
        if (selector != null) {
            protocolMatched |= selector.equals("meta l4proto") || selector.equals("ip protocol");
            String first = selector.split(" ")[0];
            l4Matched |= first.equals("tcp") || first.equals("udp");
        }
    }

    /** Notes that a set lookup or map key of the rule uses {@code selector}. */
    void noteLookup(String selector) {
        protocolMatched |= selector.equals("meta l4proto") || selector.equals("ip protocol");
        String first = selector.split(" ")[0];
        l4InLookup |= first.equals("tcp") || first.equals("udp");
    }

    /** Adds a statement that ends the rule. */
    void end(String text) {
        parts.add(text);
        terminal = true;
    }

    /**
     * Makes sure the rule matches a transport protocol explicitly ({@code meta l4proto tcp}
     * when it does not yet, or only in a set lookup or map key, unless
     * {@link GeneratorFeature#NAT_PORT_AFTER_LOOKUP} takes that as enough, as nft does);
     * false when it cannot, as it matches protocol numbers already.
     */
    boolean needTransport(Choices c) {
        if (l4Matched || l4InLookup && c.maybe(GeneratorFeature.NAT_PORT_AFTER_LOOKUP, 50)) {
            return true;
        }
        if (protocolMatched) {
            return false;
        }
        String l4 = shape.ports() && !shape.l4().equals("th") ? shape.l4() : c.pick("tcp", "udp");
        shape = new RuleShape(shape.family(), shape.l3(), l4);
        parts.add("meta l4proto " + l4);
        l4Matched = true;
        return true;
    }

    /** The rule's text. */
    String text() {
        return String.join(" ", parts);
    }
}
