package nftlink.cgroup;

import java.util.Objects;

/**
 * One entry of a cgroup policy: a name (which the rule or set element made for
 * each matching cgroup is tagged with) and the cgroups it applies to.
 *
 * @param name     unique within its policy; letters, digits, {@code _ - . :}
 * @param selector the cgroups it applies to
 */
public record PolicyEntry(String name, CgroupSelector selector) {

    /** Checks the components: a name of 1 to 64 letters, digits, {@code _} or {@code -}; a selector. */
    public PolicyEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        if (name.isEmpty() || name.length() > 64 || !name.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':'))) {
            throw new IllegalArgumentException("invalid policy entry name \"" + name + "\"");
        }
    }
}
