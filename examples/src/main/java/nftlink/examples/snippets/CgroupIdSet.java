package nftlink.examples.snippets;

import nftlink.cgroup.Cgroup;
import nftlink.cgroup.CgroupResolver;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.parse.NftParser;

import java.util.List;

/**
 * A named set of cgroup IDs that a rule refers to ({@code socket cgroupv2 level N
 * @set accept}): adding a cgroup changes one element, never the rule.
 */
public final class CgroupIdSet {
    private CgroupIdSet() {
    }

    /** {@code CgroupIdSet PATH}: puts the cgroup at PATH into table {@code inet cgset}'s set and lists it. */
    public static void main(String[] args) {
        System.out.print(run(NetworkNamespace.current(), CgroupResolver.discover(), args[0]));
    }

    /** Makes the table with the set and the rule, adds the cgroup at {@code path}; returns the element listing. */
    public static String run(NetworkNamespace ns, CgroupResolver cgroups, String path) {
        Cgroup cgroup = cgroups.resolve(path);
        try (Nftables nft = Nftables.open(ns)) {
            nft.transaction().addAll(NftParser.standard().parse("""
                    table inet cgset {
                        set apps { type cgroupsv2; }
                        chain out {
                            type filter hook output priority 0; policy accept;
                            socket cgroupv2 level %d @apps accept
                        }
                    }
                    """.formatted(cgroup.level()), "<example>").operations()).commit();
            SetElement element = SetElement.of(Datatype.CGROUPV2.parse(Long.toUnsignedString(cgroup.id()), 8))
                    .withComment("/" + cgroup.path());
            nft.commit(new NftOperation.AddElements(Family.INET, "cgset", "apps", 0, List.of(element), false));
            StringBuilder out = new StringBuilder();
            NftSet set = nft.listSets(Family.INET, "cgset").getFirst();
            for (SetElement e : nft.listElements(Family.INET, "cgset", set.name())) {
                out.append(set.name()).append(": cgroup ").append(Long.toUnsignedString(cgroup.id()))
                        .append(" ").append(e.comment().orElse("")).append('\n');
            }
            return out.toString();
        }
    }
}
