package nftlink.nftables;

import nftlink.netlink.MessageWriter;
import nftlink.nftables.expr.Counter;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.function.Consumer;

import static nftlink.netlink.Netlink.NLM_F_APPEND;
import static nftlink.netlink.Netlink.NLM_F_CREATE;
import static nftlink.netlink.Netlink.NLM_F_EXCL;
import static nftlink.netlink.Netlink.NLM_F_REPLACE;
import static nftlink.nftables.NfTablesUapi.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each operation sends and says about itself: message type, flags, family, the
 * attribute its echo carries the handle in, whether it asks for the echo, and the
 * command and object its errors name. The adds, deletes and rule operations share
 * these through {@link NftOperation.Addition}, {@link NftOperation.Deletion} and
 * {@link NftOperation.NewRule}; the expected values are the ones each record wrote
 * out before.
 */
class NftOperationTest {

    private static final Family F = Family.INET;
    private static final int INET = F.protocol();

    @Test
    void additions() {
        Table table = Table.of(F, "t");
        check(new NftOperation.AddTable(table, false), NFT_MSG_NEWTABLE, NLM_F_CREATE, "add table", "inet t",
                NFTA_TABLE_HANDLE, true);
        check(new NftOperation.AddTable(table, true), NFT_MSG_NEWTABLE, NLM_F_CREATE | NLM_F_EXCL, "create table",
                "inet t", NFTA_TABLE_HANDLE, true);
        check(new NftOperation.AddChain(Chain.regular(F, "t", "c"), true), NFT_MSG_NEWCHAIN, NLM_F_CREATE | NLM_F_EXCL,
                "create chain", "inet t c", NFTA_CHAIN_HANDLE, true);
        NftSet set = NftSet.of(F, "t", "s", 0, 4);
        check(new NftOperation.AddSet(set, false), NFT_MSG_NEWSET, NLM_F_CREATE, "add set", "inet t s",
                NFTA_SET_HANDLE, true);
        NftObject counter = NftObject.of(F, "t", "o", new ObjectDefinition.Counter(0, 0));
        check(new NftOperation.AddObject(counter, true), NFT_MSG_NEWOBJ, NLM_F_CREATE | NLM_F_EXCL, "create object",
                "inet t o (type " + NFT_OBJECT_COUNTER + ")", NFTA_OBJ_HANDLE, true);
        check(new NftOperation.AddFlowtable(Flowtable.of(F, "t", "f", 0, List.of()), false), NFT_MSG_NEWFLOWTABLE,
                NLM_F_CREATE, "add flowtable", "inet t f", NFTA_FLOWTABLE_HANDLE, true);
        assertThat(bytes(new NftOperation.AddTable(table, false)::writeAttributes)).isEqualTo(bytes(table::writeAttributes));
        assertThat(new NftOperation.AddSet(set, false).attributeNamer()).isSameAs(AttributeNames.SET);
        assertThat(new NftOperation.AddObject(counter, false).attributeNamer()).isSameAs(AttributeNames.OBJECT);
    }

    @Test
    void deletions() {
        check(new NftOperation.DeleteChain(F, "t", "c", false), NFT_MSG_DELCHAIN, 0, "delete chain", "inet t c", 0, false);
        check(new NftOperation.DeleteChain(F, "t", "c", true), NFT_MSG_DESTROYCHAIN, 0, "destroy chain", "inet t c", 0,
                false);
        check(new NftOperation.DeleteSet(F, "t", "s", true), NFT_MSG_DESTROYSET, 0, "destroy set", "inet t s", 0, false);
        check(new NftOperation.DeleteFlowtable(F, "t", "f", false), NFT_MSG_DELFLOWTABLE, 0, "delete flowtable",
                "inet t f", 0, false);
        check(new NftOperation.DeleteObject(F, "t", NFT_OBJECT_COUNTER, null, 7, true), NFT_MSG_DESTROYOBJ, 0,
                "destroy object", "inet t handle 7", 0, false);
        check(new NftOperation.DeleteTable(F, "t", false), NFT_MSG_DELTABLE, 0, "delete table", "inet t", 0, false);

        assertThat(new NftOperation.DeleteChain(F, "t", "c", false).attributeNamer()).isSameAs(AttributeNames.CHAIN);
        assertThat(new NftOperation.DeleteFlowtable(F, "t", "f", false).attributeNamer())
                .isSameAs(AttributeNames.FLOWTABLE);
        assertThat(bytes(new NftOperation.DeleteSet(F, "t", "s", false)::writeAttributes)).isEqualTo(bytes(w -> {
            w.attrString(NFTA_SET_TABLE, "t");
            w.attrString(NFTA_SET_NAME, "s");
        }));
        assertThat(bytes(new NftOperation.DeleteFlowtable(F, "t", "f", false)::writeAttributes)).isEqualTo(bytes(w -> {
            w.attrString(NFTA_FLOWTABLE_TABLE, "t");
            w.attrString(NFTA_FLOWTABLE_NAME, "f");
        }));
        assertThat(bytes(new NftOperation.DeleteObject(F, "t", NFT_OBJECT_COUNTER, "o")::writeAttributes))
                .isEqualTo(bytes(w -> {
                    w.attrString(NFTA_OBJ_TABLE, "t");
                    w.attrString(NFTA_OBJ_NAME, "o");
                    w.attrU32Be(NFTA_OBJ_TYPE, NFT_OBJECT_COUNTER);
                }));
    }

    @Test
    void rules() {
        Rule rule = Rule.of(F, "t", "c", List.of(new Counter(0, 0)));
        check(new NftOperation.AddRule(rule), NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, "add rule", "inet t c",
                NFTA_RULE_HANDLE, true);
        check(new NftOperation.AddRule(rule).withoutEcho(), NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, "add rule",
                "inet t c", NFTA_RULE_HANDLE, false);
        check(new NftOperation.InsertRule(rule), NFT_MSG_NEWRULE, NLM_F_CREATE, "insert rule", "inet t c",
                NFTA_RULE_HANDLE, true);
        check(new NftOperation.ReplaceRule(rule.withHandle(5)), NFT_MSG_NEWRULE, NLM_F_REPLACE, "replace rule",
                "inet t c handle 5", NFTA_RULE_HANDLE, true);
        check(new NftOperation.AddBoundRule(rule, 3), NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, "add rule",
                "inet t (anonymous chain)", 0, false);
        assertThat(new NftOperation.InsertRule(rule).attributeNamer()).isSameAs(AttributeNames.RULE);
        assertThat(new NftOperation.DeleteRule(F, "t", "c", 5).attributeNamer()).isSameAs(AttributeNames.RULE);
    }

    private static void check(NftOperation op, int message, int flags, String kind, String object, int handleAttribute,
                              boolean echo) {
        assertThat(op.message()).as("message").isEqualTo(message);
        assertThat(op.flags()).as("flags").isEqualTo(flags);
        assertThat(op.family()).as("family").isEqualTo(INET);
        assertThat(op.kind()).as("kind").isEqualTo(kind);
        assertThat(op.object()).as("object").isEqualTo(object);
        assertThat(op.handleAttribute()).as("handle attribute").isEqualTo(handleAttribute);
        assertThat(op.echo()).as("echo").isEqualTo(echo);
        assertThat(op.attributeNamer()).as("attribute names").isNotNull();
    }

    private static byte[] bytes(Consumer<MessageWriter> write) {
        MessageWriter w = new MessageWriter(256);
        write.accept(w);
        return w.written().toArray(ValueLayout.JAVA_BYTE);
    }
}
