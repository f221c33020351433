package nftlink.examples.cli;

import nftlink.examples.daemon.Nftlinkd;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nftlink}: nft's command line over netlink. Reads nft's options (and nftlink's
 * {@code --netns} and {@code --resolve-hostnames}) before the command, as nft does; runs the
 * command, the file of {@code -f}, or the lines of {@code -i}; exits 0, or 1 on any error, with
 * the error on standard error.
 */
public final class Main {

    private Main() {
    }

    /** Runs the tool with the process's standard streams and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the tool; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs the tool reading {@code -f -} and {@code -i} from {@code in}; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals(Command.DAEMON.word())) {
            return Nftlinkd.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length == 1 && (args[0].equals("-v") || args[0].equals("--version") || args[0].equals("-V"))) {
            // the version alone, before picocli builds its model of every option (most of start-up's work)
            out.print(args[0].equals("-V") ? VersionText.extended() : VersionText.brief());
            return 0;
        }
        CommandLine cl = NftlinkCommand.commandLine();
        NftlinkCommand parsed = cl.getCommand();
        Argv argv = Argv.split(args, cl.getCommandSpec());
        Options options;
        try {
            argv.checkOrder();
            cl.parseArgs(argv.options().toArray(String[]::new));
            options = parsed.options();
        } catch (CommandError e) {
            err.println(e.render(new CommandText(argv.words())));
            return 1;
        } catch (CommandLine.ParameterException e) {
            return usage(GetoptMessages.of(e, argv.options().isEmpty() ? null : argv.options().getLast()), err);
        } catch (UsageException e) {
            return usage(e.getMessage(), err);
        }
        if (parsed.help()) {
            cl.usage(out, CommandLine.Help.Ansi.OFF);
            return 0;
        }
        if (parsed.version() > 0) {
            out.print(parsed.version() == 2 ? VersionText.extended() : VersionText.brief());
            return 0;
        }
        String conflict = conflict(options, argv.words());
        if (conflict != null) {
            err.println("Error: " + conflict);
            return 1;
        }
        Session session = new Session(options, in, out, err);
        if (!argv.words().isEmpty()) {
            return session.run(CommandText.of(argv.words()));
        }
        if (options.input().file() != null) {
            return session.file(options.input().file());
        }
        if (options.input().interactive()) {
            return Interactive.run(session, in, out, in == System.in && System.console() != null ? "nftlink> " : null);
        }
        err.println("nftlink: no command specified");
        return 1;
    }

    /** What nft refuses in these options before running anything, or {@code null}. */
    private static String conflict(Options options, List<String> words) {
        Options.Input input = options.input();
        if (input.interactive() && input.file() != null) {
            return "-i/--interactive and -f/--file options cannot be combined";
        }
        if (!input.defines().isEmpty() && input.file() == null) {
            return "-D/--define can only be used with -f/--filename";
        }
        for (String level : options.debug()) {
            if (!level.equals("netlink") && !level.equals("all")) {
                return switch (level) {
                    case "scanner", "parser", "eval", "mnl", "proto-ctx", "segtree" -> "debug level '" + level
                            + "' is nft's own and not supported; nftlink has --debug=netlink";
                    default -> "invalid debug parameter `" + level + "'";
                };
            }
        }
        if (input.file() != null && !words.isEmpty()) {
            return "-f takes no command; put the commands in the file";
        }
        return null;
    }

    private static int usage(String message, PrintStream err) {
        err.println("nftlink: " + message);
        err.println("Try 'nftlink --help' for more information.");
        return 1;
    }
}
