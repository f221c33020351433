package nftlink.nftables.expr;

/** Text that is not libnftnl's rendering of an expression this library knows. */
public class DebugSyntaxException extends IllegalArgumentException {
    public DebugSyntaxException(String message) {
        super(message);
    }
}
