package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageCursor;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.Netlink;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * Turns the datagrams of the nftables multicast group into {@link NftMonitor.Update}s:
 * the changes of one transaction are gathered until its {@code NFT_MSG_NEWGEN}
 * closes them into one {@link NftMonitor.Committed}. Used by one thread.
 */
final class NotificationDecoder {

    private final MessageCursor cursor = new MessageCursor();
    private final List<NftEvent> pending = new ArrayList<>();
    private final ArrayDeque<NftMonitor.Update> ready = new ArrayDeque<>();

    /** The next complete update, or {@code null}. */
    NftMonitor.Update poll() {
        return ready.poll();
    }

    /** Notifications were lost: the transaction being gathered is incomplete, and the caller must resync. */
    void lost(String reason) {
        pending.clear();
        ready.add(new NftMonitor.ResyncNeeded(reason));
    }

    /**
     * Decodes one datagram's messages.
     *
     * @throws NetlinkDecodeException when a message is malformed
     */
    void datagram(byte[] bytes) {
        cursor.reset(MemorySegment.ofArray(bytes), bytes.length);
        while (cursor.next()) {
            message(cursor.message());
        }
    }

    /** Decodes one message: a change is kept until the {@code NFT_MSG_NEWGEN} that closes its transaction. */
    void message(NetlinkMessage m) {
        if (Nfnetlink.subsystemOf(m.type()) != Nfnetlink.NFNL_SUBSYS_NFTABLES) {
            return;
        }
        int message = Nfnetlink.messageOf(m.type());
        switch (message) {
            case NFT_MSG_NEWGEN -> committed(m);
            case NFT_MSG_NEWTABLE, NFT_MSG_DELTABLE -> pending.add(new NftEvent.TableEvent(message == NFT_MSG_NEWTABLE, Table.decode(m)));
            case NFT_MSG_NEWCHAIN, NFT_MSG_DELCHAIN -> pending.add(new NftEvent.ChainEvent(message == NFT_MSG_NEWCHAIN, Chain.decode(m)));
            case NFT_MSG_NEWRULE, NFT_MSG_DELRULE -> pending.add(new NftEvent.RuleEvent(message == NFT_MSG_NEWRULE, Rule.decode(m),
                    (m.flags() & Netlink.NLM_F_APPEND) != 0));
            case NFT_MSG_NEWSET -> pending.add(new NftEvent.SetEvent(true, NftSet.decode(m)));
            case NFT_MSG_DELSET -> pending.add(new NftEvent.SetEvent(false, NftSet.decodeReference(m)));
            case NFT_MSG_NEWSETELEM, NFT_MSG_DELSETELEM -> pending.add(elements(m, message == NFT_MSG_NEWSETELEM));
            default -> pending.add(new NftEvent.Other(message == NFT_MSG_NEWOBJ || message == NFT_MSG_NEWFLOWTABLE,
                    message, m.copy()));
        }
    }

    private void committed(NetlinkMessage m) {
        int generation = 0;
        int pid = 0;
        String process = "";
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_GEN_ID -> generation = a.u32Be();
                case NFTA_GEN_PROC_PID -> pid = a.u32Be();
                case NFTA_GEN_PROC_NAME -> process = a.string();
                default -> { }
            }
        }
        ready.add(new NftMonitor.Committed(generation, pid, process, pending));
        pending.clear();
    }

    private static NftEvent elements(NetlinkMessage m, boolean added) {
        String table = null;
        String set = null;
        List<SetElement> elements = new ArrayList<>();
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_SET_ELEM_LIST_TABLE -> table = a.string();
                case NFTA_SET_ELEM_LIST_SET -> set = a.string();
                case NFTA_SET_ELEM_LIST_ELEMENTS -> a.nested().forEach(e -> elements.add(SetElement.decode(e)));
                default -> { }
            }
        }
        if (table == null || set == null) {
            throw new NetlinkDecodeException("element notification without table or set");
        }
        ObjectNames.decoded("table", table);
        ObjectNames.decoded("set", set);
        return new NftEvent.ElementsEvent(added, Family.ofMessage(m), table, set, elements);
    }
}
