package nftlink.nfnetlink;

import nftlink.netlink.NetlinkMessage;

import java.util.Optional;

/**
 * What a committed transaction returned: the objects the kernel echoed back for
 * operations that asked for an echo (carrying, for example, a new rule's handle).
 */
public final class CommitResult {
    private final NetlinkMessage[] echoes;

    CommitResult(NetlinkMessage[] echoes) {
        this.echoes = echoes;
    }

    /** Number of operations committed. */
    public int operationCount() {
        return echoes.length;
    }

    /** The echo for operation {@code index} (from 0), if it asked for one. */
    public Optional<NetlinkMessage> echo(int index) {
        return Optional.ofNullable(echoes[index]);
    }
}
