package nftlink.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nftlink}'s command line: nft 1.1.3's options (main.c, with its groups, letters and help
 * texts) and nftlink's own, and the commands of {@link Command}. The help, the {@code nftlink(8)}
 * man page and the shell completions are all generated from {@link #commandLine()}.
 */
@CommandLine.Command(name = "nftlink", sortOptions = false, usageHelpWidth = 100,
        customSynopsis = {"nftlink [ options ] [ cmds... ]", "       nftlink [ options ] -f <filename> | -i"},
        description = {"Lists and changes nftables rule sets through netlink, without the nft binary: nft's commands and "
                + "options, with nft's output and exit status."},
        footer = {"", "FAMILY is one of ip, ip6, inet, arp, bridge, netdev; a table named without one is an ip table.",
                "Exit status: 0 on success, 1 on any error (nft's).",
                "Needs root or CAP_NET_ADMIN, and CAP_SYS_ADMIN for --netns and demo."})
final class NftlinkCommand {

    @ArgGroup(validate = false, heading = "%nOptions (general):%n", order = 1)
    General general = new General();

    @ArgGroup(validate = false, heading = "%nOptions (ruleset input handling):%n", order = 2)
    InputOptions input = new InputOptions();

    @ArgGroup(validate = false, heading = "%nOptions (ruleset list formatting):%n", order = 3)
    ListOptions list = new ListOptions();

    @ArgGroup(validate = false, heading = "%nOptions (command output formatting):%n", order = 4)
    CommandOutputOptions commandOutput = new CommandOutputOptions();

    @ArgGroup(validate = false, heading = "%nOptions (nftlink):%n", order = 5)
    NftlinkOptions nftlink = new NftlinkOptions();

    /** nft's general options. */
    static final class General {
        @Option(names = {"-h", "--help"}, usageHelp = true, order = 1, description = "Show this help")
        boolean help;
        @Option(names = {"-v", "--version"}, order = 2, description = "Show version information")
        boolean version;
        @Option(names = "-V", order = 3, description = "Show extended version information")
        boolean versionLong;
    }

    /** nft's ruleset input options. */
    static final class InputOptions {
        @Option(names = {"-f", "--file"}, paramLabel = "<filename>", order = 1,
                description = "Read input from <filename> ('-' for standard input), applied as one transaction")
        String file;
        @Option(names = {"-D", "--define"}, paramLabel = "<name=value>", order = 2,
                description = "Define variable, e.g. --define foo=1.2.3.4")
        List<String> defines = new ArrayList<>();
        @Option(names = {"-i", "--interactive"}, order = 3, description = "Read input from interactive CLI")
        boolean interactive;
        @Option(names = {"-I", "--includepath"}, paramLabel = "<directory>", order = 4,
                description = "Add <directory> to the paths searched for include files")
        List<Path> includePath = new ArrayList<>();
        @Option(names = {"-c", "--check"}, order = 5,
                description = "Check commands validity without actually applying the changes.")
        boolean check;
        @Option(names = {"-o", "--optimize"}, order = 6, description = "Optimize ruleset (not supported: refused with -f and commands that change the rule set)")
        boolean optimize;
    }

    /** nft's ruleset list formatting options. */
    static final class ListOptions {
        @Option(names = {"-a", "--handle"}, order = 1, description = "Output rule handle.")
        boolean handle;
        @Option(names = {"-s", "--stateless"}, order = 2, description = "Omit stateful information of ruleset.")
        boolean stateless;
        @Option(names = {"-t", "--terse"}, order = 3, description = "Omit contents of sets.")
        boolean terse;
        @Option(names = {"-S", "--service"}, order = 4,
                description = "Translate ports to service names as described in /etc/services.")
        boolean service;
        @Option(names = {"-N", "--reversedns"}, order = 5, description = "Translate IP addresses to names.")
        boolean reverseDns;
        @Option(names = {"-u", "--guid"}, order = 6, description = "Print UID/GID as defined in /etc/passwd and /etc/group.")
        boolean guid;
        @Option(names = {"-n", "--numeric"}, order = 7, description = "Print fully numerical output.")
        boolean numeric;
        @Option(names = {"-y", "--numeric-priority"}, order = 8, description = "Print chain priority numerically.")
        boolean numericPriority;
        @Option(names = {"-p", "--numeric-protocol"}, order = 9, description = "Print layer 4 protocols numerically.")
        boolean numericProtocol;
        @Option(names = {"-T", "--numeric-time"}, order = 10, description = "Print time values numerically.")
        boolean numericTime;
    }

    /** nft's command output formatting options. */
    static final class CommandOutputOptions {
        @Option(names = {"-e", "--echo"}, order = 1, description = "Echo what has been added, inserted or replaced.")
        boolean echo;
        @Option(names = {"-j", "--json"}, order = 2, description = "Format output in JSON")
        boolean json;
        @Option(names = {"-d", "--debug"}, paramLabel = "<level>", split = ",", order = 3,
                description = "Specify debugging level (netlink, all; scanner, parser, eval, mnl, proto-ctx and segtree are nft's own and refused)")
        List<String> debug = new ArrayList<>();
    }

    /** nftlink's own options. */
    static final class NftlinkOptions {
        @Option(names = "--netns", paramLabel = "<name>", order = 1,
                description = "Work inside network namespace <name> (/var/run/netns/<name>)")
        String netns;
        @Option(names = "--resolve-hostnames", order = 2,
                description = "Resolve host names in addresses (ip daddr localhost) through the system's resolver; without it they are errors")
        boolean resolveHostnames;
    }

    /** The parsed options as one record. */
    Options options() {
        if (nftlink.netns != null && nftlink.netns.isEmpty()) {
            throw new UsageException("option --netns needs a namespace name");
        }
        return new Options(
                new Options.Input(input.file, input.defines, input.interactive, input.includePath, input.check, input.optimize),
                new Options.Output(list.handle, list.stateless, list.terse, list.service, list.reverseDns, list.guid,
                        list.numeric, list.numericPriority, list.numericProtocol, list.numericTime,
                        commandOutput.echo, commandOutput.json),
                nftlink.netns, nftlink.resolveHostnames, commandOutput.debug);
    }

    /** Whether {@code -h} was given. */
    boolean help() {
        return general.help;
    }

    /** 0 without a version option, 1 for {@code -v}, 2 for {@code -V}. */
    int version() {
        return general.versionLong ? 2 : general.version ? 1 : 0;
    }

    /**
     * The command line: the options of a new {@link NftlinkCommand}, parsed as nft's getopt does
     * (clustered short options, {@code --opt=value}, a repeated flag is no error, no {@code @file}
     * expansion), and the commands of {@link Command} for the help, the man page and completion.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NftlinkCommand());
        cl.setExpandAtFiles(false);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setAllowOptionsAsOptionParameters(true);
        for (Command c : Command.values()) {
            cl.addSubcommand(c.word(), new CommandLine(spec(c)));
        }
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "\nCommands:\n");
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> HelpText.commands());
        return cl;
    }

    private static CommandSpec spec(Command c) {
        CommandSpec spec = CommandSpec.create().name(c.word());
        spec.usageMessage().hidden(c.hidden())
                .description(c.forms().stream().map(f -> f.synopsis() + ": " + f.description()).toArray(String[]::new));
        spec.addPositional(PositionalParamSpec.builder().paramLabel("WORDS").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).completionCandidates(c.completions())
                .description("the rest of the command, in nft's syntax").build());
        if (c == Command.MONITOR) {
            spec.addOption(OptionSpec.builder("--count").paramLabel("N").type(long.class)
                    .description("stop after N transactions").build());
        }
        if (c == Command.DAEMON) {
            spec.parser().unmatchedOptionsArePositionalParams(true);
        }
        return spec;
    }
}
