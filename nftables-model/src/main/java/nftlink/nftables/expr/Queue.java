package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.nftables.QueueFlag;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code queue}: hands the packet to a user-space program through nfqueue, to a
 * fixed queue or range of queues ({@link Fixed}) or to the queue number held in a
 * register ({@link FromRegister}). Optional parts are {@code null} when absent.
 *
 * <p>The kernel this library is tested on lacks {@code nft_queue}; the
 * expression is encoded, decoded and rendered as libnftnl does, without a
 * kernel test.
 */
public sealed interface Queue extends Expression {

    /** The {@code queue} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("queue", Queue::decode, Queue::parse);

    /**
     * {@code queue num N[-M] [bypass] [fanout]}.
     *
     * @param num   the first queue (16 bits)
     * @param total how many queues from {@code num} (16 bits)
     * @param flags {@code NFT_QUEUE_FLAG_*} (16 bits)
     */
    record Fixed(int num, Integer total, Integer flags) implements Queue {
        /** Checks the components: 16-bit numbers and flags. */
        public Fixed {
            check(num);
            check(total);
            check(flags);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU16Be(NFTA_QUEUE_NUM, num);
            if (total != null) {
                w.attrU16Be(NFTA_QUEUE_TOTAL, total);
            }
            if (flags != null) {
                w.attrU16Be(NFTA_QUEUE_FLAGS, flags);
            }
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("queue num ").append(num);
            int last = (num + (total == null ? 0 : total) - 1) & 0xffff;
            if (total != null && total != 0 && last != num) {
                sb.append('-').append(last);
            }
            appendFlags(sb, flags);
        }
    }

    /**
     * {@code queue sreg_qnum SREG [bypass] [fanout]}.
     *
     * @param sreg  the register holding the queue number
     * @param flags {@code NFT_QUEUE_FLAG_*} (16 bits)
     */
    record FromRegister(int sreg, Integer flags) implements Queue {
        /** Checks the component: 16-bit flags. */
        public FromRegister {
            check(flags);
        }

        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_QUEUE_SREG_QNUM, sreg);
            if (flags != null) {
                w.attrU16Be(NFTA_QUEUE_FLAGS, flags);
            }
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("queue sreg_qnum ").append(Integer.toUnsignedString(sreg));
            appendFlags(sb, flags);
        }
    }

    @Override
    default String name() {
        return "queue";
    }

    private static void check(Integer sixteenBits) {
        if (sixteenBits != null && (sixteenBits < 0 || sixteenBits > 0xffff)) {
            throw new IllegalArgumentException("not a 16-bit queue value: " + sixteenBits);
        }
    }

    private static void appendFlags(StringBuilder sb, Integer flags) {
        if (flags != null) {
            QueueFlag.words(flags).forEach(w -> sb.append(' ').append(w));
        }
    }

    private static Queue decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_QUEUE_MAX);
        if (tb.has(NFTA_QUEUE_NUM) && !tb.has(NFTA_QUEUE_SREG_QNUM)) {
            return new Fixed(tb.require(NFTA_QUEUE_NUM).u16Be(), tb.u16Be(NFTA_QUEUE_TOTAL), tb.u16Be(NFTA_QUEUE_FLAGS));
        }
        if (tb.has(NFTA_QUEUE_SREG_QNUM) && !tb.has(NFTA_QUEUE_NUM) && !tb.has(NFTA_QUEUE_TOTAL)) {
            return new FromRegister(tb.require(NFTA_QUEUE_SREG_QNUM).u32Be(), tb.u16Be(NFTA_QUEUE_FLAGS));
        }
        throw Expressions.missing("queue", "either num or sreg_qnum");
    }

    private static Queue parse(DebugReader r) {
        Queue q;
        if (r.accept("sreg_qnum")) {
            int sreg = DebugText.u32(r);
            q = new FromRegister(sreg, parseFlags(r));
        } else {
            r.expect("num");
            String range = r.next();
            int dash = range.indexOf('-');
            try {
                int num = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                Integer total = dash < 0 ? null : ((Integer.parseInt(range.substring(dash + 1)) - num + 1) & 0xffff);
                q = new Fixed(num, total, parseFlags(r));
            } catch (IllegalArgumentException e) {
                throw r.error("bad queue number '" + range + "'");
            }
        }
        return q;
    }

    private static Integer parseFlags(DebugReader r) {
        Integer flags = null;
        for (QueueFlag f : QueueFlag.values()) {
            if (r.accept(f.nftName())) {
                flags = (flags == null ? 0 : flags) | f.bit();
            }
        }
        return flags;
    }
}
