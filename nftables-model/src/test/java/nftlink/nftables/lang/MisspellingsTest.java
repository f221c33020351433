package nftlink.nftables.lang;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Misspellings} makes nft 1.1.3's suggestions, which its quirky distance decides (CommandParityKernelTest compares them with nft-ref). */
class MisspellingsTest {

    @Test
    void suggestsAsNft113() {
        assertThat(Misspellings.closest("zz", List.of("c", "d"), Function.identity())).contains("c");
        assertThat(Misspellings.closest("ss2", List.of("s", "s2", "e", "m"), Function.identity())).contains("s2");
        assertThat(Misspellings.closest("abcdef", List.of("c", "d"), Function.identity())).isEmpty();
        assertThat(Misspellings.closest("abc", List.of("a", "s", "s2", "cc"), Function.identity())).contains("cc");
        assertThat(Misspellings.closest("x", List.of("y"), Function.identity())).isEmpty();
    }
}
