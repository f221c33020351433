package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Socket;

import java.util.List;

/**
 * {@code socket cgroupv2 level N}: the ID of the level-N ancestor of the cgroup the
 * packet's socket belongs to. Compared with a cgroup ID, which {@code nft} resolves
 * from a path when the rule is loaded.
 *
 * @param level the ancestor level (1 is a child of the root)
 */
public record SocketCgroupField(int level) implements Field {

    /** Checks the component: a level from 0 to 255. */
    public SocketCgroupField {
        if (level < 0 || level > 255) {
            throw new IllegalArgumentException("cgroup level out of range: " + level);
        }
    }

    @Override
    public Datatype datatype() {
        return Datatype.CGROUPV2;
    }

    @Override
    public int length() {
        return 8;
    }

    @Override
    public Expression load(int register) {
        return new Socket(Socket.Key.CGROUPV2, register, level);
    }

    @Override
    public List<Match> dependencies(Family family) {
        return List.of();
    }

    @Override
    public String text() {
        return "socket cgroupv2 level " + level;
    }
}
