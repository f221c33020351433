package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.AttributePath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every attribute constant of NfTablesUapi is named by the table of its message kind, at its number. */
class AttributeNamesTest {

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of(AttributeNames.TABLE, List.of(), "NFTA_TABLE_", List.of()),
                Arguments.of(AttributeNames.CHAIN, List.of(), "NFTA_CHAIN_", List.of()),
                Arguments.of(AttributeNames.CHAIN, List.of(NfTablesUapi.NFTA_CHAIN_HOOK), "NFTA_HOOK_", List.of()),
                Arguments.of(AttributeNames.CHAIN, List.of(NfTablesUapi.NFTA_CHAIN_HOOK, NfTablesUapi.NFTA_HOOK_DEVS),
                        "NFTA_DEVICE_", List.of()),
                Arguments.of(AttributeNames.RULE, List.of(), "NFTA_RULE_", List.of()),
                Arguments.of(AttributeNames.RULE, List.of(NfTablesUapi.NFTA_RULE_EXPRESSIONS, NfTablesUapi.NFTA_LIST_ELEM),
                        "NFTA_EXPR_", List.of()),
                Arguments.of(AttributeNames.OBJECT, List.of(), "NFTA_OBJ_", List.of()),
                Arguments.of(AttributeNames.FLOWTABLE, List.of(), "NFTA_FLOWTABLE_", List.of("NFTA_FLOWTABLE_HOOK_")),
                Arguments.of(AttributeNames.FLOWTABLE, List.of(NfTablesUapi.NFTA_FLOWTABLE_HOOK), "NFTA_FLOWTABLE_HOOK_",
                        List.of()),
                Arguments.of(AttributeNames.SET, List.of(), "NFTA_SET_",
                        List.of("NFTA_SET_ELEM_", "NFTA_SET_DESC_", "NFTA_SET_FIELD_")),
                Arguments.of(AttributeNames.SET, List.of(NfTablesUapi.NFTA_SET_DESC), "NFTA_SET_DESC_", List.of()),
                Arguments.of(AttributeNames.SET, List.of(NfTablesUapi.NFTA_SET_DESC, NfTablesUapi.NFTA_SET_DESC_CONCAT,
                        NfTablesUapi.NFTA_LIST_ELEM), "NFTA_SET_FIELD_", List.of()),
                Arguments.of(AttributeNames.SET_ELEMENTS, List.of(), "NFTA_SET_ELEM_LIST_", List.of()),
                Arguments.of(AttributeNames.SET_ELEMENTS, List.of(NfTablesUapi.NFTA_SET_ELEM_LIST_ELEMENTS,
                        NfTablesUapi.NFTA_LIST_ELEM), "NFTA_SET_ELEM_", List.of("NFTA_SET_ELEM_LIST_")),
                Arguments.of(AttributeNames.SET_ELEMENTS, List.of(NfTablesUapi.NFTA_SET_ELEM_LIST_ELEMENTS,
                        NfTablesUapi.NFTA_LIST_ELEM, NfTablesUapi.NFTA_SET_ELEM_KEY), "NFTA_DATA_", List.of()));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyConstantIsNamedAtItsNumber(AttributeNamer namer, List<Integer> parents, String prefix, List<String> others)
            throws IllegalAccessException {
        int checked = 0;
        for (Field f : NfTablesUapi.class.getDeclaredFields()) {
            String name = f.getName();
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class || !name.startsWith(prefix)
                    || others.stream().anyMatch(name::startsWith)) {
                continue;
            }
            List<AttributePath.Step> steps = new ArrayList<>();
            for (int parent : parents) {
                steps.add(new AttributePath.Step(parent, 0));
            }
            steps.add(new AttributePath.Step(f.getInt(null), 0));
            String shown = namer.name(new AttributePath(steps));
            assertThat(shown.substring(shown.lastIndexOf("> ") + 1).trim()).as(name).isEqualTo(name);
            checked++;
        }
        assertThat(checked).isPositive();
    }
}
