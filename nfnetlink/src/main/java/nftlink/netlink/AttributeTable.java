package nftlink.netlink;

import java.util.Objects;

/**
 * The attributes of one nest indexed by type, as the kernel's {@code nla_parse()}
 * fills its {@code tb[]} table for a decoder: {@link Attributes#byType(int)} makes
 * it. Slot {@code t} holds the last attribute of type {@code t} (a later duplicate
 * replaces an earlier one, as in {@code nla_parse()}); attributes of a type above
 * the table's maximum are left out, as the kernel's liberal parsing ignores them.
 * A decoder that must refuse what it does not model compares its result with the
 * bytes it received instead (the expression and object decoders re-encode).
 *
 * <p>The readers return {@code null} (or the given value) for an absent
 * attribute and check the size of a present one like {@link Attribute}'s getters.
 * Asking for a type above the maximum is a programming error and throws
 * {@link IndexOutOfBoundsException}.
 */
public final class AttributeTable {

    private final Attributes attributes;
    /** For each type, 1 + the index of its attribute in {@link #attributes}, or 0 when absent. */
    private final int[] slots;

    AttributeTable(Attributes attributes, int[] slots) {
        this.attributes = attributes;
        this.slots = slots;
    }

    /**
     * The highest type the table holds.
     *
     * @return the maximum type
     */
    public int max() {
        return slots.length - 1;
    }

    /**
     * Whether an attribute of {@code type} is present.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return whether it is present
     */
    public boolean has(int type) {
        return slots[Objects.checkIndex(type, slots.length)] != 0;
    }

    /**
     * The attribute of {@code type}, or {@code null} when absent.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the attribute, or {@code null}
     */
    public Attribute get(int type) {
        int slot = slots[Objects.checkIndex(type, slots.length)];
        return slot == 0 ? null : attributes.get(slot - 1);
    }

    /**
     * The attribute of {@code type}, which must be present.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the attribute
     * @throws NetlinkDecodeException when it is absent
     */
    public Attribute require(int type) {
        Attribute a = get(type);
        if (a == null) {
            throw new NetlinkDecodeException("missing attribute type " + type);
        }
        return a;
    }

    /**
     * An 8-bit value ({@link Attribute#u8()}), or {@code null} when absent.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the value, or {@code null}
     */
    public Integer u8(int type) {
        Attribute a = get(type);
        return a == null ? null : a.u8();
    }

    /**
     * A 16-bit value in network byte order ({@link Attribute#u16Be()}), or {@code null} when absent.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the value, or {@code null}
     */
    public Integer u16Be(int type) {
        Attribute a = get(type);
        return a == null ? null : a.u16Be();
    }

    /**
     * A 32-bit value in network byte order ({@link Attribute#u32Be()}), or {@code null} when absent.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the value, or {@code null}
     */
    public Integer u32Be(int type) {
        Attribute a = get(type);
        return a == null ? null : a.u32Be();
    }

    /**
     * A 32-bit value in network byte order, or {@code absent} when there is none (the
     * kernel's {@code nla_get_be32_default()}).
     *
     * @param type   the attribute type, 0 to {@link #max()}
     * @param absent the value of an absent attribute
     * @return the value
     */
    public int u32BeOr(int type, int absent) {
        Attribute a = get(type);
        return a == null ? absent : a.u32Be();
    }

    /**
     * A 64-bit value in network byte order ({@link Attribute#u64Be()}), or {@code null} when absent.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the value, or {@code null}
     */
    public Long u64Be(int type) {
        Attribute a = get(type);
        return a == null ? null : a.u64Be();
    }

    /**
     * A 64-bit value in network byte order, or {@code absent} when there is none (the
     * kernel's {@code nla_get_be64_default()}).
     *
     * @param type   the attribute type, 0 to {@link #max()}
     * @param absent the value of an absent attribute
     * @return the value
     */
    public long u64BeOr(int type, long absent) {
        Attribute a = get(type);
        return a == null ? absent : a.u64Be();
    }

    /**
     * A string ({@link Attribute#string()}), or {@code null} when absent.
     *
     * @param type the attribute type, 0 to {@link #max()}
     * @return the string, or {@code null}
     */
    public String string(int type) {
        Attribute a = get(type);
        return a == null ? null : a.string();
    }
}
