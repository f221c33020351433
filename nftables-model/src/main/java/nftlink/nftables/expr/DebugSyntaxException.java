package nftlink.nftables.expr;

import nftlink.netlink.NftlinkException;

/** Text that is not libnftnl's rendering of an expression this library knows. */
public class DebugSyntaxException extends NftlinkException {
    /**
     * Text that does not read as an expression.
     *
     * @param message what is wrong, with the offending line
     */
    public DebugSyntaxException(String message) {
        super(message);
    }
}
