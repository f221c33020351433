package nftlink.nftables.lang;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The element codec of sets against simple models: interval sets of host-order keys (uid, mark)
 * read back the values and ranges written; auto-merge covers exactly the union of what was written,
 * in as few intervals as there are runs; without auto-merge, overlapping intervals are refused and
 * others kept one by one; hash sets of host-order keys list in numeric order.
 */
class SetElementProperties {

    /** An inclusive range of small numbers. */
    record Span(int low, int high) {
    }

    @Provide
    Arbitrary<List<Span>> spans() {
        Arbitrary<Span> span = Combinators.combine(Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 20))
                .as((low, width) -> new Span(low, low + width));
        return span.list().ofMinSize(1).ofMaxSize(8);
    }

    private static NftSet intervalSet(Datatype type, boolean merge) {
        SetDeclaration d = new SetDeclaration(Family.INET, "t", "s", SetKey.of(List.of(type)), null, NfTablesUapi.NFT_SET_INTERVAL,
                0, 0, 0, -1, merge, null, List.of());
        return d.set();
    }

    /** A host-order value of 4 bytes (uid, mark) as the register holds it. */
    private static Bytes hostOrder(long v) {
        return Bytes.u32((int) v);
    }

    private static List<SetElementSpec> specs(List<Span> spans) {
        List<SetElementSpec> out = new ArrayList<>();
        for (Span s : spans) {
            Value key = s.low() == s.high() ? new Value.Single(hostOrder(s.low()))
                    : new Value.Range(hostOrder(s.low()), hostOrder(s.high()));
            out.add(SetElementSpec.of(key, null));
        }
        return out;
    }

    /** The numbers the listed elements cover, read as host-order values. */
    private static BitSet covered(List<ListedElement> listed) {
        BitSet out = new BitSet();
        for (ListedElement e : listed) {
            switch (e.key().getFirst()) {
                case Value.Single v -> out.set(v.bytes().asU32());
                case Value.Range r -> out.set(r.low().asU32(), r.high().asU32() + 1);
                default -> throw new AssertionError("unexpected " + e.key());
            }
        }
        return out;
    }

    private static BitSet union(List<Span> spans) {
        BitSet out = new BitSet();
        spans.forEach(s -> out.set(s.low(), s.high() + 1));
        return out;
    }

    /** The number of runs of consecutive members. */
    private static int runs(BitSet set) {
        int runs = 0;
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(set.nextClearBit(i))) {
            runs++;
        }
        return runs;
    }

    @Property
    void autoMergeCoversTheUnionInOneIntervalPerRun(@ForAll("spans") List<Span> spans, @ForAll boolean uid) {
        Datatype type = uid ? Datatype.UID : Datatype.MARK;
        NftSet set = intervalSet(type, true);
        SetDeclaration d = SetDeclaration.of(set);
        List<SetElement> kernel = ElementCompiler.of(d, true).compile(specs(spans));
        List<ListedElement> listed = SetElementListing.list(d, set, kernel);
        assertThat(covered(listed)).isEqualTo(union(spans));
        assertThat(listed).hasSize(runs(union(spans)));
    }

    @Property
    void hostOrderIntervalsReadBackAsWrittenAndOverlapsAreRefused(@ForAll("spans") List<Span> spans, @ForAll boolean uid) {
        Datatype type = uid ? Datatype.UID : Datatype.MARK;
        NftSet set = intervalSet(type, false);
        SetDeclaration d = SetDeclaration.of(set);
        boolean overlap = false;
        BitSet seen = new BitSet();
        for (Span s : spans) {
            BitSet mine = new BitSet();
            mine.set(s.low(), s.high() + 1);
            overlap |= mine.intersects(seen);
            seen.or(mine);
        }
        if (overlap) {
            assertThatThrownBy(() -> ElementCompiler.of(d, false).compile(specs(spans)))
                    .isInstanceOf(ElementCompiler.ElementException.class).hasMessageContaining("overlaps");
            return;
        }
        List<SetElement> kernel = ElementCompiler.of(d, false).compile(specs(spans));
        // the kernel orders them as big-endian numbers: each start's key is the big-endian low bound
        for (SetElement e : kernel) {
            if ((e.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) == 0) {
                assertThat(spans.stream().anyMatch(s -> Bytes.u32(Integer.reverseBytes(s.low())).equals(e.key()))).isTrue();
            }
        }
        List<ListedElement> listed = SetElementListing.list(d, set, kernel);
        List<Span> read = new ArrayList<>();
        for (ListedElement e : listed) {
            read.add(switch (e.key().getFirst()) {
                case Value.Single v -> new Span(v.bytes().asU32(), v.bytes().asU32());
                case Value.Range r -> new Span(r.low().asU32(), r.high().asU32());
                default -> throw new AssertionError("unexpected " + e.key());
            });
        }
        List<Span> written = new ArrayList<>(spans);
        written.sort(java.util.Comparator.comparingInt(Span::low));
        assertThat(read).isEqualTo(written);
    }

    @Property
    void hashSetsOfHostOrderKeysListInNumericOrder(@ForAll("values") List<Integer> values) {
        NftSet set = new SetDeclaration(Family.INET, "t", "s", SetKey.of(List.of(Datatype.MARK)), null, 0, 0, 0, 0, -1, false,
                null, List.of()).set();
        List<SetElement> kernel = new ArrayList<>();
        values.stream().distinct().forEach(v -> kernel.add(SetElement.of(hostOrder(v))));
        List<ListedElement> listed = SetElementListing.list(SetDeclaration.of(set), set, kernel);
        List<Long> read = listed.stream().map(e -> Integer.toUnsignedLong(((Value.Single) e.key().getFirst()).bytes().asU32()))
                .toList();
        assertThat(read).isSorted().hasSize((int) values.stream().distinct().count());
    }

    @Provide
    Arbitrary<List<Integer>> values() {
        return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(20);
    }
}
