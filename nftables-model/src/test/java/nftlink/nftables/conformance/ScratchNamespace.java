package nftlink.nftables.conformance;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A throwaway network namespace reused for many rule sets in one run: the library's
 * connection into it stays open, {@link #reset} empties its rule set between rule
 * sets, and links named by rule sets are created once ({@code ifb}) and kept.
 * Removed on {@link #close}.
 */
final class ScratchNamespace implements AutoCloseable {

    private final TestNamespace namespace;
    private final NetworkNamespace handle;
    private final Nftables nft;
    private final Set<String> links = new HashSet<>();

    private ScratchNamespace(TestNamespace namespace) {
        this.namespace = namespace;
        this.handle = namespace.open();
        this.nft = Nftables.open(handle);
    }

    /** A new namespace with only {@code lo}. */
    static ScratchNamespace create() {
        TestNamespace ns = TestNamespace.create();
        try {
            return new ScratchNamespace(ns);
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    /** The library's connection into the namespace. */
    Nftables nft() {
        return nft;
    }

    /** The library's handle on the namespace (for reading its links as the tool does). */
    NetworkNamespace handle() {
        return handle;
    }

    /** The namespace, for running nft-ref and other commands in it. */
    TestNamespace namespace() {
        return namespace;
    }

    /** Empties the rule set ({@code flush ruleset}) and makes sure links named {@code devices} exist. */
    void reset(Collection<String> devices) {
        nft.commit(new NftOperation.FlushRuleset(null));
        List<String> missing = devices.stream().filter(d -> !links.contains(d)).toList();
        namespace.addIfb(missing);
        links.addAll(missing);
    }

    /** {@code nft-ref --debug=netlink list ruleset}: bytecode and listing in one run. */
    RefListing refList() {
        return RefListing.of(NftRef.run(namespace, "--debug=netlink", "list", "ruleset").orThrow());
    }

    @Override
    public void close() {
        try {
            nft.close();
            handle.close();
        } finally {
            namespace.close();
        }
    }
}
