package nftlink.rtnetlink;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.AttributePath;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every attribute constant of the rtnetlink headers is named by its message kind's table, at its number. */
class RtAttributeNamesTest {

    private static int check(AttributeNamer namer, List<Integer> parents, Class<?> uapi, String prefix,
                             List<String> others) throws IllegalAccessException {
        int checked = 0;
        for (Field f : uapi.getDeclaredFields()) {
            String name = f.getName();
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class || !name.startsWith(prefix)
                    || others.stream().anyMatch(name::startsWith) || name.equals("IFLA_VRF_PORT_TABLE")) {
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
        return checked;
    }

    @Test
    void everyMessageKindNamesItsConstants() throws IllegalAccessException {
        assertThat(check(RtAttributeNames.LINK, List.of(), IfLink.class, "IFLA_",
                List.of("IFLA_INFO_", "IFLA_VRF_", "IFLA_MACVLAN_", "IFLA_BR_"))).isEqualTo(62);
        assertThat(check(RtAttributeNames.LINK, List.of(IfLink.IFLA_LINKINFO), IfLink.class, "IFLA_INFO_",
                List.of())).isEqualTo(6);
        assertThat(check(RtAttributeNames.ADDRESS, List.of(), IfAddr.class, "IFA_", List.of("IFA_F_"))).isEqualTo(12);
        assertThat(check(RtAttributeNames.ROUTE, List.of(), RtnetlinkUapi.class, "RTA_", List.of())).isEqualTo(31);
        assertThat(check(RtAttributeNames.RULE, List.of(), FibRuleUapi.class, "FRA_", List.of())).isEqualTo(25);
    }

    @Test
    void eachLinkKindNamesItsInfoData() throws IllegalAccessException {
        List<Integer> data = List.of(IfLink.IFLA_LINKINFO, IfLink.IFLA_INFO_DATA);
        assertThat(check(RtAttributeNames.link("veth"), data, IfLink.class, "VETH_INFO_", List.of())).isEqualTo(1);
        assertThat(check(RtAttributeNames.link("vrf"), data, IfLink.class, "IFLA_VRF_", List.of())).isEqualTo(1);
        assertThat(check(RtAttributeNames.link("macvlan"), data, IfLink.class, "IFLA_MACVLAN_", List.of()))
                .isEqualTo(2);
        assertThat(check(RtAttributeNames.link("bridge"), data, IfLink.class, "IFLA_BR_", List.of())).isEqualTo(7);
        assertThat(RtAttributeNames.link("dummy").name(new AttributePath(List.of(
                new AttributePath.Step(IfLink.IFLA_LINKINFO, 0), new AttributePath.Step(IfLink.IFLA_INFO_DATA, 0),
                new AttributePath.Step(1, 0))))).isEqualTo("IFLA_LINKINFO > IFLA_INFO_DATA > attribute type 1");
    }
}
