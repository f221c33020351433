package nftlink.examples.cli;

import nftlink.nftables.Family;
import nftlink.nftables.parse.NftParser;

import java.util.List;

/**
 * A {@code list} (or {@code reset}) command read as nft's grammar reads it: the target and
 * the family, table and name that follow, with the words they came from for errors.
 *
 * @param target    what to list
 * @param family    the family, or {@code null} for every family
 * @param table     the table, or {@code null} for every table
 * @param name      the object's name, or {@code null} for every object
 * @param tableWord the index of the table's word, or -1
 * @param nameWord  the index of the name's word, or -1
 */
record ListRequest(ListTarget target, Family family, String table, String name, int tableWord, int nameWord) {

    /**
     * Reads the words of {@code text} from {@code first} (the word after {@code list}) against
     * {@code targets}.
     *
     * @throws CommandError when the words do not name a target and its scope
     */
    static ListRequest parse(CommandText text, int first, List<ListTarget> targets) {
        List<String> w = text.words();
        if (first >= w.size()) {
            throw CommandError.syntax(text, first, null);
        }
        ListTarget target = target(text, first, targets);
        int at = first + target.words().size();
        Rest scope = new Rest(text, at);
        return switch (target.scope()) {
            case FAMILY -> scope.family(target);
            case TABLE -> scope.table(target, false);
            case ANY -> scope.any(target);
            case OBJECT -> scope.table(target, true);
            case CT_TABLE -> {
                if (at >= w.size() || !w.get(at).equals("table")) {
                    throw CommandError.syntax(text, at, "table");
                }
                yield new Rest(text, at + 1).table(target, false);
            }
        };
    }

    /** The target the words from {@code first} name; {@code ct timeout table ...} lists all, {@code ct timeout T N} one. */
    private static ListTarget target(CommandText text, int first, List<ListTarget> targets) {
        List<String> w = text.words();
        for (ListTarget t : targets) {
            List<String> words = t.words();
            if (first + words.size() > w.size()) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < words.size() && matches; i++) {
                matches = words.get(i).equals(w.get(first + i));
            }
            if (!matches) {
                continue;
            }
            int after = first + words.size();
            boolean tableFollows = after < w.size() && w.get(after).equals("table");
            if (t.scope() == ListTarget.Scope.CT_TABLE && !tableFollows && !t.words().getLast().endsWith("s")) {
                continue;
            }
            return t;
        }
        if (w.get(first).equals("ct")) {
            throw CommandError.syntax(text, first + 1, "timeout or expectation or helper or helpers");
        }
        throw CommandError.syntax(text, first, null);
    }

    /** The words after the target, read from {@code at}; {@link ResetRulesCommand} reads its scopes with it too. */
    record Rest(CommandText text, int at) {

        ListRequest family(ListTarget target) {
            List<String> w = text.words();
            Family family = null;
            int i = at;
            if (i < w.size() && ListTarget.isFamily(w.get(i))) {
                family = Family.ofName(w.get(i++));
            }
            end(i);
            return new ListRequest(target, family, null, null, -1, -1);
        }

        ListRequest any(ListTarget target) {
            List<String> w = text.words();
            if (at >= w.size()) {
                return new ListRequest(target, null, null, null, -1, -1);
            }
            if (w.get(at).equals("table")) {
                return new Rest(text, at + 1).table(target, false);
            }
            if (ListTarget.isFamily(w.get(at)) && at + 1 == w.size()) {
                return family(target);
            }
            if (ListTarget.isFamily(w.get(at)) && keyword(target, w.get(at + 1))) {
                // a keyword cannot be the table: nft read the family alone and wanted the end there
                throw CommandError.unexpectedWord(text, at + 1, "end of file or newline or semicolon");
            }
            return table(target, false);
        }

        /** {@code [FAMILY] TABLE}, then {@code NAME} when {@code named}; the family is ip when left out. */
        ListRequest table(ListTarget target, boolean named) {
            List<String> w = text.words();
            int i = at;
            Family family = Family.IP;
            if (i < w.size() && ListTarget.isFamily(w.get(i))) {
                family = Family.ofName(w.get(i++));
            }
            int tableWord = identifier(target, i++);
            int nameWord = named ? identifier(target, i++) : -1;
            end(i);
            return new ListRequest(target, family, text.identifier(tableWord), named ? text.identifier(nameWord) : null,
                    tableWord, nameWord);
        }

        /** {@code i}, after checking that word {@code i} is a name (not a family, a keyword, nor past the end). */
        int identifier(ListTarget target, int i) {
            if (i >= text.words().size() || ListTarget.isFamily(text.words().get(i))) {
                throw CommandError.syntax(text, i, "string or last");
            }
            if (keyword(target, text.words().get(i))) {
                throw CommandError.unexpectedWord(text, i, "string or last");
            }
            return i;
        }

        /** Whether nft's scanner reads {@code word} as a keyword after {@code target}'s words, never as a name. */
        private static boolean keyword(ListTarget target, String word) {
            return NftParser.isKeyword(word) || target.stateKeywords().contains(word);
        }

        /** Checks that nothing follows word {@code i - 1}. */
        void end(int i) {
            if (i < text.words().size()) {
                throw CommandError.syntax(text, i, "end of file or newline or semicolon");
            }
        }
    }
}
