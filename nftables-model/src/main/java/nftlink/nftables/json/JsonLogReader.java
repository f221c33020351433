package nftlink.nftables.json;

import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.LogFlag;
import nftlink.nftables.lang.LogLevel;

import java.util.EnumSet;
import java.util.Set;

/** Reads {@code log} statements. */
final class JsonLogReader {

    private JsonLogReader() {
    }

    /** {@code {"log": null}} or {@code {"log": {"prefix": ..., "group": ..., "level": ..., "flags": [...]}}}. */
    static Statement log(Node body) {
        if (body.isNull()) {
            return Statement.LogStatement.plain();
        }
        body.only(Set.of("prefix", "group", "snaplen", "queue-threshold", "level", "flags"));
        String prefix = body.optional("prefix") == null ? null : body.member("prefix").string();
        Integer group = body.optional("group") == null ? null : (int) body.member("group").number(0xffff);
        Integer snaplen = body.optional("snaplen") == null ? null : (int) body.member("snaplen").number(0xffffffffL);
        Integer threshold = body.optional("queue-threshold") == null ? null : (int) body.member("queue-threshold").number(0xffff);
        if (group == null && (snaplen != null || threshold != null)) {
            throw body.error("snaplen and queue-threshold need a log group (nflog)");
        }
        LogLevel level = null;
        Node levelNode = body.optional("level");
        if (levelNode != null) {
            level = LogLevel.named(levelNode.string()).orElseThrow(() -> levelNode.error("unknown log level \""
                    + levelNode.string() + "\" (expected one of " + LogLevel.names() + ")"));
        }
        Set<LogFlag> flags = EnumSet.noneOf(LogFlag.class);
        Node flagsNode = body.optional("flags");
        if (flagsNode != null) {
            for (Node f : flagsNode.arrayOrSingle()) {
                if (f.string().equals("all")) {
                    flags.addAll(EnumSet.allOf(LogFlag.class));
                } else {
                    flags.add(LogFlag.named(f.string()).orElseThrow(() -> f.error("unknown log flag \"" + f.string() + "\"")));
                }
            }
        }
        if (group != null && level != null) {
            throw body.error("a log statement has either a group or a level, not both");
        }
        return new Statement.LogStatement(prefix, level, flags, group, snaplen, threshold);
    }
}
