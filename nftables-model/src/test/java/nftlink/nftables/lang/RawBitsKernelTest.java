package nftlink.nftables.lang;

import nftlink.nftables.ReferenceCheck;
import nftlink.testing.KernelTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw bits that do not fill their bytes list as nft 1.1.3 lists them (issue 15): {@code @nh,1,2 0x2} rather than the
 * masked byte, for the network, transport and inner headers; the link-layer header's stay masked, as nft keeps them.
 */
@KernelTest
class RawBitsKernelTest {

    @Test
    void subByteRawPayloadsListAsBits() {
        String listed = ReferenceCheck.of("""
                table inet r {
                \tchain c {
                \t\t@nh,1,2 0x2
                \t\t@th,35,3 0x2
                \t\t@nh,3,1 0x0
                \t\t@nh,1,2 != 0x3
                \t\t@ih,1,2 0x2
                \t\t@ih,58,6 0x0 @ih,86,6 0x0 @ih,170,22 0x0
                \t\t@ll,0,1 1
                \t}
                }
                """).check();
        assertThat(listed).contains("\t\t@nh,1,2 0x2\n", "\t\t@ih,58,6 0x0 @ih,86,6 0x0 @ih,170,22 0x0\n",
                "\t\t@ll,0,8 & 0x80 == 0x80\n");
    }

    /**
     * A load of several header fields compared with one value splits into the fields as nft 1.1.3 lists it, bit fields
     * included ({@code @nh,0,16 0x4500} is {@code ip version 4 ip hdrlength 5 ip dscp cs0 ip ecn not-ect}), and the
     * first bytes of an ethernet address are a prefix of it ({@code ether daddr 01:02:00:00:00:00/16}), which nftlink
     * also reads; a prefix that is no whole bytes lists as the masked address, as nft lists it. nftlink listed these
     * raw and refused ethernet prefixes.
     */
    @Test
    void mergedLoadsSplitIntoFieldsAndEthernetPrefixes() {
        ReferenceCheck.of("""
                table ip t {
                	chain c {
                		@nh,8,8 1 @nh,16,16 2
                		@nh,0,8 0x45 @nh,8,8 0
                		@nh,96,16 0x0a00
                		@th,96,8 0x50 @th,104,8 0x2
                	}
                }
                table ip6 t6 {
                	chain c {
                		@nh,0,32 0x60000000
                		@nh,0,16 0x6000 @nh,16,16 0x1
                	}
                }
                table bridge b {
                	chain c {
                		@ll,0,8 1 @ll,8,8 2
                		ether daddr 01:02:00:00:00:00/16
                		ether daddr != 01:02:00:00:00:00/16
                		ether saddr 01:02:00:00:00:00/12
                		ether saddr & ff:f0:00:00:00:00 == 01:00:00:00:00:00
                		ether saddr { 01:02:00:00:00:00/16, 02:00:00:00:00:00/8 }
                	}
                }
                """).check();
    }

    /**
     * Raw bits from the first bit of a load list as the masked load, as nft 1.1.3 lists them ({@code @nh,8,3 0x2} is
     * {@code @nh,8,8 & 0xe0 == 0x40}; it trims a mask only below the load's top bit), and bits that end a byte masked
     * again are one mask, as nft writes them ({@code @nh,4,4 & 0x3 == 0x1} is {@code load & 0x03}). nftlink listed the
     * former as bits and wrote the latter with two masks.
     */
    @Test
    void masksOfRawBitsAsNftWritesAndListsThem() {
        ReferenceCheck.of("""
                table ip t {
                	chain c {
                		@nh,8,3 0x2 accept
                		@th,96,4 5 accept
                		@th,96,4 != 5 accept
                		@th,0,3 1
                		@nh,4,4 & 0x3 == 0x1 accept
                		@nh,12,4 & 0x3 == 0x1 accept
                		ip hdrlength & 0x3 == 0x1 accept
                		@nh,4,4 & 0x3 != 0x1 accept
                		@th,104,8 & 0x30 == 0x10
                		@th,104,16 & 0x0ff0 == 0x0120
                	}
                }
                table inet r {
                	chain c {
                		@nh,0,3 0x2
                		@ih,0,4 0x2
                	}
                }
                """).check();
    }

    /**
     * A one-byte bit field masked again, whose bits do not end their byte, is written as nft 1.1.3 writes it (the bits
     * moved down to their value, then masked: {@code ip dscp & 0x3 == 0x1} is mask 0xfc, shift 2, mask 0x03) and listed
     * as nft lists it, trimmed to the bits the second mask keeps where nft trims ({@code ip ecn ect1}, {@code @nh,8,1
     * 0x1}), else as the field with its mask ({@code tcp doff & 1 == 1}). nftlink wrote one mask in place and listed
     * nft's rules as kernel expressions. A shorter load of a number that is masked stays raw bits ({@code @nh,49,2}).
     * Not applied from JSON: nft's listing is another rule ({@code @nh,8,1 0x1} reads back as that bit, not the one
     * matched), for nft-ref too.
     */
    @Test
    void bitFieldsMaskedAfterTheirShift() {
        ReferenceCheck.of("""
                table ip t {
                \tchain c {
                \t\t@nh,1,2 & 0x1 == 0x1 accept
                \t\tip dscp & 0x3 == 0x1 accept
                \t\t@nh,9,6 & 0x3 == 0x3 accept
                \t\tip dscp & 0x3 != 0x1 accept
                \t\tip dscp & 0x3f == 0x1 accept
                \t\t@th,97,2 & 0x2 == 0x2
                \t\ttcp doff & 0x1 == 0x1
                \t\tip version & 0x1 == 0x1
                \t\tip hdrlength & 0x1 == 0x1
                \t\t@nh,49,2 1 accept
                \t}
                }
                table inet i {
                \tchain c {
                \t\t@nh,1,2 & 0x1 == 0x1 accept
                \t\t@th,97,2 & 0x2 == 0x2
                \t\ttcp doff & 0x1 == 0x1
                \t}
                }
                """).withoutJsonApply().check();
    }
}
