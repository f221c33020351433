package nftlink.nftables.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * nftables' shell-test dumps in {@code ../shared/conformance/nftables-tests-shell-dumps/}
 * (see SOURCE.md there): whole rule sets as {@code nft list ruleset} prints them
 * ({@code .nft}) and as {@code nft -j list ruleset} prints them ({@code .json-nft}).
 */
final class ShellDumps {

    /** Devices a dump names: base chain and flowtable devices, {@code iif}/{@code oif} values. */
    private static final Pattern DEVICE = Pattern.compile("\\bdevice \"([^\"]+)\"|\\b(?:iif|oif) (?:!= )?\"([^\"]+)\"");
    private static final Pattern DEVICE_LIST = Pattern.compile("\\bdevices = \\{([^}]*)}");

    private ShellDumps() {
    }

    /** One dump: its path relative to the corpus (the key of the exception lists) and its files. */
    record Dump(String key, Path text, Path json) {
        /** Whether the dump has a {@code .json-nft} counterpart. */
        boolean hasJson() {
            return Files.isRegularFile(json);
        }
    }

    /** The corpus directory, or {@code null} when it is not beside the repository. */
    static Path directory() {
        String configured = System.getProperty("nftlink.shelldumps.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/conformance/nftables-tests-shell-dumps").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Every {@code .nft} dump of the corpus, sorted by key. */
    static List<Dump> dumps(Path corpus) {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".nft")).sorted()
                    .map(p -> {
                        String name = p.getFileName().toString();
                        Path json = p.resolveSibling(name.substring(0, name.length() - ".nft".length()) + ".json-nft");
                        return new Dump(corpus.relativize(p).toString(), p, json);
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The interface names {@code text} refers to, other than {@code lo}, which every namespace has. */
    static Set<String> devices(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = DEVICE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher list = DEVICE_LIST.matcher(text);
        while (list.find()) {
            for (String word : list.group(1).split(",")) {
                String name = word.strip().replace("\"", "");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        names.remove("lo");
        return names;
    }
}
