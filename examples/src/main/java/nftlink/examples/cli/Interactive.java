package nftlink.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code nftlink -i}: nft's interactive mode without line editing. Reads commands one line at a
 * time (a trailing {@code \} continues a line), runs each with the same options, and goes on after
 * an error; {@code quit}, {@code exit} or the end of input ends it with status 0, as nft's does.
 * The {@code nftlink> } prompt shows only on a terminal.
 */
final class Interactive {
    private Interactive() {
    }

    /** Runs the commands read from {@code in}; {@code prompt} is printed before each line when not {@code null}. */
    static int run(Session session, InputStream in, PrintStream out, String prompt) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        try {
            while (true) {
                if (prompt != null) {
                    out.print(pending.isEmpty() ? prompt : "> ");
                    out.flush();
                }
                String line = reader.readLine();
                if (line == null) {
                    return 0;
                }
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                String command = pending.append(line).toString().strip();
                pending.setLength(0);
                if (command.equals("quit") || command.equals("exit")) {
                    return 0;
                }
                if (!command.isEmpty() && !command.startsWith("#")) {
                    session.run(CommandText.of(List.of(command)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
