package nftlink.cgroup;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The comments {@link NftablesBindingStore} tags its rules and set elements with,
 * so that a later run recognises them:
 * <ul>
 *   <li>{@code PREFIX bind ENTRY ID FP /PATH} on a rule or element made for a
 *       binding, FP a fingerprint of what the entry's target made of it (so a
 *       changed target is noticed), and {@code ?PATH-HEAD} instead of
 *       {@code /PATH} when the path is too long for a comment (the path is then
 *       found again by the ID);</li>
 *   <li>{@code PREFIX fixed N FP} on the N-th fixed rule of the table's layout, FP a
 *       fingerprint of that rule (so a changed layout is noticed).</li>
 * </ul>
 *
 * @param prefix the first word of every tag; no spaces
 */
record BindingTags(String prefix) {

    /** What nft and the kernel keep of a comment, less a margin. */
    static final int MAX_BYTES = 250;

    /** A decoded binding tag; {@code path} is the head of the path, or {@code null}, when {@code truncated}. */
    record Tag(String entry, long id, String fingerprint, CgroupPath path, boolean truncated) {
    }

    BindingTags {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.length() > 32 || prefix.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("invalid tag prefix \"" + prefix + "\"");
        }
    }

    String binding(Binding b, String fingerprint) {
        String head = prefix + " bind " + b.entry() + " " + Long.toUnsignedString(b.cgroup().id()) + " " + fingerprint + " ";
        String full = head + "/" + b.cgroup().path();
        if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return full;
        }
        String cut = head + "?" + b.cgroup().path();
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut;
    }

    String fixed(int index, String fingerprint) {
        return prefix + " fixed " + index + " " + fingerprint;
    }

    /** The index of a fixed-rule tag, or -1 when {@code comment} is none. */
    int fixedIndex(String comment) {
        String head = prefix + " fixed ";
        if (comment == null || !comment.startsWith(head)) {
            return -1;
        }
        String[] parts = comment.substring(head.length()).split(" ", -1);
        if (parts.length != 2 || parts[1].isEmpty() || parts[1].chars().anyMatch(c -> c <= ' ')) {
            return -1;
        }
        try {
            int i = Integer.parseInt(parts[0]);
            return i >= 0 && Integer.toString(i).equals(parts[0]) ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The binding tag in {@code comment}, or empty when it is none. */
    Optional<Tag> parseBinding(String comment) {
        String head = prefix + " bind ";
        if (comment == null || !comment.startsWith(head)) {
            return Optional.empty();
        }
        String[] parts = comment.substring(head.length()).split(" ", 4);
        if (parts.length != 4 || parts[3].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            new PolicyEntry(parts[0], new CgroupSelector.Exact(CgroupPath.ROOT));
            long id = Long.parseUnsignedLong(parts[1]);
            char kind = parts[3].charAt(0);
            if (kind != '/' && kind != '?') {
                return Optional.empty();
            }
            CgroupPath path;
            try {
                path = CgroupPath.of(parts[3].substring(1));
            } catch (InvalidCgroupPathException e) {
                if (kind == '/') {
                    return Optional.empty();
                }
                path = null;
            }
            return Optional.of(new Tag(parts[0], id, parts[2], path, kind == '?'));
        } catch (CgroupException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
