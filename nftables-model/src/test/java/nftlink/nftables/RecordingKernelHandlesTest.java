package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.NetlinkConnection;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.parse.AppliedCommand;
import nftlink.nftables.parse.AppliedScript;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.NftScript;
import nftlink.nftables.testing.RecordingNftKernel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static nftlink.netlink.Netlink.NLM_F_ECHO;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nftables.NfTablesUapi.NFTA_RULE_TABLE;
import static nftlink.nftables.NfTablesUapi.NFTA_SET_ID;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWCHAIN;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWOBJ;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWRULE;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWSET;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWTABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handles a transaction and an applied script tell, read from the echoes of
 * {@link RecordingNftKernel} (#19: what needs only echoes runs without root). The kernel tests
 * ({@code NftTransactionKernelTest}, {@code ApplyKernelTest}) check the same handles against what
 * nft lists.
 */
class RecordingKernelHandlesTest {

    private final RecordingNftKernel kernel = new RecordingNftKernel();
    private final Nftables nft = Nftables.wrap(new NetlinkConnection(kernel));
    private final NftParser parser = NftParser.standard();

    private void createInput() {
        nft.commit(NftOperations.addTable(Table.of(Family.INET, "app")),
                new NftOperation.AddChain(Chain.regular(Family.INET, "app", "input"), false));
    }

    @Test
    void typedRulesWithAnonymousSetsTellTheHandlesTheKernelGave() {
        createInput();
        RuleSpec plain = parser.parseRule(Family.INET, "app", "input", "tcp dport 80 accept");
        RuleSpec ssh = parser.parseRule(Family.INET, "app", "input", "tcp dport { 22, 2222 } accept");
        RuleSpec dns = parser.parseRule(Family.INET, "app", "input", "udp dport { 53, 5353 } counter accept");
        NftTransaction tx = nft.transaction().add(plain).add(ssh).add(dns);
        assertThat(tx.size()).as("two anonymous sets, each with its elements, and three rules").isEqualTo(7);
        NftCommitResult result = tx.commit();

        List<Long> given = handlesGiven(NFT_MSG_NEWRULE);
        assertThat(given).hasSize(3).doesNotHaveDuplicates();
        assertThat(List.of(result.handle(plain), result.handle(ssh), result.handle(dns))).isEqualTo(given);
        assertThat(result.handle(tx.operationOf(ssh))).isEqualTo(given.get(1));
        assertThat(result.rules()).extracting(Rule::handle).isEqualTo(given);
        assertThat(result.rules()).extracting(Rule::chain).containsOnly("input");
    }

    @Test
    void handleOfAnOperationIsFoundWhateverPrecedesIt() {
        createInput();
        List<NftOperation> parsed = parser.parse("add rule inet app input ip saddr { 10.0.0.1, 10.0.0.2 } drop", "<test>")
                .operations();
        NftOperation.AddRule rule = (NftOperation.AddRule) parsed.getLast();
        NftOperation.AddRule quiet = NftOperations.addRule(Linearizer.linearize(
                parser.parseRule(Family.INET, "app", "input", "tcp dport 1 drop"), new BatchIds()).rule()).withoutEcho();
        NftCommitResult result = nft.transaction().addAll(parsed).add(quiet).commit();
        assertThat(parsed).as("the anonymous set, its elements, the rule").hasSize(3);
        assertThat(result.handle(rule)).isEqualTo(handlesGiven(NFT_MSG_NEWRULE).getFirst());
        assertThatThrownBy(() -> result.handle(quiet)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> result.handle(NftOperations.addRule(rule.rule()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(result.rules()).hasSize(1);
    }

    @Test
    void typedRulesAfterParsedOnesGetSetIdsOfTheirOwn() {
        createInput();
        nft.transaction()
                .addAll(parser.parse("add rule inet app input udp dport { 53, 54 } accept", "<test>").operations())
                .add(parser.parseRule(Family.INET, "app", "input", "tcp dport { 22, 23 } accept"))
                .commit();
        List<Integer> setIds = kernel.committed().stream().filter(op -> op.message() == NFT_MSG_NEWSET)
                .map(op -> attribute(op, NFTA_SET_ID).u32Be()).toList();
        assertThat(setIds).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void applyTellsTheHandleOfWhatEachLineCreated() {
        AppliedScript applied = nft.apply(ApplyKernelTest.TEXT);
        assertThat(applied.commands()).extracting(AppliedCommand::command).containsExactlyElementsOf(ApplyKernelTest.COMMANDS);
        List<Long> rules = handlesGiven(NFT_MSG_NEWRULE);
        List<Long> sets = handlesGiven(NFT_MSG_NEWSET);
        assertThat(applied.handle(1)).hasValue(handlesGiven(NFT_MSG_NEWTABLE).getFirst());
        assertThat(applied.handle(2)).hasValue(handlesGiven(NFT_MSG_NEWCHAIN).getFirst());
        assertThat(applied.handle(3)).hasValue(sets.getFirst());
        assertThat(applied.handle(4)).hasValue(rules.getFirst());
        assertThat(applied.handle(5)).hasValue(rules.get(1));
        assertThat(applied.handle(6)).hasValue(handlesGiven(NFT_MSG_NEWOBJ).getFirst());
        assertThat(applied.handle(7)).isEqualTo(OptionalLong.empty());
        assertThat(applied.commands().get(3).echo())
                .isEqualTo("add rule inet app input ip saddr @blocked drop # handle " + rules.getFirst());
        assertThat(kernel.committed()).filteredOn(op -> op.message() == NFT_MSG_NEWRULE)
                .allSatisfy(op -> assertThat(attribute(op, NFTA_RULE_TABLE).string()).isEqualTo("app"));
    }

    @Test
    void aScriptAppliedWithoutRuleEchoesAsksNoneForItsRules() {
        NftScript script = parser.parse("""
                add table inet app
                add chain inet app input
                add rule inet app input tcp dport { 22, 2222 } accept
                insert rule inet app input udp dport 53 accept
                """, "<test>");
        AppliedScript applied = script.applyWithoutRuleEchoes(nft);
        assertThat(kernel.committed()).filteredOn(op -> op.message() == NFT_MSG_NEWRULE).hasSize(2)
                .allSatisfy(op -> assertThat(op.flags() & NLM_F_ECHO).isZero());
        assertThat(kernel.committed()).filteredOn(op -> op.message() == NFT_MSG_NEWTABLE)
                .allSatisfy(op -> assertThat(op.flags() & NLM_F_ECHO).isEqualTo(NLM_F_ECHO));
        assertThat(applied.handle(1)).hasValue(handlesGiven(NFT_MSG_NEWTABLE).getFirst());
        assertThat(applied.handle(3)).isEmpty();
        assertThat(applied.handle(4)).isEmpty();
        assertThat(applied.commands()).hasSize(4);
    }

    /** The handles the fake kernel gave to the committed operations of one message type, in batch order. */
    private List<Long> handlesGiven(int message) {
        return kernel.committed().stream().filter(op -> op.message() == message)
                .map(RecordingNftKernel.Operation::handle).toList();
    }

    private static Attribute attribute(RecordingNftKernel.Operation op, int type) {
        Attribute a = op.request().attributes(NFGENMSG_LEN).find(type);
        assertThat(a).as("attribute %d of %s", type, op).isNotNull();
        return a;
    }
}
