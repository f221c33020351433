package nftlink.nftables.expr;

/**
 * An enum that names kernel constants: the kernel's number for each constant
 * and libnftnl's name for it, with the two lookups every such enum needs.
 */
interface KernelEnum {

    /** The kernel's number. */
    int number();

    /** libnftnl's name. */
    String text();

    /** Constants by enum class, fetched once (values() copies its array on every call). */
    ClassValue<Object[]> CONSTANTS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    /**
     * The constant of {@code type} with kernel number {@code number}.
     *
     * @throws IllegalArgumentException naming {@code what} when there is none
     */
    static <E extends Enum<E> & KernelEnum> E byNumber(Class<E> type, int number, String what) {
        for (Object o : CONSTANTS.get(type)) {
            E e = type.cast(o);
            if (e.number() == number) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " " + number);
    }

    /**
     * The constant of {@code type} named {@code text}.
     *
     * @throws IllegalArgumentException naming {@code what} when there is none
     */
    static <E extends Enum<E> & KernelEnum> E byText(Class<E> type, String text, String what) {
        for (Object o : CONSTANTS.get(type)) {
            E e = type.cast(o);
            if (e.text().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " " + text);
    }
}
