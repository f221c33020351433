package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header fields written from the packet as nft 1.1.3 writes and lists them: from a map lookup
 * ({@code ip daddr set iifname map @m1}, {@code ip daddr set numgen inc mod 16 map { ... }}), an option from the route
 * ({@code tcp option maxseg size set rt mtu}), raw bits ({@code @nh,10,6 set 0x3}) and vlan tag fields.
 */
@KernelTest
class HeaderWriteKernelTest {

    @Test
    void headerWritesBothWays() {
        String listed = ReferenceCheck.of("""
                table inet t {
                \tmap m1 {
                \t\ttype ifname : ipv4_addr
                \t\telements = { "eth0" : 1.1.1.1 }
                \t}

                \tchain pre {
                \t\ttype filter hook prerouting priority dstnat; policy accept;
                \t\tip daddr set iifname map @m1
                \t\tip daddr set oifname map @m1
                \t\tip daddr set numgen inc mod 16 map { 0-7 : 10.0.1.1, 8-15 : 10.0.1.2 }
                \t\tip saddr set ip daddr map { 1.1.1.1 : 2.2.2.2 }
                \t\ttcp dport set tcp sport map { 1 : 2 }
                \t\tip6 daddr set ip6 saddr map { ::1 : ::2 }
                \t\t@nh,10,6 set 0x3
                \t\t@th,58,6 set 0x0
                \t\t@ih,58,6 set 0x1
                \t}

                \tchain forward_mangle {
                \t\ttype filter hook forward priority mangle; policy accept;
                \t\toifname "eth0" jump {
                \t\t\ttcp flags & (syn | rst) == syn tcp option maxseg size set rt mtu
                \t\t}
                \t}
                }
                table bridge b {
                \tchain c {
                \t\ttype filter hook forward priority filter; policy accept;
                \t\tvlan id 3 vlan pcp set 5
                \t\tvlan id 3 vlan dei set 1
                \t\tvlan id 3 vlan id set 7
                \t}
                }
                """).devices("eth0").withoutJsonApply().check();
        assertThat(listed).contains("ip daddr set iifname map @m1", "tcp option maxseg size set rt mtu", "vlan pcp set 5");
    }

    /**
     * Fields of the other transport headers are written as nft writes them: the internet checksum of icmp, icmpv6 and
     * igmp, the sctp checksum, none for the others; a field of some icmp types after those types, named after them
     * ({@code icmp mtu set 5}, not the {@code icmp sequence} at its place). nftlink refused all of them, and listed nft's
     * writes raw.
     */
    @Test
    void transportHeaderFieldsOfEveryProtocol() {
        ReferenceCheck.of("""
                table ip t {
                	chain c {
                		icmp id set 5
                		icmp sequence set 5
                		icmp checksum set 5
                		icmp mtu set 5
                		icmp gateway set 5
                		icmp id set meta length
                		igmp checksum set 5
                		igmp group set 5
                		udplite checksum set 5
                		udplite sport set 5
                		udplite csumcov set 5
                		dccp sport set 5
                		dccp type set request
                		sctp sport set 5
                		sctp vtag set 5
                		sctp checksum set 5
                		esp spi set 5
                		ah hdrlength set 5
                		ah reserved set 5
                		comp cpi set 5
                		gre flags set 1
                		gre version set 1
                	}
                }
                table ip6 t6 {
                	chain c {
                		icmpv6 id set 5
                		icmpv6 checksum set 5
                		icmpv6 mtu set 5
                		icmpv6 max-delay set 5
                		icmpv6 taddr set ::1
                		icmpv6 sequence set 5
                	}
                }
                """).check();
    }

    /**
     * Whole bytes set to a constant without a field's checksum list as nft 1.1.3 lists them: raw where no field of the
     * rule's protocols is there ({@code vlan id 10 @nh,8,8 set 0x10} in bridge), else as that field, which nft names by
     * its place whatever checksum the write updates ({@code @nh,96,32 set 0x01020304} lists as {@code ip saddr set
     * 1.2.3.4}). nftlink listed both as kernel expressions.
     */
    @Test
    void rawByteWritesListAsNftListsThem() {
        ReferenceCheck.of("""
                table bridge b {
                \tchain c {
                \t\tvlan id 10 @nh,8,8 set 0x10
                \t\tvlan id 10 @ll,144,16 set 0x4500
                \t}
                }
                table ip t {
                \tchain c {
                \t\t@nh,8,8 set 0x10
                \t\t@th,0,16 set 0x10
                \t\t@nh,96,32 set 0x01020304
                \t}
                }
                table inet i {
                \tchain c {
                \t\t@nh,8,8 set 0x10
                \t\t@ih,0,16 set 0x10
                \t}
                }
                """).check();
    }
}
