package nftlink.examples.daemon;

import nftlink.cgroup.CgroupHierarchy;
import nftlink.cgroup.CgroupPath;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.lang.RuleListing;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code nftlink demo}: the daemon at work in a throwaway network namespace and a
 * throwaway cgroup subtree of the host's cgroup-v2 hierarchy (both removed at the
 * end). It starts the daemon's logic on an example policy, creates a cgroup
 * "unit", shows its rule appearing (nft syntax, cgroup ID, milliseconds), shows a
 * process in that cgroup allowed to connect to a loopback service and a process
 * in another cgroup rejected, removes the cgroup and shows the rule gone.
 */
public final class Demo {

    /** How long to wait for the daemon or a client process at most. */
    static final long WAIT_SECONDS = 10;

    /**
     * What the demo saw.
     *
     * @param ruleText       the rule the daemon added, as nft lists it ({@code null} if none appeared)
     * @param ruleHandle     its handle
     * @param cgroupId       the ID of the unit's cgroup
     * @param appearedMillis milliseconds from creating the cgroup to the committed rule
     * @param allowed        whether the process in the unit's cgroup connected
     * @param rejected       whether the process outside it was refused
     * @param removed        whether the rule was gone after the cgroup was removed
     * @param removedMillis  milliseconds from removing the cgroup to the rule's deletion
     * @param cleanedUp      whether the cgroup subtree is gone at the end
     */
    public record Report(String ruleText, long ruleHandle, long cgroupId, double appearedMillis, boolean allowed,
                         boolean rejected, boolean removed, double removedMillis, boolean cleanedUp) {
        /** Whether everything happened as it should. */
        public boolean ok() {
            return ruleText != null && allowed && rejected && removed && cleanedUp;
        }
    }

    private Demo() {
    }

