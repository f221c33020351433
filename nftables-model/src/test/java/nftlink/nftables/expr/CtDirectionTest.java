package nftlink.nftables.expr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conntrack directions by nft's words, the one lookup of the text parser and the JSON reader. */
class CtDirectionTest {

    @Test
    void directionsAreNamedAsNftNamesThem() {
        assertThat(Ct.Direction.named("original")).contains(Ct.Direction.ORIGINAL);
        assertThat(Ct.Direction.named("reply")).contains(Ct.Direction.REPLY);
        assertThat(Ct.Direction.named("saddr")).isEmpty();
    }
}
