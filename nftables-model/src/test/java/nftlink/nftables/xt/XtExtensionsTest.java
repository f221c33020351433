package nftlink.nftables.xt;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.XtMatch;
import nftlink.nftables.expr.XtTarget;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each decoder on structs the kernel listed, against what nft 1.1.3 listed for them. */
class XtExtensionsTest {

    static final List<CapturedStructs.Captured> CAPTURED = CapturedStructs.ALL;

    @ParameterizedTest
    @FieldSource("CAPTURED")
    void listsAsNft(CapturedStructs.Captured c) {
        String fallback = XtListing.fallback(c.expression(), c.family());
        assertThat(XtListing.text(c.expression(), c.context())).isEqualTo(c.text() == null ? fallback : c.text());
    }

    @Test
    void decodesTheFieldsOfTheStruct() {
        Bytes multiport = CapturedStructs.struct(48, 0, "00033500e803d007", 33, "01");
        assertThat(XtExtensions.decode(new XtMatch("multiport", 1, multiport), Family.IP))
                .contains(new Multiport(0, List.of(53, 1000, 2000), List.of(false, true, false), false));
        Bytes dnat = CapturedStructs.struct(48, 0, "03000000ac110002", 20, "ac110002", 36, "00500050");
        NatRange range = (NatRange) XtExtensions.decode(new XtTarget("DNAT", 2, dnat), Family.IP).orElseThrow();
        assertThat(range.flags()).isEqualTo(3);
        assertThat(range.minPort()).isEqualTo(80);
        assertThat(range.minAddress()).isEqualTo(CapturedStructs.struct(16, 0, "ac110002"));
        assertThat(XtExtensions.decode(new XtTarget("LOG", 0, CapturedStructs.struct(32, 0, "040064726f707065643a20")), Family.IP))
                .contains(new LogInfo(4, 0, "dropped: "));
        assertThat(XtExtensions.decode(new XtMatch("comment", 0, CapturedStructs.struct(256, 0, "6869")), Family.IP6))
                .contains(new Comment("hi"));
        assertThat(XtExtensions.decode(new XtTarget("CT", 2, CapturedStructs.struct(72, 12, "736970")), Family.IP))
                .contains(new CtTarget(0, 0, 0, 0, "sip", ""));
    }

    @Test
    void otherFamiliesRevisionsAndExpressionsAreNotDecoded() {
        Bytes icmp = CapturedStructs.struct(8, 0, "0800ff00");
        assertThat(XtExtensions.decode(new XtMatch("icmp", 0, icmp), Family.IP6)).isEmpty();
        assertThat(XtExtensions.decode(new XtMatch("icmp", 0, icmp), Family.BRIDGE)).isEmpty();
        assertThat(XtExtensions.decode(new XtMatch("icmp", 1, icmp), Family.IP)).isEmpty();
        assertThat(XtExtensions.decode(new nftlink.nftables.expr.Counter(0, 0), Family.IP)).isEmpty();
        assertThat(XtListing.text(new XtTarget("log", 0, Bytes.empty()), new XtContext(Family.BRIDGE, 0)))
                .isEqualTo("xt watcher \"log\"");
        assertThat(XtListing.json(new XtMatch("multiport", 1, Bytes.empty()), Family.IP).toJson())
                .isEqualTo("{\"xt\": {\"type\": \"match\", \"name\": \"multiport\"}}");
    }

    @Test
    void aWronglySizedStructIsADecodeErrorAndListsAsNftsFallback() {
        XtMatch shortMultiport = new XtMatch("multiport", 1, CapturedStructs.struct(40, 0, "01025000bb01"));
        assertThatThrownBy(() -> XtExtensions.decode(shortMultiport, Family.IP))
                .isInstanceOf(nftlink.netlink.NetlinkDecodeException.class);
        assertThat(XtListing.text(shortMultiport, new XtContext(Family.IP, 6))).isEqualTo("xt match \"multiport\"");
        XtMatch tooManyPorts = new XtMatch("multiport", 1, CapturedStructs.struct(48, 0, "0110"));
        assertThatThrownBy(() -> XtExtensions.decode(tooManyPorts, Family.IP))
                .isInstanceOf(nftlink.netlink.NetlinkDecodeException.class);
    }

    @Test
    void theProtocolComesFromTheMatchesBefore() {
        Statement tcp = nftlink.nftables.lang.Match.eq(nftlink.nftables.lang.MetaField.L4PROTO, Bytes.u8(6));
        Statement icmp = nftlink.nftables.lang.Match.eq(nftlink.nftables.lang.MetaField.L4PROTO, Bytes.u8(1));
        Statement dport = nftlink.nftables.lang.Match.eq(nftlink.nftables.lang.PayloadField.UDP_DPORT, Bytes.u16Be(53));
        assertThat(XtListing.protocol(List.of(tcp))).isEqualTo(6);
        assertThat(XtListing.protocol(List.of(tcp, icmp))).isZero();
        assertThat(XtListing.protocol(List.of(icmp, dport))).isEqualTo(17);
        assertThat(XtListing.protocol(List.of())).isZero();
        Statement multiport = new Statement.KernelExpression(new XtMatch("multiport", 1, CapturedStructs.struct(48, 0, "01025000bb01")));
        RuleSpec rule = new RuleSpec(Family.IP, "filter", "INPUT", List.of(tcp, multiport), null, 0);
        assertThat(XtListing.isXt(multiport)).isTrue();
        assertThat(XtListing.text(rule, 1)).isEqualTo("tcp dport { 80, 443 }");
        assertThat(nftlink.nftables.lang.RuleRenderer.DEFAULT.render(rule)).isEqualTo("meta l4proto tcp tcp dport { 80, 443 }");
    }
}
