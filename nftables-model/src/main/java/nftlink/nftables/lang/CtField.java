package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Expression;

import java.util.List;

/**
 * Connection-tracking state: {@code ct state}, {@code ct mark}, ...
 *
 * @param key      the kernel's ct key
 * @param datatype the datatype of its values ({@link Datatype#INTEGER} for bit masks
 *                 written with {@link CtState} names)
 */
public record CtField(Ct.Key key, Datatype datatype) implements Field {

    /** {@code ct state}: a bit mask of {@link CtState}s. */
    public static final CtField STATE = new CtField(Ct.Key.STATE, Datatype.CT_STATE);
    /** {@code ct mark}. */
    public static final CtField MARK = new CtField(Ct.Key.MARK, Datatype.MARK);

    static final List<CtField> ALL = List.of(STATE, MARK);

    @Override
    public int length() {
        return key.length();
    }

    @Override
    public Expression load(int register) {
        return new Ct.Load(key, register, null);
    }

    @Override
    public List<Match> dependencies(Family family) {
        return List.of();
    }

    @Override
    public String text() {
        return "ct " + key.text();
    }

    /** Whether values are bit masks (matched by any bit, listed by names). */
    public boolean isBitmask() {
        return key == Ct.Key.STATE;
    }

    static CtField of(Ct.Key key) {
        for (CtField f : ALL) {
            if (f.key == key) {
                return f;
            }
        }
        return null;
    }
}
