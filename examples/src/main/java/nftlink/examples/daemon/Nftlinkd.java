package nftlink.examples.daemon;

import nftlink.cgroup.CgroupPath;
import nftlink.netlink.Errno;
import nftlink.netlink.NftlinkException;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.SystemCallException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code nftlinkd}: the per-application firewall daemon. Its command line is a
 * picocli {@link Command}, so a man page and shell completions can be generated
 * from this class. SIGHUP re-reads the policy and applies the change as one
 * transaction; SIGTERM and SIGINT stop it, leaving every rule and element in place
 * (tagged, so the next start adopts them). Under systemd ({@code Type=notify}) it
 * reports readiness, reloads and a status line through {@link SystemdNotifier}.
 */
@Command(name = "nftlinkd", mixinStandardHelpOptions = true, versionProvider = Nftlinkd.Version.class, sortOptions = false,
        subcommands = Nftlinkd.Status.class, usageHelpWidth = 100,
        description = {
                "Keeps per-cgroup nftables rules and set elements true for the policy entries ('# UNIT :: add rule ...',",
                "'# UNIT :: add element ...' and scnpm's '# UNIT :: FAMILY TABLE CHAIN ...' comment lines) of",
                "nftables.conf-style POLICY files, as systemd units and other cgroups come and go, and repairs what",
                "someone else removes. A POLICY directory stands for its *.conf files in name order."},
        footerHeading = "%n",
        footer = {
                "Signals: HUP reloads the policy (one transaction); TERM/INT stop, leaving the rule set as it is.",
                "Exit status: 0 success (status: the kernel holds what the policy wants), 1 error, 2 usage mistake,",
                "3 (status only) the kernel does not hold what the policy wants.",
                "Policy files and the directories on their path must be writable by root (or nftlinkd's user) only.",
                "Needs CAP_NET_ADMIN (and CAP_SYS_ADMIN for --netns). See MIGRATING.md to come from scnpm."})
public final class Nftlinkd implements Callable<Integer> {

    /** Exit status of {@code status} when the kernel does not hold what the policy wants. */
    static final int NOT_IN_SYNC = 3;

    /** Options shared by the daemon and {@code status}: where the policy is and how to reach the kernel. */
    static final class PolicyOptions {
        @Parameters(paramLabel = "POLICY", arity = "0..*", description = "policy files, or directories of *.conf policy files")
        List<Path> policies = new ArrayList<>();

        @Option(names = "--load", description = "apply the files' static rule set (everything nft -f reads) as one transaction "
                + "at start and on reload, and rebuild its tables when someone damages them")
        boolean load;

        @Option(names = "--journal", description = "also follow the systemd journal (journalctl) for units")
        boolean journal;

        @Option(names = "--cgroup-root", paramLabel = "PATH", description = "the cgroup-v2 mount point (default: found in /proc/self/mountinfo)")
        Path cgroupRoot;

        @Option(names = "--watch", paramLabel = "SUBTREE", description = "watch only this cgroup subtree (relative to the mount point)")
        String watch;

        @Option(names = "--netns", paramLabel = "NAME", description = "the rule set of network namespace NAME")
        String netns;

        @Option(names = "--dns-server", paramLabel = "ADDR[:PORT]", description = "the name server for '# @SET :: host, ...' "
                + "lines (default: every nameserver of /etc/resolv.conf, in turn)")
        String dnsServer;

        @Option(names = "--dns-ttl", paramLabel = "FLOOR-CEILING", description = "bounds of DNS element timeouts in seconds (default 60-3600)")
        String dnsTtl;

        @Option(names = "--resolve-hostnames", description = "let rules name hosts, resolved when each rule is added (as nft and scnpm do)")
        boolean resolveHostnames;

