package nftlink.examples.cli.docs;

import nftlink.examples.cli.CliDefinition;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what is generated from {@code nftlink}'s command line definition, for packaging:
 * {@code man/nftlink.8}, {@code completion/nftlink.bash} (bash, by picocli's {@link AutoComplete})
 * and {@code completion/_nftlink} (zsh). Run by the build of examples (exec-maven-plugin).
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
        write(Path.of(args[0]));
    }

    /** Writes the files under {@code directory}. */
    static void write(Path directory) throws IOException {
        CommandLine cl = CliDefinition.commandLine();
        Path man = Files.createDirectories(directory.resolve("man"));
        Files.writeString(man.resolve("nftlink.8"), ManPage.render(cl, CliDefinition.forms(), CliDefinition.version()));
        Path completion = Files.createDirectories(directory.resolve("completion"));
        Files.writeString(completion.resolve("nftlink.bash"), AutoComplete.bash("nftlink", cl));
        Files.writeString(completion.resolve("_nftlink"), ZshCompletion.render(cl.getCommandSpec(), CliDefinition.commands()));
    }
}
