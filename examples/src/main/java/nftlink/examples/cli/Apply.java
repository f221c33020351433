package nftlink.examples.cli;

import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.Chain;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Rule;
import nftlink.nftables.Table;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InputLimits;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.parse.ParsedOperation;
import nftlink.nftables.parse.SetLookup;
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
        String text = read(file, in);
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
                script = parse.apply(parser(nft, ns));
            } catch (NftParseException e) {
                err.println(e.getMessage());
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
                CommitResult result = nft.transaction().addAll(script.operations()).commit();
                if (options.output().echo()) {
                    options.output().flags().apply(() -> {
                        echo(script, result);
                        return null;
                    });
                }
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
     * caret under it, then nftlink's account of which operation failed and why.
     */
    private void reject(TransactionException e, NftScript script) {
        String nft = "Error: Could not process rule: " + e.errno().text();
        if (e.operationIndex() >= 0 && e.operationIndex() < script.parsed().size()) {
            SourceLocation where = script.locationOf(e.operationIndex());
            err.println((where.file().equals("<cmdline>") ? "" : where.position() + ": ") + nft);
            err.println(where.caret());
        } else {
            err.println(nft);
        }
        err.println("nftlink: " + e.getMessage() + Session.permissionHint(e.errno()));
    }

    private NftParser parser(Nftables nft, NetworkNamespace ns) {
        return new NftParser(CgroupPathResolver.mounted(), InterfaceResolver.in(ns), kernelSets(nft))
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

    /** Sets the text adds elements to without declaring them: looked up in the kernel, like nft does. */
    static SetLookup kernelSets(Nftables nft) {
        return (family, table, name) -> {
            try {
                return nft.listSets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
            } catch (NetlinkKernelException e) {
                return Optional.empty();
            }
        };
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

    private void echo(NftScript script, CommitResult result) {
        List<ParsedOperation> parsed = script.parsed();
        for (int i = 0; i < parsed.size(); i++) {
            ParsedOperation p = parsed.get(i);
            if (p.echo() == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(p.echo());
            if (options.output().handle()) {
                Optional<NetlinkMessage> echoed = result.echo(i);
                if (echoed.isPresent()) {
                    long handle = handle(p.operation(), echoed.get());
                    if (handle != 0) {
                        line.append(" # handle ").append(handle);
                    }
                }
            }
            out.println(line);
        }
    }

    private static long handle(NftOperation op, NetlinkMessage m) {
        return switch (op) {
            case NftOperation.AddTable t -> Table.decode(m).handle();
            case NftOperation.AddChain c -> Chain.decode(m).handle();
            case NftOperation.AddSet s -> NftSet.decode(m).handle();
            case NftOperation.AddObject o -> NftObject.decode(m).handle();
            case NftOperation.AddRule r -> Rule.decode(m).handle();
            case NftOperation.InsertRule r -> Rule.decode(m).handle();
            case NftOperation.ReplaceRule r -> Rule.decode(m).handle();
            default -> 0;
        };
    }
}
