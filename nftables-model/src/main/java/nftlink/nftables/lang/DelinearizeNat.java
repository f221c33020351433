package nftlink.nftables.lang;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import nftlink.nftables.expr.Dup;
import nftlink.nftables.expr.Fwd;
import nftlink.nftables.expr.Tproxy;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Byteorder;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Immediate;
import nftlink.nftables.expr.Masq;
import nftlink.nftables.expr.Nat;
import nftlink.nftables.expr.Redir;

import java.util.List;

import static nftlink.nftables.lang.DelinearizeFields.*;
import static nftlink.nftables.lang.DelinearizeMaps.*;
import static nftlink.nftables.lang.DelinearizeMatches.*;

/**
 * NAT, redirect, masquerade, tproxy, dup and fwd statements read back from the immediates that
 * load their registers, or from a value computed from the packet.
 */
final class DelinearizeNat {

    private DelinearizeNat() {
    }

    /**
     * A nat whose address, or a redirect whose port, comes from {@code source} in register 1 at
     * {@code at} (after a byte-order swap for numgen and hashes), or {@code null}.
     */
    static Natted computedTarget(Field source, List<Expression> e, int at) {
        boolean number = source instanceof ExpressionField || source instanceof HashField;
        int j = at;
        if (number) {
            // nft 1.0.6 leaves the swap out
            if (j < e.size() && e.get(j) instanceof Byteorder b && b.op() == Byteorder.Op.HTON && b.sreg() == REG
                    && b.dreg() == REG && b.length() == 4 && b.size() == 4) {
                j++;
            }
        } else if (!(source instanceof MapLookupField)) {
            return null;
        }
        if (j >= e.size()) {
            return null;
        }
        int used = j - at + 1;
        try {
            // dup to ADDRESS-MAP device DEV: the device is loaded into the next register
            if (!number && e.get(j) instanceof Immediate imm && imm.dreg() == REG + 1 && imm.data() instanceof NftData.Value v
                    && j + 1 < e.size() && e.get(j + 1) instanceof Dup d && d.sregAddr() != null
                    && d.sregAddr() == REG && d.sregDev() != null && d.sregDev() == REG + 1 && fit(v.bytes(), 4) != null) {
                return new Natted(new Statement.DupStatement(null, fit(v.bytes(), 4).asU32(), source, null), used + 1);
            }
            Statement s = switch (e.get(j)) {
                // nft 1.0.6 names the register as addr_max too
                case Nat n when n.addrMin() != null && n.addrMin() == REG && natFits(n, source) ->
                        new Statement.NatStatement(n.type() == NfTablesUapi.NFT_NAT_DNAT, null, null, null, null,
                                NatFlag.of(n.flags() == null ? 0 : n.flags()), source);
                case Redir r when !number && r.protoMin() != null && r.protoMin() == REG
                        && (r.protoMax() == null || r.protoMax() == REG) ->
                        new Statement.RedirectStatement(null, null, NatFlag.of(r.flags() == null ? 0 : r.flags()), source);
                case Dup d when !number && d.sregAddr() != null && d.sregAddr() == REG && d.sregDev() == null ->
                        new Statement.DupStatement(null, null, source, null);
                case Dup d when !number && d.sregDev() != null && d.sregDev() == REG && d.sregAddr() == null ->
                        new Statement.DupStatement(null, null, null, source);
                case Fwd f when !number && f.sregDev() != null && f.sregDev() == REG && f.sregAddr() == null ->
                        new Statement.FwdStatement(0, null, source);
                default -> null;
            };
            return s == null ? null : new Natted(s, used);
        } catch (IllegalArgumentException notExpressible) {
            return null;
        }
    }

    /** Whether the registers of {@code n} take what {@code source} gives: an address, or a map's addresses, ports, ranges. */
    static boolean natFits(Nat n, Field source) {
        if (!(source instanceof MapLookupField m)) {
            // nft 1.0.6 names the register as addr_max too
            return (n.addrMax() == null || n.addrMax() == REG) && n.protoMin() == null;
        }
        MapData layout = MapData.natAddresses(n);
        return layout != null && layout.ranges() == m.dataRanges() && layout.parts().equals(m.dataParts())
                && layout.datatype() == m.datatype();
    }

    /** A NAT statement read from the immediates that load its registers and the nat, masq or redir after them. */
    record Natted(Statement statement, int consumed) {
    }

