package nftlink.examples.cli;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.Userdata;
import nftlink.nftables.lang.Misspellings;
import nftlink.nftables.lang.SetRenderer;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code get element [FAMILY] TABLE SET { E, ... }} and {@code reset element ...}: nft 1.1.3 asks the
 * kernel for the elements holding the keys ({@code NFT_MSG_GETSETELEM}, or {@code NFT_MSG_GETSETELEM_RESET}
 * that zeroes their counters and quotas) and prints the set with what it answered: the set's type, flags,
 * size, policy and timeout, not its comment or its statements, so the elements are not broken into lines
 * for them. An element that is not there fails the whole command.
 *
 * @param request the set (or map) and the words of its table and name
 * @param first   the index of the word that opens the elements
 * @param text    the command
 */
record GetElementCommand(ListRequest request, int first, CommandText text) {

    /** Reads {@code get|reset element [FAMILY] TABLE SET { ... }}. */
    static GetElementCommand parse(CommandText text) {
        List<String> w = text.words();
        if (w.size() < 2 || !w.get(1).equals("element")) {
            throw CommandError.syntax(text, 1, "element");
        }
        ListRequest.Rest rest = new ListRequest.Rest(text, 2);
        boolean family = w.size() > 2 && ListTarget.isFamily(w.get(2));
        int tableWord = rest.identifier(ListTarget.SET, family ? 3 : 2);
        int setWord = rest.identifier(ListTarget.SET, tableWord + 1);
        if (setWord + 1 >= w.size() || !w.get(setWord + 1).startsWith("{")) {
            throw CommandError.syntax(text, setWord + 1, "'{' or '$'");
        }
        ListRequest scope = new ListRequest(ListTarget.SET, family ? Family.ofName(w.get(2)) : Family.IP,
                text.identifier(tableWord), text.identifier(setWord), tableWord, setWord);
        return new GetElementCommand(scope, setWord + 1, text);
    }

    /** What nft prints after asking the kernel (and, for {@code reset}, zeroing what it found). */
    String run(Nftables nft, Options.Output output, boolean resolveHostnames) {
        List<Table> tables = nft.listTables();
        if (tables.stream().noneMatch(t -> t.family() == request.family() && t.name().equals(request.table()))) {
            throw CommandError.noSuch(request.tableWord(), CommandError.meantTable(request.table(), tables));
        }
        List<NftSet> named = nft.listSets().stream().filter(s -> (s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) == 0).toList();
        NftSet set = named.stream().filter(s -> s.family() == request.family() && s.table().equals(request.table())
                        && s.name().equals(request.name())).findFirst()
                .orElseThrow(() -> CommandError.noSuch(request.nameWord(), Misspellings.closest(request.name(), named, NftSet::name)
                        .map(s -> (s.isMap() || s.isObjectMap() ? "map '" : "set '") + s.name() + "' in table " + s.family().nftName()
                                + " '" + s.table() + "'")));
        List<SetElement> found;
        try {
            found = nft.getElements(set.family(), set.table(), set.name(), keys(nft, resolveHostnames), text.words().getFirst().equals("reset"));
        } catch (NetlinkKernelException e) {
            throw new CommandError("Could not process rule: " + e.errno().text(), CommandError.WHOLE_COMMAND);
        }
        NftSet plain = new NftSet(set.family(), set.table(), set.name(), set.handle(), set.flags(), set.keyType(), set.keyLength(),
                set.dataType(), set.dataLength(), set.objectType(), set.policy(), set.size(), set.fieldLengths(), set.timeout(),
                set.gcInterval(), set.id(), Userdata.without(set.userdata(), NfTablesUapi.NFTNL_UDATA_SET_COMMENT), List.of(),
                set.unknown());
        List<SetElement> once = new ArrayList<>();
        found.stream().filter(e -> !once.contains(e)).forEach(once::add);
        return output.flags().apply(() -> "table " + set.family().nftName() + " " + set.table() + " {\n"
                + SetRenderer.render(plain, once, output.handle(), output.rules(index -> null)) + "}\n");
    }

    /** The elements as nft's parser reads them for {@code delete element}: keys, and the ends of intervals. */
    private List<SetElement> keys(Nftables nft, boolean resolveHostnames) {
        List<String> words = new ArrayList<>(text.words());
        words.set(0, "delete");
        try {
            List<SetElement> keys = new ArrayList<>();
            for (NftOperation o : NftParser.forKernel(nft).withHostnameResolution(resolveHostnames).parseCommand(words).operations()) {
                if (o instanceof NftOperation.DeleteElements d) {
                    keys.addAll(d.elements());
                }
            }
            return keys;
        } catch (NftParseException e) {
            throw new CommandError(e.problem(), wordAt(words, e.location().column() - 1));
        }
    }

    /** The index of the word of {@code words} (joined with spaces) that column {@code column} falls in. */
    private int wordAt(List<String> words, int column) {
        int start = 0;
        for (int i = 0; i < words.size(); i++) {
            start += words.get(i).length() + 1;
            if (column < start) {
                return i;
            }
        }
        return words.size();
    }
}
