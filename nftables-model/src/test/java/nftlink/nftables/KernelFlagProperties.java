package nftlink.nftables;

import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.NatFlag;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.EnumSet;
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
}
