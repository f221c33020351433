package nftlink.netlink;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Attributes#byType(int)}: the table a decoder reads, as the kernel's {@code nla_parse()} fills it. */
class AttributeTableProperties {

    /** One 32-bit attribute as written: its type, whether it carries {@code NLA_F_NESTED}, its value. */
    record Written(int type, boolean nestedFlag, int value) {
    }

    @Provide
    Arbitrary<List<Written>> nests() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.of(false, true),
                Arbitraries.integers()).as(Written::new).list().ofMaxSize(12);
    }

    private static Attributes write(List<Written> attributes) {
        MessageWriter w = new MessageWriter(64);
        for (Written a : attributes) {
            w.attrU32Be(a.type() | (a.nestedFlag() ? Netlink.NLA_F_NESTED : 0), a.value());
        }
        return Attributes.parse(w.toByteArray());
    }

    private static Written last(List<Written> attributes, int type) {
        Written found = null;
        for (Written a : attributes) {
            if (a.type() == type) {
                found = a;
            }
        }
        return found;
    }

    @Property
    void eachSlotHoldsTheLastAttributeOfItsType(@ForAll("nests") List<Written> attributes,
                                                @ForAll @IntRange(max = 14) int max) {
        AttributeTable table = write(attributes).byType(max);
        assertThat(table.max()).isEqualTo(max);
        for (int t = 0; t <= max; t++) {
            int type = t;
            Written expected = last(attributes, type);
            assertThat(table.has(type)).as("type %d", type).isEqualTo(expected != null);
            if (expected == null) {
                assertThat(table.get(type)).isNull();
                assertThat(table.u32Be(type)).isNull();
                assertThat(table.u32BeOr(type, 77)).isEqualTo(77);
                assertThatThrownBy(() -> table.require(type)).isInstanceOf(NetlinkDecodeException.class);
            } else {
                assertThat(table.get(type).rawType()).isEqualTo(type | (expected.nestedFlag() ? Netlink.NLA_F_NESTED : 0));
                assertThat(table.u32Be(type)).isEqualTo(expected.value());
                assertThat(table.u32BeOr(type, 77)).isEqualTo(expected.value());
                assertThat(table.require(type).u32Be()).isEqualTo(expected.value());
            }
        }
    }

    @Property
    void typesAboveTheMaximumAreLeftOutAndCannotBeAskedFor(@ForAll("nests") List<Written> attributes,
                                                          @ForAll @IntRange(max = 11) int max) {
        AttributeTable table = write(attributes).byType(max);
        assertThatThrownBy(() -> table.get(max + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> table.has(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Example
    void readersReadEachWidthAndCheckItsSize() {
        MessageWriter w = new MessageWriter(64);
        w.attrU8(1, 0xfe);
        w.attrU16Be(2, 0xfffe);
        w.attrU32Be(3, -2);
        w.attrU64Be(4, -3L);
        w.attrString(5, "eth0");
        AttributeTable table = Attributes.parse(w.toByteArray()).byType(6);
        assertThat(table.u8(1)).isEqualTo(0xfe);
        assertThat(table.u16Be(2)).isEqualTo(0xfffe);
        assertThat(table.u32Be(3)).isEqualTo(-2);
        assertThat(table.u64Be(4)).isEqualTo(-3L);
        assertThat(table.u64BeOr(4, 9)).isEqualTo(-3L);
        assertThat(table.string(5)).isEqualTo("eth0");
        assertThat(table.u8(6)).isNull();
        assertThat(table.u16Be(6)).isNull();
        assertThat(table.u64Be(6)).isNull();
        assertThat(table.u64BeOr(6, 9)).isEqualTo(9);
        assertThat(table.string(6)).isNull();
        assertThatThrownBy(() -> table.u32Be(1)).isInstanceOf(NetlinkDecodeException.class);
        assertThatThrownBy(() -> table.u64Be(3)).isInstanceOf(NetlinkDecodeException.class);
        assertThatThrownBy(() -> table.u16Be(4)).isInstanceOf(NetlinkDecodeException.class);
    }

    @Example
    void anEmptyNestAndTheWidestTableHoldNothing() {
        AttributeTable table = Attributes.empty().byType(Netlink.NLA_TYPE_MASK);
        assertThat(table.has(Netlink.NLA_TYPE_MASK)).isFalse();
        assertThatThrownBy(() -> Attributes.empty().byType(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attributes.empty().byType(Netlink.NLA_TYPE_MASK + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
