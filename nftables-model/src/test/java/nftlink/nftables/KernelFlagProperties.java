package nftlink.nftables;

import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.NatFlag;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag enums share {@link KernelFlag}'s conversions: a mask becomes exactly the flags
 * whose bits it has, and those flags give back the mask without the bits no flag stands for.
 */
class KernelFlagProperties {

    @Property
    void setFlags(@ForAll int bits) {
        EnumSet<SetFlag> flags = SetFlag.of(bits);
        for (SetFlag f : SetFlag.values()) {
            assertThat(flags.contains(f)).isEqualTo((bits & f.bit()) != 0);
        }
        assertThat(SetFlag.bits(flags) | SetFlag.unknownBits(bits)).isEqualTo(bits);
        assertThat(SetFlag.bits(flags) & SetFlag.unknownBits(bits)).isZero();
    }

    @Property
    void natFlags(@ForAll int bits) {
        Set<NatFlag> flags = NatFlag.of(bits);
        for (NatFlag f : NatFlag.values()) {
            assertThat(flags.contains(f)).isEqualTo((bits & f.bit()) != 0);
        }
        assertThat(NatFlag.bits(flags)).isEqualTo(bits & KernelFlag.bits(Set.of(NatFlag.values())));
    }

    @Property
    void logFlagsAreEmptyForUnknownBits(@ForAll int bits) {
        boolean known = (bits & ~LogFlag.ALL_BITS) == 0;
        assertThat(LogFlag.of(bits).isPresent()).isEqualTo(known);
        LogFlag.of(bits).ifPresent(flags -> assertThat(LogFlag.bits(flags)).isEqualTo(bits));
    }

    @Property
    void natFlagWordsFollowTheDeclarationOrder(@ForAll int bits) {
        Set<NatFlag> flags = NatFlag.of(bits);
        List<String> expected = new ArrayList<>();
        for (NatFlag f : NatFlag.values()) {
            if (flags.contains(f)) {
                expected.add(f.nftName());
            }
        }
        assertThat(NatFlag.jsonNames(flags)).isEqualTo(expected);
        assertThat(KernelFlag.words(NatFlag.class, flags)).isEqualTo(expected);
    }

    @Test
    void eachFlagIsNamedByItsWord() {
        for (SetFlag f : SetFlag.values()) {
            assertThat(KernelFlag.named(SetFlag.class, f.nftName())).contains(f);
            assertThat(f.flagName()).isEqualTo(new FlagName(f.bit(), f.toString()));
        }
        for (NatFlag f : NatFlag.values()) {
            assertThat(NatFlag.named(f.nftName())).contains(f);
        }
        for (LogFlag f : LogFlag.values()) {
            assertThat(LogFlag.named(f.nftName())).contains(f);
        }
        assertThat(SetFlag.EVAL.nftName()).isEqualTo("dynamic");
        assertThat(NatFlag.named("fully-random")).contains(NatFlag.FULLY_RANDOM);
        assertThat(LogFlag.named("tcp sequence")).contains(LogFlag.TCP_SEQUENCE);
        assertThat(NatFlag.named("all")).isEqualTo(Optional.empty());
        assertThat(LogFlag.named("all")).isEmpty();
    }

    @Test
    void queueAndSynproxyFlagsAreNftsWordsInNftsOrder() {
        assertThat(QueueFlag.words(NfTablesUapi.NFT_QUEUE_FLAG_BYPASS | NfTablesUapi.NFT_QUEUE_FLAG_CPU_FANOUT))
                .containsExactly("bypass", "fanout");
        assertThat(QueueFlag.words(NfTablesUapi.NFT_QUEUE_FLAG_CPU_FANOUT | 0x100)).containsExactly("fanout");
        assertThat(QueueFlag.named("bypass")).contains(QueueFlag.BYPASS);
        assertThat(QueueFlag.named("fanout").orElseThrow().bit()).isEqualTo(NfTablesUapi.NFT_QUEUE_FLAG_CPU_FANOUT);
        assertThat(QueueFlag.named("cpu-fanout")).isEmpty();
        // the mss and wscale bits say a value was given: they are no words
        int all = NfTablesUapi.NF_SYNPROXY_OPT_MSS | NfTablesUapi.NF_SYNPROXY_OPT_WSCALE
                | NfTablesUapi.NF_SYNPROXY_OPT_SACK_PERM | NfTablesUapi.NF_SYNPROXY_OPT_TIMESTAMP;
        assertThat(SynproxyFlag.words(all)).containsExactly("timestamp", "sack-perm");
        assertThat(SynproxyFlag.words(NfTablesUapi.NF_SYNPROXY_OPT_MSS)).isEmpty();
        assertThat(SynproxyFlag.named("sack-perm").orElseThrow().bit()).isEqualTo(NfTablesUapi.NF_SYNPROXY_OPT_SACK_PERM);
        assertThat(SynproxyFlag.named("mss")).isEmpty();
    }
}
