package nftlink.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cgroup's place in the hierarchy, relative to the hierarchy's root, as
 * {@code nft} writes it: {@code user.slice/user-1000.slice}. The root is the empty
 * path. The {@link #level() level} is the number of components, which is what
 * {@code socket cgroupv2 level N} compares against.
 *
 * @param components the directory names from the root down; none empty, none
 *                   {@code .} or {@code ..}, none containing {@code /} or NUL
 */
public record CgroupPath(List<String> components) {

    /** The hierarchy's root cgroup (level 0). */
    public static final CgroupPath ROOT = new CgroupPath(List.of());

    /** Copies {@code components} and checks each is a valid directory name. */
    public CgroupPath {
        components = List.copyOf(components);
        for (String c : components) {
            checkComponent(c);
        }
    }

    /**
     * Parses {@code user.slice/app.scope}; leading and trailing slashes are
     * ignored, so {@code "/"} and {@code ""} are the root.
     *
     * @param path the path below the hierarchy's root
     * @return the path
     * @throws InvalidCgroupPathException for an empty, {@code .} or {@code ..} component
     */
    public static CgroupPath of(String path) {
        Objects.requireNonNull(path, "path");
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        if (start == end) {
            return ROOT;
        }
        List<String> parts = new ArrayList<>();
        int from = start;
        for (int i = start; i <= end; i++) {
            if (i == end || path.charAt(i) == '/') {
                String c = path.substring(from, i);
                if (c.isEmpty()) {
                    throw new InvalidCgroupPathException("empty component in cgroup path \"" + path + "\"");
                }
                parts.add(c);
                from = i + 1;
            }
        }
        return new CgroupPath(parts);
    }

    private static void checkComponent(String c) {
        Objects.requireNonNull(c, "component");
        if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('/') >= 0 || c.indexOf('\0') >= 0) {
            throw new InvalidCgroupPathException("invalid cgroup path component \"" + c + "\"");
        }
    }

    /**
     * Number of components below the root: 0 for the root, 1 for {@code system.slice}.
     *
     * @return the level
     */
    public int level() {
        return components.size();
    }

    /**
     * Whether this is the root.
     *
     * @return whether this is the root
     */
    public boolean isRoot() {
        return components.isEmpty();
    }

    /**
     * The last component, or {@code ""} for the root.
     *
     * @return the name
     */
    public String name() {
        return components.isEmpty() ? "" : components.getLast();
    }

    /**
     * The parent; the root's parent is {@code null}.
     *
     * @return the parent, or {@code null}
     */
    public CgroupPath parent() {
        return components.isEmpty() ? null : new CgroupPath(components.subList(0, components.size() - 1));
    }

    /**
     * The child named {@code name}.
     *
     * @param name a valid directory name
     * @return the child's path
     */
    public CgroupPath child(String name) {
        List<String> c = new ArrayList<>(components.size() + 1);
        c.addAll(components);
        c.add(name);
        return new CgroupPath(c);
    }

    /**
     * This path followed by {@code relative}.
     *
     * @param relative a path relative to this one
     * @return the joined path
     */
    public CgroupPath resolve(CgroupPath relative) {
        List<String> c = new ArrayList<>(components);
        c.addAll(relative.components);
        return new CgroupPath(c);
    }

    /**
     * The ancestor at {@code level} (this path itself when {@code level == level()}):
     * the cgroup that {@code socket cgroupv2 level N} looks at for a socket of this
     * cgroup.
     *
     * @param level the ancestor's level, from 0 to {@link #level()}
     * @return the ancestor
     * @throws IllegalArgumentException when {@code level} is negative or deeper than this path
     */
    public CgroupPath ancestor(int level) {
        if (level < 0 || level > components.size()) {
            throw new IllegalArgumentException("cgroup \"" + this + "\" at level " + components.size()
                    + " has no ancestor at level " + level);
        }
        return level == components.size() ? this : new CgroupPath(components.subList(0, level));
    }

    /**
     * Whether {@code other} is this path or lies below it.
     *
     * @param other another path
     * @return whether it is in this subtree
     */
    public boolean contains(CgroupPath other) {
        return other.components.size() >= components.size()
                && other.components.subList(0, components.size()).equals(components);
    }

    /**
     * The directory of this cgroup under a hierarchy mounted at {@code mountPoint}.
     *
     * @param mountPoint the hierarchy's mount point
     * @return the directory
     */
    public Path in(Path mountPoint) {
        Path p = mountPoint;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    /** {@code user.slice/user-1000.slice}; the root is {@code ""}. */
    @Override
    public String toString() {
        return String.join("/", components);
    }
}
