package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.nftables.parse.NftParser;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * snat, dnat, masquerade and redirect as nft 1.1.3 writes and lists them, in every direction: without {@code to}
 * ({@code snat 2001:db8::5}, {@code dnat 192.168.26.100:22}), IPv6 addresses that start with a colon
 * ({@code dnat ip6 to ::1}), the family of an inet table's nat taken from an earlier match, {@code redirect to 26},
 * and the flags.
 */
@KernelTest
class NatKernelTest {

    @Test
    void natStatementsBothWays() {
        String listed = ReferenceCheck.of("""
                table ip n4 {
                \tchain pre {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\ttcp dport 1 dnat 192.168.26.100:22
                \t\tdnat 10.0.0.1
                \t\ttcp dport 2 dnat 1.1.1.1-1.1.1.9:22-24 persistent
                \t\tmeta l4proto tcp redirect to 26
                \t\ttcp dport 3 redirect to 26-28 random
                \t\tredirect fully-random
                \t}

                \tchain post {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\tsnat 10.0.0.1
                \t\tsnat to 10.0.0.0/24
                \t\tmeta l4proto tcp masquerade to :10-20 random,persistent
                \t\tmasquerade fully-random
                \t}
                }
                table ip6 n6 {
                \tchain pre {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\tdnat ip6 to ::1
                \t\tdnat to ::2
                \t\ttcp dport 1 dnat to [::1]:22
                \t\tmeta l4proto tcp dnat [2001:db8::5]:20
                \t}

                \tchain post {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\tsnat 2001:db8::5
                \t\tsnat to 2001:db8::5-2001:db8::6
                \t}
                }
                table inet n {
                \tchain pre {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\tip6 saddr ::1 dnat to 2001::1
                \t\tip saddr 1.1.1.1 dnat 10.0.0.1
                \t\ttcp dport 1 ip6 saddr ::2 dnat [2001::1]:30
                \t\tdnat ip to 1.2.3.4
                \t\tmeta l4proto tcp dnat to :80
                \t\tip saddr 1.1.1.2 meta l4proto udp dnat to :53
                \t}

                \tchain post {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\tip6 saddr ::1 snat 2001::1
                \t\tsnat ip6 to 2001::2 persistent
                \t\tmeta l4proto tcp snat to :80-90
                \t}
                }
                """).check();
        assertThat(listed).contains("tcp dport 1 dnat to 192.168.26.100:22", "dnat to ::1", "meta l4proto tcp redirect to :26",
                "ip6 saddr ::1 dnat ip6 to 2001::1", "snat to 2001:db8::5");
    }

    @Test
    void anInetTableNeedsTheFamilyWhereNoMatchGivesIt() {
        String rules = "table inet n {\n\tchain c {\n\t\ttype nat hook postrouting priority srcnat;\n\t\tsnat to 2001:db8::5\n\t}\n}\n";
        assertThatThrownBy(() -> NftParser.standard().parse(rules, "n.nft"))
                .hasMessageContaining("4:3-6: Error: specify `snat ip' or 'snat ip6' in inet table to disambiguate");
    }
}
