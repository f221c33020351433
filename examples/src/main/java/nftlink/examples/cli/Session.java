package nftlink.examples.cli;

import nftlink.examples.daemon.Demo;
import nftlink.examples.daemon.Nftlinkd;
import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.netlink.NftlinkException;
import nftlink.netlink.NoSuchNamespaceException;
import nftlink.netlink.SystemCallException;
import nftlink.nftables.Nftables;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs nft commands with one set of options: each command's output on standard output, its
 * errors on standard error as nft words them, and nft's exit status (0, or 1 for any error).
 */
final class Session {

    private final Options options;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Session(Options options, InputStream in, PrintStream out, PrintStream err) {
        this.options = options;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the commands of {@code text}: one command, or several separated by {@code ;}; nft
     * commands that change the rule set go to the kernel together, as one transaction.
     */
    int run(CommandText text) {
        List<CommandText> commands = split(text);
        if (commands.isEmpty()) {
            return 0;
        }
        if (commands.size() == 1) {
            return one(commands.getFirst());
        }
        if (commands.stream().allMatch(c -> kind(c) == Command.Kind.APPLY)) {
            return one(text);
        }
        for (CommandText c : commands) {
            int status = one(c);
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }

    /** Applies the file {@code -f} names. */
    int file(String file) {
        return guarded(null, () -> options.output().json() ? new JsonApply(options, out, err).file(file, in)
                : new Apply(options, out, err).file(file, in));
    }

    private int one(CommandText text) {
        return guarded(text, () -> dispatch(text));
    }

    private int dispatch(CommandText text) {
        Command command = Command.of(text.words().getFirst());
        if (command == null) {
            throw CommandError.syntax(text, 0, null);
        }
        return switch (command.kind()) {
            case LIST -> list(text);
            case RESET -> reset(text);
            case APPLY -> new Apply(options, out, err).command(text);
            case MONITOR -> monitor(text);
            case DEMO -> demo(text);
            case RENAME -> rename(text);
            case GET -> get(text);
            case DESCRIBE -> {
                out.print(DescribeCommand.run(text));
                yield 0;
            }
            case EXPORT -> ExportCommand.run(text);
            case DAEMON -> Nftlinkd.run(text.words().subList(1, text.words().size()).toArray(String[]::new), out, err);
            case REFUSED -> throw new CommandError("nftlink has no '" + command.word() + "' command; nftlink --help lists those it has", 0);
        };
    }

    private int list(CommandText text) {
        if (text.words().size() > 1 && text.words().get(1).equals("hooks")) {
            HooksCommand hooks = HooksCommand.parse(text);
            try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
                return hooks.run(nft, ns, options.output().json(), out);
            }
        }
        ListRequest request = ListRequest.parse(text, 1, List.of(ListTarget.values()));
        try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
            var interfaces = LinkNames.of(ns);
            if (options.output().json()) {
                out.println(new JsonListCommand(options.output(), interfaces).render(request, nft));
            } else {
                out.print(new ListCommand(options.output(), interfaces).render(request, nft));
            }
        }
        return 0;
    }

    private int reset(CommandText text) {
        String what = text.words().size() > 1 ? text.words().get(1) : "";
        if (what.equals("element")) {
            return get(text);
        }
        if (List.of("rules", "rule", "set", "map").contains(what)) {
            ResetRulesCommand rules = what.startsWith("rule") ? ResetRulesCommand.parse(text) : null;
            ResetSetCommand set = rules == null ? ResetSetCommand.parse(text) : null;
            try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
                out.print(rules != null ? rules.run(nft, options.output(), LinkNames.of(ns)) : set.run(nft, options.output(), LinkNames.of(ns)));
            }
            return 0;
        }
        ListRequest request = ResetCommand.parse(text);
        try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
            out.print(new ResetCommand(options.output()).render(request, nft));
        }
        return 0;
    }

    private int rename(CommandText text) {
        RenameCommand rename = RenameCommand.parse(text);
        try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
            return rename.run(nft, options.input().check());
        }
    }

    /** {@code get element ...}, and {@code reset element ...}. */
    private int get(CommandText text) {
        GetElementCommand get = GetElementCommand.parse(text);
        try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
            out.print(get.run(nft, options.output(), options.resolveHostnames()));
        }
        return 0;
    }

    private int monitor(CommandText text) {
        MonitorCommand monitor = MonitorCommand.parse(text);
        try (NetworkNamespace ns = options.namespace()) {
            monitor.run(ns, options.output(), out);
        }
        return 0;
    }

    /** {@code demo}: the daemon at work in a throwaway namespace and cgroup subtree; see {@link Demo}. */
    private int demo(CommandText text) {
        if (text.words().size() > 1) {
            throw CommandError.syntax(text, 1, "end of file or newline or semicolon");
        }
        var missing = Demo.missingPrivileges();
        if (missing.isPresent()) {
            err.println(missing.get());
            return 1;
        }
        try {
            Demo.Report report = Demo.run(out);
            if (!report.ok()) {
                err.println("nftlink demo: something did not happen as it should: " + report);
            }
            return report.ok() ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private interface Action {
        int run();
    }

    /** Runs {@code action}, turning every failure into nft's words on standard error and exit status 1. */
    private int guarded(CommandText text, Action action) {
        try {
            return action.run();
        } catch (CommandError e) {
            err.println(e.render(text));
        } catch (UsageException e) {
            err.println("nftlink: " + e.getMessage());
        } catch (NoSuchNamespaceException e) {
            err.println("nftlink: " + e.getMessage());
        } catch (SystemCallException e) {
            err.println("nftlink: " + e.getMessage() + permissionHint(e.errno()));
        } catch (NetlinkKernelException e) {
            err.println("nftlink: " + e.getMessage() + permissionHint(e.errno()));
        } catch (NftlinkException | IllegalArgumentException | UncheckedIOException e) {
            err.println("nftlink: " + e.getMessage());
        }
        return 1;
    }

    /** What to do when the kernel said EPERM or EACCES; empty otherwise. */
    static String permissionHint(Errno errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES
                ? " (nftlink needs root or CAP_NET_ADMIN, and CAP_SYS_ADMIN to enter a network namespace)"
                : "";
    }

    private static Command.Kind kind(CommandText c) {
        Command command = c.words().isEmpty() ? null : Command.of(c.words().getFirst());
        return command == null ? null : command.kind();
    }

    /** The commands of {@code text}, split at {@code ;} outside braces. */
    private static List<CommandText> split(CommandText text) {
        List<CommandText> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int depth = 0;
        for (String word : text.words()) {
            for (char ch : word.toCharArray()) {
                depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            }
            boolean ends = depth == 0 && word.endsWith(";") && !word.startsWith("\"");
            String w = ends ? word.substring(0, word.length() - 1) : word;
            if (!w.isEmpty()) {
                current.add(w);
            }
            if (ends && !current.isEmpty()) {
                commands.add(new CommandText(current));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            commands.add(new CommandText(current));
        }
        return commands;
    }
}
