package nftlink.nftables.lang;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * nft's guess at what a name that does not exist was meant to be (its {@code misspell.c}), for the
 * {@code did you mean ...?} of its errors: the first candidate at the smallest edit distance within a
 * threshold that grows with the names' length. The distance is computed exactly as nft computes it,
 * with the quirks that decide its suggestions: each character is compared with its neighbour's
 * position (the terminating NUL included), and the rows of its table overlap by one cell.
 */
public final class Misspellings {
    private Misspellings() {
    }

    /**
     * The candidate nft would suggest for {@code wanted}.
     *
     * @param wanted     the name that was not found
     * @param candidates the objects nft looks through, in its order
     * @param name       the name of a candidate
     * @param <T>        the candidates' type
     * @return the suggestion, or empty when none is close enough
     */
    public static <T> Optional<T> closest(String wanted, List<T> candidates, Function<T, String> name) {
        T best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (T candidate : candidates) {
            String other = name.apply(candidate);
            int longer = Math.max(wanted.length(), other.length());
            int shorter = Math.min(wanted.length(), other.length());
            if (longer <= 1) {
                continue;
            }
            int threshold = longer - shorter <= 1 ? Math.max((longer + 2) / 3, 1) : (longer + 4) / 3;
            // nft measures from the candidate's name to the wanted one, which its quirks make matter
            int distance = distance(other, wanted);
            if (distance <= threshold && distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** nft's {@code string_distance}, quirks included (see the class comment). */
    static int distance(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int[] d = new int[(la + 1) * (lb + 1)];
        for (int i = 0; i <= la; i++) {
            d[i * lb] = i;
        }
        for (int j = 0; j <= lb; j++) {
            d[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            for (int j = 1; j <= lb; j++) {
                int sub = at(a, i) == at(b, j) ? 0 : 1;
                int cost = Math.min(Math.min(d[(i - 1) * lb + j] + 1, d[i * lb + j - 1] + 1), d[(i - 1) * lb + j - 1] + sub);
                if (i > 1 && j > 1 && at(a, i) == at(b, j - 1) && at(a, i - 1) == at(b, j)) {
                    cost = Math.min(cost, d[(i - 2) * lb + j - 2] + sub);
                }
                d[i * lb + j] = cost;
            }
        }
        return d[la * lb + lb];
    }

    /** The character at {@code i} of a C string: NUL at the end. */
    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }
}
