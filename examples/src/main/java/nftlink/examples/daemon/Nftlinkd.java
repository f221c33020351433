package nftlink.examples.daemon;

import nftlink.cgroup.CgroupPath;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.SystemCallException;
import sun.misc.Signal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code nftlinkd}: the per-application firewall daemon. See {@link #USAGE}.
 * SIGHUP re-reads the policy and applies the change as one transaction; SIGTERM
 * and SIGINT stop it, leaving every rule and element in place (tagged, so the next
 * start adopts them).
 */
public final class Nftlinkd {

    static final String USAGE = """
            Usage: nftlinkd [OPTIONS] POLICY-FILE
                   nftlinkd status [OPTIONS] POLICY-FILE

            Keeps per-cgroup nftables rules and set elements true for the policy entries
            ('# UNIT :: add rule ...' and '# UNIT :: add element ...' comment lines) of an
            nftables.conf-style POLICY-FILE, as systemd units and other cgroups come and go.

            Options:
              --load               apply the file's static rule set (everything nft -f reads) as one
                                   transaction at start
              --dry-run            print, in nft syntax, every change it would make, and exit
              --flush              remove every rule and element it made, in one transaction, and exit
              --journal            also follow the systemd journal (journalctl) for units
              --allow-empty-reload let SIGHUP apply a policy without entries (which removes every
                                   rule and element the daemon made); refused otherwise
              --cgroup-root PATH   the cgroup-v2 mount point (default: found in /proc/self/mountinfo)
              --watch SUBTREE      watch only this cgroup subtree (relative to the mount point)
              --netns NAME         the rule set of network namespace NAME
              --dns-server ADDR[:PORT]  the name server for '# @SET :: host, ...' lines (default: the
                                   first nameserver of /etc/resolv.conf)
              --dns-ttl SECONDS-SECONDS  floor and ceiling of DNS element timeouts (default 60-3600)
              -h, --help           print this help and exit

            Signals: HUP reloads the policy (one transaction); TERM/INT stop, leaving the rule set as it is.
            Needs CAP_NET_ADMIN (and CAP_SYS_ADMIN for --netns).
            """;

    private Nftlinkd() {
    }

    /** Runs the daemon; exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parsed command line. */
    record Options(boolean status, boolean load, boolean dryRun, boolean flush, boolean journal, Path cgroupRoot,
                   CgroupPath watch, String netns, Path policy, boolean help, java.net.InetSocketAddress dnsServer,
                   java.time.Duration dnsFloor, java.time.Duration dnsCeiling, boolean allowEmptyReload) {

        static Options parse(String[] args) {
            boolean status = false, load = false, dryRun = false, flush = false, journal = false, help = false;
            boolean allowEmptyReload = false;
            Path cgroupRoot = null;
            CgroupPath watch = null;
            String netns = null;
            java.net.InetSocketAddress dnsServer = null;
            java.time.Duration dnsFloor = null;
            java.time.Duration dnsCeiling = null;
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--load" -> load = true;
                    case "--dry-run" -> dryRun = true;
                    case "--flush" -> flush = true;
                    case "--journal" -> journal = true;
                    case "--allow-empty-reload" -> allowEmptyReload = true;
                    case "-h", "--help" -> help = true;
                    case "--cgroup-root", "--watch", "--netns", "--dns-server", "--dns-ttl" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("option " + a + " needs a value");
                        }
                        String v = args[++i];
                        switch (a) {
                            case "--cgroup-root" -> cgroupRoot = Path.of(v);
                            case "--watch" -> watch = CgroupPath.of(v);
                            case "--dns-server" -> dnsServer = server(v);
                            case "--dns-ttl" -> {
                                String[] range = v.split("-", 2);
                                try {
                                    dnsFloor = java.time.Duration.ofSeconds(Long.parseLong(range[0]));
                                    dnsCeiling = java.time.Duration.ofSeconds(Long.parseLong(range[range.length - 1]));
                                } catch (NumberFormatException e) {
                                    throw new IllegalArgumentException("--dns-ttl needs FLOOR-CEILING in seconds, not '" + v + "'");
                                }
                            }
                            default -> netns = v;
                        }
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + a + "'");
                        }
                        rest.add(a);
                    }
                }
            }
            if (!rest.isEmpty() && rest.getFirst().equals("status")) {
                status = true;
                rest.removeFirst();
            }
            if (help) {
                return new Options(false, false, false, false, false, null, null, null, null, true, null, null, null, false);
            }
            if (rest.size() != 1) {
                throw new IllegalArgumentException(rest.isEmpty() ? "no policy file given" : "one policy file, not " + rest);
            }
            if ((dryRun ? 1 : 0) + (flush ? 1 : 0) + (status ? 1 : 0) > 1) {
                throw new IllegalArgumentException("--dry-run, --flush and status exclude each other");
            }
            return new Options(status, load, dryRun, flush, journal, cgroupRoot, watch, netns, Path.of(rest.getFirst()), false,
                    dnsServer, dnsFloor, dnsCeiling, allowEmptyReload);
        }

        private static java.net.InetSocketAddress server(String v) {
            int colon = v.lastIndexOf(':');
            boolean hasPort = colon > 0 && v.indexOf(':') == colon;
            try {
                return new java.net.InetSocketAddress(java.net.InetAddress.ofLiteral(hasPort ? v.substring(0, colon) : v),
                        hasPort ? Integer.parseInt(v.substring(colon + 1)) : 53);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--dns-server needs an IP address and maybe a port, not '" + v + "'");
            }
        }
    }

    /** Runs with {@code args}; returns the exit status (0, 1 for errors, 2 for usage mistakes). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("nftlinkd: " + e.getMessage() + " (try --help)");
            return 2;
        }
        if (o.help()) {
            out.print(USAGE);
            return 0;
        }
        NetworkNamespace ns = null;
        try {
            ns = o.netns() == null ? null : NetworkNamespace.named(o.netns());
            Daemon.Config config = new Daemon.Config(o.policy(), o.load(), o.cgroupRoot(), o.watch(), o.journal(), ns,
                    o.dnsServer(), o.dnsFloor(), o.dnsCeiling(), o.allowEmptyReload());
            try (Daemon d = Daemon.open(config, line -> out.println(stamp() + " " + line))) {
                if (o.status()) {
                    d.status(out);
                    return 0;
                }
                if (o.dryRun()) {
                    d.dryRun().forEach(out::println);
                    return 0;
                }
                if (o.flush()) {
                    out.println("removed " + d.flush() + " rule(s) and element(s)");
                    return 0;
                }
                return serve(d, out, err);
            }
        } catch (Daemon.PolicyException e) {
            err.println("nftlinkd: " + e.getMessage());
            return 1;
        } catch (SystemCallException e) {
            err.println("nftlinkd: " + e.getMessage() + hint(e.errno()));
            return 1;
        } catch (NetlinkKernelException e) {
            err.println("nftlinkd: " + e.getMessage() + hint(e.errno()));
            return 1;
        } catch (NetlinkException | IllegalArgumentException | IllegalStateException e) {
            err.println("nftlinkd: " + e.getMessage());
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

    private static String stamp() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * Whether SIGHUP is ignored in this process ({@code SigIgn} in {@code /proc/self/status}):
     * the JVM keeps an inherited ignore, so a handler would never run.
     */
    static boolean hangupIgnored() {
        try {
            return hangupIgnored(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")));
        } catch (java.io.IOException e) {
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

    /** Starts, then handles signals until TERM or INT. */
    private static int serve(Daemon d, PrintStream out, PrintStream err) {
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        if (hangupIgnored()) {
            err.println("nftlinkd: warning: SIGHUP was ignored when this process started (nohup?); "
                    + "SIGHUP will not reload the policy");
        }
        for (String name : List.of("HUP", "TERM", "INT")) {
            Signal.handle(new Signal(name), s -> signals.add(s.getName()));
        }
        d.start();
        out.println(stamp() + " nftlinkd: running with " + d.policy().entries().size() + " policy entries from "
                + d.policy().file() + "; " + d.installed().size() + " rule(s)/element(s) installed");
        while (true) {
            String s;
            try {
                s = signals.take();
            } catch (InterruptedException e) {
                break;
            }
            if (s.equals("HUP")) {
                try {
                    d.reload();
                } catch (Daemon.PolicyException e) {
                    err.println("nftlinkd: reload refused, the running policy stays: " + e.getMessage());
                } catch (RuntimeException | StackOverflowError e) {
                    // nothing a policy file or the kernel does on reload may end the daemon
                    err.println("nftlinkd: reload failed, the running policy stays: " + e);
                }
            } else {
                out.println(stamp() + " nftlinkd: SIG" + s + ": stopping; the rule set stays as it is");
                break;
            }
        }
        return 0;
    }
}
