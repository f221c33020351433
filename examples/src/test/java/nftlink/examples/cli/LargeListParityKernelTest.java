package nftlink.examples.cli;

import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule set large enough that {@code nftlink list} dumps its sets and chains on two connections and
 * renders its rules on several threads (#18): every form and option lists what nft-ref lists.
 */
@KernelTest
class LargeListParityKernelTest {

    private static TestNamespace ns;

    static String ruleset() {
        StringBuilder sb = new StringBuilder("table inet big {\n");
        sb.append("\tset admins {\n\t\ttype ipv4_addr\n\t\telements = { 10.0.0.1, 10.0.0.2 }\n\t}\n\n");
        sb.append("\tmap marks {\n\t\ttype inet_service : mark\n\t\telements = { 22 : 0x00000001, 80 : 0x00000002 }\n\t}\n");
        for (int c = 0; c < 8; c++) {
            sb.append("\n\tchain c").append(c).append(" {\n");
            if (c == 0) {
                sb.append("\t\ttype filter hook input priority filter; policy accept;\n");
            }
            for (int r = 0; r < 160; r++) {
                sb.append("\t\t").append(rule(c, r)).append('\n');
            }
            sb.append("\t}\n");
        }
        return sb.append("}\n").toString();
    }

    private static String rule(int chain, int r) {
        String net = "10." + chain + "." + r;
        return switch (r % 8) {
            case 0 -> "ip saddr " + net + ".0/24 tcp dport { 22, " + (1000 + r) + " } counter packets 0 bytes 0 accept";
            case 1 -> "ip6 daddr 2001:db8:" + Integer.toHexString(chain) + "::" + Integer.toHexString(r) + " udp dport 53 accept";
            case 2 -> "meta l4proto tcp meta mark set tcp dport map @marks";
            case 3 -> "ct state established,related accept";
            case 4 -> "ip saddr @admins meta hour \"08:00\"-\"17:00\" drop";
            case 5 -> "iifname \"eth" + (r % 4) + "\" tcp flags syn / syn,ack limit rate 10/second burst 5 packets accept";
            case 6 -> "icmp type echo-request counter packets 0 bytes 0 " + (chain == 7 ? "accept" : "jump c7");
            default -> "ip daddr " + net + ".1 tcp dport " + (2000 + r) + " log prefix \"r" + r + " \" drop";
        };
    }

    @BeforeAll
    static void load(TestNamespace namespace) {
        ns = namespace;
        NftRef.apply(ns, ruleset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"list ruleset", "-a list ruleset", "-n list ruleset", "-s -t list ruleset",
            "list table inet big", "-a list chain inet big c3", "-p -T list ruleset"})
    void listsAsNft(String command) {
        Cli.Run ours = Cli.assertLikeNft(ns, command.split(" "));
        assertThat(ours.out().lines().count()).as("lines listed").isGreaterThan(150);
    }
}
