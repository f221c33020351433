package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Masq;
import nftlink.nftables.expr.Nat;
import nftlink.nftables.expr.Redir;

import java.util.List;

/** Linearizes the address and port translation statements: snat, dnat, masquerade and redirect. */
final class LinearizeNat {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    private LinearizeNat() {
    }

    /** A snat or dnat statement: to an address computed from the packet, or to given addresses and ports. */
    static void nat(LinearizeContext ctx, Statement.NatStatement n) {
        if (n.addressSource() != null) {
            natFromSource(ctx, n);
        } else {
            nat(ctx.spec().family(), n, ctx.out());
        }
    }

    /**
     * A nat to an address computed from the packet: a map to ADDRESS . PORT writes the port into the register
     * after the address; a map to ranges writes the lows, then the highs.
     */
    private static void natFromSource(LinearizeContext ctx, Statement.NatStatement n) {
        List<Expression> out = ctx.out();
        LinearizeStatements.loadSource(ctx, n.addressSource());
        if (!(n.addressSource() instanceof MapLookupField)) {
            // numgen and hashes compute a number in host byte order: the address is big endian
            out.add(new Byteorder(Byteorder.Op.HTON, REG, REG, 4, 4, false));
        }
        int flags = NatFlag.bits(n.flags());
        int addressSlots = n.addressLength() / 4;
        int slots = addressSlots + (n.sourcesPort() ? 1 : 0);
        Integer port = n.sourcesPort() ? ConcatField.registerAt(REG, addressSlots) : null;
        Integer addressMax = n.sourcesRanges() ? ConcatField.registerAt(REG, slots) : null;
        Integer portMax = n.sourcesRanges() && n.sourcesPort() ? ConcatField.registerAt(REG, slots + addressSlots) : null;
        out.add(new Nat(n.destination() ? NfTablesUapi.NFT_NAT_DNAT : NfTablesUapi.NFT_NAT_SNAT,
                n.addressLength() == 16 ? NfTablesUapi.NFPROTO_IPV6 : NfTablesUapi.NFPROTO_IPV4, REG, addressMax, port, portMax,
                flags == 0 ? null : flags));
    }

    /** A masquerade statement, with its port range loaded first. */
    static void masquerade(LinearizeContext ctx, Statement.MasqueradeStatement m) {
        List<Expression> out = ctx.out();
        if (m.portMin() == null) {
            out.add(new Masq(m.flags().isEmpty() ? null : NatFlag.bits(m.flags()), null, null));
        } else {
            int max = ports(m.portMin(), m.portMax(), 1, out);
            out.add(new Masq(NatFlag.bits(m.flags()) | NfTablesUapi.NF_NAT_RANGE_PROTO_SPECIFIED, 1, max == 1 ? null : max));
        }
    }

    /** A redirect statement: to a port computed from the packet, to a port range, or to the local address. */
    static void redirect(LinearizeContext ctx, Statement.RedirectStatement r) {
        List<Expression> out = ctx.out();
        if (r.portSource() != null) {
            LinearizeStatements.loadSource(ctx, r.portSource());
            out.add(new Redir(REG, null, NatFlag.bits(r.flags()) | NfTablesUapi.NF_NAT_RANGE_PROTO_SPECIFIED));
        } else if (r.portMin() == null) {
            out.add(new Redir(null, null, r.flags().isEmpty() ? null : NatFlag.bits(r.flags())));
        } else {
            int max = ports(r.portMin(), r.portMax(), 1, out);
            out.add(new Redir(1, max == 1 ? null : max, NatFlag.bits(r.flags()) | NfTablesUapi.NF_NAT_RANGE_PROTO_SPECIFIED));
        }
    }

    /**
     * Loads addresses then ports into consecutive registers and adds the nat
     * expression, as nft sends it: upper bounds only for ranges, and of the flags
     * only proto-specified and the user's (the kernel adds map-ips and lists the
     * registers of single values as both bounds).
     */
    private static void nat(Family family, Statement.NatStatement n, List<Expression> out) {
        int register = 1;
        Integer addrMin = null;
        Integer addrMax = null;
        int natFamily;
        if (n.addressMin() != null) {
            natFamily = n.addressMin().length() == 4 ? NfTablesUapi.NFPROTO_IPV4 : NfTablesUapi.NFPROTO_IPV6;
            out.add(Immediate.value(register, n.addressMin()));
            addrMin = register++;
            if (!n.addressMax().equals(n.addressMin())) {
                out.add(Immediate.value(register, n.addressMax()));
                addrMax = register++;
            }
        } else {
            // ports only: the table's family (inet too, as nft sends it)
            natFamily = switch (family) {
                case IP6 -> NfTablesUapi.NFPROTO_IPV6;
                case INET -> NfTablesUapi.NFPROTO_INET;
                default -> NfTablesUapi.NFPROTO_IPV4;
            };
        }
        Integer protoMin = null;
        Integer protoMax = null;
        if (n.portMin() != null) {
            protoMin = register;
            int max = ports(n.portMin(), n.portMax(), register, out);
            protoMax = max == register ? null : max;
        }
        int flags = NatFlag.bits(n.flags()) | (protoMin != null ? NfTablesUapi.NF_NAT_RANGE_PROTO_SPECIFIED : 0);
        out.add(new Nat(n.destination() ? NfTablesUapi.NFT_NAT_DNAT : NfTablesUapi.NFT_NAT_SNAT, natFamily, addrMin, addrMax,
                protoMin, protoMax, flags == 0 ? null : flags));
    }

    /** Loads a port (range) into {@code register} (and the next); returns the register of the upper bound. */
    private static int ports(int min, int max, int register, List<Expression> out) {
        out.add(Immediate.value(register, Bytes.u16Be(min)));
        if (max == min) {
            return register;
        }
        out.add(Immediate.value(register + 1, Bytes.u16Be(max)));
        return register + 1;
    }
}
