package nftlink.nftables;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the output of {@code nft --debug=netlink list ruleset} into the blocks
 * that describe rules: a header {@code FAMILY TABLE CHAIN HANDLE [POSITION]} and
 * the {@code [ ... ]} lines after it.
 */
final class NftDebugListing {
    private NftDebugListing() {
    }

    /** Rule blocks by handle, each ending with a newline after its last expression line. */
    static Map<Long, String> ruleBlocks(String output) {
        Map<Long, String> blocks = new LinkedHashMap<>();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] header = lines[i].split(" ");
            boolean ruleHeader = header.length >= 4 && header.length <= 5 && !lines[i].startsWith(" ")
                    && header[3].chars().allMatch(Character::isDigit) && i + 1 < lines.length && lines[i + 1].startsWith("  [");
            if (!ruleHeader) {
                continue;
            }
            StringBuilder block = new StringBuilder(lines[i]).append('\n');
            int j = i + 1;
            while (j < lines.length && lines[j].startsWith("  [")) {
                block.append(lines[j]).append('\n');
                j++;
            }
            blocks.put(Long.parseLong(header[3]), block.toString());
            i = j - 1;
        }
        return blocks;
    }
}
