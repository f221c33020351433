package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Set;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code log}: logs the packet, to the kernel log ({@code level}, {@code flags}) or
 * to an nflog group ({@code group}, {@code snaplen}, {@code qthreshold}). Every
 * parameter is optional and {@code null} when its attribute is absent; the kernel
 * lists the level of a kernel-log rule even when none was given.
 *
 * @param prefix     text put before the log line, or {@code null}
 * @param level      syslog level 0-7, or 8 for audit ({@code NFT_LOGLEVEL_*})
 * @param flags      {@code NF_LOG_*} (tcp sequence and options, ip options, uid, mac decoding)
 * @param group      the nflog group (16 bits)
 * @param snaplen    how many bytes of the packet nflog copies
 * @param qthreshold how many packets nflog queues before sending (16 bits)
 */
public record Log(String prefix, Integer level, Integer flags, Integer group, Integer snaplen,
                  Integer qthreshold) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("log", Log::decode, Log::parse);

    private static final Set<String> KEYWORDS = Set.of("group", "level", "tcpseq", "tcpopt", "ipopt", "uid", "macdecode");

    /** Checks the components: 16-bit group and queue threshold, if given. */
    public Log {
        if (group != null && (group < 0 || group > 0xffff) || qthreshold != null && (qthreshold < 0 || qthreshold > 0xffff)) {
            throw new IllegalArgumentException("log group and qthreshold are 16-bit numbers");
        }
    }

    /**
     * A bare {@code log}.
     *
     * @return the expression
     */
    public static Log plain() {
        return new Log(null, null, null, null, null, null);
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (prefix != null) {
            w.attrString(NFTA_LOG_PREFIX, prefix);
        }
        if (level != null) {
            w.attrU32Be(NFTA_LOG_LEVEL, level);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_LOG_FLAGS, flags);
        }
        if (group != null) {
            w.attrU16Be(NFTA_LOG_GROUP, group);
        }
        if (snaplen != null) {
            w.attrU32Be(NFTA_LOG_SNAPLEN, snaplen);
        }
        if (qthreshold != null) {
            w.attrU16Be(NFTA_LOG_QTHRESHOLD, qthreshold);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        StringBuilder parts = new StringBuilder();
        if (prefix != null) {
            parts.append("prefix ").append(prefix).append(' ');
        }
        if (group != null) {
            parts.append("group ").append(group).append(" snaplen ")
                    .append(Integer.toUnsignedString(snaplen == null ? 0 : snaplen))
                    .append(" qthreshold ").append(qthreshold == null ? 0 : qthreshold).append(' ');
        } else {
            if (level != null) {
                parts.append("level ").append(Integer.toUnsignedString(level)).append(' ');
            }
            if (flags != null) {
                appendFlag(parts, NF_LOG_TCPSEQ, "tcpseq");
                appendFlag(parts, NF_LOG_TCPOPT, "tcpopt");
                appendFlag(parts, NF_LOG_IPOPT, "ipopt");
                appendFlag(parts, NF_LOG_UID, "uid");
                appendFlag(parts, NF_LOG_MACDECODE, "macdecode");
            }
        }
        sb.append("log");
        if (!parts.isEmpty()) {
            sb.append(' ').append(parts, 0, parts.length() - 1);
        }
    }

    private void appendFlag(StringBuilder parts, int flag, String text) {
        if ((flags & flag) != 0) {
            parts.append(text).append(' ');
        }
    }

    private static Log decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_LOG_MAX);
        return new Log(tb.string(NFTA_LOG_PREFIX), tb.u32Be(NFTA_LOG_LEVEL), tb.u32Be(NFTA_LOG_FLAGS),
                tb.u16Be(NFTA_LOG_GROUP), tb.u32Be(NFTA_LOG_SNAPLEN), tb.u16Be(NFTA_LOG_QTHRESHOLD));
    }

    private static Log parse(DebugReader r) {
        String prefix = r.accept("prefix") ? r.text(KEYWORDS::contains) : null;
        if (r.accept("group")) {
            int group = DebugText.u32(r);
            r.expect("snaplen");
            int snaplen = DebugText.u32(r);
            r.expect("qthreshold");
            int qthreshold = DebugText.u32(r);
            try {
                return new Log(prefix, null, null, group, snaplen, qthreshold);
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
        }
        Integer level = DebugText.optionalNumber(r, "level");
        Integer flags = null;
        while (r.hasNext()) {
            String t = r.next();
            int flag = switch (t) {
                case "tcpseq" -> NF_LOG_TCPSEQ;
                case "tcpopt" -> NF_LOG_TCPOPT;
                case "ipopt" -> NF_LOG_IPOPT;
                case "uid" -> NF_LOG_UID;
                case "macdecode" -> NF_LOG_MACDECODE;
                default -> throw r.error("unknown log flag '" + t + "'");
            };
            flags = (flags == null ? 0 : flags) | flag;
        }
        return new Log(prefix, level, flags, null, null, null);
    }
}
