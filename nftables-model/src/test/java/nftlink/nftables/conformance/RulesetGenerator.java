package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Random whole rule sets in nft's language, from a seed and the features switched
 * on: one to three tables of any family, each with stateful objects, named sets and
 * maps, base chains of every type the family has, regular chains, and rules using
 * all of them; sometimes followed by {@code add rule}, {@code insert rule} and
 * {@code add element} commands. Every rule set is meant to load with nft as it is:
 * one nft refuses is a bug of the generator.
 */
final class RulesetGenerator {

    /** Links generated rule sets name; every namespace they load in needs them (ifb links, and lo). */
    static final List<String> DEVICES = List.of("lo", "nftg0", "nftg1");

    private static final List<String> FAMILIES = List.of("ip", "ip6", "inet", "arp", "bridge", "netdev");

    /** A generated rule set: its text and the links it names. */
    record Generated(String text, Set<String> devices) {
    }

    private final Choices c;

    RulesetGenerator(Choices c) {
        this.c = c;
    }

    /** Writes one rule set. */
    Generated generate() {
        StringBuilder out = new StringBuilder();
        StringBuilder commands = new StringBuilder();
        List<GeneratorFeature> families = FAMILIES.stream().map(RulesetGenerator::familyFeature).toList();
        for (int t = c.between(1, 3); t > 0; t--) {
            GeneratorFeature family = c.pickFeature(families);
            if (family == null) {
                throw new IllegalStateException("every table family is switched off");
            }
            table(new TablePlan(FAMILIES.get(families.indexOf(family)), c.name("t")), out, commands);
        }
        return new Generated(out.append(commands).toString(), Set.of("nftg0", "nftg1"));
    }

    private void table(TablePlan table, StringBuilder out, StringBuilder commands) {
        out.append("table ").append(table.family).append(' ').append(table.name).append(" {\n");
        if (c.maybe(GeneratorFeature.TABLE_COMMENTS, 20)) {
            out.append("\tcomment \"").append(c.comment()).append("\"\n");
        }
        if (c.maybe(GeneratorFeature.TABLE_DORMANT, 10)) {
            out.append("\tflags dormant\n");
        }
        new ObjectWriter(c, table).declare(out);
        chains(table);
        SetWriter sets = new SetWriter(c, table);
        for (int i = c.between(0, 4); i > 0; i--) {
            sets.declare(out);
        }
        RuleWriter rules = new RuleWriter(c, table, sets);
        for (TablePlan.ChainPlan chain : table.chains) {
            out.append("\tchain ").append(chain.name()).append(" {\n");
            if (chain.base()) {
                out.append("\t\t").append(baseDeclaration(table, chain)).append('\n');
            }
            if (c.maybe(GeneratorFeature.CHAIN_COMMENTS, 15)) {
                out.append("\t\tcomment \"").append(c.comment()).append("\"\n");
            }
            for (int i = c.between(0, 5); i > 0; i--) {
                out.append("\t\t").append(rules.rule(chain)).append('\n');
            }
            out.append("\t}\n");
        }
        out.append("}\n");
        if (c.maybe(GeneratorFeature.COMMANDS, 30)) {
            commands(table, sets, rules, commands);
        }
    }

    /** Base chains (one to three) and regular chains (none to three) of the table, without rules yet. */
    private void chains(TablePlan table) {
        for (int i = c.between(1, 3); i > 0; i--) {
            String[] typeHook = typeAndHook(table.family);
            table.chains.add(new TablePlan.ChainPlan(c.name("b"), typeHook[0], typeHook[1], -1));
        }
        if (c.has(GeneratorFeature.REGULAR_CHAINS)) {
            int n = c.between(0, 3);
            if (n > 0) {
                c.use(GeneratorFeature.REGULAR_CHAINS);
            }
            for (int i = 0; i < n; i++) {
                table.chains.add(new TablePlan.ChainPlan(c.name("r"), null, null, i));
            }
        }
    }

    private String[] typeAndHook(String family) {
        return switch (family) {
            case "arp" -> new String[] {"filter", c.pick("input", "output")};
            case "bridge" -> new String[] {"filter", c.pick("prerouting", "input", "forward", "output", "postrouting")};
            case "netdev" -> new String[] {"filter", c.pick("ingress", "egress")};
            default -> {
                if (c.maybe(GeneratorFeature.NAT_CHAINS, 30)) {
                    yield new String[] {"nat", c.pick("prerouting", "input", "output", "postrouting")};
                }
                if (c.maybe(GeneratorFeature.ROUTE_CHAINS, 10)) {
                    yield new String[] {"route", "output"};
                }
                yield new String[] {"filter", c.pick("prerouting", "input", "forward", "output", "postrouting")};
            }
        };
    }

