package nftlink.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A pattern over cgroup paths, such as
 * {@code user.slice/user-*.slice/user@*.service/app.slice/app-mail*.scope}.
 * Components are separated by {@code /}; within one, {@code *} matches any run of
 * characters and {@code ?} any one character, never a {@code /}; a component that
 * is exactly {@code **} matches any number of components, none included;
 * {@code \} makes the next character literal.
 *
 * @param segments the parsed components
 */
public record CgroupGlob(List<Segment> segments) {

    /** One component of a pattern. */
    public sealed interface Segment {
    }

    /** {@code **}: any number of components. */
    public record AnyDepth() implements Segment {
    }

    /**
     * A component pattern made of literal text, {@code *} and {@code ?}.
     *
     * @param tokens the tokens, in order
     */
    public record Component(List<Token> tokens) implements Segment {
        /** Copies the tokens, which must not be empty. */
        public Component {
            tokens = List.copyOf(tokens);
            if (tokens.isEmpty()) {
                throw new InvalidCgroupPathException("empty component in a cgroup pattern");
            }
            for (int i = 1; i < tokens.size(); i++) {
                if (tokens.get(i) instanceof Literal && tokens.get(i - 1) instanceof Literal) {
                    throw new IllegalArgumentException("adjacent literals must be merged");
                }
            }
            if (tokens.size() == 1 && tokens.getFirst() instanceof Literal(String text)
                    && (text.equals(".") || text.equals(".."))) {
                throw new InvalidCgroupPathException("component \"" + text + "\" can match no cgroup");
            }
        }
    }

    /** Part of a component pattern. */
    public sealed interface Token {
    }

    /**
     * Literal text (never empty, no {@code /} or NUL).
     *
     * @param text the text
     */
    public record Literal(String text) implements Token {
        /** Checks the component: not empty, no {@code /} or NUL. */
        public Literal {
            if (text.isEmpty() || text.indexOf('/') >= 0 || text.indexOf('\0') >= 0) {
                throw new InvalidCgroupPathException("invalid literal \"" + text + "\" in a cgroup pattern");
            }
        }
    }

    /** {@code *}: any run of characters. */
    public record AnyRun() implements Token {
    }

    /** {@code ?}: one character. */
    public record AnyChar() implements Token {
    }

    /** Copies the segments, which must not be null. */
    public CgroupGlob {
        segments = List.copyOf(segments);
        for (Segment s : segments) {
            Objects.requireNonNull(s, "segment");
        }
    }

