package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * A verdict: {@code accept}, {@code drop}, {@code continue}, {@code return},
 * {@code jump CHAIN}, {@code goto CHAIN}, {@code queue}, or another code.
 *
 * @param code    the verdict code ({@code NF_ACCEPT}, {@code NFT_JUMP}, ...)
 * @param chain   the target chain of {@code jump} and {@code goto} by name, else {@code null}
 * @param chainId the target of {@code jump} and {@code goto} by the ID of a chain added in the same
 *                transaction ({@code NFTA_VERDICT_CHAIN_ID}: an anonymous chain, {@code jump { ... }}), else 0
 */
public record Verdict(int code, String chain, int chainId) {

    public static final Verdict ACCEPT = new Verdict(NF_ACCEPT, null);
    public static final Verdict DROP = new Verdict(NF_DROP, null);
    public static final Verdict CONTINUE = new Verdict(NFT_CONTINUE, null);
    public static final Verdict RETURN = new Verdict(NFT_RETURN, null);
    public static final Verdict BREAK = new Verdict(NFT_BREAK, null);
    public static final Verdict QUEUE = new Verdict(NF_QUEUE, null);

    /** Checks the components: jump and goto, and only they, name a chain (by name or transaction ID). */
    public Verdict {
        if ((code == NFT_JUMP || code == NFT_GOTO) != (chain != null || chainId != 0)) {
            throw new IllegalArgumentException("jump and goto, and only they, name a chain");
        }
        if (chain != null && chainId != 0) {
            throw new IllegalArgumentException("a verdict names its chain or gives its ID, not both");
        }
    }

    /**
     * A verdict, its chain by name.
     *
     * @param code the verdict code, {@code NF_*} or {@code NFT_*}
     * @param chain the chain for jump and goto, else {@code null}
     */
    public Verdict(int code, String chain) {
        this(code, chain, 0);
    }

    /**
     * {@code jump} or {@code goto} (with {@code goTo}) to the chain added with ID {@code chainId} in
     * the same transaction.
     *
     * @param goTo {@code goto} rather than {@code jump}
     * @param chainId the chain's transaction ID
     * @return the verdict
     */
    public static Verdict toChainId(boolean goTo, int chainId) {
        if (chainId == 0) {
            throw new IllegalArgumentException("chain IDs are not 0");
        }
        return new Verdict(goTo ? NFT_GOTO : NFT_JUMP, null, chainId);
    }

    /**
     * {@code jump CHAIN}.
     *
     * @param chain the chain's name
     * @return the verdict
     */
    public static Verdict jump(String chain) {
        return new Verdict(NFT_JUMP, Objects.requireNonNull(chain, "chain"));
    }

    /**
     * {@code goto CHAIN}.
     *
     * @param chain the chain's name
     * @return the verdict
     */
    public static Verdict goTo(String chain) {
        return new Verdict(NFT_GOTO, Objects.requireNonNull(chain, "chain"));
    }

    /**
     * The name nft and libnftnl use: {@code accept}, {@code jump}, ...
     *
     * @return the keyword
     */
    public String keyword() {
        return switch (code) {
            case NF_ACCEPT -> "accept";
            case NF_DROP -> "drop";
            case NF_STOLEN -> "stolen";
            case NF_QUEUE -> "queue";
            case NF_REPEAT -> "repeat";
            case NF_STOP -> "stop";
            case NFT_CONTINUE -> "continue";
            case NFT_BREAK -> "break";
            case NFT_JUMP -> "jump";
            case NFT_GOTO -> "goto";
            case NFT_RETURN -> "return";
            default -> "unknown";
        };
    }

    /** The verdict for a keyword (without chain). */
    static int codeOf(String keyword) {
        return switch (keyword) {
            case "accept" -> NF_ACCEPT;
            case "drop" -> NF_DROP;
            case "stolen" -> NF_STOLEN;
            case "queue" -> NF_QUEUE;
            case "repeat" -> NF_REPEAT;
            case "stop" -> NF_STOP;
            case "continue" -> NFT_CONTINUE;
            case "break" -> NFT_BREAK;
            case "jump" -> NFT_JUMP;
            case "goto" -> NFT_GOTO;
            case "return" -> NFT_RETURN;
            default -> throw new IllegalArgumentException("unknown verdict " + keyword);
        };
    }

    /** Writes {@code NFTA_DATA_VERDICT}'s contents. */
    void writeVerdict(MessageWriter w) {
        int nest = w.beginNested(NFTA_DATA_VERDICT, false);
        w.attrU32Be(NFTA_VERDICT_CODE, code);
        if (chain != null) {
            w.attrString(NFTA_VERDICT_CHAIN, chain);
        } else w.attrU32BeUnlessZero(NFTA_VERDICT_CHAIN_ID, chainId);
        w.endNested(nest);
    }

    /** Decodes an {@code NFTA_DATA_VERDICT} attribute. */
    static Verdict decode(Attribute verdict) {
        Integer code = null;
        String chain = null;
        for (Attribute a : verdict.nested()) {
            switch (a.type()) {
                case NFTA_VERDICT_CODE -> code = a.u32Be();
                case NFTA_VERDICT_CHAIN -> chain = a.string();
                default -> throw new NetlinkDecodeException("verdict: unexpected attribute " + a.type());
            }
        }
        if (code == null) {
            throw new NetlinkDecodeException("verdict without NFTA_VERDICT_CODE");
        }
        try {
            return new Verdict(code, chain);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("verdict: " + e.getMessage());
        }
    }

    /** libnftnl's rendering: {@code accept}, {@code jump -> CHAIN}. */
    void appendDebug(StringBuilder sb) {
        sb.append(keyword());
        if (chain != null) {
            sb.append(" -> ").append(chain);
        }
    }

    @Override
    public String toString() {
        return chain == null ? keyword() : keyword() + " " + chain;
    }
}
