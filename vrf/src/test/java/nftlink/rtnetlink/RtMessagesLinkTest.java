package nftlink.rtnetlink;

import nftlink.netlink.MessageWriter;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The link requests no captured iproute2 request covers ({@link Iproute2RequestsTest} has
 * the others), byte for byte: the netlink header ({@code NLM_F_REQUEST | NLM_F_ACK},
 * sequence 1), {@code struct ifinfomsg} for interface 3, then the attribute.
 */
class RtMessagesLinkTest {

    private static final String NEWLINK_HEADER = "10 00 05 00 01 00 00 00 00 00 00 00";
    private static final String IFINFOMSG_3 = "00 00 00 00 03 00 00 00";

    private static String hex(MessageWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    private static String bytes(String spaced) {
        return spaced.replaceAll("\\s+", "");
    }

    @Test
    void setUpAndDown() {
        MessageWriter w = new MessageWriter();
        RtMessages.setUp(w, 1, 3, true);
        assertEquals(bytes("20 00 00 00 " + NEWLINK_HEADER + IFINFOMSG_3 + "01 00 00 00 01 00 00 00"), hex(w));
        w = new MessageWriter();
        RtMessages.setUp(w, 1, 3, false);
        assertEquals(bytes("20 00 00 00 " + NEWLINK_HEADER + IFINFOMSG_3 + "00 00 00 00 01 00 00 00"), hex(w));
    }

    @Test
    void setMtuRenameAndNamespace() {
        MessageWriter w = new MessageWriter();
        RtMessages.setMtu(w, 1, 3, 1400);
        assertEquals(bytes("28 00 00 00 " + NEWLINK_HEADER + IFINFOMSG_3 + "00 00 00 00 00 00 00 00"
                + "08 00 04 00 78 05 00 00"), hex(w));
        w = new MessageWriter();
        RtMessages.rename(w, 1, 3, "eth9");
        assertEquals(bytes("2c 00 00 00 " + NEWLINK_HEADER + IFINFOMSG_3 + "00 00 00 00 00 00 00 00"
                + "09 00 03 00 65 74 68 39 00 00 00 00"), hex(w));
        w = new MessageWriter();
        RtMessages.setNamespace(w, 1, 3, 7);
        assertEquals(bytes("28 00 00 00 " + NEWLINK_HEADER + IFINFOMSG_3 + "00 00 00 00 00 00 00 00"
                + "08 00 1c 00 07 00 00 00"), hex(w));
    }

    @Test
    void deleteLink() {
        MessageWriter w = new MessageWriter();
        RtMessages.deleteLink(w, 1, 3);
        assertEquals(bytes("20 00 00 00 11 00 05 00 01 00 00 00 00 00 00 00" + IFINFOMSG_3
                + "00 00 00 00 00 00 00 00"), hex(w));
    }
}