    /** A statement whose registers the immediates at {@code at} load: nat, masquerade, redirect, tproxy, dup, fwd; or {@code null}. */
    static Natted nat(List<Expression> e, int at) {
        Map<Integer, Bytes> registers = new HashMap<>();
        int j = at;
        while (j < e.size() && e.get(j) instanceof Immediate imm && imm.data() instanceof NftData.Value v) {
            registers.put(imm.dreg(), v.bytes());
            j++;
        }
        if (j >= e.size()) {
            return null;
        }
        int consumed = j - at + 1;
        return switch (e.get(j)) {
            case Nat n when n.flags() != null && (n.flags() & NfTablesUapi.NF_NAT_RANGE_NETMAP) != 0 -> null;
            case Nat n -> {
                Bytes addrMin = n.addrMin() == null ? null : registers.get(n.addrMin());
                Bytes addrMax = n.addrMax() == null ? addrMin : registers.get(n.addrMax());
                Integer portMin = port(registers, n.protoMin());
                Integer portMax = n.protoMax() == null ? portMin : port(registers, n.protoMax());
                if ((n.addrMin() != null && (addrMin == null || addrMax == null)) || (n.protoMin() != null && (portMin == null || portMax == null))
                        || (addrMin == null && portMin == null)
                        || registers.size() != (int) Stream.of(n.addrMin(), n.addrMax(), n.protoMin(), n.protoMax())
                        .filter(Objects::nonNull).distinct().count()) {
                    yield null;
                }
                yield new Natted(new Statement.NatStatement(n.type() == NfTablesUapi.NFT_NAT_DNAT, addrMin, addrMax, portMin, portMax,
                        NatFlag.of(n.flags() == null ? 0 : n.flags())), consumed);
            }
            case Masq m when m.protoMin() != null -> {
                Integer min = port(registers, m.protoMin());
                Integer max = m.protoMax() == null ? min : port(registers, m.protoMax());
                yield min == null || max == null ? null
                        : new Natted(new Statement.MasqueradeStatement(min, max, NatFlag.of(m.flags() == null ? 0 : m.flags())), consumed);
            }
            case Redir r when r.protoMin() != null -> {
                Integer min = port(registers, r.protoMin());
                Integer max = r.protoMax() == null ? min : port(registers, r.protoMax());
                yield min == null || max == null ? null
                        : new Natted(new Statement.RedirectStatement(min, max, NatFlag.of(r.flags() == null ? 0 : r.flags())), consumed);
            }
            case Tproxy t -> {
                Bytes addr = t.addr() == null ? null : registers.get(t.addr());
                Integer p = port(registers, t.port());
                int used = (t.addr() == null ? 0 : 1) + (t.port() == null ? 0 : 1);
                boolean addrOk = t.addr() == null || addr != null && (addr.length() == 4 || addr.length() == 16);
                yield !addrOk || t.port() != null && p == null || used != registers.size() || used == 0 ? null
                        : new Natted(new Statement.TproxyStatement(t.family(), addr, p), consumed);
            }
            case Dup d -> {
                Bytes addr = d.sregAddr() == null ? null : registers.get(d.sregAddr());
                Bytes dev = d.sregDev() == null ? null : registers.get(d.sregDev());
                int used = (d.sregAddr() == null ? 0 : 1) + (d.sregDev() == null ? 0 : 1);
                yield d.sregAddr() != null && addr == null || d.sregDev() != null && (dev == null || dev.length() != 4)
                        || used != registers.size() || used == 0 ? null
                        : new Natted(new Statement.DupStatement(addr, dev == null ? null : dev.asU32()), consumed);
            }
            case Fwd f -> {
                Bytes dev = f.sregDev() == null ? null : registers.get(f.sregDev());
                Bytes addr = f.sregAddr() == null ? null : registers.get(f.sregAddr());
                int used = (f.sregDev() == null ? 0 : 1) + (f.sregAddr() == null ? 0 : 1);
                yield dev == null || dev.length() != 4 || f.sregAddr() != null && addr == null || used != registers.size() ? null
                        : new Natted(new Statement.FwdStatement(dev.asU32(), addr), consumed);
            }
            default -> null;
        };
    }

    /** The port {@code register} holds among the immediates' {@code registers}, or {@code null}. */
    static Integer port(Map<Integer, Bytes> registers, Integer register) {
        if (register == null) {
            return null;
        }
        Bytes b = registers.get(register) == null ? null : fit(registers.get(register), 2);
        return b == null ? null : (int) b.asBigEndian();
    }
}
