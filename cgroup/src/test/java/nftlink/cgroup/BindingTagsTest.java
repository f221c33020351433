package nftlink.cgroup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comment tags that let a later run adopt rules and elements. */
class BindingTagsTest {

    private static final BindingTags TAGS = new BindingTags(NftablesBindingStore.DEFAULT_TAG_PREFIX);

    @Provide
    Arbitrary<Binding> bindings() {
        Arbitrary<String> entry = Arbitraries.strings().withChars("abcXYZ019_-.:").ofMinLength(1).ofMaxLength(64);
        Arbitrary<String> component = Arbitraries.strings().withChars("abz-_.@ é\\:")
                .ofMinLength(1).ofMaxLength(70).filter(c -> !c.equals(".") && !c.equals(".."));
        Arbitrary<CgroupPath> path = component.list().ofMaxSize(6).map(CgroupPath::new);
        return Combinators.combine(entry, path, Arbitraries.longs()).as((e, p, id) -> new Binding(e, new Cgroup(p, id)));
    }

    @Provide
    Arbitrary<String> fingerprints() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(8);
    }

    @Property
    void aTagFitsACommentAndGivesBackItsBinding(@ForAll("bindings") Binding b, @ForAll("fingerprints") String fp) {
        String tag = TAGS.binding(b, fp);
        assertTrue(tag.getBytes(StandardCharsets.UTF_8).length <= BindingTags.MAX_BYTES, tag);
        BindingTags.Tag t = TAGS.parseBinding(tag).orElseThrow(() -> new AssertionError("unparsed: " + tag));
        assertEquals(b.entry(), t.entry());
        assertEquals(b.cgroup().id(), t.id());
        assertEquals(fp, t.fingerprint());
        if (t.truncated()) {
            assertTrue(tag.getBytes(StandardCharsets.UTF_8).length > BindingTags.MAX_BYTES - 4, "only long paths are cut: " + tag);
            assertTrue(t.path() == null || b.cgroup().path().toString().startsWith(t.path().toString()), tag);
        } else {
            assertEquals(b.cgroup().path(), t.path());
        }
        assertEquals(-1, TAGS.fixedIndex(tag));
        assertEquals(Optional.empty(), new BindingTags("other").parseBinding(tag), "another prefix's tags are not ours");
    }

    @Property
    void fixedTagsAreNoBindingTags(@ForAll("indices") int index) {
        String tag = TAGS.fixed(index, "0badcafe");
        assertEquals(index, TAGS.fixedIndex(tag));
        assertFalse(TAGS.parseBinding(tag).isPresent());
    }

    @Provide
    Arbitrary<Integer> indices() {
        return Arbitraries.integers().between(0, 100_000);
    }

    @Property
    void anyCommentIsReadWithoutFailing(@ForAll String comment) {
        TAGS.parseBinding(comment);
        TAGS.parseBinding("nftlink-cgroup bind " + comment);
        TAGS.fixedIndex(comment);
        TAGS.fixedIndex("nftlink-cgroup fixed " + comment);
    }

    @Test
    void malformedTagsAreNotOurs() {
        for (String s : List.of("nftlink-cgroup bind", "nftlink-cgroup bind e 1 fp", "nftlink-cgroup bind e x fp /a",
                "nftlink-cgroup bind e 1 fp a/b", "nftlink-cgroup bind e/f 1 fp /a", "nftlink-cgroup bind e 1 fp /a/../b",
                "nftlink-cgroupx bind e 1 fp /a", "nftlink-cgroup fixed -1 ab", "nftlink-cgroup fixed 01 ab",
                "nftlink-cgroup fixed 1", "nftlink-cgroup fixed 1 ", "nftlink-cgroup fixed 1 a b")) {
            assertFalse(TAGS.parseBinding(s).isPresent(), s);
            assertEquals(-1, TAGS.fixedIndex(s), s);
        }
        assertNull(TAGS.parseBinding(null).map(BindingTags.Tag::entry).orElse(null));
        assertEquals(CgroupPath.ROOT, TAGS.parseBinding("nftlink-cgroup bind e 18446744073709551615 fp /").orElseThrow().path());
        assertEquals(-1L, TAGS.parseBinding("nftlink-cgroup bind e 18446744073709551615 fp /").orElseThrow().id());
        assertThrows(IllegalArgumentException.class, () -> new BindingTags("two words"));
        assertThrows(IllegalArgumentException.class, () -> new BindingTags(""));
    }
}
