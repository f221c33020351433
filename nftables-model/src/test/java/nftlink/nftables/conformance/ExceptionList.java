package nftlink.nftables.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A list kept in the project of conformance vectors the library does not (yet) handle,
 * one per line as {@code KEY || reason} (a resource under {@code src/test/resources}),
 * checked both ways: a vector that fails but is not listed, and a listed vector that
 * no longer fails, are unexpected. The current results are also written to
 * {@code target/conformance/} in the same format, to update the list from.
 */
public final class ExceptionList {

    private final String resource;
    private final String what;
    private final Map<String, String> listed;
    private final Map<String, String> seen = new LinkedHashMap<>();

    private ExceptionList(String resource, String what, Map<String, String> listed) {
        this.resource = resource;
        this.what = what;
        this.listed = listed;
    }

    /**
     * Loads {@code resource} ({@code /conformance/NAME.txt}).
     *
     * @param what what a listed vector is, for messages ("not supported", "accepted ;fail line")
     */
    public static ExceptionList load(String resource, String what) {
        Map<String, String> listed = new LinkedHashMap<>();
        try (var in = ExceptionList.class.getResourceAsStream(resource)) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int reason = line.lastIndexOf(" || ");
                    listed.put((reason >= 0 ? line.substring(0, reason) : line).strip(), reason >= 0 ? line.substring(reason + 4) : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExceptionList(resource, what, listed);
    }

    /** Records that the vector {@code key} is an exception for {@code reason}; unexpected when not listed. */
    public void saw(String key, String reason, Set<String> unexpected) {
        seen.put(key, reason.replace('\n', ' '));
        if (!listed.containsKey(key)) {
            unexpected.add(what + " and not listed in " + resource + ": " + key + " || " + reason);
        }
    }

    /** Whether {@code key} is listed. */
    public boolean contains(String key) {
        return listed.containsKey(key);
    }

    /**
     * Adds to {@code unexpected} every listed vector that was not seen as an exception
     * (it now works, or the corpus no longer has it), and writes what was seen to
     * {@code target/conformance/FILE}.
     */
    public void finish(Set<String> unexpected) {
        Set<String> gone = new LinkedHashSet<>(listed.keySet());
        gone.removeAll(seen.keySet());
        for (String key : gone) {
            unexpected.add("no longer " + what + ", remove from " + resource + ": " + key);
        }
        StringBuilder sb = new StringBuilder();
        seen.forEach((k, r) -> sb.append(k).append(" || ").append(r).append('\n'));
        Path out = Path.of("target", "conformance", Path.of(resource).getFileName().toString());
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
