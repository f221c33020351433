package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * IPv6 extension headers and IPv4 options against nft-ref in every direction (issue 15): nft puts the network
 * protocol they need at the start of the rule (in bridge as the ether type), and moves a bit field down for a named
 * set with the ntoh only where the table or the rule said the protocol itself, swapping it back (hton) for an
 * interval set.
 */
@KernelTest
class NetworkHeaderOptionKernelTest {

    @Test
    void theNetworkProtocolAnOptionNeedsGoesFirstInEveryFamily() {
        StringBuilder ruleset = new StringBuilder();
        for (String family : new String[]{"inet", "bridge", "netdev"}) {
            ruleset.append("table ").append(family).append(" t {\n\tchain c {\n")
                    .append("\t\tmeta mark 0x00000001 hbh nexthdr 6 accept\n")
                    .append("\t\tmeta mark 0x00000001 frag frag-off 5 accept\n")
                    .append("\t\tmeta mark 0x00000001 exthdr frag exists accept\n")
                    .append("\t\tmeta mark 0x00000001 ip option ra exists accept\n")
                    .append("\t}\n}\n");
        }
        ReferenceCheck.of(ruleset.toString()).check();
    }

    @Test
    void aBitFieldLooksUpANamedSetWithTheNtohOnlyWhereTheProtocolWasSaid() {
        String sets = """
                \tset s4 {
                \t\ttypeof frag frag-off
                \t\telements = { 1, 1024 }
                \t}

                \tset iv {
                \t\ttypeof frag frag-off
                \t\tflags interval
                \t\telements = { 1-5 }
                \t}

                \tmap vm {
                \t\ttypeof frag frag-off : verdict
                \t\telements = { 3 : accept }
                \t}

                """;
        ReferenceCheck.of("table ip6 t {\n" + sets + "\tchain c {\n\t\tfrag frag-off @s4 accept\n\t\tfrag frag-off @iv accept\n\t\tfrag frag-off vmap @vm\n\t}\n}\n"
                + "table inet t {\n" + sets + "\tchain c {\n\t\tfrag frag-off @s4 accept\n\t\tfrag frag-off vmap @vm\n"
                + "\t\tmeta nfproto ipv6 frag frag-off @s4 accept\n\t\tmeta nfproto ipv6 frag frag-off @iv accept\n"
                + "\t\tmeta mark 0x00000001 frag frag-off @s4 accept\n\t\tmeta mark 0x00000001 frag frag-off @iv accept\n"
                + "\t\tmeta mark 0x00000001 frag frag-off vmap @vm\n\t}\n}\n").check();
    }
}
