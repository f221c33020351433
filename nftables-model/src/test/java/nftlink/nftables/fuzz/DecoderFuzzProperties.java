package nftlink.nftables.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import nftlink.netlink.NetlinkException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoders, the delinearizer and the text and JSON renderers on hostile bytes:
 * real messages the kernel listed (captured by {@link DecoderCorpusCapture} from
 * nft, iptables-nft, ebtables-nft and arptables-nft) mutated in ways that reach
 * every decoder. Whatever the bytes, the only exception allowed is the library's
 * own ({@link NetlinkException}, whose decode failures are
 * {@link nftlink.netlink.NetlinkDecodeException}).
 */
class DecoderFuzzProperties {

    /** The stored captures, one file per tool. */
    static final List<String> CORPUS_FILES = List.of("nft-shell-dumps.hex", "iptables-nft.hex", "ebtables-nft.hex",
            "arptables-nft.hex");
    private static final List<byte[]> CORPUS = load();
    private static final DecodeAndRender PIPELINE = new DecodeAndRender(CORPUS);

    /** A corpus message and the mutations to apply to it. */
    record Input(int message, List<MessageMutator.Mutation> mutations) {
    }

    @Example
    void everyCapturedMessageDecodesAndRendersUnchanged() {
        assertThat(CORPUS).hasSizeGreaterThan(1_000);
        long rendered = 0;
        for (byte[] m : CORPUS) {
            rendered += PIPELINE.run(m);
        }
        assertThat(rendered).isPositive();
    }

    @Property(tries = 100_000, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
    void mutatedMessagesFailOnlyWithTheLibrarysException(@ForAll("inputs") Input input) {
        byte[] mutated = MessageMutator.apply(CORPUS.get(input.message()), input.mutations());
        try {
            PIPELINE.run(mutated);
        } catch (NetlinkException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /**
     * Inputs the property found in CI runs, kept so that they are tried every time: a link-layer load whose offset
     * a flipped byte made larger than ints count in bits (LinkLayers.expand copied from a negative index).
     */
    @Example
    void mutationsFoundBeforeFailOnlyWithTheLibrarysException() {
        mutatedMessagesFailOnlyWithTheLibrarysException(new Input(3053,
                List.of(new MessageMutator.Mutation(MessageMutator.Kind.FLIP_BYTE, 39172, 5))));
        mutatedMessagesFailOnlyWithTheLibrarysException(new Input(3053,
                List.of(new MessageMutator.Mutation(MessageMutator.Kind.FLIP_BYTE, 39172, 1759))));
    }

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<MessageMutator.Mutation> mutation = Combinators.combine(
                Arbitraries.of(MessageMutator.Kind.class),
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 16)).as(MessageMutator.Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, CORPUS.size() - 1),
                mutation.list().ofMinSize(1).ofMaxSize(3)).as(Input::new);
    }

    private static List<byte[]> load() {
        List<byte[]> messages = new ArrayList<>();
        for (String file : CORPUS_FILES) {
            try (InputStream in = DecoderFuzzProperties.class.getResourceAsStream("/decoder-corpus/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource decoder-corpus/" + file);
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        messages.add(HexFormat.of().parseHex(line.strip()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(messages);
    }
}
