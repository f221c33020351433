package nftlink.bench;

import nftlink.netlink.DumpCollector;
import nftlink.netlink.MessageCursor;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkError;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetlinkSocket;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Nftables;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.Rule;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static nftlink.netlink.Netlink.NLMSG_DONE;
import static nftlink.netlink.Netlink.NLMSG_ERROR;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;
import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;

/**
 * Listing a rule set of {@code rules} rules ({@code tcp dport 22 accept} in one
 * chain), from the kernel's floor up to nft text:
 * <ul>
 *   <li>{@link #floorReceiveOnly}: the floor. The rule dump's request, encoded once,
 *       sent from a socket of its own, and every datagram received until
 *       {@code NLMSG_DONE}; only the message headers are read. This is what the
 *       kernel costs (it builds the dump inside each {@code recvmsg}) and what any
 *       program listing the rules must pay.</li>
 *   <li>{@link #nftlinkDumpOnly}: the same dump through {@link NetlinkConnection#dump}:
 *       messages checked and walked, nothing decoded.</li>
 *   <li>{@link #nftlinkDecode}: decoding into the kernel-level model ({@code listRules}).</li>
 *   <li>{@link #nftlinkDecodeDebugRender}: plus the kernel-level debug rendering
 *       ({@link Rule#toDebugString()}, what {@code nft --debug=netlink} prints).</li>
 *   <li>{@link #nftlinkListRulesetText}: the whole rule set read and printed as
 *       {@code nft list ruleset} prints it (tables, chains, sets, objects; rules
 *       delinearized into the rule language).</li>
 * </ul>
 * The peers parse and render nft text: {@code nft list ruleset} as a process
 * (output to /dev/null) and in-process through libnftables (output buffered).
 *
 * <p>When the system property {@code nftlink.bench.stats} names a directory, the
 * set-up writes {@code list-dump-RULES.properties} there: how many datagrams
 * ({@code recvmsg} calls) and bytes one dump takes and the largest datagram, for
 * the report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListBenchmark {

    /** Rules in the rule set. */
    @Param({"50000"})
    public int rules;

    BenchNamespace ns;
    Nftables nft;
    ReceiveOnly floor;
    LibNftables lib;
    MemorySegment libCommand;
    NftCli cli;

    @Setup(Level.Trial)
    public void setup() {
        ns = BenchNamespace.create();
        ns.nftScript(Fixtures.TABLE_SCRIPT);
        nft = Nftables.open(ns.namespace());
        Fixtures.fillChain(nft, rules);
        lib = LibNftables.open(ns, "inet t");
        libCommand = lib.command("list ruleset");
        cli = new NftCli(ns);
        floor = new ReceiveOnly(NetlinkSocket.open(NetlinkProtocol.NETFILTER, ns.namespace()));
        long[] counts = floor.dump();
        if (counts[2] != rules) {
            throw new IllegalStateException("the floor's dump saw " + counts[2] + " rules, not " + rules);
        }
        String dir = System.getProperty("nftlink.bench.stats");
        if (dir != null) {
            try {
                Files.createDirectories(Path.of(dir));
                Files.writeString(Path.of(dir, "list-dump-" + rules + ".properties"),
                        "datagrams=" + counts[0] + "\nbytes=" + counts[1] + "\nmessages=" + counts[2]
                                + "\nlargest=" + counts[3] + "\nbuffer=" + ReceiveOnly.BUFFER_BYTES + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Fixtures.closeAll(floor, lib, nft, ns);
    }

    /** Counts the messages and bytes of a rule dump. */
    static final class Counter implements DumpCollector<long[]> {
        final long[] counts = new long[2];

        @Override
        public void accept(NetlinkMessage message) {
            counts[0]++;
            counts[1] += message.length();
        }

        @Override
        public long[] result() {
            return counts;
        }
    }

    /**
     * The rule dump at its cheapest: a request encoded once, sent from a socket of
     * its own, and the datagrams received into one native buffer of the library's
     * receive-buffer size until {@code NLMSG_DONE}, reading only message headers.
     */
    static final class ReceiveOnly implements AutoCloseable {
        static final int BUFFER_BYTES = NetlinkConnection.RECEIVE_BUFFER_BYTES;
        private static final int SEQUENCE = 1;

        private final NetlinkSocket socket;
        private final MessageWriter request = new MessageWriter();
        private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER_BYTES, 8);
        private final long[] counts = new long[4];

        ReceiveOnly(NetlinkSocket socket) {
            this.socket = socket;
            // no NLM_F_ACK: the dump ends with NLMSG_DONE and nothing follows it
            int m = Nfnetlink.beginMessage(request, Nfnetlink.messageType(Nfnetlink.NFNL_SUBSYS_NFTABLES, NfTablesUapi.NFT_MSG_GETRULE),
                    NLM_F_REQUEST | NLM_F_DUMP, SEQUENCE, NfTablesUapi.NFPROTO_UNSPEC, 0);
            request.endMessage(m);
        }

        /** One dump; returns {datagrams, bytes, messages before NLMSG_DONE, largest datagram} (reused array). */
        long[] dump() {
            long datagrams = 0;
            long bytes = 0;
            long messages = 0;
            long largest = 0;
            socket.send(request.segment(), request.position());
            while (true) {
                int n = socket.receive(buffer);
                datagrams++;
                bytes += n;
                largest = Math.max(largest, n);
                long position = 0;
                while (n - position >= NLMSG_HDRLEN) {
                    int length = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, position);
                    int type = buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, position + 4) & 0xffff;
                    if (type == NLMSG_DONE) {
                        counts[0] = datagrams;
                        counts[1] = bytes;
                        counts[2] = messages;
                        counts[3] = largest;
                        return counts;
                    }
                    if (type == NLMSG_ERROR) {
                        throw new IllegalStateException("the rule dump failed: " + NetlinkError.decode(view(position, length)));
                    }
                    if (length < NLMSG_HDRLEN) {
                        throw new IllegalStateException("malformed message in the rule dump");
                    }
                    messages++;
                    position += Netlink.align(length);
                }
            }
        }

        private NetlinkMessage view(long position, int length) {
            MessageCursor cursor = new MessageCursor().reset(buffer.asSlice(position, length), length);
            cursor.next();
            return cursor.message();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** The floor: the rule dump received, nothing decoded (see {@link ReceiveOnly}). */
    @Benchmark
    public long[] floorReceiveOnly() {
        return floor.dump();
    }

    @Benchmark
    public long[] nftlinkDumpOnly() {
        return nft.connection().dump((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(Nfnetlink.NFNL_SUBSYS_NFTABLES, NfTablesUapi.NFT_MSG_GETRULE),
                    NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, seq, NfTablesUapi.NFPROTO_UNSPEC, 0);
            w.endMessage(m);
        }, Counter::new, "list rules", Nfnetlink.NFGENMSG_LEN, null);
    }

    @Benchmark
    public List<Rule> nftlinkDecode() {
        return nft.listRules();
    }

    @Benchmark
    public long nftlinkDecodeDebugRender() {
        long chars = 0;
        for (Rule r : nft.listRules()) {
            chars += r.toDebugString().length();
        }
        return chars;
    }

    /** The whole rule set read and printed as {@code nft list ruleset} prints it: what the peers below do. */
    @Benchmark
    public int nftlinkListRulesetText() {
        return RulesetListing.read(nft).render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT).length();
    }

    @Benchmark
    public long libnftables() {
        return lib.run(libCommand);
    }

    @Benchmark
    public void nftList() {
        cli.command(List.of("list", "ruleset"));
    }
}