    /** {@code type T hook H [device D] priority P; [policy P;]}. */
    private String baseDeclaration(TablePlan table, TablePlan.ChainPlan chain) {
        StringBuilder sb = new StringBuilder("type ").append(chain.type()).append(" hook ").append(chain.hook());
        if (table.family.equals("netdev")) {
            if (c.roll(60)) {
                sb.append(" device \"").append(c.pick(DEVICES)).append('"');
            } else {
                sb.append(" devices = { ").append(String.join(", ", DEVICES.subList(c.between(0, 1), 3))).append(" }");
            }
        }
        sb.append(" priority ").append(priority(table.family, chain)).append(';');
        if (c.roll(50)) {
            boolean drop = "filter".equals(chain.type()) && c.maybe(GeneratorFeature.POLICY_DROP, 30);
            sb.append(" policy ").append(drop ? "drop" : "accept").append(';');
        }
        return sb.toString();
    }

    private String priority(String family, TablePlan.ChainPlan chain) {
        if ("nat".equals(chain.type())) {
            boolean dst = chain.hook().equals("prerouting") || chain.hook().equals("output");
            return c.maybe(GeneratorFeature.PRIORITY_NAMES, 60) ? (dst ? "dstnat" : "srcnat") + offset()
                    : Integer.toString(number(family, -199));
        }
        if (!c.maybe(GeneratorFeature.PRIORITY_NAMES, 40)) {
            return Integer.toString(number(family, -400));
        }
        List<String> names = new ArrayList<>(List.of("filter"));
        if (family.equals("bridge")) {
            names.add(switch (chain.hook()) {
                case "prerouting" -> "dstnat";
                case "output" -> "out";
                case "postrouting" -> "srcnat";
                default -> "filter";
            });
        } else if (List.of("ip", "ip6", "inet").contains(family)) {
            names.addAll(List.of("raw", "mangle", "security"));
            if (chain.hook().equals("prerouting") || chain.hook().equals("output")) {
                names.add("dstnat");
            }
            if (chain.hook().equals("postrouting") || chain.hook().equals("input")) {
                names.add("srcnat");
            }
        }
        return c.pick(names) + offset();
    }

    /**
     * A priority number from {@code lowest} to 400 (nat chains need more than -200); nft
     * lists one within 10 of a standard priority by its name ({@code srcnat + 1}), so those
     * only come when {@link GeneratorFeature#PRIORITY_NAMES} is on.
     */
    private int number(String family, int lowest) {
        List<Integer> standard = family.equals("bridge") ? List.of(-300, -200, 100, 300)
                : family.equals("arp") || family.equals("netdev") ? List.of(0) : List.of(-300, -150, -100, 0, 50, 100);
        while (true) {
            int p = c.between(lowest, 400);
            boolean near = standard.stream().anyMatch(s -> Math.abs(p - s) <= 10);
            if (!near) {
                return p;
            }
            if (c.has(GeneratorFeature.PRIORITY_NAMES)) {
                c.use(GeneratorFeature.PRIORITY_NAMES);
                return p;
            }
        }
    }

    private String offset() {
        return c.roll(50) ? "" : c.pick(" + ", " - ") + c.between(1, 10);
    }

    /** {@code add element}, {@code add rule} and {@code insert rule} commands for the table just written. */
    private void commands(TablePlan table, SetWriter sets, RuleWriter rules, StringBuilder out) {
        String prefix = table.family + " " + table.name + " ";
        for (SetPlan set : table.sets) {
            if (!set.constant() && c.roll(50)) {
                List<Integer> slots = sets.freeSlots(set, c.between(1, 2), true);
                if (slots.isEmpty()) {
                    continue;
                }
                table.usedSlots.get(set.name()).addAll(slots);
                List<String> elements = new ArrayList<>();
                slots.forEach(slot -> elements.add(sets.element(set, slot, true)));
                out.append("add element ").append(prefix).append(set.name()).append(" { ").append(String.join(", ", elements)).append(" }\n");
            }
        }
        for (TablePlan.ChainPlan chain : table.chains) {
            if (c.roll(40)) {
                out.append(c.pick("add", "insert")).append(" rule ").append(prefix).append(chain.name()).append(' ')
                        .append(rules.rule(chain)).append('\n');
            }
        }
    }

    private static GeneratorFeature familyFeature(String family) {
        return switch (family) {
            case "ip" -> GeneratorFeature.FAMILY_IP;
            case "ip6" -> GeneratorFeature.FAMILY_IP6;
            case "inet" -> GeneratorFeature.FAMILY_INET;
            case "arp" -> GeneratorFeature.FAMILY_ARP;
            case "bridge" -> GeneratorFeature.FAMILY_BRIDGE;
            default -> GeneratorFeature.FAMILY_NETDEV;
        };
    }
}
