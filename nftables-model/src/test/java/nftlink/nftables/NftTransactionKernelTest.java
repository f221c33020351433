package nftlink.nftables;

import nftlink.netlink.Errno;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.parse.NftParser;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The named operation factories, typed rules in a transaction and the handles a commit tells (#16), against
 * the kernel and nft's listing; what needs only echoes runs without root in {@link RecordingKernelHandlesTest}.
 */
@KernelTest
class NftTransactionKernelTest {

    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)");

    @Test
    void addKeepsAndCreateRefusesAnExistingTable(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Table app = Table.of(Family.INET, "app");
            nft.commit(NftOperations.addTable(app));
            nft.commit(NftOperations.addTable(app));
            assertThatThrownBy(() -> nft.commit(NftOperations.createTable(app)))
                    .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
            assertThat(NftOperations.createTable(app).kind()).isEqualTo("create table");
        }
    }

    @Test
    void setErrorsNameTheirAttributes(TestNamespace ns) {
        NftRef.apply(ns, "table inet app { set s { type ipv4_addr; }; }");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            NftSet s = nft.listSets(Family.INET, "app").getFirst();
            assertThatThrownBy(() -> nft.commit(NftOperations.createSet(s)))
                    .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.attribute()).isEqualTo("NFTA_SET_NAME"));
            assertThatThrownBy(() -> nft.commit(NftOperations.flushSet(Family.INET, "app", "none")))
                    .isInstanceOfSatisfying(TransactionException.class,
                            e -> assertThat(e.attribute()).isEqualTo("NFTA_SET_ELEM_LIST_SET"));
        }
    }

    @Test
    void destroyIgnoresWhatDeleteRefusesMissing(TestNamespace ns) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            nft.commit(NftOperations.addTable(Table.of(Family.INET, "app")));
            nft.commit(NftOperations.destroyChain(Family.INET, "app", "gone"), NftOperations.destroySet(Family.INET, "app", "gone"),
                    NftOperations.destroyFlowtable(Family.INET, "app", "gone"),
                    NftOperations.destroyObject(Family.INET, "app", NfTablesUapi.NFT_OBJECT_COUNTER, "gone"),
                    NftOperations.destroyTable(Family.IP, "gone"));
            for (NftOperation missing : List.of(NftOperations.deleteChain(Family.INET, "app", "gone"),
                    NftOperations.deleteSet(Family.INET, "app", "gone"), NftOperations.deleteTable(Family.IP, "gone"),
                    NftOperations.deleteFlowtable(Family.INET, "app", "gone"),
                    NftOperations.deleteObject(Family.INET, "app", NfTablesUapi.NFT_OBJECT_COUNTER, "gone"))) {
                assertThatThrownBy(() -> nft.commit(missing))
                        .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
            }
            nft.commit(NftOperations.destroyTable(Family.INET, "app"));
            assertThat(nft.listTables()).isEmpty();
        }
    }

    @Test
    void typedRulesWithAnonymousSetsTellTheirHandles(TestNamespace ns) {
        NftRef.apply(ns, "table inet app { chain input { type filter hook input priority 0; }; }");
        NftParser parser = NftParser.standard();
        RuleSpec plain = parser.parseRule(Family.INET, "app", "input", "tcp dport 80 accept");
        RuleSpec ssh = parser.parseRule(Family.INET, "app", "input", "tcp dport { 22, 2222 } accept");
        RuleSpec dns = parser.parseRule(Family.INET, "app", "input", "udp dport { 53, 5353 } counter accept");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            NftTransaction tx = nft.transaction().add(plain).add(ssh).add(dns);
            assertThat(tx.size()).as("two anonymous sets, each with its elements, and three rules").isEqualTo(7);
            NftCommitResult result = tx.commit();

            List<Long> listed = handles(NftRef.run(ns, "-a", "list", "chain", "inet", "app", "input").orThrow());
            assertThat(List.of(result.handle(plain), result.handle(ssh), result.handle(dns))).isEqualTo(listed);
            assertThat(result.handle(tx.operationOf(ssh))).isEqualTo(listed.get(1));
            assertThat(result.rules()).extracting(Rule::handle).isEqualTo(listed);
            assertThat(result.rules()).extracting(Rule::chain).containsOnly("input");
        }
    }

    @Test
    void typedRulesAfterParsedOnesGetSetIdsOfTheirOwn(TestNamespace ns) {
        NftRef.apply(ns, "table inet app { chain input { type filter hook input priority 0; }; }");
        NftParser parser = NftParser.standard();
        RuleSpec typed = parser.parseRule(Family.INET, "app", "input", "tcp dport { 22, 23 } accept");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            nft.transaction()
                    .addAll(parser.parse("add rule inet app input udp dport { 53, 54 } accept", "<test>").operations())
                    .add(typed)
                    .commit();
        }
        assertThat(NftRef.run(ns, "list", "chain", "inet", "app", "input").orThrow())
                .contains("udp dport { 53, 54 } accept", "tcp dport { 22, 23 } accept");
    }

    private static List<Long> handles(String listing) {
        Matcher m = HANDLE.matcher(listing);
        List<Long> handles = new ArrayList<>();
        while (m.find()) {
            handles.add(Long.parseLong(m.group(1)));
        }
        // the first handle is the chain's
        return handles.subList(1, handles.size());
    }
}
