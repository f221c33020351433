package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Bitwise;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Payload;

import java.util.List;

/**
 * Raw packet bits, {@code @BASE,OFFSET,LENGTH} in bits: {@code @nh,8,8},
 * {@code @th,16,16}, {@code @ll,0,128}; also what nft lists for a load no header
 * field describes.
 *
 * @param base      the header the offset counts from
 * @param bitOffset offset in bits
 * @param bits      length in bits
 */
public record RawPayloadField(Payload.Base base, int bitOffset, int bits) implements Field {

    /** Checks the components: 1 to 128 bits at an offset not negative. */
    public RawPayloadField {
        if (bits <= 0 || bitOffset < 0 || bits > 128) {
            throw new IllegalArgumentException("raw payload length is 1 to 128 bits, offset not negative: @"
                    + baseName(base) + "," + bitOffset + "," + bits);
        }
        if (base == Payload.Base.TUNNEL) {
            throw new IllegalArgumentException("no raw payload syntax for the tunnel header");
        }
    }

    /** nft's short name of a payload base: {@code ll}, {@code nh}, {@code th}, {@code ih}. */
    static String baseName(Payload.Base base) {
        return switch (base) {
            case LINK -> "ll";
            case NETWORK -> "nh";
            case TRANSPORT -> "th";
            case INNER -> "ih";
            case TUNNEL -> "tunnel";
        };
    }

    /**
     * The base named {@code ll}, {@code nh}, {@code th} or {@code ih}, or {@code null}.
     *
     * @param name the base's name
     * @return the base, or {@code null}
     */
    public static Payload.Base base(String name) {
        return switch (name) {
            case "ll" -> Payload.Base.LINK;
            case "nh" -> Payload.Base.NETWORK;
            case "th" -> Payload.Base.TRANSPORT;
            case "ih" -> Payload.Base.INNER;
            default -> null;
        };
    }

    private BitLayout layout() {
        return new BitLayout(bitOffset, bits, (bits + 7) / 8);
    }

    @Override
    public Datatype datatype() {
        return Datatype.HEX_INTEGER;
    }

    @Override
    public int length() {
        return layout().length();
    }

    @Override
    public int valueLength() {
        return (bits + 7) / 8;
    }

    @Override
    public Bytes toRegister(Bytes value) {
        return layout().byteAligned() ? value : layout().toRegister(value, text());
    }

    @Override
    public Bytes fromRegister(Bytes register) {
        return layout().byteAligned() ? register : layout().fromRegister(register);
    }

    @Override
    public Expression load(int register) {
        return new Payload.Load(base, layout().offset(), layout().length(), register);
    }

    @Override
    public List<Expression> loads(int register) {
        if (layout().byteAligned()) {
            return List.of(load(register));
        }
        return List.of(load(register), new Bitwise.MaskXor(register, register, layout().mask(), Bytes.of(new byte[length()])));
    }

    @Override
    public List<Match> dependencies(Family family) {
        return List.of();
    }

    @Override
    public String text() {
        return "@" + baseName(base) + "," + bitOffset + "," + bits;
    }
}
