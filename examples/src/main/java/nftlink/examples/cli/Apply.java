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
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.InputLimits;
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
import java.util.Set;

/**
 * {@code nftlink -f FILE} and {@code nftlink add|delete|flush|... ARGS}: parses nft
 * text completely, then applies it as one transaction (or only checks it with
 * {@code --check}); with {@code --echo} prints what was added, with
 * {@code --handle} including the kernel's handles.
 */
final class Apply {
    private Apply() {
    }

    /** The first words of the nft commands the tool runs. */
    private static final Set<String> COMMANDS = Set.of("add", "create", "insert", "replace", "delete", "destroy",
            "flush", "table", "chain", "rule", "set", "map", "element", "define", "include");

    /** Whether these options ask for a file or an nft command rather than a listing. */
    static boolean applies(Main.Options options) {
        return options.file() != null || !options.command().isEmpty() && COMMANDS.contains(options.command().getFirst());
    }

    static int run(Main.Options options, InputStream in, PrintStream out, PrintStream err) {
        if (options.file() != null && !options.command().isEmpty()) {
            throw new UsageException("-f takes no command; put the commands in the file");
        }
        String text = options.file() == null ? null : read(options.file(), in);
        try (NetworkNamespace ns = options.netns() == null ? NetworkNamespace.current() : NetworkNamespace.named(options.netns());
             Nftables nft = Nftables.open(ns)) {
            InterfaceResolver interfaces = options.netns() == null ? InterfaceResolver.sysfs()
                    : InterfaceResolver.refusing("names are resolved only in nftlink's own network namespace; "
                    + "give the index, or match iifname/oifname");
            NftParser parser = new NftParser(CgroupPathResolver.mounted(), interfaces, kernelSets(nft))
                    .withHostnameResolution(options.resolveHostnames());
            NftScript script;
            try {
                if (text == null) {
                    script = parser.parseCommand(options.command());
                } else if (options.file().equals("-")) {
                    script = parser.parse(text, "/dev/stdin");
                } else {
                    script = parser.parse(text, Path.of(options.file()));
                }
            } catch (NftParseException e) {
                err.println(e.getMessage());
                return 1;
            }
            if (script.isEmpty()) {
                return 0;
            }
            try {
                if (options.check()) {
                    nft.transaction().addAll(script.operations()).check();
                    return 0;
                }
                CommitResult result = nft.transaction().addAll(script.operations()).commit();
                if (options.echo()) {
                    echo(script, result, options.handles(), out);
                }
                return 0;
            } catch (TransactionException e) {
                err.println("nftlink: " + e.getMessage());
                if (e.operationIndex() >= 0 && e.operationIndex() < script.parsed().size()) {
                    SourceLocation where = script.locationOf(e.operationIndex());
                    err.println(where.position() + ": the failed operation comes from here:");
                    err.println(where.caret());
                }
                return 1;
            }
        }
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
    private static SetLookup kernelSets(Nftables nft) {
        return (family, table, name) -> {
            try {
                return nft.listSets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
            } catch (NetlinkKernelException e) {
                return Optional.empty();
            }
        };
    }

    private static void echo(NftScript script, CommitResult result, boolean handles, PrintStream out) {
        List<ParsedOperation> parsed = script.parsed();
        for (int i = 0; i < parsed.size(); i++) {
            ParsedOperation p = parsed.get(i);
            if (p.echo() == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(p.echo());
            if (handles) {
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
