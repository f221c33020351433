package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what is generated from the command line definitions of {@code nftlink} and
 * {@code nftlinkd}, for packaging: {@code man/nftlink.8} and {@code man/nftlinkd.8},
 * {@code completion/nftlink.bash} and {@code completion/nftlinkd.bash} (bash, by picocli's
 * {@link AutoComplete}), {@code completion/_nftlink} and {@code completion/_nftlinkd} (zsh). Run by
 * the build of examples (exec-maven-plugin).
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    /**
     * Writes the files under the directory {@code args[0]}.
     *
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTPUT-DIRECTORY");
        }
        Path directory = Path.of(args[0]);
        Path man = Files.createDirectories(directory.resolve("man"));
        Path completion = Files.createDirectories(directory.resolve("completion"));
        String version = CliDefinition.version();

        Page nftlink = Page.nftlink();
        Files.writeString(man.resolve("nftlink.8"), ManPage.render(nftlink, version));
        Files.writeString(completion.resolve("nftlink.bash"), AutoComplete.bash("nftlink", nftlink.command()));
        Files.writeString(completion.resolve("_nftlink"),
                ZshCompletion.render("nftlink", nftlink.command().getCommandSpec(), CliDefinition.commands(), false));

        Page nftlinkd = Page.nftlinkd();
        CommandLine daemon = nftlinkd.command();
        Files.writeString(man.resolve("nftlinkd.8"), ManPage.render(nftlinkd, version));
        Files.writeString(completion.resolve("nftlinkd.bash"), AutoComplete.bash("nftlinkd", daemon));
        List<CliDefinition.Word> subcommands = daemon.getSubcommands().values().stream()
                .map(c -> new CliDefinition.Word(c.getCommandName(), c.getCommandSpec().usageMessage().description()[0], List.of()))
                .toList();
        Files.writeString(completion.resolve("_nftlinkd"), ZshCompletion.render("nftlinkd", daemon.getCommandSpec(), subcommands, true));
    }
}