        Daemon.Config config(NetworkNamespace ns, boolean allowEmptyReload, boolean flushChains) {
            if (policies.isEmpty()) {
                throw new IllegalArgumentException("no policy file given");
            }
            Duration floor = null;
            Duration ceiling = null;
            if (dnsTtl != null) {
                String[] range = dnsTtl.split("-", 2);
                try {
                    floor = Duration.ofSeconds(Long.parseLong(range[0]));
                    ceiling = Duration.ofSeconds(Long.parseLong(range[range.length - 1]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--dns-ttl needs FLOOR-CEILING in seconds, not '" + dnsTtl + "'");
                }
            }
            return new Daemon.Config(policies, load, cgroupRoot, watch == null ? null : CgroupPath.of(watch), journal, ns,
                    dnsServer == null ? null : server(dnsServer), floor, ceiling, allowEmptyReload, flushChains, resolveHostnames);
        }

        private static InetSocketAddress server(String v) {
            int colon = v.lastIndexOf(':');
            boolean hasPort = colon > 0 && v.indexOf(':') == colon;
            try {
                return new InetSocketAddress(InetAddress.ofLiteral(hasPort ? v.substring(0, colon) : v),
                        hasPort ? Integer.parseInt(v.substring(colon + 1)) : 53);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--dns-server needs an IP address and maybe a port, not '" + v + "'");
            }
        }
    }

    @Mixin
    PolicyOptions policy;

    @Option(names = "--dry-run", description = "print, in nft syntax, every change it would make, and exit")
    boolean dryRun;

    @Option(names = "--remove-and-exit", description = "remove every rule and element it made, in one transaction, and exit")
    boolean removeAndExit;

    @Option(names = {"-f", "--flush"}, description = "as scnpm: flush every chain a rule entry goes into once at start "
            + "(for untagged rules an earlier tool left), then keep running")
    boolean flush;

    @Option(names = "--allow-empty-reload", description = "let SIGHUP apply a policy without entries (which removes every "
            + "rule and element the daemon made); refused otherwise")
    boolean allowEmptyReload;

    @Option(names = {"-d", "--debug"}, description = "also log debug lines (and the stack traces of failures)")
    boolean debug;

    @Option(names = {"-u", "--reload-with-unit"}, paramLabel = "UNIT", description = "scnpm's option, refused: nftlinkd repairs "
            + "its rules itself; put ReloadPropagatedFrom=UNIT in nftlinkd.service to reload with UNIT")
    List<String> reloadWithUnit = new ArrayList<>();

    @Option(names = {"-a", "--reapply-with-unit"}, paramLabel = "UNIT", description = "scnpm's option, refused: nftlinkd puts "
            + "back removed rules within a second by itself")
    List<String> reapplyWithUnit = new ArrayList<>();

    @Option(names = {"-c", "--cooldown"}, paramLabel = "MILLISECONDS", description = "scnpm's option, refused: nftlinkd applies "
            + "each burst of cgroup events as one transaction")
    Long cooldown;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private PrintStream out;
    private PrintStream err;

    private Nftlinkd(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the daemon; exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line, for man pages and completions ({@code picocli.AutoComplete}, {@code ManPageGenerator}). */
    public static CommandLine commandLine() {
        return commandLine(System.out, System.err);
    }

    private static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Nftlinkd(out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((e, args) -> {
            err.println("nftlinkd: " + e.getMessage() + " (try --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                err.println("nftlinkd: " + e.getMessage() + " (try --help)");
                return 2;
            }
            throw e;
        });
        return cl;
    }

    /** Runs with {@code args}; returns the exit status (see the footer of {@code --help}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The usage text, as {@code --help} prints it. */
    static String usage() {
        return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Override
    public Integer call() {
        if (!reloadWithUnit.isEmpty()) {
            throw new IllegalArgumentException("--reload-with-unit (scnpm) is not needed: nftlinkd puts back its rules by itself "
                    + "when " + reloadWithUnit.getFirst() + " (or anyone) flushes or reloads the rule set; to re-read the policy "
                    + "when it reloads, put 'ReloadPropagatedFrom=" + reloadWithUnit.getFirst() + "' in nftlinkd.service");
        }
        if (!reapplyWithUnit.isEmpty()) {
            throw new IllegalArgumentException("--reapply-with-unit (scnpm) is not needed: nftlinkd puts back removed rules "
                    + "within a second by itself; drop the option");
        }
        if (cooldown != null) {
            throw new IllegalArgumentException("--cooldown (scnpm) is not needed: nftlinkd applies each burst of cgroup events "
                    + "as one transaction; drop the option");
        }
        if ((dryRun ? 1 : 0) + (removeAndExit ? 1 : 0) > 1 || (flush && (dryRun || removeAndExit))) {
            throw new IllegalArgumentException("--dry-run, --remove-and-exit and --flush exclude each other");
        }
        DaemonLog log = new DaemonLog(out, err, DaemonLog.journalStream(), debug);
        return withDaemon(policy, allowEmptyReload, flush, log, err, d -> {
            if (dryRun) {
                d.dryRun().forEach(out::println);
                return 0;
            }
            if (removeAndExit) {
                out.println("removed " + d.flush() + " rule(s) and element(s)");
                return 0;
            }
            return new Service(d, log, SystemdNotifier.fromEnvironment()).serve();
        });
    }

    /** {@code nftlinkd status}: the policy against the kernel, for people or (with {@code --json}) monitors. */
    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints each policy entry, the live cgroups it selects and what is installed for each, and",
                    "whether the kernel holds what the policy wants: exit status 0 if so, 3 if not, 1 on errors."})
    static final class Status implements Callable<Integer> {
        @Mixin
        PolicyOptions policy;

        @Option(names = "--json", description = "one JSON object (in_sync, entries with their cgroups, host_sets, stale, damaged)")
        boolean json;

        @ParentCommand
        Nftlinkd parent;

        @Override
        public Integer call() {
            DaemonLog log = new DaemonLog(parent.out, parent.err, false, false);
            return withDaemon(policy, false, false, log, parent.err, d -> {
                StatusReport report = d.status();
                parent.out.print(json ? report.json() : report.text());
                return report.inSync() ? 0 : NOT_IN_SYNC;
            });
        }
    }

    /** What to do with an open daemon; returns the exit status. */
    private interface Action {
        int run(Daemon d);
    }

    private static int withDaemon(PolicyOptions options, boolean allowEmptyReload, boolean flush, DaemonLog log, PrintStream err,
                                  Action action) {
        NetworkNamespace ns = null;
        try {
            ns = options.netns == null ? null : NetworkNamespace.named(options.netns);
            Daemon.Config config = options.config(ns, allowEmptyReload, flush);
            try (Daemon d = Daemon.open(config, log::info)) {
                return action.run(d);
            }
        } catch (Daemon.PolicyException e) {
            log.error(e.getMessage());
            return 1;
        } catch (SystemCallException e) {
            log.error(e.getMessage() + hint(e.errno()));
            return 1;
        } catch (NetlinkKernelException e) {
            log.error(e.getMessage() + hint(e.errno()));
            return 1;
        } catch (NftlinkException | IllegalStateException e) {
            log.error(e.getMessage());
            return 1;
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private static String hint(Errno errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES
                ? " (nftlinkd needs CAP_NET_ADMIN, and CAP_SYS_ADMIN for --netns)"
                : "";
    }

    /**
     * Whether SIGHUP is ignored in this process ({@code SigIgn} in {@code /proc/self/status}):
     * the JVM keeps an inherited ignore, so a handler would never run.
     */
    static boolean hangupIgnored() {
        try {
            return hangupIgnored(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the {@code SigIgn} mask of a {@code /proc/PID/status} text has SIGHUP (bit 0). */
    static boolean hangupIgnored(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                try {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 1L) != 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The running daemon: starts, tells systemd, then handles signals until TERM or INT. */
    private record Service(Daemon d, DaemonLog log, SystemdNotifier notifier) {

        int serve() {
            BlockingQueue<String> signals = new LinkedBlockingQueue<>();
            if (hangupIgnored()) {
                log.warning("warning: SIGHUP was ignored when this process started (nohup?); SIGHUP will not reload the policy");
            }
            for (String name : List.of("HUP", "TERM", "INT")) {
                Signal.handle(new Signal(name), s -> signals.add(s.getName()));
            }
            log.captureLibraryLogs();
            d.start();
            log.info("nftlinkd: running with " + d.policy().entries().size() + " policy entries from "
                    + String.join(", ", d.policies().stream().map(Path::toString).toList()) + "; " + d.installed().size() + " rule(s)/element(s) installed");
            notify(() -> notifier.ready(d.summary()));
            d.whenCommitted(() -> notify(() -> notifier.status(d.summary())));
            while (true) {
                String s;
                try {
                    s = signals.take();
                } catch (InterruptedException e) {
                    break;
                }
                if (s.equals("HUP")) {
                    reload();
                } else {
                    notify(notifier::stopping);
                    log.info("nftlinkd: SIG" + s + ": stopping; the rule set stays as it is");
                    break;
                }
            }
            return 0;
        }

        private void reload() {
            notify(notifier::reloading);
            try {
                d.reload();
            } catch (Daemon.PolicyException e) {
                log.error("reload refused, the running policy stays: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                // nothing a policy file or the kernel does on reload may end the daemon
                log.error("reload failed, the running policy stays: " + e);
            }
            notify(() -> notifier.ready(d.summary()));
        }

        private void notify(Runnable message) {
            try {
                message.run();
            } catch (IllegalStateException e) {
                log.warning("warning: " + e.getMessage());
            }
        }
    }

    /** The version of the jar, or "development build" from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Nftlinkd.class.getPackage().getImplementationVersion();
            return new String[]{"nftlinkd (nftlink) " + (v == null ? "development build" : v)};
        }
    }
}
