package nftlink.nftables.lang;

/** What the elements of a map map to: verdicts, values, or stateful objects. */
public sealed interface SetData {

    /**
     * Verdicts ({@code type KEY : verdict}).
     *
     * @param typeof whether the map was declared {@code typeof KEY : verdict}
     */
    record Verdicts(boolean typeof) implements SetData {
        /** {@code NFT_DATA_VERDICT}: the kernel's data type of verdict maps. */
        public static final int TYPE = 0xffffff00;
    }

    /**
     * Values of a datatype or a concatenation ({@code : ipv4_addr . inet_service}).
     *
     * @param value    the data's datatypes and lengths, or its typeof expression
     * @param interval whether each value is a range or prefix ({@code : interval ipv4_addr})
     */
    record Values(SetKey value, boolean interval) implements SetData {
        /**
         * The kernel's data type number.
         *
         * @return the type number
         */
        public int typeId() {
            return value.typeId();
        }

        /**
         * The data's length in bytes: both bounds for interval data, each padded to 4 bytes.
         *
         * @return the length in bytes
         */
        public int length() {
            if (!interval) {
                return value.length();
            }
            return 2 * (value.concatenated() ? value.length() : (value.length() + 3) & ~3);
        }
    }

    /**
     * Names of stateful objects of one type ({@code type ipv4_addr : counter}).
     *
     * @param type the {@code NFT_OBJECT_*} type
     */
    record Objects(int type) implements SetData {
    }
}
