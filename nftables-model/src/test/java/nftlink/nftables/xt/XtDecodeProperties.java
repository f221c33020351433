package nftlink.nftables.xt;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.XtMatch;
import nftlink.nftables.expr.XtTarget;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoders on mutated structs (bytes changed, cut short, grown): they decode or throw the
 * library's {@link NetlinkDecodeException}, nothing else, and the listing always has a text.
 */
class XtDecodeProperties {

    /** A captured struct with some bytes overwritten, and cut or grown by a few bytes. */
    @Provide
    Arbitrary<CapturedStructs.Captured> mutated() {
        Arbitrary<CapturedStructs.Captured> base = Arbitraries.of(CapturedStructs.ALL);
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 300);
        Arbitrary<Integer> resize = Arbitraries.integers().between(-9, 9).withDistribution(
                net.jqwik.api.RandomDistribution.uniform()).edgeCases(c -> c.add(0));
        return Combinators.combine(base, noise, at, resize).as(XtDecodeProperties::mutate);
    }

    private static CapturedStructs.Captured mutate(CapturedStructs.Captured c, byte[] noise, int at, int resize) {
        byte[] info = info(c.expression()).toArray();
        if (info.length > 0) {
            for (int i = 0; i < noise.length; i++) {
                info[(at + i) % info.length] = noise[i];
            }
        }
        byte[] resized = java.util.Arrays.copyOf(info, Math.max(0, info.length + resize));
        Expression e = switch (c.expression()) {
            case XtMatch m -> new XtMatch(m.match(), m.revision(), Bytes.of(resized));
            case XtTarget t -> new XtTarget(t.target(), t.revision(), Bytes.of(resized));
            default -> throw new IllegalStateException();
        };
        return new CapturedStructs.Captured(c.family(), e, c.protocol(), null);
    }

    private static Bytes info(Expression e) {
        return e instanceof XtMatch m ? m.info() : ((XtTarget) e).info();
    }

    @Property(tries = 2000)
    void decodersThrowOnlyTheDecodeException(@ForAll("mutated") CapturedStructs.Captured c) {
        Optional<XtInfo> decoded;
        try {
            decoded = XtExtensions.decode(c.expression(), c.family());
        } catch (NetlinkDecodeException malformed) {
            assertThat(malformed.getMessage()).isNotBlank();
            return;
        }
        decoded.ifPresent(info -> info.text(c.context()));
    }

    @Property(tries = 2000)
    void everyStructListsAsSomeText(@ForAll("mutated") CapturedStructs.Captured c) {
        String text = XtListing.text(c.expression(), c.context());
        assertThat(text).doesNotContain("\n").doesNotContain("null");
    }

    @Property(tries = 500)
    void aStructCutOrGrownIsMalformed(@ForAll("decodable") CapturedStructs.Captured c,
                                      @ForAll @net.jqwik.api.constraints.IntRange(min = -8, max = 8) int resize) {
        net.jqwik.api.Assume.that(resize != 0 && info(c.expression()).length() + resize >= 0);
        CapturedStructs.Captured resized = mutate(c, new byte[0], 0, resize);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> XtExtensions.decode(resized.expression(), resized.family()))
                .isInstanceOf(NetlinkDecodeException.class);
    }

    /** The captured structs nftlink decodes. */
    @Provide
    Arbitrary<CapturedStructs.Captured> decodable() {
        return Arbitraries.of(CapturedStructs.ALL.stream()
                .filter(XtDecodeProperties::decodes).toList());
    }

    private static boolean decodes(CapturedStructs.Captured c) {
        try {
            return XtExtensions.decode(c.expression(), c.family()).isPresent();
        } catch (NetlinkDecodeException malformed) {
            return false;
        }
    }
}
