package nftlink.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nft} command-line tool as a peer: one process per call, spawned from
 * the thread that lives inside the benchmark's namespace, output discarded.
 */
public final class NftCli {

    private final BenchNamespace ns;
    private final String nft;
    private final File errors;

    public NftCli(BenchNamespace ns) {
        this.ns = ns;
        this.nft = locate();
        try {
            this.errors = Files.createTempFile("nftlink-bench-", ".stderr").toFile();
            errors.deleteOnExit();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String locate() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(dir, "nft"))) {
                return dir + "/nft";
            }
        }
        throw new IllegalStateException("nft not found (Debian package nftables)");
    }

    /** {@code nft -f FILE}. */
    public void file(Path script) {
        exec(List.of(nft, "-f", script.toString()));
    }

    /** {@code nft ARGS...}, e.g. {@code add rule inet t c tcp dport 22 accept}. */
    public void command(List<String> args) {
        List<String> cmd = new ArrayList<>(args.size() + 1);
        cmd.add(nft);
        cmd.addAll(args);
        exec(cmd);
    }

    private void exec(List<String> cmd) {
        int rc = ns.inside(() -> {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors)
                    .start();
            return p.waitFor();
        });
        if (rc != 0) {
            String err;
            try {
                err = Files.readString(errors.toPath()).strip();
            } catch (IOException e) {
                err = "(stderr unreadable: " + e.getMessage() + ")";
            }
            throw new IllegalStateException(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 6)))
                    + " failed with exit code " + rc + ": " + err);
        }
    }
}
