package nftlink.nfnetlink;

import nftlink.netlink.Attribute;
import nftlink.netlink.NetlinkMessage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;

/**
 * What a committed transaction returned: the objects the kernel echoed back for
 * operations that asked for an echo (carrying, for example, a new rule's handle).
 *
 * <pre>{@code
 * NftOperation.AddRule add = NftOperations.addRule(rule);
 * CommitResult result = nft.commit(add);
 * long handle = result.handle(add);
 * }</pre>
 */
public class CommitResult {
    private final List<BatchOperation> operations;
    private final NetlinkMessage[] echoes;
    private final List<NetlinkMessage> notifications;

    /**
     * @param operations    the operations committed, in order
     * @param echoes        the echo per operation, or {@code null} when no operation asked for one
     * @param notifications every message the kernel sent back, or {@code null} when not asked for
     */
    CommitResult(List<BatchOperation> operations, NetlinkMessage[] echoes, List<NetlinkMessage> notifications) {
        this.operations = List.copyOf(operations);
        this.echoes = echoes;
        this.notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }

    /**
     * A copy of {@code other}, for results that add views of their own (such as decoded objects).
     *
     * @param other the result to copy
     */
    protected CommitResult(CommitResult other) {
        this.operations = other.operations;
        this.echoes = other.echoes;
        this.notifications = other.notifications;
    }

    /**
     * Every message the kernel sent back for a transaction that {@linkplain Transaction#echo echoed
     * chosen operations}, in the order it sent them; empty for other transactions.
     *
     * @return the messages
     */
    public List<NetlinkMessage> notifications() {
        return notifications;
    }

    /**
     * Number of operations committed.
     *
     * @return number of operations committed
     */
    public int operationCount() {
        return operations.size();
    }

    /**
     * The operations committed, in order.
     *
     * @return the operations committed, in order
     */
    public List<BatchOperation> operations() {
        return operations;
    }

    /**
     * The echo for operation {@code index} (from 0), if it asked for one.
     *
     * @param index the operation's index in the transaction, from 0
     * @return the echo for operation {@code index} (from 0), if it asked for one
     * @throws IndexOutOfBoundsException for an index outside the transaction
     */
    public Optional<NetlinkMessage> echo(int index) {
        Objects.checkIndex(index, operations.size());
        return echoes == null ? Optional.empty() : Optional.ofNullable(echoes[index]);
    }

    /**
     * The echo for {@code operation}, the very instance that was added (its first
     * occurrence, were it added twice), if it asked for one.
     *
     * @param operation an operation added to the transaction (the same instance)
     * @return the echo for {@code operation}
     * @throws IllegalArgumentException when {@code operation} was not part of the transaction
     */
    public Optional<NetlinkMessage> echo(BatchOperation operation) {
        return echo(indexOf(operation));
    }

    /**
     * The handle the kernel assigned to what {@code operation} created (a rule, a set,
     * an object, a chain, a table, a flowtable), read from its echo. Operations added
     * before it, such as a rule's anonymous sets, do not matter: the operation is
     * found by identity.
     *
     * @param operation an operation added to the transaction (the same instance)
     * @return the handle the kernel assigned
     * @throws IllegalArgumentException when {@code operation} was not part of the transaction
     * @throws IllegalStateException    when it creates nothing with a handle or asked for no echo
     *                                  (e.g. {@code AddRule.withoutEcho()})
     */
    public long handle(BatchOperation operation) {
        int index = indexOf(operation);
        int attribute = operation.handleAttribute();
        if (attribute == 0) {
            throw new IllegalStateException(operation.kind() + " creates nothing with a handle");
        }
        NetlinkMessage m = echo(index).orElseThrow(() -> new IllegalStateException(
                operation.kind() + " " + operation.object() + " was committed without an echo, which carries the handle"));
        Attribute handle = m.attributes(NFGENMSG_LEN).require(attribute, "handle");
        return handle.u64Be();
    }

    /**
     * The handle the kernel assigned to what operation {@code index} (from 0) created, when
     * it creates something with a handle and its echo carries one; empty otherwise.
     *
     * @param index the operation's index in the transaction, from 0
     * @return the handle, or empty
     * @throws IndexOutOfBoundsException for an index outside the transaction
     */
    public OptionalLong handleAt(int index) {
        int attribute = operations.get(index).handleAttribute();
        Optional<NetlinkMessage> m = echo(index);
        if (attribute == 0 || m.isEmpty()) {
            return OptionalLong.empty();
        }
        Attribute handle = m.get().attributes(NFGENMSG_LEN).find(attribute);
        return handle == null ? OptionalLong.empty() : OptionalLong.of(handle.u64Be());
    }

    private int indexOf(BatchOperation operation) {
        Objects.requireNonNull(operation, "operation");
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) == operation) {
                return i;
            }
        }
        throw new IllegalArgumentException(operation.kind() + " " + operation.object() + " is not part of this transaction");
    }
}
