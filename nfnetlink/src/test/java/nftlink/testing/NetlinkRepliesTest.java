package nftlink.testing;

import nftlink.netlink.DumpCollector;
import nftlink.netlink.Errno;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.RequestWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit's replies, as a {@link NetlinkConnection} reads them. */
class NetlinkRepliesTest {

    private static final int TYPE = Netlink.NLMSG_MIN_TYPE + 4;

    private static final RequestWriter REQUEST = (w, seq) -> {
        int m = w.beginMessage(TYPE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq);
        w.putU32(0);
        w.attrString(1, "name");
        w.attrU32(2, 7);
        w.endMessage(m);
    };

    private static final RequestWriter DUMP = (w, seq) -> {
        int m = w.beginMessage(TYPE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq);
        w.putU32(0);
        w.endMessage(m);
    };

    private static void execute(NetlinkConnection c) {
        c.execute(REQUEST, "test request", 4, path -> path.types()[0] == 2 ? "TEST_VALUE" : "other", null);
    }

    @Test
    void anAckCompletesARequest() {
        FakeKernel kernel = new FakeKernel((sent, k) -> k.reply(w -> NetlinkReplies.ack(w, sent.getFirst())));
        execute(new NetlinkConnection(kernel));
        assertThat(kernel.sent()).hasSize(1);
    }

    @Test
    void anErrorCarriesItsErrnoTextAndAttribute() {
        // header 16, family header 4, "name" attribute 12: the second attribute starts at 32
        FakeKernel kernel = new FakeKernel((sent, k) -> k.reply(w -> NetlinkReplies.error(w, sent.getFirst(),
                Errno.EINVAL, new NetlinkReplies.ExtendedAck("value out of range", 32))));
        assertThatThrownBy(() -> execute(new NetlinkConnection(kernel)))
                .isInstanceOfSatisfying(NetlinkKernelException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                    assertThat(e.kernelMessage()).isEqualTo("value out of range");
                    assertThat(e.attributeOffset()).isEqualTo(32);
                    assertThat(e.attribute()).isEqualTo("TEST_VALUE");
                });
    }

    @Test
    void anErrorWithoutExtendedAckHasNoText() {
        FakeKernel kernel = new FakeKernel((sent, k) -> k.reply(w -> NetlinkReplies.error(w, sent.getFirst(), Errno.EPERM)));
        assertThatThrownBy(() -> execute(new NetlinkConnection(kernel)))
                .isInstanceOfSatisfying(NetlinkKernelException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EPERM);
                    assertThat(e.kernelMessage()).isNull();
                    assertThat(e.attribute()).isNull();
                });
    }

    @Test
    void multipartRepliesUntilDone() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            NetlinkMessage request = sent.getFirst();
            k.reply(w -> {
                NetlinkReplies.part(w, request, TYPE, b -> b.putU32(0).attrU32(1, 10));
                NetlinkReplies.part(w, request, TYPE, b -> b.putU32(0).attrU32(1, 11));
            });
            k.reply(w -> {
                NetlinkReplies.part(w, request, TYPE, b -> b.putU32(0).attrU32(1, 12));
                NetlinkReplies.done(w, request);
            });
        });
        assertThat(new NetlinkConnection(kernel).dump(DUMP, NetlinkRepliesTest::values, "test dump", 4, null))
                .containsExactly(10, 11, 12);
    }

    @Test
    void doneWithAnErrorFailsTheDump() {
        FakeKernel kernel = new FakeKernel((sent, k) -> k.reply(w -> {
            NetlinkReplies.part(w, sent.getFirst(), TYPE, b -> b.putU32(0).attrU32(1, 10));
            NetlinkReplies.doneWithError(w, sent.getFirst(), Errno.EOPNOTSUPP);
        }));
        assertThatThrownBy(() -> new NetlinkConnection(kernel).dump(DUMP, NetlinkRepliesTest::values, "test dump", 4, null))
                .isInstanceOfSatisfying(NetlinkKernelException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP));
    }

    @Test
    void anInterruptedDumpIsRepeated() {
        List<Integer> attempts = new ArrayList<>();
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            NetlinkMessage request = sent.getFirst();
            attempts.add(request.sequence());
            k.reply(w -> {
                NetlinkReplies.part(w, request, TYPE, b -> b.putU32(0).attrU32(1, attempts.size()));
                if (attempts.size() == 1) {
                    NetlinkReplies.doneInterrupted(w, request);
                } else {
                    NetlinkReplies.done(w, request);
                }
            });
        });
        assertThat(new NetlinkConnection(kernel).dump(DUMP, NetlinkRepliesTest::values, "test dump", 4, null))
                .containsExactly(2);
        assertThat(attempts).hasSize(2).doesNotHaveDuplicates();
    }

    private static DumpCollector<List<Integer>> values() {
        return new DumpCollector<>() {
            private final List<Integer> values = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage m) {
                values.add(m.attributes(4).require(1, "value").u32());
            }

            @Override
            public List<Integer> result() {
                return values;
            }
        };
    }
}
