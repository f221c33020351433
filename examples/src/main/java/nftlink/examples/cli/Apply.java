package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.OperationError;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.NftCommitResult;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.json.JsonMonitorRenderer;
import nftlink.nftables.lang.MonitorRenderer;
import nftlink.nftables.parse.InputLimits;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.ParsedOperation;
import nftlink.nftables.parse.SourceLocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code nftlink -f FILE} and {@code nftlink add|delete|flush|... ARGS}: parses nft text
 * completely, then applies it as one transaction (or only checks it with {@code -c}); with
 * {@code -e} prints what was added, with {@code -a} including the kernel's handles, with
 * {@code -d netlink} the rules' bytecode first.
 */
final class Apply {

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;

    Apply(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Applies the file {@code file} ({@code -}: {@code in}); returns the exit status. */
    int file(String file, InputStream in) {
        return source(read(file, in), file);
    }

    /** Applies {@code text}, read from the file {@code file} ({@code -}: standard input); returns the exit status. */
    int source(String text, String file) {
        return run(parser -> file.equals("-") ? parser.parse(text, "/dev/stdin") : parser.parse(text, Path.of(file)));
    }

    /** Applies one command given as words; returns the exit status. */
    int command(CommandText command) {
        return run(parser -> parser.parseCommand(command.words()));
    }

    private int run(Function<NftParser, NftScript> parse) {
        if (options.input().optimize()) {
            err.println("nftlink: -o/--optimize is not supported: nftlink applies rule sets as written");
            return 1;
        }
        try (NetworkNamespace ns = options.namespace(); Nftables nft = Nftables.open(ns)) {
            NftScript script;
            try {
                script = parse.apply(parser(nft));
            } catch (NftParseException e) {
                // nft names no location for a command given as arguments: the caret shows it
                err.println(e.location().file().equals("<cmdline>")
                        ? e.getMessage().substring(e.location().position().length() + 2) : e.getMessage());
                return 1;
            }
            if (options.debugNetlink()) {
                debug(script);
            }
            if (script.isEmpty()) {
                return 0;
            }
            try {
                if (options.input().check()) {
                    nft.transaction().addAll(script.operations()).check();
                    return 0;
                }
                if (!options.output().echo()) {
                    script.applyWithoutRuleEchoes(nft);
                    return 0;
                }
                echo(ns, nft, script);
                return 0;
            } catch (TransactionException e) {
                reject(e, script);
                return 1;
            }
        }
    }

    /**
     * The kernel refused the transaction: nft's line ({@code Error: Could not process rule: ...}, after
     * the file's location as nft gives it; none for a command line) with the operation's text and a
     * caret under the part nft points at (the table, name or handle the kernel's extended ACK names, else
     * all of it), then nftlink's account of which operation failed and why.
     */
    private void reject(TransactionException e, NftScript script) {
        String nft = "Error: Could not process rule: ";
        boolean located = false;
        for (OperationError error : e.errors()) {
            if (error.index() < 0 || error.index() >= script.parsed().size()) {
                continue;
            }
            ParsedOperation op = script.parsed().get(error.index());
            SourceLocation where = op.location(error.attribute());
            if (where.file().equals("<cmdline>") && where.equals(op.location())) {
                // nft's location of a whole command line takes in the end of the line after it
                where = new SourceLocation(where.file(), where.line(), where.column(), where.endColumn() + 1, where.lineText());
            }
            String text = error.errno() == null ? "Unknown error " + error.errnoNumber() : error.errno().text();
            err.println((where.file().equals("<cmdline>") ? "" : where.position() + ": ") + nft + text);
            err.println(where.caret());
            located = true;
        }
        if (!located) {
            err.println(nft + e.errno().text());
        }
        err.println("nftlink: " + e.getMessage() + Session.permissionHint(e.errno()));
    }

    private NftParser parser(Nftables nft) {
        return NftParser.forKernel(nft)
                .withHostnameResolution(options.resolveHostnames())
                .withIncludePath(options.input().includePath())
                .withDefines(options.input().defines());
    }

    /** The text of {@code file} ({@code -}: standard input), as nft source: regular files of bounded size, lenient UTF-8. */
    static String read(String file, InputStream in) {
        try {
            return file.equals("-") ? InputLimits.read(in) : InputLimits.read(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What {@code nft --debug=netlink} prints for the rules of a command: their location and bytecode. */
    private void debug(NftScript script) {
        for (NftOperation op : script.operations()) {
            Rule rule = switch (op) {
                case NftOperation.AddRule r -> r.rule();
                case NftOperation.InsertRule r -> r.rule();
                case NftOperation.ReplaceRule r -> r.rule();
                default -> null;
            };
            if (rule != null) {
                out.print(rule.toDebugString());
            }
        }
    }

    /**
     * Commits {@code script} with every operation echoed and prints the kernel's echoes as nft does:
     * as its monitor prints them, then {@code # new generation N by process PID (NAME)}.
     */
    private void echo(NetworkNamespace ns, Nftables nft, NftScript script) {
        MonitorRenderer renderer = new MonitorRenderer(options.output().rules(LinkNames.of(ns)), options.output().handle());
        JsonMonitorRenderer json = new JsonMonitorRenderer(options.output().jsonRenderer(LinkNames.of(ns)));
        for (NftSet set : nft.listSets()) {
            renderer.knowSet(set, List.of());
            json.knowSet(set, List.of());
        }
        NftCommitResult result = nft.transaction().echoAdditions().addAll(script.operations()).commit();
        Optional<NftMonitor.Committed> committed = result.committed();
        if (committed.isEmpty()) {
            return;
        }
        if (options.output().json()) {
            out.println(options.output().flags().apply(() -> json.echo(committed.get())).toJson());
        } else {
            options.output().flags().apply(() -> renderer.render(committed.get())).forEach(out::println);
        }
    }
}
