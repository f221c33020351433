package nftlink.nftables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the named stateful objects of a table (counter, quota, limit, ct helper,
 * ct timeout, ct expectation, synproxy) and records their names for rules and
 * object maps.
 */
final class ObjectWriter {

    private final Choices c;
    private final TablePlan table;

    ObjectWriter(Choices c, TablePlan table) {
        this.c = c;
        this.table = table;
    }

    /** Declares zero or more objects of each kind the features and family allow, appending their blocks. */
    void declare(StringBuilder out) {
        boolean conntrack = table.family.equals("ip") || table.family.equals("ip6") || table.family.equals("inet");
        for (int i = c.between(0, 2); i > 0; i--) {
            write(out, pick(conntrack));
        }
    }

    private String pick(boolean conntrack) {
        List<GeneratorFeature> kinds = new ArrayList<>(List.of(GeneratorFeature.OBJ_COUNTER, GeneratorFeature.OBJ_QUOTA,
                GeneratorFeature.OBJ_LIMIT));
        if (conntrack) {
            kinds.addAll(List.of(GeneratorFeature.OBJ_CT_HELPER, GeneratorFeature.OBJ_CT_TIMEOUT,
                    GeneratorFeature.OBJ_CT_EXPECTATION, GeneratorFeature.OBJ_SYNPROXY));
        }
        GeneratorFeature kind = c.pickFeature(kinds);
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case OBJ_COUNTER -> "counter";
            case OBJ_QUOTA -> "quota";
            case OBJ_LIMIT -> "limit";
            case OBJ_CT_HELPER -> "ct helper";
            case OBJ_CT_TIMEOUT -> "ct timeout";
            case OBJ_CT_EXPECTATION -> "ct expectation";
            default -> "synproxy";
        };
    }

    private void write(StringBuilder out, String type) {
        if (type == null) {
            return;
        }
        String name = c.name(type.replace("ct ", "").substring(0, 1) + "o");
        List<String> lines = new ArrayList<>();
        if (c.maybe(GeneratorFeature.COMMENTS, 25)) {
            lines.add("comment \"" + c.comment() + "\"");
        }
        String l3 = switch (table.family) {
            case "ip6" -> "ip6";
            case "inet" -> c.pick("ip", "ip6");
            default -> "ip";
        };
        switch (type) {
            case "counter" -> lines.add(c.roll(50) ? "packets 0 bytes 0" : "packets " + c.between(0, 99) + " bytes " + c.between(0, 9999));
            case "quota" -> {
                int amount = c.between(1, 900);
                String unit = c.pick("bytes", "kbytes", "mbytes");
                lines.add((c.roll(40) ? "over " : "") + amount + " " + unit
                        + (c.roll(40) ? " used " + c.between(0, unit.equals("bytes") ? amount : 999) + " bytes" : ""));
            }
            case "limit" -> lines.add(limitRate(c));
            case "ct helper" -> {
                boolean ftp = c.roll(50);
                lines.add("type \"" + (ftp ? "ftp" : "tftp") + "\" protocol " + (ftp ? "tcp" : "udp"));
                lines.add("l3proto " + l3);
            }
            case "ct timeout" -> {
                boolean tcp = c.roll(50);
                lines.add("protocol " + (tcp ? "tcp" : "udp"));
                lines.add("l3proto " + l3);
                lines.add("policy = { " + (tcp ? "established: " + c.between(1, 9999) + ", close: " + c.between(1, 99)
                        : "unreplied: " + c.between(1, 99) + ", replied: " + c.between(1, 999)) + " }");
            }
            case "ct expectation" -> {
                lines.add("protocol " + c.pick("tcp", "udp"));
                lines.add("dport " + c.between(1, 65535));
                lines.add("timeout " + c.pick("10m", "1h", "30s", "2m3s"));
                lines.add("size " + c.between(1, 100));
                lines.add("l3proto " + l3);
            }
            default -> {
                lines.add("mss " + c.between(536, 1460));
                lines.add("wscale " + c.between(0, 14));
                if (c.roll(60)) {
                    lines.add(c.pick("timestamp", "sack-perm", "timestamp sack-perm"));
                }
            }
        }
        table.objects.computeIfAbsent(type, t -> new ArrayList<>()).add(name);
        out.append('\t').append(type).append(' ').append(name).append(" {\n");
        for (String line : lines) {
            out.append("\t\t").append(line).append(c.roll(50) && !type.equals("synproxy") ? ";" : "").append('\n');
        }
        out.append("\t}\n");
    }

    /**
     * A limit rate, in packets or bytes, with or without {@code over}; byte rates per
     * second only, as the kernel refuses those whose tokens per unit overflow. The burst
     * is explicit and not nft's default (5 packets) unless
     * {@link GeneratorFeature#LIMIT_DEFAULT_BURST} chooses no burst or the default.
     */
    static String limitRate(Choices c) {
        boolean bytes = c.roll(35);
        String rate = "rate " + (c.roll(30) ? "over " : "") + c.between(1, 999)
                + (bytes ? " " + c.pick("bytes", "kbytes", "mbytes") + "/second" : "/" + c.pick("second", "minute", "hour", "day"));
        if (!bytes && c.maybe(GeneratorFeature.LIMIT_DEFAULT_BURST, 40)) {
            return rate + c.pick("", " burst 5 packets");
        }
        int burst = c.between(6, 99);
        return rate + " burst " + burst + (bytes ? " " + c.pick("bytes", "kbytes") : " packets");
    }
}