    /**
     * Parses a pattern; leading and trailing slashes are ignored.
     *
     * @param pattern the pattern
     * @return the glob
     * @throws InvalidCgroupPathException for an empty component, a trailing {@code \},
     *                                    a NUL, or a {@code .} or {@code ..} component
     */
    public static CgroupGlob parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.indexOf('\0') >= 0) {
            throw new InvalidCgroupPathException("NUL in cgroup pattern");
        }
        List<Segment> segments = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean escapedInComponent = false;
        int start = 0;
        int end = pattern.length();
        while (start < end && pattern.charAt(start) == '/') {
            start++;
        }
        while (end > start && pattern.charAt(end - 1) == '/' && !escapedAt(pattern, end - 1)) {
            end--;
        }
        if (start == end) {
            return new CgroupGlob(List.of());
        }
        for (int i = start; i <= end; i++) {
            char c = i == end ? '/' : pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= end) {
                    throw new InvalidCgroupPathException("cgroup pattern \"" + pattern + "\" ends with a lone \\");
                }
                literal.append(pattern.charAt(++i));
                escapedInComponent = true;
            } else if (c == '/') {
                flush(literal, tokens);
                if (tokens.isEmpty()) {
                    throw new InvalidCgroupPathException("empty component in cgroup pattern \"" + pattern + "\"");
                }
                if (!escapedInComponent && tokens.size() == 2 && tokens.get(0) instanceof AnyRun && tokens.get(1) instanceof AnyRun) {
                    segments.add(new AnyDepth());
                } else {
                    segments.add(new Component(merge(tokens)));
                }
                tokens.clear();
                escapedInComponent = false;
            } else if (c == '*') {
                flush(literal, tokens);
                tokens.add(new AnyRun());
            } else if (c == '?') {
                flush(literal, tokens);
                tokens.add(new AnyChar());
            } else {
                literal.append(c);
            }
        }
        return new CgroupGlob(segments);
    }

    private static boolean escapedAt(String s, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static void flush(StringBuilder literal, List<Token> tokens) {
        if (!literal.isEmpty()) {
            tokens.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Collapses runs of {@code *} (equivalent to one) so that equal patterns compare equal. */
    private static List<Token> merge(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (t instanceof AnyRun && !out.isEmpty() && out.getLast() instanceof AnyRun) {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * A pattern that matches exactly {@code path}.
     *
     * @param path the path
     * @return the glob
     */
    public static CgroupGlob literal(CgroupPath path) {
        List<Segment> segments = new ArrayList<>();
        for (String c : path.components()) {
            segments.add(new Component(List.of(new Literal(c))));
        }
        return new CgroupGlob(segments);
    }

    /**
     * Whether {@code path} matches.
     *
     * @param path the path
     * @return whether it matches
     */
    public boolean matches(CgroupPath path) {
        List<String> components = path.components();
        // reachable[j]: the segments so far can consume exactly the first j components
        boolean[] reachable = new boolean[components.size() + 1];
        reachable[0] = true;
        for (Segment s : segments) {
            boolean[] next = new boolean[components.size() + 1];
            if (s instanceof AnyDepth) {
                boolean any = false;
                for (int j = 0; j <= components.size(); j++) {
                    any |= reachable[j];
                    next[j] = any;
                }
            } else {
                Component component = (Component) s;
                for (int j = 0; j < components.size(); j++) {
                    if (reachable[j] && matches(component.tokens(), components.get(j))) {
                        next[j + 1] = true;
                    }
                }
            }
            reachable = next;
        }
        return reachable[components.size()];
    }

    private static boolean matches(List<Token> tokens, String name) {
        int t = 0;
        int n = 0;
        int starToken = -1;
        int starName = 0;
        while (n < name.length() || t < tokens.size()) {
            if (t < tokens.size()) {
                Token token = tokens.get(t);
                if (token instanceof AnyRun) {
                    starToken = t++;
                    starName = n;
                    continue;
                }
                if (token instanceof AnyChar && n < name.length()) {
                    t++;
                    n += Character.charCount(name.codePointAt(n));
                    continue;
                }
                if (token instanceof Literal(String text) && name.startsWith(text, n)) {
                    t++;
                    n += text.length();
                    continue;
                }
            }
            if (starToken >= 0 && starName < name.length()) {
                starName += Character.charCount(name.codePointAt(starName));
                n = starName;
                t = starToken + 1;
                continue;
            }
            return false;
        }
        return true;
    }

    /**
     * The level every match has, or empty when the pattern has {@code **}.
     *
     * @return the level, or empty
     */
    public OptionalInt level() {
        for (Segment s : segments) {
            if (s instanceof AnyDepth) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(segments.size());
    }

    /** The pattern in the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            switch (s) {
                case AnyDepth a -> b.append("**");
                case Component c -> {
                    for (Token t : c.tokens()) {
                        switch (t) {
                            case AnyRun r -> b.append('*');
                            case AnyChar q -> b.append('?');
                            case Literal(String text) -> {
                                for (int i = 0; i < text.length(); i++) {
                                    char ch = text.charAt(i);
                                    if (ch == '*' || ch == '?' || ch == '\\') {
                                        b.append('\\');
                                    }
                                    b.append(ch);
                                }
                            }
                        }
                    }
                }
            }
        }
        return b.toString();
    }
}
