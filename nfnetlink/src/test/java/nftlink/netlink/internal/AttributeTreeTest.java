package nftlink.netlink.internal;

import nftlink.netlink.AttributePath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeTreeTest {

    private static final AttributeTree LIST = AttributeTree.enumerated("NFTA_LIST_", "UNSPEC ELEM");

    private static final AttributeTree RULE = AttributeTree.enumerated("NFTA_RULE_", "UNSPEC TABLE CHAIN HANDLE EXPRESSIONS")
            .nest("NFTA_RULE_EXPRESSIONS", LIST.entries("NFTA_LIST_ELEM", "expression",
                    AttributeTree.enumerated("NFTA_EXPR_", "UNSPEC NAME DATA")));

    /** A path of (type, index) pairs. */
    private static AttributePath path(int... typeAndIndex) {
        List<AttributePath.Step> steps = new ArrayList<>();
        for (int i = 0; i < typeAndIndex.length; i += 2) {
            steps.add(new AttributePath.Step(typeAndIndex[i], typeAndIndex[i + 1]));
        }
        return new AttributePath(steps);
    }

    @Test
    void positionInTheEnumIsTheType() {
        assertThat(RULE.name(path(0, 0))).isEqualTo("NFTA_RULE_UNSPEC");
        assertThat(RULE.name(path(2, 0))).isEqualTo("NFTA_RULE_CHAIN");
        assertThat(RULE.name(path(3, 5))).isEqualTo("NFTA_RULE_HANDLE");
    }

    @Test
    void nestedAttributesAndNumberedEntries() {
        assertThat(RULE.name(path(4, 0, 1, 2, 2, 1))).isEqualTo("NFTA_RULE_EXPRESSIONS > expression #3 > NFTA_EXPR_DATA");
    }

    @Test
    void unknownTypesReadAsNumbersAndEndTheNesting() {
        assertThat(RULE.name(path(9, 0, 1, 0))).isEqualTo("attribute type 9 > attribute type 1");
        assertThat(RULE.name(path(1, 0, 1, 0))).isEqualTo("NFTA_RULE_TABLE > attribute type 1");
        assertThat(AttributeTree.NONE.name(path(3, 0))).isEqualTo("attribute type 3");
    }

    @Test
    void nestingAnAttributeTheTableDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> RULE.nest("NFTA_RULE_NOPE", LIST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NFTA_RULE_NOPE");
    }

    @Test
    void nestingLeavesTheOriginalTableAsItWas() {
        AttributeTree plain = AttributeTree.enumerated("NFTA_RULE_", "UNSPEC TABLE CHAIN HANDLE EXPRESSIONS");
        plain.nest("NFTA_RULE_EXPRESSIONS", LIST);
        assertThat(plain.name(path(4, 0, 1, 0))).isEqualTo("NFTA_RULE_EXPRESSIONS > attribute type 1");
    }
}
