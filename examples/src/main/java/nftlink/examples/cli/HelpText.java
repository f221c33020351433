package nftlink.examples.cli;

/** The commands section of {@code nftlink --help}: every form of every command, from {@link Command}. */
final class HelpText {

    /** Where descriptions start, as nft's option help does. */
    private static final int COLUMN = 34;
    private static final int WIDTH = 100;

    private HelpText() {
    }

    /** Each form on its line with its description beside it (or under it, when the form is long), wrapped. */
    static String commands() {
        StringBuilder sb = new StringBuilder();
        for (Command c : Command.values()) {
            if (c.hidden()) {
                continue;
            }
            for (Command.Form f : c.forms()) {
                String form = "  " + f.synopsis();
                sb.append(form);
                if (form.length() < COLUMN) {
                    sb.append(" ".repeat(COLUMN - form.length()));
                } else {
                    sb.append('\n').append(" ".repeat(COLUMN));
                }
                sb.append(wrap(f.description())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String wrap(String text) {
        StringBuilder sb = new StringBuilder();
        int column = COLUMN;
        for (String word : text.split(" ")) {
            if (column > COLUMN && column + 1 + word.length() > WIDTH) {
                sb.append('\n').append(" ".repeat(COLUMN));
                column = COLUMN;
            } else if (column > COLUMN) {
                sb.append(' ');
                column++;
            }
            sb.append(word);
            column += word.length();
        }
        return sb.toString();
    }
}
