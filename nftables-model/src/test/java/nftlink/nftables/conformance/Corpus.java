package nftlink.nftables.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * nftables' own rule test vectors in {@code ../shared/conformance/nftables-tests-py/}
 * (see FORMAT.md there): where to find them and how to read payload files. Tests that read them
 * run in the vectors' time zone ({@link VectorTimeZone}).
 */
final class Corpus {

    private Corpus() {
    }

    /** One payload entry: the rule text and its expected expression lines. */
    record Entry(Path file, String rule, List<String> expressionLines) {
    }

    /** The corpus directory, or {@code null} when it is not beside the repository. */
    static Path directory() {
        String configured = System.getProperty("nftlink.conformance.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/conformance/nftables-tests-py").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Every {@code .t.payload*} file, sorted. */
    static List<Path> payloadFiles(Path corpus) {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(p -> p.getFileName().toString().contains(".t.payload")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of a payload file. */
    static List<Entry> entries(Path payloadFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(payloadFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        String rule = null;
        List<String> expressions = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("# ")) {
                if (rule != null) {
                    entries.add(new Entry(payloadFile, rule, List.copyOf(expressions)));
                }
                rule = line.substring(2).strip();
                expressions.clear();
            } else if (line.strip().startsWith("[") && rule != null) {
                expressions.add(line.strip());
            }
        }
        if (rule != null) {
            entries.add(new Entry(payloadFile, rule, List.copyOf(expressions)));
        }
        return entries;
    }
}
