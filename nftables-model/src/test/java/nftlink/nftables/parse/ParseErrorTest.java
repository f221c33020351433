package nftlink.nftables.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Error messages: location, problem, the source line and a caret under the offending token. */
class ParseErrorTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static String error(String text) {
        NftParseException e = catchThrowableOfType(NftParseException.class, () -> PARSER.parse(text, "rules.nft"));
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.getMessage();
    }

    @Test
    void rangesOfHostOrderValuesAreOrderedAsNumbers() {
        // 1000 and 2000 in host byte order compare the other way round as raw bytes
        PARSER.parse("add rule inet t c meta skuid 1000-2000 accept", "rules.nft");
        assertThat(error("add rule inet t c meta skuid 2000-1000 accept")).startsWith(
                "rules.nft:1:30-38: Error: range 2000-1000 has its bounds the wrong way round");
        // intervals of host-order values are swapped to big endian, the set holds big-endian bounds
        var ops = PARSER.parse("add rule inet t c meta mark { 0x10-0x20, 0x30 } accept", "rules.nft");
        assertThat(ops.toString()).contains("Byteorder[op=HTON, sreg=1, dreg=1, length=4, size=4")
                .contains("element 10000000  : 0 [end]", "element 21000000  : 1 [end]");
    }

    @Test
    void sackBlocksHaveNoPresenceOfTheirOwn() {
        assertThat(error("add rule inet t c tcp option sack1 exists"))
                .contains("tcp option sack1 names fields of another option (left, right); its presence is that option's");
        assertThat(PARSER.parse("add rule inet t c tcp option sack1 left 5", "rules.nft").operations()).isNotEmpty();
    }

    @Test
    void tunnelsQueuesAndInPlaceWritesRefuseWhatNftRefuses() {
        assertThat(error("add rule inet t c vxlan vni 10")).contains("vxlan vni needs a udp match before it, such as udp dport 4789");
        assertThat(error("add rule inet t c gre ether saddr 62:87:4d:d6:19:05"))
                .contains("gre carries no link layer header: ether saddr cannot be matched inside it");
        assertThat(error("add rule inet t c udp dport 4789 vxlan gre ip saddr 1.2.3.4")).contains("a tunnel inside a tunnel");
        assertThat(error("add rule inet t c udp dport 4789 vxlan ip saddr set 1.2.3.4"))
                .contains("unsupported: 'vxlan ip saddr set'");
        assertThat(error("add rule ip t c ip dscp set ip dscp & 0x4f")).contains("does not fit in the 6 bits of ip dscp");
        assertThat(error("add rule ip t c ip dscp set ip ttl & 3")).contains("datatype mismatch: expected Differentiated Services Code Point, expression has type integer");
        assertThat(error("add rule ip t c queue num symhash mod 2")).contains("a computed one follows 'to'");
        assertThat(error("add rule ip t c queue flags fanout to symhash mod 2")).contains("fanout spreads packets");
        assertThat(error("add rule ip t c queue to symhash mod 2 offset 65535")).contains("queue numbers run to 65535");
        assertThat(error("add rule ip t c log snaplen 33")).contains("need a group (nflog)");
        assertThat(error("add rule ip t c meta mark set ip dscp << 40")).contains("a shift in bits (0 to 31) out of range");
        assertThat(error("add rule ip t c tcp dport << 2")).contains("unsupported: << in a match");
        assertThat(error("add rule ip t c meta mark set tcp dport << 2")).contains("unsupported: arithmetic on tcp dport");
    }

    @Test
    void constantDataOfADynamicMapUpdateNeedsTheMapsType() {
        assertThat(error("add rule ip t c add @m { ip saddr : 10.0.0.1 . 80 }"))
                .contains("constant data for @m: declare the map first");
        String declared = "table ip t { map m { type ipv4_addr : ipv4_addr . inet_service; flags dynamic; }\n"
                + "chain c { add @m { ip saddr : 10.0.0.1 . 80 } } }";
        // nft 1.1.3 loads the data after a whole 16-byte register for the key: reg 2, then 32-bit reg 13
        assertThat(PARSER.parse(declared, "rules.nft").toString()).contains("Immediate[dreg=2, data=Value[bytes=0a000001]]",
                "Immediate[dreg=13, data=Value[bytes=00500000]]");
        assertThat(error(declared.replace("10.0.0.1 . 80", "10.0.0.1"))).contains("expecting '.'");
    }

    @Test
    void valuesCombineFromTwoRegistersWithConstantsBindingAsInNft() {
        // & binds tighter than |: (ct mark & 0xffff0000) | (meta mark & 0xffff), combined in registers 1 and 2
        assertThat(PARSER.parse("add rule ip t c ct mark set ct mark & 0xffff0000 | meta mark & 0xffff", "rules.nft")
                .operations().toString()).contains("MaskXor[sreg=1, dreg=1, mask=0000ffff", "Load[key=MARK, dreg=2]",
                "MaskXor[sreg=2, dreg=2, mask=ffff0000", "Bool[sreg=1, sreg2=2, dreg=1, length=4, op=4]");
        assertThat(error("add rule ip t c ct mark set ct mark | meta mark | 0x1 | 0x2"))
                .contains("unsupported: more than one operation with constants on a combination of values");
        assertThat(error("add rule ip t c ct mark set ct mark | tcp dport"))
                .contains("unsupported: ct mark | tcp dport (nftlink combines 32-bit meta and ct keys");
    }

    @Test
    void aConstantOrAFieldIsTheFieldOrTheConstant() {
        assertThat(PARSER.parse("add rule ip t c ct mark set 0x1 or ct mark", "rules.nft").operations())
                .isEqualTo(PARSER.parse("add rule ip t c ct mark set ct mark | 0x1", "rules.nft").operations());
        assertThat(error("add rule ip t c ct mark set 0x1 or ct mark | 0x2"))
                .contains("unsupported: more than one operation on a value computed from the packet");
    }

    @Test
    void rangesMayBeWrittenWithSpaces() {
        assertThat(PARSER.parse("add rule ip t c tcp dport 80 - 90", "rules.nft").operations())
                .isEqualTo(PARSER.parse("add rule ip t c tcp dport 80-90", "rules.nft").operations());
        assertThat(error("add rule ip t c tcp dport 90 - 80"))
                .startsWith("rules.nft:1:27-33: Error: range 90-80 has its bounds the wrong way round");
        assertThat(error("add rule ip t c tcp dport 80 - accept")).contains("1:32-37: Error: not a number: accept");
    }

    @Test
    void natMapsToAddressesAndPortsNeedATransportProtocolAndOneShape() {
        // the key's tcp dport says the protocol; ip saddr does not, nor does th dport
        assertThat(PARSER.parse("add rule ip t c dnat ip to tcp dport map { 80 : 10.0.0.1 . 8080 }", "rules.nft").toString())
                .contains("protoMin=9");
        assertThat(error("add rule ip t c snat ip to ip saddr map { 10.0.0.1 : 10.0.0.2 . 80 }"))
                .contains("transport protocol mapping is only valid after a transport protocol match");
        assertThat(error("add rule ip t c snat ip to ip saddr . th dport map { 10.0.0.1 . 20 : 10.0.0.2 . 80 }"))
                .contains("transport protocol mapping is only valid after a transport protocol match");
        assertThat(error("add rule ip t c dnat ip to tcp dport map { 80 : 10.0.0.1 . 8080, 443 : 10.0.0.2 }"))
                .contains("rules.nft:1:72-79: Error: the map's first data is concatenated (ipv4_addr . inet_service): this one misses its second part");
        assertThat(error("add rule ip t c dnat ip to tcp dport map { 443 : 10.0.0.2, 80 : 10.0.0.1 . 8080 }"))
                .contains("the map's first data is a single value: '. inet_service' is out of place here");
        assertThat(error("table ip t { map m { type ipv4_addr : ipv4_addr . inet_service; elements = { 10.0.0.1 : 10.0.0.2 } } }"))
                .contains("expecting '.'");
    }

    @Test
    void misspelledVerdict() {
        assertThat(error("table inet t {\n\tchain c {\n\t\ttcp dport 22 acept\n\t}\n}\n")).isEqualTo("""
                rules.nft:3:16-20: Error: syntax error, unexpected acept, expecting a statement
                \t\ttcp dport 22 acept
                \t\t             ^^^^^""");
    }

    @Test
    void badValueNamesTheValue() {
        assertThat(error("add rule ip t c ip saddr 10.0.0.300 drop")).isEqualTo("""
                rules.nft:1:26-35: Error: not an address: 10.0.0.300
                add rule ip t c ip saddr 10.0.0.300 drop
                                         ^^^^^^^^^^""");
    }

    @Test
    void unsupportedSyntaxSaysSo() {
        assertThat(error("add rule inet t c xt match \"conntrack\" accept")).isEqualTo("""
                rules.nft:1:19-20: Error: unsupported: 'xt' is nft syntax that nftlink's rule language does not support
                add rule inet t c xt match "conntrack" accept
                                  ^^""");
        assertThat(error("add rule inet t c fib daddr frob accept")).startsWith(
                "rules.nft:1:19-27: Error: unsupported: 'fib daddr' (nftlink's rule language knows fib FLAGS");
        assertThat(error("add rule inet t c tcp frobnicate 1 accept")).startsWith(
                "rules.nft:1:23-32: Error: unsupported: tcp frobnicate (nftlink's rule language knows tcp sport, dport");
    }

    @Test
    void missingValueAndUnknownVariable() {
        assertThat(error("add rule inet t c tcp dport")).isEqualTo("""
                rules.nft:1:28-28: Error: syntax error, unexpected newline, expecting a value to compare tcp dport with
                add rule inet t c tcp dport
                                           ^""");
        assertThat(error("add rule inet t c tcp dport $ports accept")).isEqualTo("""
                rules.nft:1:29-34: Error: unknown identifier 'ports'
                add rule inet t c tcp dport $ports accept
                                            ^^^^^^""");
    }

    @Test
    void whatNftRefusesAfterParsing() {
        assertThat(error("add rule ip t c tcp dport 22 masquerade accept")).isEqualTo("""
                rules.nft:1:41-46: Error: statement after terminal statement has no effect
                add rule ip t c tcp dport 22 masquerade accept
                                                        ^^^^^^""");
        assertThat(error("add rule ip t c iifname \"\" accept")).startsWith("rules.nft:1:25-26: Error: empty interface name");
        assertThat(error("add rule ip t c log level audit prefix \"x\"")).startsWith(
                "rules.nft:1:17-19: Error: log level audit takes no other options");
        assertThat(error("add rule ip t c log group 2 level info")).startsWith(
                "rules.nft:1:17-19: Error: log group (nflog) takes no level or flags");
    }

    @Test
    void priorityNamesDependOnTheHook() {
        assertThat(error("add chain ip t c { type nat hook input priority dstnat; }")).isEqualTo("""
                rules.nft:1:49-54: Error: priority name 'dstnat' is not valid for family ip hook input
                add chain ip t c { type nat hook input priority dstnat; }
                                                                ^^^^^^""");
    }

    @Test
    void unterminatedStringAndUnclosedBlock() {
        assertThat(error("add rule ip t c log prefix \"oops")).isEqualTo("""
                rules.nft:1:28-32: Error: unterminated string
                add rule ip t c log prefix "oops
                                           ^^^^^""");
        assertThat(error("table ip t {\n\tchain c {\n")).startsWith("rules.nft:2:11-11: Error: syntax error, unexpected end of file, expecting '}'");
    }

    @Test
    void cgroupResolutionFailureIsAParseError() {
        assertThat(error("add rule inet t c socket cgroupv2 level 1 \"x.slice\" accept"))
                .startsWith("rules.nft:1:43-51: Error: cgroup paths are not resolved here (\"x.slice\")");
    }
}
