package nftlink.nftables;

import java.util.Collection;
import java.util.EnumSet;

/**
 * A constant of an enum of kernel flag bits ({@link SetFlag}, the rule language's NAT and
 * log flags), with the conversions between a bit mask and a set of constants that every
 * such enum needs.
 */
public interface KernelFlag {

    /**
     * The flag's bit in the kernel's mask.
     *
     * @return the bit
     */
    int bit();

    /**
     * The constants of {@code type} whose bits are set in {@code bits}; bits no constant
     * stands for are left out.
     *
     * @param type the enum
     * @param bits a kernel mask
     * @param <E> the enum
     * @return a new, modifiable set
     */
    static <E extends Enum<E> & KernelFlag> EnumSet<E> of(Class<E> type, int bits) {
        EnumSet<E> flags = EnumSet.noneOf(type);
        for (E f : type.getEnumConstants()) {
            if ((bits & f.bit()) != 0) {
                flags.add(f);
            }
        }
        return flags;
    }

    /**
     * The kernel's mask for {@code flags}.
     *
     * @param flags any flags
     * @return their bits or-ed together
     */
    static int bits(Collection<? extends KernelFlag> flags) {
        int bits = 0;
        for (KernelFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }
}
