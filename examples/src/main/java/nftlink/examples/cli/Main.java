package nftlink.examples.cli;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NoSuchNamespaceException;
import nftlink.netlink.SystemCallException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nftlink}: the command-line tool. Parses options, runs one command, and
 * turns every failure into one line on standard error and a non-zero exit
 * status (1 for errors, 2 for usage mistakes).
 */
public final class Main {

    static final String USAGE = """
            Usage: nftlink [OPTIONS] COMMAND
                   nftlink [OPTIONS] -f FILE

            Lists and changes nftables rule sets through netlink, without the nft binary.

            Options:
              --netns NAME            run inside network namespace NAME (/var/run/netns/NAME)
              -f, --file FILE         apply the nft commands in FILE ('-' for standard input) as one
                                      transaction, like nft -f; an error changes nothing
              -c, --check             with -f or an nft command: check against the kernel, commit nothing
              -j, --json              JSON like nft -j: 'list ruleset [FAMILY]' prints the libnftables
                                      schema; with -f the file is a JSON document (nft -j -f)
              -e, --echo              with -f or an nft command: print what was added, like nft -e
              -a, --handle            print object handles, like nft -a (with -e: of what was added)
              -y, --numeric-priority  print chain priorities as numbers, like nft -y
              --resolve-hostnames     resolve host names in addresses (ip daddr localhost) through
                                      the system's resolver; without it they are errors
              -h, --help              print this help and exit
              -v, --version           print the version and exit

            Commands:
              list ruleset [FAMILY]         every table with its chains, as 'nft list ruleset' prints it
              list tables [FAMILY]          one 'table FAMILY NAME' line per table
              list table FAMILY NAME        one table with its chains
              list chains [FAMILY]          every chain's declaration, grouped by table
              list counters|quotas|limits|secmarks|synproxys [table FAMILY NAME]
              list ct helpers|timeouts|expectations table FAMILY NAME
              list flowtables [FAMILY]      the objects of one type, grouped by table, as nft prints them
              list counter|quota|limit|secmark|synproxy|flowtable FAMILY TABLE NAME
              list ct helper|timeout|expectation FAMILY TABLE NAME
                                            one object
              reset counters|quotas [table FAMILY NAME]
              reset counter|quota FAMILY TABLE NAME
                                            print the values and zero them, like nft reset
              monitor [--count N]           print every change as 'nft monitor' does, per transaction,
                                            until interrupted (or after N transactions)
              add|create|insert|replace|delete|destroy|flush ...
                                            one nft command, e.g. add rule inet t c tcp dport 22 accept
              demo                          the nftlinkd daemon at work in a throwaway network namespace
                                            and cgroup subtree: a cgroup "unit" appears and gets its rule,
                                            traffic from it is allowed and from elsewhere rejected, the
                                            unit goes and its rule with it; all removed at the end
              daemon [OPTIONS] POLICY-FILE  run nftlinkd, the per-application firewall daemon
                                            (nftlink daemon --help tells more)

            FAMILY is one of ip, ip6, inet, arp, bridge, netdev.
            Needs root or CAP_NET_ADMIN (and CAP_SYS_ADMIN for --netns and demo).
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs the tool reading {@code -f -} from {@code in}; returns the exit status. */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("daemon")) {
            return nftlink.examples.daemon.Nftlinkd.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("nftlink: " + e.getMessage());
            err.println("Try 'nftlink --help' for more information.");
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        if (options.version()) {
            out.println("nftlink " + version());
            return 0;
        }
        try {
            if (options.json()) {
                return JsonCli.run(options, in, out, err);
            }
            if (Apply.applies(options)) {
                return Apply.run(options, in, out, err);
            }
            return Commands.run(options, out);
        } catch (UsageException e) {
            err.println("nftlink: " + e.getMessage());
            err.println("Try 'nftlink --help' for more information.");
            return 2;
        } catch (NoSuchNamespaceException e) {
            err.println("nftlink: " + e.getMessage());
            return 1;
        } catch (SystemCallException e) {
            err.println("nftlink: " + e.getMessage() + permissionHint(e.errno()));
            return 1;
        } catch (NetlinkKernelException e) {
            err.println("nftlink: " + e.getMessage() + permissionHint(e.errno()));
            return 1;
        } catch (NetlinkException | IllegalArgumentException e) {
            err.println("nftlink: " + e.getMessage());
            return 1;
        }
    }

    private static String permissionHint(Errno errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES
                ? " (nftlink needs root or CAP_NET_ADMIN, and CAP_SYS_ADMIN to enter a network namespace)"
                : "";
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** Parsed command line. */
    record Options(String netns, boolean handles, boolean numericPriority, boolean help, boolean version,
                   String file, boolean check, boolean echo,
                   List<String> command, boolean json, boolean resolveHostnames) {

        static Options parse(String[] args) {
            String netns = null;
            boolean handles = false;
            boolean numeric = false;
            boolean help = false;
            boolean version = false;
            String file = null;
            boolean check = false;
            boolean echo = false;
            boolean json = false;
            boolean resolveHostnames = false;
            List<String> command = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!command.isEmpty()) {
                    command.add(a);
                    continue;
                }
                switch (a) {
                    case "--netns" -> {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option --netns needs a namespace name");
                        }
                        netns = args[++i];
                    }
                    case "-a", "--handle" -> handles = true;
                    case "-f", "--file" -> {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option " + a + " needs a file name ('-' for standard input)");
                        }
                        file = args[++i];
                    }
                    case "-c", "--check" -> check = true;
                    case "-e", "--echo" -> echo = true;
                    case "-j", "--json" -> json = true;
                    case "-y", "--numeric-priority" -> numeric = true;
                    case "--resolve-hostnames" -> resolveHostnames = true;
                    case "-h", "--help" -> help = true;
                    case "-v", "--version" -> version = true;
                    default -> {
                        if (a.startsWith("--netns=")) {
                            netns = a.substring("--netns=".length());
                        } else if (a.startsWith("--file=")) {
                            file = a.substring("--file=".length());
                        } else if (a.startsWith("-")) {
                            throw new UsageException("unknown option '" + a + "'");
                        } else {
                            command.add(a);
                        }
                    }
                }
            }
            if (netns != null && netns.isEmpty()) {
                throw new UsageException("option --netns needs a namespace name");
            }
            if (command.isEmpty() && !help && !version && file == null) {
                throw new UsageException("no command given");
            }
            return new Options(netns, handles, numeric, help, version, file, check, echo, List.copyOf(command), json, resolveHostnames);
        }
    }
}