    /** The one line to print when the demo cannot run for lack of privileges, or empty when it can. */
    public static Optional<String> missingPrivileges() {
        long caps;
        try {
            caps = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                    .map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16)).findFirst().orElse(0L);
        } catch (IOException | NumberFormatException e) {
            caps = 0;
        }
        boolean netAdmin = (caps & (1L << 12)) != 0;
        boolean sysAdmin = (caps & (1L << 21)) != 0;
        if (netAdmin && sysAdmin) {
            return Optional.empty();
        }
        return Optional.of("nftlink demo needs root (CAP_SYS_ADMIN for a throwaway network namespace and cgroups, "
                + "CAP_NET_ADMIN for its rule set); run it as root, e.g. sudo ./nftlink demo");
    }

    /** Runs the demo, narrating on {@code out}; cleans up whatever happens. */
    public static Report run(PrintStream out) throws IOException, InterruptedException {
        long start = System.nanoTime();
        CgroupHierarchy hierarchy = CgroupHierarchy.discover();
        CgroupPath subtree = CgroupPath.of("nftlink-demo-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
        Path policyFile = Files.createTempFile("nftlink-demo-", ".conf");
        Files.createDirectory(hierarchy.directory(subtree));
        Steps steps = new Steps(out, hierarchy, subtree);
        try (NetworkNamespace ns = NetworkNamespace.createAnonymous();
             Nftables observer = Nftables.open(ns)) {
            String nsPath = "/proc/" + ProcessHandle.current().pid() + "/fd/" + ns.fileDescriptor();
            Client up = Client.run(List.of("nsenter", "--net=" + nsPath, "ip", "link", "set", "lo", "up"));
            if (up.exit() != 0) {
                throw new IllegalStateException("cannot bring up lo in the demo namespace: " + up.output());
            }
            try (ServerSocket server = ns.call(() -> new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1")))) {
                Thread.ofPlatform().daemon(true).name("nftlink-demo-service").start(() -> serve(server));
                int port = server.getLocalPort();
                String policy = policy(steps.unit, port);
                Files.writeString(policyFile, policy, StandardCharsets.UTF_8);
                out.println("# a throwaway network namespace and cgroup subtree /" + subtree + " under "
                        + hierarchy.mountPoint() + "; nothing else on the host is touched");
                out.println("# a service listens on 127.0.0.1:" + port + " in the namespace");
                out.println("# the policy file (" + policyFile + "):");
                policy.lines().forEach(l -> out.println("    " + l));
                Daemon.Config config = Daemon.Config.of(policyFile).withLoad(true).in(ns).watching(subtree);
                try (Daemon daemon = Daemon.open(config, line -> {
                    steps.changes.add(System.nanoTime());
                    out.println("  nftlinkd: " + line);
                })) {
                    out.println("# nftlinkd --load starts: static rule set in one transaction, then it watches /" + subtree);
                    daemon.start();
                    steps.changes.clear();
                    steps.unitStarts(daemon, observer);
                    steps.connect(nsPath, port);
                    steps.unitStops(observer);
                }
            }
        } finally {
            removeTree(hierarchy.directory(subtree));
            Files.deleteIfExists(policyFile);
        }
        boolean cleanedUp = !Files.exists(hierarchy.directory(subtree));
        out.printf("# cleaned up: namespace, cgroup subtree and policy file removed; total %.0f ms%n",
                (System.nanoTime() - start) / 1e6);
        return new Report(steps.ruleText, steps.handle, steps.cgroupId, steps.appeared, steps.allowed, steps.rejected,
                steps.removed, steps.gone, cleanedUp);
    }

    /** The demo's three acts, each narrated, with what they found. */
    private static final class Steps {
        final PrintStream out;
        final CgroupHierarchy hierarchy;
        final CgroupPath unit;
        final CgroupPath other;
        final BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        String ruleText;
        long handle = -1;
        long cgroupId = -1;
        double appeared = -1;
        double gone = -1;
        boolean allowed;
        boolean rejected;
        boolean removed;

        Steps(PrintStream out, CgroupHierarchy hierarchy, CgroupPath subtree) {
            this.out = out;
            this.hierarchy = hierarchy;
            this.unit = subtree.child("mail.scope");
            this.other = subtree.child("other.scope");
        }

        void unitStarts(Daemon daemon, Nftables observer) throws IOException, InterruptedException {
            out.println("# a unit starts: mkdir /" + unit);
            long t0 = System.nanoTime();
            Files.createDirectory(hierarchy.directory(unit));
            Files.createDirectory(hierarchy.directory(other));
            Long t1 = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            cgroupId = daemon.resolver().id(unit);
            Optional<Rule> rule = observer.listRules(Family.INET, "demo", "apps").stream().findFirst();
            if (t1 == null || rule.isEmpty()) {
                out.println("# NO RULE appeared within " + WAIT_SECONDS + " s");
                return;
            }
            appeared = (t1 - t0) / 1e6;
            handle = rule.get().handle();
            List<RuleSpec> specs = RuleListing.list(observer, Family.INET, "demo", "apps");
            ruleText = RuleRenderer.DEFAULT.render(specs.getFirst());
            // one write: the daemon's log lines come from another thread and must not split these two
            out.print(String.format("# the rule appeared %.1f ms after the mkdir (cgroup ID %d, handle %d):%n",
                    appeared, cgroupId, handle) + "    add rule inet demo apps " + ruleText + System.lineSeparator());
        }

        void connect(String nsPath, int port) throws IOException, InterruptedException {
            Client in = Demo.connect(hierarchy, unit, nsPath, port);
            allowed = in.exit() == 0;
            out.println("# a process in /" + unit + " connects to 127.0.0.1:" + port + ": "
                    + (allowed ? "allowed" : "FAILED (" + in.output().strip() + ")"));
            Client elsewhere = Demo.connect(hierarchy, other, nsPath, port);
            rejected = elsewhere.exit() != 0 && elsewhere.output().contains("Connection refused");
            out.println("# a process in /" + other + " connects to 127.0.0.1:" + port + ": "
                    + (rejected ? "rejected (" + elsewhere.output().strip().lines().findFirst().orElse("").replaceAll(".*: ", "") + ")"
                    : "NOT REJECTED (exit " + elsewhere.exit() + " " + elsewhere.output().strip() + ")"));
        }

        void unitStops(Nftables observer) throws IOException, InterruptedException {
            changes.clear();
            out.println("# the unit stops: rmdir /" + unit);
            long t2 = System.nanoTime();
            Files.delete(hierarchy.directory(unit));
            Long t3 = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            removed = t3 != null && observer.listRules(Family.INET, "demo", "apps").isEmpty();
            if (removed) {
                gone = (t3 - t2) / 1e6;
                out.printf("# the rule is gone %.1f ms after the rmdir; chain apps is empty%n", gone);
            } else {
                out.println("# the rule is STILL THERE after " + WAIT_SECONDS + " s");
            }
        }
    }

    /** The example policy: a fail-closed static rule set and one entry for the unit. */
    static String policy(CgroupPath unit, int port) {
        return """
                table inet demo {
                	chain out {
                		type filter hook output priority 0; policy accept;
                		tcp dport %2$d jump apps
                		tcp dport %2$d reject
                	}
                	chain apps {
                	}
                }
                # %3$s :: add rule inet demo apps socket cgroupv2 level %4$d "%1$s" \\
                #     tcp dport %2$d accept
                """.formatted(unit, port, unit.name(), unit.level());
    }

    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A finished process: its exit status and output. */
    record Client(int exit, String output) {
        static Client run(List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Client(-1, "timed out after " + WAIT_SECONDS + " s");
            }
            return new Client(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Connects to the service from a new process that first moves itself into
     * {@code cgroup}, then enters the namespace, so that the socket it opens
     * belongs to that cgroup.
     */
    static Client connect(CgroupHierarchy hierarchy, CgroupPath cgroup, String nsPath, int port)
            throws IOException, InterruptedException {
        Path procs = hierarchy.directory(cgroup).resolve("cgroup.procs");
        return Client.run(List.of("sh", "-c", "echo $$ > " + procs + " && exec nsenter --net=" + nsPath
                + " bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port + "' 2>&1"));
    }

    private static void removeTree(Path top) {
        if (!Files.isDirectory(top)) {
            return;
        }
        try (var s = Files.walk(top)) {
            List<Path> dirs = new ArrayList<>(s.filter(Files::isDirectory).toList());
            dirs.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path d : dirs) {
                Files.deleteIfExists(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
