package nftlink.examples.daemon;

import nftlink.cgroup.Binding;
import nftlink.cgroup.BindingDiff;
import nftlink.cgroup.Cgroup;
import nftlink.cgroup.CgroupEventSource;
import nftlink.cgroup.CgroupHierarchy;
import nftlink.cgroup.CgroupPath;
import nftlink.cgroup.CgroupResolver;
import nftlink.cgroup.CgroupTreeWatcher;
import nftlink.cgroup.DesiredState;
import nftlink.cgroup.JournalUnitSource;
import nftlink.cgroup.NftablesMonitor;
import nftlink.cgroup.ParserCgroups;
import nftlink.cgroup.Policy;
import nftlink.cgroup.PolicyEntry;
import nftlink.cgroup.Reconciler;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.SetLookup;
import nftlink.nftables.parse.SourceLocation;
import nftlink.netlink.internal.RecordCopy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The daemon's logic, without signals or a command line (those are
 * {@link Nftlinkd}'s): reads a {@link PolicyFile}, optionally loads its static
 * rule set, and keeps one rule or set element per matching live cgroup through
 * the cgroup module's {@link Reconciler} (cgroupfs watcher, nftables monitor,
 * optionally the journal). {@link #reload()} applies a changed policy as one
 * transaction; {@link #flush}, {@link #dryRun} and {@link #status} are the
 * one-shot operations.
 *
 * <p>Everything that can be wrong with a policy (syntax, a table, chain or set
 * that does not exist) is found before the first change.
 */
public final class Daemon implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    /**
     * How to run.
     *
     * @param policies   the policy files, and directories whose {@code *.conf} files are policies, in order
     * @param load       apply the files' static rule set as one transaction at start
     * @param cgroupRoot the cgroup-v2 mount point, or {@code null} to find it in the mount table
     * @param watchRoot  the subtree to watch, or {@code null} for the whole hierarchy
     * @param journal    also follow the systemd journal for units starting and stopping
     * @param namespace  the network namespace of the rule set, or {@code null} for the caller's
     * @param dnsServer  the name server for host sets, or {@code null} for resolv.conf's
     * @param dnsFloor   the shortest timeout of a DNS-fed element
     * @param dnsCeiling the longest timeout of a DNS-fed element
     * @param allowEmptyReload whether a reload may replace a policy by an empty one (removing every rule
     *                   and element the daemon made); refused by default, as an empty file is more
     *                   often a mistake than a wish
     * @param flushChains flush every chain a rule entry goes into once at start (scnpm's {@code --flush}),
     *                   for untagged rules an earlier tool left there
     * @param resolveHostnames resolve host names in rules when each rule is compiled, as nft does
     */
    public record Config(List<Path> policies, boolean load, Path cgroupRoot, CgroupPath watchRoot, boolean journal,
                         NetworkNamespace namespace, InetSocketAddress dnsServer, Duration dnsFloor, Duration dnsCeiling,
                         boolean allowEmptyReload, boolean flushChains, boolean resolveHostnames) {
        public Config {
            policies = List.copyOf(policies);
            if (policies.isEmpty()) {
                throw new IllegalArgumentException("no policy file given");
            }
            dnsFloor = dnsFloor == null ? DnsSets.Limits.DEFAULT.floor() : dnsFloor;
            dnsCeiling = dnsCeiling == null ? DnsSets.Limits.DEFAULT.ceiling() : dnsCeiling;
            new DnsSets.Limits(dnsFloor, dnsCeiling);
        }

        /** The policy file alone, in the caller's namespace, watching the whole hierarchy. */
        public static Config of(Path policyFile) {
            return new Config(List.of(policyFile), false, null, null, false, null, null, null, null, false, false, false);
        }

        /** The first policy file or directory, the one messages name for the whole policy. */
        public Path policyFile() {
            return policies.getFirst();
        }

        /** This configuration, allowing a reload to an empty policy or not. */
        public Config withEmptyReload(boolean allow) {
            return copy().set("allowEmptyReload", allow).record();
        }

        /** This configuration with {@code --load}. */
        public Config withLoad(boolean newLoad) {
            return copy().set("load", newLoad).record();
        }

        /** This configuration in {@code ns}. */
        public Config in(NetworkNamespace ns) {
            return copy().set("namespace", ns).record();
        }

        /** This configuration watching only {@code root}. */
        public Config watching(CgroupPath root) {
            return copy().set("watchRoot", root).record();
        }

        /** This configuration with another cgroup-v2 mount point. */
        public Config withCgroupRoot(Path mount) {
            return copy().set("cgroupRoot", mount).record();
        }

        /** This configuration asking {@code server} (in the rule set's namespace), with element timeouts in [floor, ceiling]. */
        public Config withDns(InetSocketAddress server, Duration floor, Duration ceiling) {
            return copy().set("dnsServer", server).set("dnsFloor", floor).set("dnsCeiling", ceiling).record();
        }

        /** This configuration flushing the entries' chains at start, or not. */
        public Config withFlushChains(boolean flush) {
            return copy().set("flushChains", flush).record();
        }

        /** A copy of this configuration, to change some components of. */
        private RecordCopy<Config> copy() {
            return RecordCopy.of(MethodHandles.lookup(), this);
        }
    }

    /** A policy that failed to load; its message is one or more lines, the first naming file:line:column. */
    public static final class PolicyException extends RuntimeException {
        /** @param message what is wrong, and where */
        public PolicyException(String message) {
            super(message);
        }
    }

    private final Config config;
    private final CgroupResolver resolver;
    private final Nftables nft;
    private final NetworkNamespace namespace;
    private final Consumer<String> log;
    private volatile PolicyFile policy;
    private PolicyStore store;
    private StaticRuleset statics;
    private Reconciler reconciler;
    private DnsSets dnsSets;
    private boolean closed;
    private volatile Runnable afterCommit = () -> { };
    private final RepairLog repairLog;

    private Daemon(Config config, CgroupResolver resolver, Nftables nft, NetworkNamespace namespace, Consumer<String> log) {
        this.config = config;
        this.resolver = resolver;
        this.nft = nft;
        this.namespace = namespace;
        this.log = log;
        this.repairLog = new RepairLog(log, System::nanoTime);
    }

    /**
     * Opens what the daemon needs (cgroup hierarchy, netlink) without changing
     * anything.
     *
     * @param log receives one line per change
     * @throws PolicyException when the cgroup hierarchy is missing
     */
    public static Daemon open(Config config, Consumer<String> log) {
        CgroupHierarchy hierarchy;
        try {
            hierarchy = config.cgroupRoot() == null ? CgroupHierarchy.discover() : CgroupHierarchy.at(config.cgroupRoot());
        } catch (RuntimeException e) {
            throw new PolicyException("no cgroup-v2 hierarchy: " + e.getMessage());
        }
        CgroupResolver resolver = new CgroupResolver(hierarchy);
        NetworkNamespace ns = config.namespace() == null ? NetworkNamespace.current() : config.namespace();
        Nftables nft = Nftables.open(ns);
        try {
            nft.generation();
        } catch (RuntimeException e) {
            nft.close();
            throw e;
        }
        return new Daemon(config, resolver, nft, ns, log);
    }

    /** The resolver over the hierarchy in use. */
    public CgroupResolver resolver() {
        return resolver;
    }

    /** The policy files and directories, as configured. */
    public List<Path> policies() {
        return config.policies();
    }

    /** The policy now in force (after {@link #start()}). */
    public PolicyFile policy() {
        return policy;
    }

    private NftParser parser() {
        return NftParser.standard().withCgroupResolver(ParserCgroups.of(resolver)).withSetLookup(SetLookup.inKernel(nft))
                .withHostnameResolution(config.resolveHostnames());
    }

    /** Reads and checks the policy against the kernel (and the static rule set when loading it). */
    private PolicyReader.Loaded read(boolean load) {
        return new PolicyReader(nft, parser(), config.policies(), config.resolveHostnames()).read(load);
    }

    /**
     * Reads the policy, loads the static rule set (with {@code --load}), and starts
     * the reconciler: it adopts what a previous run left, converges in one
     * transaction, and from then on follows the cgroups.
     *
     * @throws PolicyException for an error in the policy; nothing was changed
     */
    public synchronized void start() {
        PolicyReader.Loaded loaded = read(config.load());
        StaticRuleset statics = staticsOf(loaded);
        if (config.flushChains()) {
            flushChains(loaded.policy());
        }
        if (statics != null) {
            commitStatic(loaded, statics);
            log.accept("loaded the static rule set of " + config.policyFile() + " (" + loaded.script().operations().size()
                    + " operations, one transaction)");
        }
        startReconciler(loaded.policy(), statics);
    }

    /** scnpm's {@code --flush}: empties each chain a rule entry goes into, in one transaction. */
    private void flushChains(PolicyFile file) {
        Set<String> live = new HashSet<>();
        nft.listChains().forEach(c -> live.add(c.family().nftName() + " " + c.table() + " " + c.name()));
        List<NftOperation> ops = new ArrayList<>();
        Set<String> flushed = new LinkedHashSet<>();
        for (PolicyFile.Entry e : file.entries()) {
            if (e instanceof PolicyFile.RuleEntry r) {
                String chain = r.family().nftName() + " " + r.table() + " " + r.chain();
                if (live.contains(chain) && flushed.add(chain)) {
                    ops.add(new NftOperation.FlushChain(r.family(), r.table(), r.chain()));
                }
            }
        }
        if (!ops.isEmpty()) {
            nft.transaction().addAll(ops).commit();
            log.accept("flushed chain(s) " + String.join(", ", flushed) + " (--flush)");
        }
    }

    private static StaticRuleset staticsOf(PolicyReader.Loaded loaded) {
        return loaded.script() == null || loaded.script().isEmpty() ? null : new StaticRuleset(loaded.script());
    }

    private void startReconciler(PolicyFile next, StaticRuleset nextStatics) {
        PolicyStore nextStore = new PolicyStore(nft, parser(), next, resolver::path, c -> log.accept(c.toString()),
                nextStatics, repairLog);
        List<CgroupEventSource> sources = new ArrayList<>();
        sources.add(config.watchRoot() == null ? new CgroupTreeWatcher(resolver) : new CgroupTreeWatcher(resolver, config.watchRoot()));
        Set<NftablesMonitor.TableName> tables = new LinkedHashSet<>();
        next.entries().forEach(e -> tables.add(new NftablesMonitor.TableName(e.family(), e.table())));
        if (nextStatics != null) {
            tables.addAll(nextStatics.tables());
        }
        if (!tables.isEmpty()) {
            sources.add(new NftablesMonitor(namespace, tables, 1 << 20, true));
        }
        if (config.journal()) {
            sources.add(new JournalUnitSource(resolver));
        }
        Reconciler next2 = new Reconciler(new DesiredState(policyOf(next)), nextStore, this::scan, sources,
                diff -> afterCommit.run());
        next2.start();
        policy = next;
        statics = nextStatics;
        store = nextStore;
        reconciler = next2;
        if (!next.hostSets().isEmpty()) {
            dnsSets = dnsSets(next);
            dnsSets.start();
        }
    }

    private DnsSets dnsSets(PolicyFile file) {
        DnsClient.Settings settings;
        if (config.dnsServer() != null) {
            settings = new DnsClient.Settings(List.of(config.dnsServer()), 2000, 2);
        } else {
            try {
                settings = DnsClient.systemSettings();
            } catch (IOException e) {
                throw new PolicyException(config.policyFile() + ": addresses that follow DNS need a name server: " + e.getMessage());
            }
        }
        return new DnsSets(nft, new DnsClient(settings, new NamespaceTransport(namespace)), file.hostSets(),
                new DnsSets.Limits(config.dnsFloor(), config.dnsCeiling()), log);
    }

    /** Sockets opened in the rule set's network namespace, where the name servers are reached. */
    record NamespaceTransport(NetworkNamespace namespace) implements DnsClient.Transport {
        @Override
        public DatagramSocket udp() throws IOException {
            return open(DatagramSocket::new);
        }

        @Override
        public Socket tcp() throws IOException {
            // a channel's socket exists from open(); new Socket() would make it later, outside the namespace
            return open(() -> SocketChannel.open().socket());
        }

        private interface Opener<T> {
            T open() throws IOException;
        }

        private <T> T open(Opener<T> opener) throws IOException {
            try {
                return namespace.call(() -> {
                    try {
                        return opener.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private List<Cgroup> scan() {
        return config.watchRoot() == null ? resolver.scan() : resolver.scan(config.watchRoot());
    }

    private static Policy policyOf(PolicyFile file) {
        return new Policy(file.entries().stream().map(e -> new PolicyEntry(e.name(), e.selector())).toList());
    }

    /**
     * Re-reads the policy file and applies the change as one transaction. With
     * {@code --load}, that transaction is the static rule set as {@code nft -f}
     * would apply it (so it should begin with {@code flush ruleset} or flush its
     * tables, as an {@code nftables.conf} does) followed by every rule and element
     * the policy wants now; without, it is the difference in rules and elements.
     * On an error the running policy stays in force and nothing changes.
     *
     * @throws PolicyException for an error in the new policy; nothing was changed
     */
    public synchronized void reload() {
        if (closed || reconciler == null) {
            throw new IllegalStateException("not running");
        }
        PolicyReader.Loaded loaded = read(config.load());
        boolean emptied = loaded.policy().entries().isEmpty() && loaded.policy().hostSets().isEmpty()
                && (loaded.script() == null || loaded.script().isEmpty());
        if (emptied && !config.allowEmptyReload() && !(policy.entries().isEmpty() && policy.hostSets().isEmpty())) {
            throw new PolicyException(config.policyFile() + ": the new policy is empty and would remove every rule and "
                    + "element of the running one; refused (allow it with --allow-empty-reload)");
        }
        reconciler.close();
        if (dnsSets != null) {
            dnsSets.close();
            dnsSets = null;
        }
        PolicyFile next = policy;
        StaticRuleset nextStatics = statics;
        try {
            StaticRuleset loadedStatics = staticsOf(loaded);
            if (loadedStatics != null) {
                int bindings = commitStatic(loaded, loadedStatics);
                log.accept("reloaded the static rule set of " + config.policyFile() + " with " + bindings
                        + " rule(s)/element(s) in one transaction");
            }
            next = loaded.policy();
            nextStatics = loadedStatics;
        } finally {
            // whatever failed, a reconciler follows the cgroups again: the new policy's or the running one's
            startReconciler(next, nextStatics);
        }
        log.accept("reloaded " + config.policyFile() + ": " + loaded.policy().entries().size() + " entries");
    }

    /**
     * The static rule set (each table it declares replaced, so no second copy) and
     * every rule and element the policy wants now, in one transaction; returns how many
     * rules and elements.
     */
    private int commitStatic(PolicyReader.Loaded loaded, StaticRuleset statics) {
        PolicyStore fresh = new PolicyStore(nft, loaded.entryParser(), loaded.policy(), resolver::path, c -> { });
        DesiredState wanted = new DesiredState(policyOf(loaded.policy()));
        wanted.replaceLive(scan());
        Set<NftablesMonitor.TableName> existing = StaticRuleset.existing(nft);
        int prefix = statics.removals(existing).size();
        List<NftOperation> ops = new ArrayList<>(statics.replace(existing));
        try {
            ops.addAll(fresh.plan(new BindingDiff(List.of(), wanted.desired())).operations());
            nft.transaction().addAll(ops).commit();
        } catch (TransactionException e) {
            int index = e.operationIndex() - prefix;
            String where = index >= 0 && index < loaded.script().parsed().size()
                    ? "\n" + loaded.script().locationOf(index).position() + ": the failed operation comes from here\n"
                      + loaded.script().locationOf(index).caret()
                    : "";
            throw new PolicyException(e.getMessage() + where);
        } catch (NftParseException e) {
            throw new PolicyException(e.getMessage());
        }
        return wanted.desired().size();
    }

    /**
     * Every change {@link #start()} would make now, in nft syntax, without making
     * it: the static rule set (with {@code --load}) and each rule or element.
     *
     * @throws PolicyException for an error in the policy
     */
    public List<String> dryRun() {
        PolicyReader.Loaded loaded = read(config.load());
        List<String> lines = new ArrayList<>();
        if (loaded.script() != null) {
            loaded.script().parsed().forEach(p -> {
                if (p.echo() != null) {
                    lines.add(p.echo());
                }
            });
        }
        PolicyStore s = new PolicyStore(nft, parser(), loaded.policy(), resolver::path, c -> { });
        StaticRuleset statics = staticsOf(loaded);
        if (statics != null) {
            s.assumeProvided(statics.tables());
        }
        DesiredState state = new DesiredState(policyOf(loaded.policy()));
        state.replaceCommitted(s.read());
        state.replaceLive(scan());
        lines.addAll(s.plan(state.pending()).text());
        if (!loaded.policy().hostSets().isEmpty() && loaded.script() == null) {
            lines.addAll(dnsSets(loaded.policy()).preview());
        }
        return lines;
    }

    /**
     * Removes every rule and element any run of the daemon made (in every table of
     * the namespace) in one transaction; returns how many.
     */
    public int flush() {
        PolicyStore s = new PolicyStore(nft, parser(), new PolicyFile(config.policyFile(), "", List.of(), List.of()), resolver::path,
                c -> log.accept(c.toString()));
        s.read();
        PolicyStore.Plan plan = s.plan(BindingDiff.EMPTY);
        List<String> dns = new ArrayList<>();
        List<NftOperation> ops = new ArrayList<>(plan.operations());
        ops.addAll(DnsSets.flushOperations(nft, dns));
        if (!ops.isEmpty()) {
            nft.transaction().addAll(ops).commit();
        }
        plan.removed().forEach(i -> log.accept(new PolicyStore.Change(false, i).toString()));
        dns.forEach(log);
        return plan.removed().size() + dns.size();
    }

    /**
     * Each policy entry, its matching live cgroups with their IDs, and the rule
     * handle or set element installed for each (read from the kernel's tags); the
     * host sets' elements; stale tagged objects; with {@code --load}, the tables of
     * the static rule set that someone damaged.
     */
    public StatusReport status() {
        PolicyReader.Loaded loaded = read(config.load());
        StaticRuleset wantedStatics = staticsOf(loaded);
        PolicyStore s = new PolicyStore(nft, parser(), loaded.policy(), resolver::path, c -> { });
        s.read();
        List<Cgroup> live = scan();
        List<StatusReport.EntryStatus> entries = new ArrayList<>();
        for (PolicyFile.Entry e : loaded.policy().entries()) {
            String target = switch (e) {
                case PolicyFile.RuleEntry r -> "rule in " + r.family().nftName() + " " + r.table() + " " + r.chain();
                case PolicyFile.SetEntry se -> "element of " + se.family().nftName() + " " + se.table() + " " + se.set();
            };
            List<StatusReport.CgroupStatus> cgroups = new ArrayList<>();
            live.stream().filter(c -> e.selector().matches(c.path())).sorted(Comparator.comparing(c -> c.path().toString()))
                    .forEach(c -> cgroups.add(new StatusReport.CgroupStatus(c.id(), c.path().toString(), s.installed().stream()
                            .filter(x -> x.binding().equals(new Binding(e.name(), c))).findFirst()
                            .map(PolicyStore.Installed::describe).orElse(null))));
            entries.add(new StatusReport.EntryStatus(e.name(), e.location().file() + ":" + e.location().line(), e.path(), target, cgroups));
        }
        List<StatusReport.HostSetStatus> hostSets = new ArrayList<>();
        for (PolicyFile.HostSet h : loaded.policy().hostSets()) {
            List<String> elements = new ArrayList<>();
            for (NftSet set : DnsSets.targets(nft, h.set())) {
                for (SetElement e : nft.listElements(set.family(), set.table(), set.name())) {
                    String comment = e.comment().orElse("");
                    if (comment.startsWith("nftlinkd dns ")) {
                        elements.add(set.family().nftName() + " " + set.table() + " " + set.name() + ": " + address(e.key()) + " ("
                                + comment.substring("nftlinkd dns ".length()) + ", expires in " + e.expiration().toSeconds() + " s)");
                    }
                }
            }
            hostSets.add(new StatusReport.HostSetStatus(h.set(), h.location().file() + ":" + h.location().line(), h.hosts(), elements));
        }
        List<String> stale = s.garbage().stream().map(g -> g.describe() + " for " + g.binding().entry() + " cgroup "
                + Long.toUnsignedString(g.binding().cgroup().id())).toList();
        List<String> damaged = wantedStatics == null ? List.of() : wantedStatics.damaged(nft).stream()
                .map(t -> "table " + t.family().nftName() + " " + t.name()).toList();
        return new StatusReport(config.policies().stream().map(Path::toString).toList(), entries, hostSets, stale, damaged);
    }

    private static String address(Bytes key) {
        try {
            return InetAddress.getByAddress(key.toArray()).getHostAddress();
        } catch (UnknownHostException e) {
            return key.toString();
        }
    }

    /** Runs {@code listener} on the reconciler's thread after each transaction it commits. */
    public void whenCommitted(Runnable listener) {
        afterCommit = Objects.requireNonNull(listener, "listener");
    }

    /** A one-line account of the state, e.g. for systemd's {@code STATUS=}. */
    public String summary() {
        PolicyStore s = store;
        PolicyFile p = policy;
        if (s == null || p == null) {
            return "starting";
        }
        int waiting = s.waiting().values().stream().mapToInt(Integer::intValue).sum();
        return p.entries().size() + " policy entries, " + s.installed().size() + " rule(s)/element(s) installed"
                + (waiting == 0 ? "" : ", " + waiting + " waiting for a missing chain or set");
    }

    /** What is installed now (rules with handles, elements). */
    public List<String> installed() {
        PolicyStore s = store;
        return s == null ? List.of() : s.installed().stream().map(i -> i.binding().entry() + " cgroup "
                + Long.toUnsignedString(i.binding().cgroup().id()) + ": " + i.describe()).toList();
    }

    /**
     * Stops following cgroups. The rules and elements stay as they are, every one
     * of them tagged, so the rule set is consistent and the next start adopts them.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reconciler != null) {
            reconciler.close();
        }
        if (dnsSets != null) {
            dnsSets.close();
        }
        nft.close();
        LOG.log(System.Logger.Level.DEBUG, "daemon closed");
    }
}
