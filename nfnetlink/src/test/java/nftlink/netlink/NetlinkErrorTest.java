package nftlink.netlink;

import nftlink.testing.FakeKernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetlinkErrorTest {

    private static NetlinkMessage request() {
        MessageWriter w = new MessageWriter();
        int m = w.beginMessage(0x0a03, Netlink.NLM_F_REQUEST, 77);
        w.putU8(1).putU8(0).putU16Be(0);
        w.attrString(1, "t");
        int hook = w.beginNested(4);
        w.attrU32Be(1, 1);
        w.attrU32Be(2, 0);
        w.endNested(hook);
        w.endMessage(m);
        return NetlinkMessage.parseOne(w.toByteArray());
    }

    @Test
    void decodesExtendedAckTextAndOffset() {
        MessageWriter w = new MessageWriter();
        FakeKernel.writeError(w, request(), 22, "bad priority", 40);
        NetlinkError e = NetlinkError.decode(NetlinkMessage.parseOne(w.toByteArray()));
        assertThat(e.errno()).isEqualTo(22);
        assertThat(e.requestSequence()).isEqualTo(77);
        assertThat(e.requestType()).isEqualTo(0x0a03);
        assertThat(e.kernelMessage()).isEqualTo("bad priority");
        assertThat(e.attributeOffset()).isEqualTo(40);
        assertThat(e.isAck()).isFalse();
    }

    @Test
    void decodesUncappedErrorThatQuotesTheWholeRequest() {
        NetlinkMessage req = request();
        MessageWriter w = new MessageWriter();
        int m = w.beginMessage(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS, 77);
        w.putU32(-2);
        w.putBytes(req.toByteArray());
        w.attrString(Netlink.NLMSGERR_ATTR_MSG, "no such table");
        w.endMessage(m);
        NetlinkError e = NetlinkError.decode(NetlinkMessage.parseOne(w.toByteArray()));
        assertThat(e.errno()).isEqualTo(2);
        assertThat(e.kernelMessage()).isEqualTo("no such table");
        assertThat(e.attributeOffset()).isEqualTo(-1);
    }

    @Test
    void ackHasNoError() {
        MessageWriter w = new MessageWriter();
        FakeKernel.writeError(w, request(), 0, null, -1);
        assertThat(NetlinkError.decode(NetlinkMessage.parseOne(w.toByteArray())).isAck()).isTrue();
    }

    @Test
    void locatesTheAttributeAnOffsetPointsInto() {
        NetlinkMessage req = request();
        MemorySegmentHolder h = new MemorySegmentHolder(req);
        // header 16 + nfgenmsg 4: NFTA name at 20 (8 bytes), hook nest at 28, hooknum at 32, priority at 40
        assertThat(AttributePath.locate(h.segment, 0, 4, 20).types()).containsExactly(1);
        assertThat(AttributePath.locate(h.segment, 0, 4, 28).types()).containsExactly(4);
        assertThat(AttributePath.locate(h.segment, 0, 4, 40).types()).containsExactly(4, 2);
        assertThat(AttributePath.locate(h.segment, 0, 4, 40).steps().get(1).index()).isEqualTo(1);
        assertThat(AttributePath.locate(h.segment, 0, 4, 4).isEmpty()).isTrue();
        assertThat(AttributePath.locate(h.segment, 0, 4, 4000).isEmpty()).isTrue();
    }

    private record MemorySegmentHolder(java.lang.foreign.MemorySegment segment) {
        MemorySegmentHolder(NetlinkMessage m) {
            this(java.lang.foreign.MemorySegment.ofArray(m.toByteArray()));
        }
    }

    @Test
    void refusesNonErrorMessages() {
        assertThatThrownBy(() -> NetlinkError.decode(request())).isInstanceOf(NetlinkDecodeException.class);
    }

    @Test
    void errnoNamesAndTexts() {
        assertThat(Errno.of(2)).isEqualTo(Errno.ENOENT);
        assertThat(Errno.of(-17)).isEqualTo(Errno.EEXIST);
        assertThat(Errno.describe(95)).isEqualTo("EOPNOTSUPP (Operation not supported)");
        assertThat(Errno.describe(9999)).isEqualTo("errno 9999");
        assertThat(Errno.ERESTART.number()).isEqualTo(85);
    }

    @Test
    void kernelExceptionMessageCarriesEverything() {
        NetlinkKernelException e = new NetlinkKernelException("add chain inet t c", 17, "exists", 20, "NFTA_CHAIN_NAME");
        assertThat(e.getMessage()).isEqualTo("add chain inet t c: EEXIST (File exists): kernel says \"exists\" at NFTA_CHAIN_NAME");
        assertThat(e.errno()).isEqualTo(Errno.EEXIST);
    }
}
