package nftlink.examples.cli;

/**
 * The options are wrong (unknown, missing a value, or in conflict): reported as
 * {@code nftlink: MESSAGE} with a pointer to {@code --help}, exit status 1 as nft's.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
