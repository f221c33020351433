package nftlink.nftables;

import nftlink.testing.NftRef;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.testing.TestNamespace;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The netlink messages nft sends for a script, rebuilt from the hex dump of
 * {@code nft --debug=mnl -f -}: a byte-level reference even for requests this
 * kernel refuses (nft prints the batch before the kernel answers).
 */
final class NftRequestDump {
    private NftRequestDump() {
    }

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern LENGTH = Pattern.compile("^\\|\\s*\\d+\\s*\\|\\s*\\|\\s*message length");
    private static final Pattern TYPE = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*[A-Z-]{4}\\s*\\|\\s*\\|\\s*type");
    private static final Pattern EXTRA = Pattern.compile("^\\|\\s*([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2})\\s*\\|\\s*\\|\\s*extra header");
    private static final Pattern ATTR = Pattern.compile("^\\|(\\d{5})\\|([N-])([B-])\\|(\\d{5})\\|");
    private static final Pattern DATA = Pattern.compile("^\\|\\s*([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2})\\s*\\|\\s*\\|\\s*data");

    /** The messages of nftables message type {@code message} ({@code NFT_MSG_*}) nft sends for {@code script}. */
    static List<NetlinkMessage> requests(TestNamespace ns, String script, int message) {
        TestNamespace.Result r = NftRef.input(ns, script, "--debug=mnl", "-f", "-");
        String dump = ANSI.matcher(r.stdout() + "\n" + r.stderr()).replaceAll("");
        List<NetlinkMessage> out = new ArrayList<>();
        int type = -1;
        MessageWriter w = null;
        int start = 0;
        for (String line : dump.split("\n")) {
            Matcher m;
            if (LENGTH.matcher(line).find()) {
                if (w != null) {
                    out.add(finish(w, start));
                }
                w = null;
                type = -1;
            } else if ((m = TYPE.matcher(line)).find()) {
                type = Integer.parseInt(m.group(1));
            } else if ((m = EXTRA.matcher(line)).find() && type == Nfnetlink.messageType(Nfnetlink.NFNL_SUBSYS_NFTABLES, message)) {
                w = new MessageWriter(512);
                start = w.beginMessage(type, 0, 0);
                for (int i = 1; i <= 4; i++) {
                    w.putU8(Integer.parseInt(m.group(i), 16));
                }
            } else if (w != null && (m = ATTR.matcher(line)).find()) {
                int attrType = Integer.parseInt(m.group(4)) | (m.group(2).equals("N") ? 0x8000 : 0) | (m.group(3).equals("B") ? 0x4000 : 0);
                w.putU16(Integer.parseInt(m.group(1))).putU16(attrType);
            } else if (w != null && (m = DATA.matcher(line)).find()) {
                for (int i = 1; i <= 4; i++) {
                    w.putU8(Integer.parseInt(m.group(i), 16));
                }
            }
        }
        if (w != null) {
            out.add(finish(w, start));
        }
        return out;
    }

    private static NetlinkMessage finish(MessageWriter w, int start) {
        w.endMessage(start);
        return NetlinkMessage.parseOne(w.toByteArray());
    }

    /** The attributes of a message (after the nfgenmsg header) as hex. */
    static String attributesHex(NetlinkMessage m) {
        byte[] all = m.toByteArray();
        return HexFormat.of().formatHex(all, 16 + Nfnetlink.NFGENMSG_LEN, m.length());
    }

    /** What the library writes as attributes, as hex. */
    static String hex(java.util.function.Consumer<MessageWriter> attributes) {
        MessageWriter w = new MessageWriter(512);
        attributes.accept(w);
        return HexFormat.of().formatHex(w.toByteArray());
    }
}
