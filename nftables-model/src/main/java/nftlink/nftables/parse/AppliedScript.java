package nftlink.nftables.parse;

import nftlink.nfnetlink.CommitResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * nft text committed as one transaction ({@link NftScript#applyTo}, {@code Nftables.apply}):
 * each of its commands with the handle the kernel gave what it created.
 *
 * <pre>{@code
 * AppliedScript applied = nft.apply("""
 *         add table inet app
 *         add chain inet app input { type filter hook input priority 0; }
 *         add rule inet app input tcp dport 22 accept
 *         """);
 * long ssh = applied.handle(3).orElseThrow();   // the rule's handle, by its line
 * }</pre>
 *
 * @param script the parsed text
 * @param result what the commit returned
 */
public record AppliedScript(NftScript script, CommitResult result) {

    /** Checks that no component is {@code null}. */
    public AppliedScript {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(result, "result");
    }

    /**
     * The commands of the text, in order, with their handles; the operations a command needs but
     * does not name (a rule's anonymous sets and their elements) are left out.
     *
     * @return the commands of the text, in order, with their handles
     */
    public List<AppliedCommand> commands() {
        List<ParsedOperation> parsed = script.parsed();
        List<AppliedCommand> commands = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            ParsedOperation p = parsed.get(i);
            if (p.echo() != null) {
                OptionalLong handle = i < result.operationCount() ? result.handleAt(i) : OptionalLong.empty();
                commands.add(new AppliedCommand(p.location(), p.echo(), p.operation(), handle));
            }
        }
        return commands;
    }

    /**
     * The handle of what the first command on {@code line} (1-based, in the text's first file)
     * created, if it created something with a handle.
     *
     * @param line the line, from 1
     * @return the handle, or empty
     */
    public OptionalLong handle(int line) {
        String file = script.isEmpty() ? null : script.locationOf(0).file();
        return commands().stream()
                .filter(c -> c.location().line() == line && c.location().file().equals(file) && c.handle().isPresent())
                .map(AppliedCommand::handle)
                .findFirst()
                .orElse(OptionalLong.empty());
    }
}
