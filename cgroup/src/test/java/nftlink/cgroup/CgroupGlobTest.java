package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupGlobTest {

    static final String MAIL = "user.slice/user-*.slice/user@*.service/app.slice/app-mail*.scope";

    private static boolean m(String glob, String path) {
        return CgroupGlob.parse(glob).matches(CgroupPath.of(path));
    }

    @Test
    void matchesAppScopesOfEveryUser() {
        assertTrue(m(MAIL, "user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope"));
        assertTrue(m(MAIL, "user.slice/user-1001.slice/user@1001.service/app.slice/app-mail@x1.scope"));
        assertFalse(m(MAIL, "user.slice/user-1000.slice/user@1000.service/app.slice/app-web.scope"));
        assertFalse(m(MAIL, "user.slice/user-1000.slice/user@1000.service/app.slice/app-mail.scope/sub"));
        assertFalse(m(MAIL, "user.slice/user-1000.slice/user@1000.service/app-mail.scope"));
        assertEquals(OptionalInt.of(5), CgroupGlob.parse(MAIL).level());
    }

    @Test
    void wildcardsStayWithinOneComponent() {
        assertTrue(m("a/*", "a/b"));
        assertFalse(m("a/*", "a/b/c"));
        assertFalse(m("a*", "a/b"));
        assertTrue(m("a?c", "abc"));
        assertFalse(m("a?c", "ac"));
        assertTrue(m("a?c", "a😀c"), "? is one character, not one UTF-16 unit");
        assertTrue(m("*", "x"));
        assertFalse(m("*", ""), "the root has no component for * to match");
        assertTrue(m("*b*b", "abbab"));
    }

    @Test
    void doubleStarMatchesAnyDepth() {
        assertTrue(m("**", ""));
        assertTrue(m("**", "a/b/c"));
        assertTrue(m("system.slice/**/x.service", "system.slice/x.service"));
        assertTrue(m("system.slice/**/x.service", "system.slice/a/b/x.service"));
        assertFalse(m("system.slice/**/x.service", "other.slice/x.service"));
        assertEquals(OptionalInt.empty(), CgroupGlob.parse("a/**").level());
    }

    @Test
    void escapesMakeWildcardsLiteral() {
        assertTrue(m("a\\*", "a*"));
        assertFalse(m("a\\*", "ab"));
        assertTrue(m("\\*\\*", "**"));
        assertFalse(m("\\*\\*", "a/b"));
        assertEquals("a\\*/\\?", CgroupGlob.literal(CgroupPath.of("a*/?")).toString());
    }

    @Test
    void rejectsInvalidPatterns() {
        for (String bad : List.of("a//b", "a\\", "a/../b", ".", "a/\\/", "x\0")) {
            assertThrows(InvalidCgroupPathException.class, () -> CgroupGlob.parse(bad), bad);
        }
    }

    @Property
    void printThenParseIsIdentity(@ForAll("globs") CgroupGlob glob) {
        assertEquals(glob, CgroupGlob.parse(glob.toString()));
    }

    @Property
    void aLiteralPatternMatchesExactlyItsPath(@ForAll("paths") CgroupPath path, @ForAll("paths") CgroupPath other) {
        CgroupGlob literal = CgroupGlob.literal(path);
        assertTrue(literal.matches(path));
        assertEquals(path.equals(other), literal.matches(other));
        assertEquals(literal, CgroupGlob.parse(literal.toString()));
    }

    @Property
    void wildcardingAPathKeepsItMatching(@ForAll("paths") CgroupPath path, @ForAll @IntRange(max = 1000) int seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (String c : path.components()) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            if (r.nextInt(5) == 0) {
                b.append(r.nextBoolean() ? "*" : "**");
                continue;
            }
            for (int i = 0; i < c.length(); ) {
                int cp = c.codePointAt(i);
                int roll = r.nextInt(6);
                if (roll == 0) {
                    b.append('?');
                } else {
                    if (roll == 1) {
                        b.append('*');
                    }
                    if (cp == '*' || cp == '?' || cp == '\\') {
                        b.append('\\');
                    }
                    b.appendCodePoint(cp);
                }
                i += Character.charCount(cp);
            }
        }
        assertTrue(CgroupGlob.parse(b.toString()).matches(path), b + " should match " + path);
    }

    @Property
    void arbitraryTextParsesOrFailsWithTheLibrarysException(@ForAll("globish") String text) {
        try {
            CgroupGlob glob = CgroupGlob.parse(text);
            assertEquals(glob, CgroupGlob.parse(glob.toString()));
        } catch (InvalidCgroupPathException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Property
    void arbitraryPathTextParsesOrFailsWithTheLibrarysException(@ForAll("globish") String text) {
        try {
            CgroupPath p = CgroupPath.of(text);
            assertEquals(p, CgroupPath.of(p.toString()));
        } catch (InvalidCgroupPathException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<String> globish() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab/*?\\.\0").ofMaxLength(16), Arbitraries.strings().ofMaxLength(16));
    }

    @Provide
    Arbitrary<CgroupPath> paths() {
        return Arbitraries.strings().withCharRange('a', 'e').withChars('*', '?', '\\', '.')
                .ofMinLength(1).ofMaxLength(6).map(s -> s.replace("e", "😀")).filter(s -> !s.equals(".") && !s.equals(".."))
                .list().ofMaxSize(5).map(CgroupPath::new);
    }

    @Provide
    Arbitrary<CgroupGlob> globs() {
        Arbitrary<CgroupGlob.Token> token = Arbitraries.oneOf(
                Arbitraries.just(new CgroupGlob.AnyRun()), Arbitraries.just(new CgroupGlob.AnyChar()),
                Arbitraries.strings().withCharRange('a', 'c').withChars('*', '\\', '?', '.').ofMinLength(1).ofMaxLength(4)
                        .map(CgroupGlob.Literal::new));
        Arbitrary<CgroupGlob.Segment> component = token.list().ofMinSize(1).ofMaxSize(4).map(CgroupGlobTest::normalise)
                .filter(t -> !(t.size() == 1 && t.getFirst() instanceof CgroupGlob.Literal(String s) && (s.equals(".") || s.equals(".."))))
                .map(CgroupGlob.Component::new);
        Arbitrary<CgroupGlob.Segment> segment = Arbitraries.oneOf(component, component, Arbitraries.just(new CgroupGlob.AnyDepth()));
        return segment.list().ofMaxSize(5).map(CgroupGlob::new);
    }

    /** Merges adjacent literals and runs of *, as the parser does. */
    private static List<CgroupGlob.Token> normalise(List<CgroupGlob.Token> tokens) {
        List<CgroupGlob.Token> out = new ArrayList<>();
        for (CgroupGlob.Token t : tokens) {
            if (!out.isEmpty() && out.getLast() instanceof CgroupGlob.Literal(String a) && t instanceof CgroupGlob.Literal(String b)) {
                out.set(out.size() - 1, new CgroupGlob.Literal(a + b));
            } else if (!out.isEmpty() && out.getLast() instanceof CgroupGlob.AnyRun && t instanceof CgroupGlob.AnyRun) {
                continue;
            } else {
                out.add(t);
            }
        }
        return out;
    }
}
