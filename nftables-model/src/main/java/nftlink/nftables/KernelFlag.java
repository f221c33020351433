package nftlink.nftables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A constant of an enum of kernel flag bits ({@link SetFlag}, the rule language's NAT and
 * log flags), with the conversions between a bit mask and a set of constants that every
 * such enum needs. Each constant holds its {@link FlagName}.
 */
public interface KernelFlag {

    /**
     * The kernel's bit and nft's word of this constant.
     *
     * @return the bit and the word
     */
    FlagName flagName();

    /**
     * The flag's bit in the kernel's mask.
     *
     * @return the bit
     */
    default int bit() {
        return flagName().bit();
    }

    /**
     * nft's word for the flag ({@code interval}, {@code dynamic}, {@code fully-random}, ...).
     *
     * @return the word
     */
    default String nftName() {
        return flagName().word();
    }

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
     * The constants of {@code type} that make up exactly {@code bits}; empty when a bit is none of them.
     *
     * @param type the enum
     * @param bits a kernel mask
     * @param <E> the enum
     * @return an unmodifiable set, or empty
     */
    static <E extends Enum<E> & KernelFlag> Optional<Set<E>> exactly(Class<E> type, int bits) {
        EnumSet<E> flags = of(type, bits);
        return bits(flags) == bits ? Optional.of(Collections.unmodifiableSet(flags)) : Optional.empty();
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

    /**
     * The constant of {@code type} whose word is {@code word}; empty for another word.
     *
     * @param type the enum
     * @param word nft's word
     * @param <E> the enum
     * @return the constant, or empty
     */
    static <E extends Enum<E> & KernelFlag> Optional<E> named(Class<E> type, String word) {
        for (E f : type.getEnumConstants()) {
            if (f.flagName().word().equals(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The words of {@code flags}, in the order the enum declares them.
     *
     * @param type the enum
     * @param flags some of its constants
     * @param <E> the enum
     * @return the words
     */
    static <E extends Enum<E> & KernelFlag> List<String> words(Class<E> type, Collection<E> flags) {
        List<String> words = new ArrayList<>();
        for (E f : type.getEnumConstants()) {
            if (flags.contains(f)) {
                words.add(f.flagName().word());
            }
        }
        return words;
    }
}
