package nftlink.netlink;

import nftlink.testing.FakeKernel;
import nftlink.testing.NetlinkReplies;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receive logic of {@link NetlinkConnection}, against a scripted kernel. */
class NetlinkConnectionTest {

    private static final RequestWriter DUMP_REQUEST = (w, seq) -> {
        int m = w.beginMessage(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq);
        w.putU32(0);
        w.endMessage(m);
    };

    private static void entry(MessageWriter w, int seq, int flags, int value) {
        int m = w.beginMessage(0x20, Netlink.NLM_F_MULTI | flags, seq);
        w.putU32(0);
        w.attrU32(1, value);
        w.endMessage(m);
    }

    private static void done(MessageWriter w, int seq, int flags) {
        int m = w.beginMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | flags, seq);
        w.putU32(0);
        w.endMessage(m);
    }

    private static DumpCollector<List<Integer>> collector() {
        return new DumpCollector<>() {
            final List<Integer> values = new ArrayList<>();

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

    private static <T> T dump(NetlinkConnection c, java.util.function.Supplier<DumpCollector<T>> s) {
        return c.dump(DUMP_REQUEST, s, "test dump", 4, null);
    }

    @Test
    void multipartDumpAcrossDatagramsUntilDone() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            int seq = sent.getFirst().sequence();
            MessageWriter w = new MessageWriter();
            entry(w, seq, 0, 1);
            entry(w, seq, 0, 2);
            k.reply(w);
            w.reset();
            entry(w, seq, 0, 3);
            done(w, seq, 0);
            k.reply(w);
        });
        assertThat(dump(new NetlinkConnection(kernel), NetlinkConnectionTest::collector)).containsExactly(1, 2, 3);
    }

    @Test
    void interruptedDumpIsRestartedWithAFreshCollector() {
        AtomicInteger attempts = new AtomicInteger();
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            int seq = sent.getFirst().sequence();
            MessageWriter w = new MessageWriter();
            if (attempts.incrementAndGet() == 1) {
                entry(w, seq, 0, 1);
                entry(w, seq, Netlink.NLM_F_DUMP_INTR, 99);
                done(w, seq, Netlink.NLM_F_DUMP_INTR);
            } else {
                entry(w, seq, 0, 1);
                entry(w, seq, 0, 2);
                done(w, seq, 0);
            }
            k.reply(w);
        });
        assertThat(dump(new NetlinkConnection(kernel), NetlinkConnectionTest::collector)).containsExactly(1, 2);
        assertThat(attempts).hasValue(2);
        assertThat(kernel.sent()).hasSize(2);
    }

    @Test
    void dumpThatIsAlwaysInterruptedGivesUp() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            done(w, sent.getFirst().sequence(), Netlink.NLM_F_DUMP_INTR);
            k.reply(w);
        });
        NetlinkConnection c = new NetlinkConnection(kernel);
        c.setMaxDumpAttempts(3);
        assertThatThrownBy(() -> dump(c, NetlinkConnectionTest::collector))
                .isInstanceOf(DumpInterruptedException.class)
                .hasMessageContaining("3 times");
        assertThat(kernel.sent()).hasSize(3);
    }

    /** A kernel that answers a dump with {@code datagrams} datagrams of {@code perDatagram} entries 0, 1, 2, ... */
    private static FakeKernel bigDump(int datagrams, int perDatagram, int interruptAt) {
        return new FakeKernel(bigDumpResponder(datagrams, perDatagram, interruptAt));
    }

    private static java.util.function.BiConsumer<List<NetlinkMessage>, FakeKernel> bigDumpResponder(int datagrams,
                                                                                                   int perDatagram,
                                                                                                   int interruptAt) {
        return (sent, k) -> {
            int seq = sent.getFirst().sequence();
            MessageWriter w = new MessageWriter();
            int value = 0;
            for (int d = 0; d < datagrams; d++) {
                w.reset();
                for (int i = 0; i < perDatagram; i++) {
                    entry(w, seq, value == interruptAt ? Netlink.NLM_F_DUMP_INTR : 0, value);
                    value++;
                }
                if (d == datagrams - 1) {
                    done(w, seq, 0);
                }
                k.reply(w);
            }
        };
    }

    private static List<Integer> upTo(int n) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(i);
        }
        return values;
    }

    @Test
    void largeDumpDecodedOnAHelperThreadKeepsEveryMessageInOrder() {
        // enough datagrams to start the helper and enough messages to fill several chunks
        FakeKernel kernel = bigDump(40, 1000, -1);
        NetlinkConnection c = new NetlinkConnection(kernel);
        c.setParallelDumps(true);
        List<String> threads = new ArrayList<>();
        List<Integer> values = c.dump(DUMP_REQUEST, () -> new DumpCollector<List<Integer>>() {
            final List<Integer> values = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage m) {
                values.add(m.attributes(4).require(1, "value").u32());
                String t = Thread.currentThread().getName();
                if (!threads.contains(t)) {
                    threads.add(t);
                }
            }

            @Override
            public List<Integer> result() {
                return values;
            }
        }, "test dump", 4, null);
        assertThat(values).isEqualTo(upTo(40_000));
        assertThat(threads).hasSize(2).contains(Thread.currentThread().getName());
        // the connection's chunks are reused by the next dump
        assertThat(dump(c, NetlinkConnectionTest::collector)).isEqualTo(upTo(40_000));
    }

    @Test
    void largeDumpGivesTheSameMessagesWithAndWithoutTheHelper() {
        NetlinkConnection serial = new NetlinkConnection(bigDump(12, 300, -1));
        serial.setParallelDumps(false);
        NetlinkConnection parallel = new NetlinkConnection(bigDump(12, 300, -1));
        parallel.setParallelDumps(true);
        assertThat(dump(parallel, NetlinkConnectionTest::collector)).isEqualTo(dump(serial, NetlinkConnectionTest::collector));
    }

    @Test
    void collectorFailureOnTheHelperThreadIsRethrown() {
        NetlinkConnection c = new NetlinkConnection(bigDump(20, 500, -1));
        c.setParallelDumps(true);
        assertThatThrownBy(() -> c.dump(DUMP_REQUEST, () -> new DumpCollector<Integer>() {
            int seen;

            @Override
            public void accept(NetlinkMessage m) {
                if (++seen == 7_000) {
                    throw new NetlinkDecodeException("bad message " + seen);
                }
            }

            @Override
            public Integer result() {
                return seen;
            }
        }, "test dump", 4, null)).isInstanceOf(NetlinkDecodeException.class).hasMessage("test dump: bad message 7000");
        // the connection still works afterwards
        assertThat(dump(new NetlinkConnection(bigDump(20, 500, -1)), NetlinkConnectionTest::collector)).hasSize(10_000);
    }

    @Test
    void largeDumpInterruptedLateIsRestartedWithAFreshCollector() {
        AtomicInteger attempts = new AtomicInteger();
        FakeKernel interruptedOnce = new FakeKernel((sent, k) -> {
            bigDumpResponder(10, 400, attempts.incrementAndGet() == 1 ? 3_000 : -1).accept(sent, k);
        });
        NetlinkConnection c = new NetlinkConnection(interruptedOnce);
        c.setParallelDumps(true);
        assertThat(dump(c, NetlinkConnectionTest::collector)).isEqualTo(upTo(4_000));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void repliesWithOtherSequenceNumbersAreIgnored() {
        List<NetlinkMessage> unsolicited = new ArrayList<>();
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            int seq = sent.getFirst().sequence();
            MessageWriter w = new MessageWriter();
            entry(w, seq - 1, 0, 666);   // a stale reply
            entry(w, 0, 0, 777);         // a notification
            entry(w, seq, 0, 5);
            entry(w, seq + 1, 0, 888);   // from the future
            done(w, seq, 0);
            k.reply(w);
        });
        NetlinkConnection c = new NetlinkConnection(kernel);
        c.setUnsolicitedHandler(m -> unsolicited.add(m.copy()));
        assertThat(dump(c, NetlinkConnectionTest::collector)).containsExactly(5);
        assertThat(unsolicited).hasSize(1);
        assertThat(unsolicited.getFirst().attributes(4).require(1, "v").u32()).isEqualTo(777);
    }

    @Test
    void errorReplyBecomesKernelExceptionNamingTheAttribute() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            FakeKernel.writeError(w, sent.getFirst(), 17, "exists already", 20);
            k.reply(w);
        });
        NetlinkConnection c = new NetlinkConnection(kernel);
        assertThatThrownBy(() -> c.execute((w, seq) -> {
            int m = w.beginMessage(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq);
            w.putU32(0);
            w.attrString(3, "name");
            w.endMessage(m);
        }, "add thing", 4, path -> "THING_NAME", null))
                .isInstanceOf(NetlinkKernelException.class)
                .hasMessage("add thing: EEXIST (File exists): kernel says \"exists already\" at THING_NAME");
    }

    @Test
    void dumpErrorReplyNamesTheAttributeItPointsAt() {
        FakeKernel kernel = new FakeKernel((sent, k) -> k.reply(w -> NetlinkReplies.error(w, sent.getFirst(),
                Errno.ENOENT, NetlinkReplies.ExtendedAck.at(Netlink.NLMSG_HDRLEN + 4 + 8))));
        NetlinkConnection c = new NetlinkConnection(kernel);
        RequestWriter request = (w, seq) -> {
            int m = w.beginMessage(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP | Netlink.NLM_F_ACK, seq);
            w.putU32(0);
            w.attrString(1, "t");
            w.attrString(2, "nosuch");
            w.endMessage(m);
        };
        assertThatThrownBy(() -> c.dump(request, NetlinkConnectionTest::collector, "list set inet t nosuch", 4,
                path -> path.types()[0] == 2 ? "SET_NAME" : "OTHER"))
                .isInstanceOfSatisfying(NetlinkKernelException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.attribute()).isEqualTo("SET_NAME");
                })
                .hasMessage("list set inet t nosuch: ENOENT (No such file or directory) at SET_NAME");
    }

    @Test
    void dumpThatFailsPartWayCarriesTheKernelsTextFromItsDone() {
        FakeKernel kernel = new FakeKernel((sent, k) -> k.reply(w -> {
            entry(w, sent.getFirst().sequence(), 0, 1);
            NetlinkReplies.doneWithError(w, sent.getFirst(), Errno.EINVAL, "Invalid header for dump");
        }));
        NetlinkConnection c = new NetlinkConnection(kernel);
        assertThatThrownBy(() -> dump(c, NetlinkConnectionTest::collector))
                .isInstanceOfSatisfying(NetlinkKernelException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                    assertThat(e.kernelMessage()).isEqualTo("Invalid header for dump");
                    assertThat(e.attribute()).isNull();
                })
                .hasMessage("test dump: EINVAL (Invalid argument): kernel says \"Invalid header for dump\"");
    }

    @Test
    void failedSystemCallNamesTheRequest() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            throw new SystemCallException("sendmsg(NETLINK_TEST)", Errno.ENOBUFS.number());
        });
        assertThatThrownBy(() -> dump(new NetlinkConnection(kernel), NetlinkConnectionTest::collector))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.call()).isEqualTo("sendmsg(NETLINK_TEST)");
                    assertThat(e.errno()).isEqualTo(Errno.ENOBUFS);
                })
                .hasMessage("test dump: sendmsg(NETLINK_TEST): ENOBUFS (No buffer space available)");
    }

    @Test
    void executeReturnsRepliesBeforeTheAck() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            entry(w, sent.getFirst().sequence(), 0, 42);
            FakeKernel.writeError(w, sent.getFirst(), 0, null, -1);
            k.reply(w);
        });
        List<Integer> got = new ArrayList<>();
        new NetlinkConnection(kernel).execute(DUMP_REQUEST, "get", 4, null,
                m -> got.add(m.attributes(4).require(1, "v").u32()));
        assertThat(got).containsExactly(42);
    }

    @Test
    void malformedReplyIsADecodeError() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            entry(w, sent.getFirst().sequence(), 0, 1);
            byte[] bytes = w.toByteArray();
            bytes[0] = (byte) 200; // nlmsg_len beyond the datagram
            k.reply(bytes);
        });
        assertThatThrownBy(() -> dump(new NetlinkConnection(kernel), NetlinkConnectionTest::collector))
                .isInstanceOf(NetlinkDecodeException.class)
                .hasMessageStartingWith("test dump: ")
                .hasCauseInstanceOf(NetlinkDecodeException.class);
    }

    @Test
    void doneCarryingAnErrorFailsTheDump() {
        FakeKernel kernel = new FakeKernel((sent, k) -> {
            MessageWriter w = new MessageWriter();
            int m = w.beginMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, sent.getFirst().sequence());
            w.putU32(-95);
            w.endMessage(m);
            k.reply(w);
        });
        assertThatThrownBy(() -> dump(new NetlinkConnection(kernel), NetlinkConnectionTest::collector))
                .isInstanceOf(NetlinkKernelException.class)
                .hasMessageContaining("EOPNOTSUPP");
    }

    @Test
    void sequenceNumbersSkipZero() {
        NetlinkConnection c = new NetlinkConnection(new FakeKernel((s, k) -> { }));
        int first = c.reserveSequences(5);
        assertThat(first).isNotZero();
        assertThat(c.nextSequence()).isEqualTo(first + 5);
    }

    @Test
    void parallelDumpsAreOffUntilAskedFor() {
        NetlinkConnection c = new NetlinkConnection(bigDump(12, 300, -1));
        assertThat(c.parallelDumps()).isFalse();
        List<String> threads = new ArrayList<>();
        c.dump(DUMP_REQUEST, () -> threadRecorder(threads), "test dump", 4, null);
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void largeDumpRunsOnTheExecutorTheCallerGives() {
        NetlinkConnection c = new NetlinkConnection(bigDump(12, 300, -1));
        AtomicInteger tasks = new AtomicInteger();
        c.setDumpExecutor(task -> {
            tasks.incrementAndGet();
            Thread.ofPlatform().name("caller's executor").start(task);
        });
        List<String> threads = new ArrayList<>();
        c.dump(DUMP_REQUEST, () -> threadRecorder(threads), "test dump", 4, null);
        assertThat(tasks).hasValue(1);
        assertThat(threads).containsExactly(Thread.currentThread().getName(), "caller's executor");
    }

    @Test
    void anExecutorThatRunsOnTheCallerOrRefusesLeavesTheDumpSerial() {
        NetlinkConnection callerRuns = new NetlinkConnection(bigDump(12, 300, -1));
        callerRuns.setDumpExecutor(Runnable::run);
        assertThat(dump(callerRuns, NetlinkConnectionTest::collector)).isEqualTo(upTo(3_600));
        NetlinkConnection refusing = new NetlinkConnection(bigDump(12, 300, -1));
        refusing.setDumpExecutor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        });
        assertThat(dump(refusing, NetlinkConnectionTest::collector)).isEqualTo(upTo(3_600));
    }

    @Test
    void theRequestBufferIsOnlyReachableInsideAnExclusiveExchange() {
        NetlinkConnection c = new NetlinkConnection(new FakeKernel((s, k) -> { }));
        assertThatThrownBy(c::writer).isInstanceOf(IllegalStateException.class).hasMessageContaining("exclusive");
        assertThat(c.exclusive(() -> c.writer().reset().position())).isZero();
    }

    @Test
    void aClosedConnectionRefusesExchangesAndClosesItsTransportOnce() {
        AtomicInteger closes = new AtomicInteger();
        NetlinkTransport kernel = new NetlinkTransport() {
            @Override public void send(java.lang.foreign.MemorySegment buffer, long length) { }
            @Override public int receive(java.lang.foreign.MemorySegment buffer) { return 0; }
            @Override public int receiveNow(java.lang.foreign.MemorySegment buffer) { return -1; }
            @Override public void ensureSendCapacity(int bytes) { }
            @Override public void ensureReceiveCapacity(int bytes) { }
            @Override public void close() { closes.incrementAndGet(); }
        };
        NetlinkConnection c = new NetlinkConnection(kernel);
        c.close();
        c.close();
        assertThat(closes).hasValue(1);
        assertThatThrownBy(() -> dump(c, NetlinkConnectionTest::collector))
                .isInstanceOf(IllegalStateException.class).hasMessage("netlink connection is closed");
    }

    private static DumpCollector<List<String>> threadRecorder(List<String> threads) {
        return new DumpCollector<>() {
            @Override
            public void accept(NetlinkMessage m) {
                String t = Thread.currentThread().getName();
                if (!threads.contains(t)) {
                    threads.add(t);
                }
            }

            @Override
            public List<String> result() {
                return threads;
            }
        };
    }

    @Test
    void theConnectionFreesTheMemoryItSentFromWhenItCloses() {
        FakeKernel kernel = new FakeKernel((sent, k) -> { });
        List<MemorySegment> sentFrom = new ArrayList<>();
        NetlinkTransport recording = new NetlinkTransport() {
            @Override public void send(MemorySegment buffer, long length) {
                sentFrom.add(buffer);
                kernel.send(buffer, length);
            }
            @Override public int receive(MemorySegment buffer) { return kernel.receive(buffer); }
            @Override public int receiveNow(MemorySegment buffer) { return kernel.receiveNow(buffer); }
            @Override public void ensureSendCapacity(int bytes) { kernel.ensureSendCapacity(bytes); }
            @Override public void ensureReceiveCapacity(int bytes) { kernel.ensureReceiveCapacity(bytes); }
            @Override public void close() { kernel.close(); }
        };
        NetlinkConnection c = new NetlinkConnection(recording);
        c.exclusive(() -> {
            MessageWriter w = c.writer();
            DUMP_REQUEST.write(w, 1);
            c.send(w);
            return null;
        });
        assertThat(kernel.sent()).hasSize(1);
        assertThat(sentFrom.getFirst().scope().isAlive()).isTrue();
        c.close();
        assertThat(sentFrom.getFirst().scope().isAlive()).as("the request's native copy after close()").isFalse();
    }
}
