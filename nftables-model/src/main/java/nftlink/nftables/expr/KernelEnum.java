package nftlink.nftables.expr;

import java.util.Locale;

/**
 * An enum that names kernel constants: each constant holds its {@link KernelName},
 * and the enum gets the kernel's number and libnftnl's name from it, with the two
 * lookups every such enum needs.
 */
interface KernelEnum {

    /** libnftnl's name, the kernel's number and the register bytes of this constant. */
    KernelName kernelName();

    /**
     * The kernel's number.
     *
     * @return the number
     */
    default int number() {
        return kernelName().number();
    }

    /**
     * libnftnl's name.
     *
     * @return the name
     */
    default String text() {
        return kernelName().text();
    }

    /** Constants by enum class, fetched once (values() copies its array on every call). */
    ClassValue<Object[]> CONSTANTS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    /**
     * Constants by enum class, indexed by kernel number where the numbers are
     * small and non-negative (all of them are): decoding looks each one up per
     * expression. Where two constants share a number, the first declared wins, as
     * in a linear search. {@code null} for a class with a number outside 0..1023.
     */
    ClassValue<Object[]> BY_NUMBER = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            int max = -1;
            for (Object o : type.getEnumConstants()) {
                int n = ((KernelEnum) o).number();
                if (n < 0 || n > 1023) {
                    return null;
                }
                max = Math.max(max, n);
            }
            Object[] table = new Object[max + 1];
            for (Object o : type.getEnumConstants()) {
                int n = ((KernelEnum) o).number();
                if (table[n] == null) {
                    table[n] = o;
                }
            }
            return table;
        }
    };

    /**
     * The constant of {@code type} with kernel number {@code number}.
     *
     * @throws IllegalArgumentException naming the enum ({@link #what}) when there is none
     */
    static <E extends Enum<E> & KernelEnum> E byNumber(Class<E> type, int number) {
        Object[] table = BY_NUMBER.get(type);
        if (table != null) {
            if (number >= 0 && number < table.length && table[number] != null) {
                return type.cast(table[number]);
            }
            throw new IllegalArgumentException("unknown " + what(type) + " " + number);
        }
        for (Object o : CONSTANTS.get(type)) {
            E e = type.cast(o);
            if (e.number() == number) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what(type) + " " + number);
    }

    /**
     * The constant of {@code type} named {@code text}.
     *
     * @throws IllegalArgumentException naming the enum ({@link #what}) when there is none
     */
    static <E extends Enum<E> & KernelEnum> E byText(Class<E> type, String text) {
        for (Object o : CONSTANTS.get(type)) {
            E e = type.cast(o);
            if (e.text().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what(type) + " " + text);
    }

    /**
     * What errors call a constant of {@code type}: the expression and the enum, such
     * as {@code rt key} for {@code Rt.Key}.
     */
    private static String what(Class<?> type) {
        return type.getEnclosingClass().getSimpleName().toLowerCase(Locale.ROOT) + " "
                + type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
