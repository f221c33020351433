package nftlink.nftables.lang;

import nftlink.nftables.expr.Expression;
import nftlink.nftables.lang.Linearizer.AnonymousSet;
import nftlink.nftables.lang.Linearizer.Binding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What linearizing one rule builds up: its expressions, anonymous sets and anonymous chains, the
 * matches already made (so dependencies are added once), the compares of whole header fields with
 * one value, which nft merges with their neighbours (by identity, with whether the field names the
 * next protocol), where statements other than matches start (nft merges only between those), and
 * the matches a reject needs at the start of the rule.
 *
 * @param spec        the rule being linearized
 * @param ids         the numbering of the batch the rule is sent in
 * @param out         the rule's expressions so far
 * @param sets        the anonymous sets the rule uses
 * @param established the matches the rule has made
 * @param mergeable   the compares nft may merge, with whether their field names the next protocol
 * @param boundaries  where each statement other than a match starts in {@code out}
 * @param bindings    the anonymous chains the rule jumps to
 * @param atStart     the matches to put at the start of the rule
 * @param head        how many expressions stay first, before what is moved to the rule's start (those of the matches
 *                    a reject put there, as nft inserts them last)
 */
record LinearizeContext(RuleSpec spec, BatchIds ids, List<Expression> out, List<AnonymousSet> sets, Set<Match> established,
                        Map<Expression, Boolean> mergeable, List<Integer> boundaries, List<Binding> bindings,
                        List<Match> atStart, int[] head) {

    /** An empty context for {@code spec}. */
    LinearizeContext(RuleSpec spec, BatchIds ids) {
        this(spec, ids, new ArrayList<>(), new ArrayList<>(), new HashSet<>(), new IdentityHashMap<>(8), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new int[1]);
    }
}
