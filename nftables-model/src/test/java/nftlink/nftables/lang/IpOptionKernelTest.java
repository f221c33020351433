package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * IPv4 options ({@code ip option ra value}, {@code ip option lsrr addr}, {@code ip option rr exists}): nft's
 * exthdr expression with {@code NFT_EXTHDR_OP_IPV4}, its {@code meta nfproto ipv4} dependency in inet tables,
 * {@code typeof ip option ra value} (and {@code typeof sctp chunk init num-inbound-streams}) in sets, JSON {@code {"ip option": {"name": "ra", "field": "value"}}};
 * checked against nft-ref in every direction.
 */
@KernelTest
class IpOptionKernelTest {

    @Test
    void sctpChunkFieldsInTypeofSets() {
        ReferenceCheck.of("""
                table inet t {
                \tset s7 {
                \t\ttypeof sctp chunk init num-inbound-streams
                \t\telements = { 1, 4 }
                \t}

                \tset s8 {
                \t\ttypeof sctp chunk data tsn
                \t}

                \tchain c {
                \t\tsctp chunk init num-inbound-streams @s7 accept
                \t}
                }
                """).check();
    }

    @Test
    void ipOptionsInRulesAndTypeofSets() {
        ReferenceCheck.of("""
                table inet t {
                \tset s5 {
                \t\ttypeof ip option ra value
                \t\telements = { 1, 1024 }
                \t}

                \tset s6 {
                \t\ttypeof ip option lsrr addr
                \t\telements = { 10.0.0.1 }
                \t}

                \tchain c {
                \t\tip option ra value 1
                \t\tip option ra exists
                \t\tip option lsrr addr 1.2.3.4
                \t\tip option rr ptr 4
                \t\tip option ssrr length 7
                \t\tip option ra value @s5 accept
                \t\tip option lsrr addr @s6 drop
                \t}
                }
                table ip t2 {
                \tchain c {
                \t\tip option ra value 1
                \t\tip option rr length 7
                \t\tip option ra missing
                \t}
                }
                """).check();
    }
}
