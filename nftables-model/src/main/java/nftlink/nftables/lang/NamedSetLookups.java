package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Lookup;
import nftlink.nftables.expr.Objref;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lookups in named interval sets and maps whose key holds host-order integers ({@code meta skuid
 * @users}, {@code ip saddr . meta mark vmap @w}): such sets hold their keys as big-endian numbers,
 * so nft swaps each host-order part of the key to big endian ({@code byteorder reg 1 = hton(reg 1,
 * 4, 4)}) right after loading it. {@link #withByteOrder} adds these swaps to a linearized rule;
 * {@link #withoutByteOrder} takes them out of a listed rule before it is read back, so that it reads
 * as the lookup it was written as.
 */
public final class NamedSetLookups {
    private NamedSetLookups() {
    }

    /** The registers (and lengths) of the key parts a lookup of {@code set} from {@code sreg} swaps, or an empty list. */
    private static List<int[]> swappedParts(NftSet set, int sreg) {
        List<int[]> out = new ArrayList<>();
        if (set == null || !set.isInterval()) {
            return out;
        }
        SetDeclaration d = SetDeclaration.of(set);
        if (d == null) {
            return out;
        }
        SetKey key = d.key();
        if ((set.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) != 0 && !key.concatenated()) {
            // an anonymous interval set of one host-order key is read with its own swap (Delinearizer)
            return out;
        }
        int offset = 0;
        for (int i = 0; i < key.types().size(); i++) {
            int length = key.lengths().get(i);
            if (SetElementListing.storedBigEndian(key.types().get(i)) && length >= 2) {
                // named as nft names it: a 16-byte register where one starts (ip6 saddr . meta mark: reg 2)
                int register = ConcatField.registerAfter(sreg, offset / 4);
                out.add(new int[]{register, length});
            }
            offset += key.concatenated() ? (length + 3) & ~3 : length;
        }
        return out;
    }

    private static int sourceRegister(Expression e) {
        return switch (e) {
            case Lookup l -> l.sreg();
            case Objref.Mapped m -> m.sreg();
            default -> -1;
        };
    }

    private static String setName(Expression e) {
        return switch (e) {
            case Lookup l -> l.set();
            case Objref.Mapped m -> m.set();
            default -> null;
        };
    }

    /** Whether {@code e} writes register {@code register} (as libnftnl shows it: {@code => reg N}, {@code reg N = ...}). */
    private static boolean writes(Expression e, int register) {
        if (e instanceof Immediate imm) {
            return imm.dreg() == register;
        }
        String text = e.toDebugString();
        String loaded = "=> reg " + register;
        int at = text.indexOf(loaded);
        if (at >= 0 && !Character.isDigit(text.charAt(Math.min(text.length() - 1, at + loaded.length())))) {
            return true;
        }
        int space = text.indexOf(' ', 2);
        return space > 0 && text.startsWith(" reg " + register + " = ", space);
    }

    /** A constant's immediate with its {@code length} bytes the other way round, or {@code null} when {@code e} is none. */
    private static Expression swappedConstant(Expression e, int length) {
        if (e instanceof Immediate imm && imm.data() instanceof NftData.Value v && v.bytes().length() == length) {
            return Immediate.value(imm.dreg(), v.bytes().reversed());
        }
        return null;
    }

    /** Whether a lookup may be of a named set: the kernel names anonymous sets {@code __set%d}, {@code __map%d}. */
    private static boolean named(String set) {
        return !set.startsWith("__");
    }

    /** Whether a listed lookup is of a set whose key parts {@link #withoutByteOrder} may swap back: named or anonymous. */
    private static boolean listed(String set) {
        return !set.contains("%");
    }

    /**
     * {@code rule} with the byte-order swaps nft puts before lookups in the named sets
     * {@code sets} finds (by name; {@code null} when unknown): after the load of each host-order
     * integer part of such a set's key.
     *
     * @param rule the rule
     * @param sets the set of a name, or {@code null}
     * @return the changed rule
     */
    public static Rule withByteOrder(Rule rule, Function<String, NftSet> sets) {
        if (!looksUpNamedSet(rule)) {
            return rule;
        }
        List<Expression> out = new ArrayList<>(rule.expressions());
        for (int i = 0; i < out.size(); i++) {
            String name = setName(out.get(i));
            if (name == null || !named(name)) {
                continue;
            }
            int sreg = sourceRegister(out.get(i));
            NftSet set = sets.apply(name);
            Byteorder back = swapBackOfShiftedBits(out, i, sreg, set);
            if (back != null) {
                out.add(i, back);
                i++;
                continue;
            }
            for (int[] part : swappedParts(set, sreg)) {
                int load = i - 1;
                while (load >= 0 && !writes(out.get(load), part[0])) {
                    load--;
                }
                if (load >= 1 && out.get(load) instanceof Bitwise.Shift && !(out.get(load - 1) instanceof Byteorder)) {
                    // bits nft moved down without a byte-order swap (frag frag-off @iv after the meta nfproto it
                    // added in inet): it swaps nothing back either
                    continue;
                }
                if (load >= 0 && swappedConstant(out.get(load), part[1]) != null) {
                    // a constant in the key (ip saddr . "lo" @s): nft loads it big-endian, without a swap
                    out.set(load, swappedConstant(out.get(load), part[1]));
                } else if (load >= 0) {
                    out.add(load + 1, new Byteorder(Byteorder.Op.HTON, part[0], part[0], part[1], part[1]));
                    i++;
                }
            }
        }
        return out.equals(rule.expressions()) ? rule : new Rule(rule.family(), rule.table(), rule.chain(), rule.handle(),
                rule.position(), out, rule.comment(), rule.unknown());
    }

    /** Whether {@code rule} looks up a named set or map: most rules do not, and need no copy to be checked. */
    private static boolean looksUpNamedSet(Rule rule) {
        for (Expression e : rule.expressions()) {
            String name = setName(e);
            if (name != null && named(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The swap back to big endian that nft writes before a lookup at {@code i} in the named interval set {@code set}
     * of bits it moved down in host order ({@code frag frag-off @iv}: ntoh, shift, then hton), or {@code null}.
     */
    private static Byteorder swapBackOfShiftedBits(List<Expression> out, int i, int sreg, NftSet set) {
        if (set == null || !set.isInterval() || i < 2 || !(out.get(i - 1) instanceof Bitwise.Shift shift)
                || shift.dreg() != sreg || !(out.get(i - 2) instanceof Byteorder ntoh) || ntoh.op() != Byteorder.Op.NTOH
                || ntoh.dreg() != sreg) {
            return null;
        }
        return new Byteorder(Byteorder.Op.HTON, sreg, sreg, ntoh.length(), ntoh.size());
    }

    /**
     * {@code rule} without the byte-order swaps that {@link #withByteOrder} adds, as a listed rule
     * holds them.
     *
     * @param rule the rule
     * @param sets the set of a name, or {@code null}
     * @return the changed rule
     */
    public static Rule withoutByteOrder(Rule rule, Function<String, NftSet> sets) {
        List<Expression> out = new ArrayList<>(rule.expressions());
        for (int i = 0; i < out.size(); i++) {
            String name = setName(out.get(i));
            if (name == null || !listed(name)) {
                continue;
            }
            int sreg = sourceRegister(out.get(i));
            if (i >= 3 && out.get(i - 1) instanceof Byteorder b && b.op() == Byteorder.Op.HTON
                    && swapBackOfShiftedBits(out, i - 1, sreg, sets.apply(name)) != null) {
                out.remove(i - 1);
                i--;
                continue;
            }
            for (int[] part : swappedParts(sets.apply(name), sreg)) {
                for (int at = i - 1; at >= 0; at--) {
                    if (out.get(at) instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == part[0]
                            && b.dreg() == part[0] && b.length() == part[1] && b.size() == part[1]) {
                        out.remove(at);
                        i--;
                        break;
                    }
                    if (writes(out.get(at), part[0])) {
                        if (swappedConstant(out.get(at), part[1]) != null) {
                            out.set(at, swappedConstant(out.get(at), part[1]));
                        }
                        break;
                    }
                }
            }
        }
        return out.equals(rule.expressions()) ? rule : new Rule(rule.family(), rule.table(), rule.chain(), rule.handle(),
                rule.position(), out, rule.comment(), rule.unknown());
    }
}
