package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements that set a value from the packet follow nft 1.1.3's datatype rules (issue 15): the value must have the
 * target's datatype (a mark takes any type based on the integer), a header field of the plain integer type must have
 * the target's width, numgen and hash take the target's type where it is a 32-bit type based on the integer, and a
 * header field nft rewrites with the bits around it is set from constants only. nftlink accepted {@code meta priority
 * set ip saddr} and {@code meta mark set ct state}, and refused {@code ct zone set numgen ...}, {@code ip saddr set ip
 * daddr} and {@code tcp dport set tcp sport}, which nft takes.
 */
@KernelTest
class StatementArgumentKernelTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            meta priority set ip saddr                 | datatype mismatch: expected TC classid, expression has type IPv4 address
            meta priority set meta mark                | datatype mismatch: expected TC classid, expression has type packet mark
            meta priority set meta mark and 0xff       | datatype mismatch: expected TC classid, expression has type packet mark
            meta priority set ip saddr map @m4         | datatype mismatch: expected TC classid, expression has type packet mark
            meta priority set ip dscp                  | datatype mismatch: expected TC classid, expression has type Differentiated Services Code Point
            meta mark set ct state                     | datatype mismatch: expected packet mark, expression has type conntrack state
            meta mark set ip ttl                       | datatype mismatch: expected packet mark, expression has type integer with length 8
            meta priority set ip hdrlength             | datatype mismatch: expected TC classid, expression has type integer
            ct zone set ip hdrlength                   |
            meta mark set meta iifname                 | datatype mismatch: expected packet mark, expression has type network interface name
            meta pkttype set numgen inc mod 2          | datatype mismatch: expected packet type, expression has type integer
            meta secmark set meta length               | datatype mismatch: expected string, expression has type integer
            ct zone set tcp dport                      | datatype mismatch: expected integer, expression has type internet network service
            ct zone set ip ttl                         | datatype mismatch: expected integer, expression has type integer with length 8
            ct label set meta mark                     | datatype mismatch: expected conntrack label, expression has type packet mark
            tcp dport set meta mark                    | datatype mismatch: expected internet network service, expression has type packet mark
            tcp dport set ip saddr map @m4             | datatype mismatch: expected internet network service, expression has type packet mark
            tcp dport set numgen inc mod 2             | datatype mismatch: expected internet network service, expression has type integer
            ip ttl set numgen inc mod 2                | payload statement for this expression is not supported
            ip ttl set ip saddr map { 1.1.1.1 : 2 }    | payload statement for this expression is not supported
            meta priority set numgen inc mod 2         |
            meta priority set meta priority            |
            meta mark set ip saddr map @m4             |
            meta mark set meta priority                |
            ct zone set meta length                    |
            tcp dport set th dport                     |
            ip id set ip ttl                           | datatype mismatch: expected integer, expression has type integer with length 8
            tcp sequence set ip id                     | datatype mismatch: expected integer, expression has type integer with length 16
            ip id set tcp sequence                     | datatype mismatch: expected integer, expression has type integer with length 32
            ip id set meta mark                        | datatype mismatch: expected integer, expression has type packet mark
            ip id set meta skuid                       | datatype mismatch: expected integer, expression has type user ID
            ip id set ct expiration                    | datatype mismatch: expected integer, expression has type relative time
            ip id set meta iif                         | datatype mismatch: expected integer, expression has type network interface index
            ip id set meta l4proto                     | datatype mismatch: expected integer, expression has type Internet protocol
            ip id set meta length                      |
            ip id set ct packets                       |
            tcp sequence set ct zone                   |
            ip6 hoplimit set meta length               |
            """)
    void refusedWhereNftRefusesIt(String rule, String error, TestNamespace ns) {
        String text = "table inet t {\n\tmap m4 { type ipv4_addr : mark; }\n\tchain c {\n\t\t" + rule + "\n\t}\n}\n";
        TestNamespace.Result reference = NftRef.input(ns, text, "-c", "-f", "-");
        if (error == null) {
            assertThat(reference.exitCode()).as(reference.stderr()).isZero();
            NftParser.standard().parse(text, "<test>");
        } else {
            assertThat(reference.stderr()).as("nft-ref refuses it").contains("Error: " + error);
            assertThatThrownBy(() -> NftParser.standard().parse(text, "<test>"))
                    .isInstanceOf(NftParseException.class).hasMessageContaining(error);
        }
    }

    @Test
    void keysTakeValuesOfTheirTypeWhateverTheirLength() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tmeta priority set numgen inc mod 2
                \t\tmeta priority set jhash ip saddr mod 2
                \t\tct zone set numgen inc mod 2
                \t\tct zone set meta length
                \t\tct zone set ip id
                \t\tmeta nftrace set numgen inc mod 2
                \t\tmeta nftrace set meta length
                \t\tmeta mark set ct original ip saddr
                \t\tmeta mark set rt ip nexthop
                \t\tmeta mark set meta protocol
                \t\tmeta mark set ct id
                \t\tmeta mark set tcp option maxseg size
                \t\tmeta mark set icmp type
                \t\tmeta mark set ip saddr & 0.0.0.255
                \t}
                }
                """).check();
    }

    @Test
    void headerFieldsTakeValuesOfTheirType() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tip saddr set numgen inc mod 2
                \t\tip saddr set jhash tcp dport mod 2
                \t\tip saddr set symhash mod 4 offset 10
                \t\tip saddr set ip daddr
                \t\tip6 saddr set ip6 daddr
                \t\tether saddr set ether daddr
                \t\ttcp dport set tcp sport
                \t\ttcp dport set th dport
                \t\tip saddr set ct original ip saddr
                \t\tip daddr set rt ip nexthop
                \t\tip id set ct zone
                \t\ttcp dport set ct original proto-dst
                \t}
                }
                """).check();
    }

    /**
     * A header field of the integer type takes any integer-typed key whatever its length: nft swaps a host-order value
     * at its own length and writes the field's bytes from the register ({@code ip id set meta length} writes the first
     * two bytes of the swapped 32-bit length). nftlink refused a source of another length, wrote a field set from
     * another field with a constant ({@code ip id set ip length & 0xff}) as that constant applied to the field itself,
     * and listed such writes, a map keyed by a field with a constant and a header field set from a concatenation's map
     * raw.
     */
    @Test
    void integerHeaderFieldsTakeIntegerKeysOfAnyLength() {
        ReferenceCheck.of("""
                table ip t {
                	chain c {
                		ip id set meta length
                		ip id set ct packets
                		ip id set ct id
                		ip id set meta random
                		ip length set meta length
                		ip id set jhash ip saddr mod 3
                		ip id set numgen inc mod 3
                		tcp sequence set ct zone
                		tcp urgptr set meta cpu
                		icmp id set meta length
                		ip id set ip length & 0xff
                		ip id set ip length | 0xff
                		ip id set meta length | 0x1
                		ip id set ct zone ^ 3
                		ip saddr set ip daddr & 255.255.0.0
                		ip id set meta length and 0xff
                		ip id set meta length & 0xff map { 1 : 2 }
                		meta mark set meta length & 0xff map { 1 : 2 }
                		ip saddr set ip saddr . tcp dport map { 1.1.1.1 . 22 : 2.2.2.2 }
                	}
                }
                table ip6 t6 {
                	chain c {
                		ip6 hoplimit set meta length
                		ip6 hoplimit set ct zone
                		ip6 hoplimit set numgen inc mod 3
                		ip6 hoplimit set ct id
                		ip6 length set ct zone
                	}
                }
                """).check();
    }

    /**
     * A bit field that ends a byte ({@code vlan id}, {@code ip6 flowlabel}, {@code ip hdrlength}) sets a mark as its
     * masked header bytes swapped to host order, which nft lists raw with the network protocol it needs. Not read back
     * from JSON: nft reads {@code @ll,112,16 & 0xfff} as a swap before the mask, another rule (nft-ref does the same).
     */
    @Test
    void bitFieldsEndingAByteSetMarksAsNftWritesThem() {
        ReferenceCheck.of("""
                table inet t {
                \tchain c {
                \t\tmeta mark set ip6 flowlabel
                \t\tmeta mark set ip hdrlength
                \t\tct mark set ip ecn
                \t\tmeta mark set ip6 dscp
                \t\tmeta mark set tcp doff
                \t}
                }
                """).withoutJsonApply().check();
        ReferenceCheck.of("""
                table bridge t {
                \tchain c {
                \t\tmeta mark set vlan id
                \t\tmeta mark set vlan pcp
                \t}
                }
                """).withoutJsonApply().check();
    }
}
