package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code fib}: looks the packet up in the routing table and loads the output
 * interface, its name, or the address type into a register, e.g.
 * {@code [ fib saddr . iif oif => reg 1 ]}.
 *
 * @param flags  {@code NFTA_FIB_F_*}: which fields key the lookup, and
 *               {@code NFTA_FIB_F_PRESENT} to load only whether a route exists
 * @param result what to load
 * @param dreg   the register
 */
public record Fib(int flags, Result result, int dreg) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("fib", Fib::decode, Fib::parse);

    private static final int ALL_FLAGS = NFTA_FIB_F_SADDR | NFTA_FIB_F_DADDR | NFTA_FIB_F_MARK | NFTA_FIB_F_IIF
            | NFTA_FIB_F_OIF | NFTA_FIB_F_PRESENT;

    /** The flag bits with libnftnl's names, in the order it prints them. */
    private static final int[] FLAG_BITS = {NFTA_FIB_F_SADDR, NFTA_FIB_F_DADDR, NFTA_FIB_F_MARK, NFTA_FIB_F_IIF,
            NFTA_FIB_F_OIF};
    private static final String[] FLAG_NAMES = {"saddr", "daddr", "mark", "iif", "oif"};

    /**
     * {@code enum nft_fib_result}, with libnftnl's names and the register bytes each fills
     * (1 with {@code present}).
     */
    public enum Result implements LoadKey {
        /** {@code fib ... oif}: the output interface index of the route. */
        OIF("oif", NFT_FIB_RESULT_OIF, 4),
        /** {@code fib ... oifname}: the output interface name of the route. */
        OIFNAME("oifname", NFT_FIB_RESULT_OIFNAME, 16),
        /** {@code fib ... type}: the address type of the route ({@code RTN_*}). */
        ADDRTYPE("type", NFT_FIB_RESULT_ADDRTYPE, 4);

        private final KernelName kernelName;

        Result(String text, int number, int length) {
            kernelName = new KernelName(text, number, length);
        }

        /** libnftnl's name, the kernel's number and the register bytes of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the components: {@code result} not null, known flags only. */
    public Fib {
        Objects.requireNonNull(result, "result");
        if ((flags & ~ALL_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown fib flags 0x" + Integer.toHexString(flags & ~ALL_FLAGS));
        }
    }

    /**
     * Whether only the existence of a route is loaded ({@code fib ... exists}).
     *
     * @return whether only existence is loaded
     */
    public boolean present() {
        return (flags & NFTA_FIB_F_PRESENT) != 0;
    }

    @Override
    public String name() {
        return "fib";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_FIB_DREG, dreg);
        w.attrU32Be(NFTA_FIB_RESULT, result.number());
        w.attrU32Be(NFTA_FIB_FLAGS, flags);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("fib ");
        int rest = flags & ~NFTA_FIB_F_PRESENT;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((rest & FLAG_BITS[i]) != 0) {
                sb.append(FLAG_NAMES[i]).append(' ');
                rest &= ~FLAG_BITS[i];
                if (rest != 0) {
                    sb.append(". ");
                }
            }
        }
        sb.append(result.text()).append(present() ? " present" : "").append(" => reg ").append(dreg);
    }

    private static Fib decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_FIB_MAX);
        return new Fib(tb.require(NFTA_FIB_FLAGS).u32Be(), KernelEnum.byNumber(Result.class, tb.require(NFTA_FIB_RESULT).u32Be()),
                tb.require(NFTA_FIB_DREG).u32Be());
    }

    private static Fib parse(DebugReader r) {
        // "oif" names both a flag and a result: the result is the word before "present" or "=>"
        List<String> words = new ArrayList<>();
        while (!"=>".equals(r.peek())) {
            words.add(r.next());
        }
        r.expect("=>");
        int flags = 0;
        if (!words.isEmpty() && words.getLast().equals("present")) {
            flags |= NFTA_FIB_F_PRESENT;
            words.removeLast();
        }
        if (words.isEmpty()) {
            throw r.error("fib without result");
        }
        Result result = r.constant(Result.class, words.removeLast());
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i % 2 == 1) {
                if (!word.equals(".")) {
                    throw r.error("expected '.' between fib flags but found '" + word + "'");
                }
                continue;
            }
            int bit = flagOf(word);
            if (bit == 0 || (flags & bit) != 0) {
                throw r.error("unknown or repeated fib flag '" + word + "'");
            }
            flags |= bit;
        }
        if (words.size() % 2 == 0 && !words.isEmpty()) {
            throw r.error("fib flags end with '.'");
        }
        int dreg = r.register();
        Fib fib = new Fib(flags, result, dreg);
        // nft compares the whole result register, also when it asks whether there is a result
        r.loaded(dreg, result.length());
        return fib;
    }

    private static int flagOf(String text) {
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if (FLAG_NAMES[i].equals(text)) {
                return FLAG_BITS[i];
            }
        }
        return 0;
    }
}
