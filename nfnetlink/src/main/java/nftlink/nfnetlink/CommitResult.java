package nftlink.nfnetlink;

import nftlink.netlink.NetlinkMessage;

import java.util.Objects;
import java.util.Optional;

/**
 * What a committed transaction returned: the objects the kernel echoed back for
 * operations that asked for an echo (carrying, for example, a new rule's handle).
 */
public final class CommitResult {
    private final int operationCount;
    private final NetlinkMessage[] echoes;

    /** @param echoes the echo per operation, or {@code null} when no operation asked for one */
    CommitResult(int operationCount, NetlinkMessage[] echoes) {
        this.operationCount = operationCount;
        this.echoes = echoes;
    }

    /** Number of operations committed. */
    public int operationCount() {
        return operationCount;
    }

    /**
     * The echo for operation {@code index} (from 0), if it asked for one.
     *
     * @throws IndexOutOfBoundsException for an index outside the transaction
     */
    public Optional<NetlinkMessage> echo(int index) {
        Objects.checkIndex(index, operationCount);
        return echoes == null ? Optional.empty() : Optional.ofNullable(echoes[index]);
    }
}
