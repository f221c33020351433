package nftlink.examples.cli;

/** The command line is wrong: reported with a pointer to {@code --help} and exit status 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
