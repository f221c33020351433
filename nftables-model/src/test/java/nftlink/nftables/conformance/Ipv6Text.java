package nftlink.nftables.conformance;

/**
 * IPv6 addresses of the generator's slots: slot 0 holds IPv4-mapped addresses
 * ({@code ::ffff:a.b.c.d}) when {@link GeneratorFeature#IPV6_MAPPED} is on, slot 1 the low
 * addresses ({@code ::1}), every other slot (and slot 0 otherwise) {@code 2001:db8:0:SLOT::/64}; a 32-bit host number goes in the last 32 bits. Written
 * in full (eight groups of four digits, {@link GeneratorFeature#IPV6_FULL}) or in
 * shorthand ({@code ::} and dotted quads, {@link GeneratorFeature#IPV6_SHORTHAND});
 * with both off, {@code ::} without dotted quads.
 */
final class Ipv6Text {
    private Ipv6Text() {
    }

    /** The address of {@code host} in {@code slot}. */
    static String write(Choices c, int slot, long host) {
        int[] groups = new int[8];
        boolean mapped = slot == 0 && c.has(GeneratorFeature.IPV6_MAPPED);
        if (mapped) {
            c.use(GeneratorFeature.IPV6_MAPPED);
            groups[5] = 0xffff;
        } else if (slot != 1) {
            groups[0] = 0x2001;
            groups[1] = 0x0db8;
            groups[3] = slot;
        }
        groups[6] = (int) (host >>> 16) & 0xffff;
        groups[7] = (int) host & 0xffff;
        boolean shorthand = c.has(GeneratorFeature.IPV6_SHORTHAND);
        boolean full = c.has(GeneratorFeature.IPV6_FULL);
        if (full && (!shorthand || c.roll(30))) {
            c.use(GeneratorFeature.IPV6_FULL);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                sb.append(i == 0 ? "" : ":").append(String.format("%04x", groups[i]));
            }
            return sb.toString();
        }
        if (!shorthand) {
            return compressed(groups);
        }
        c.use(GeneratorFeature.IPV6_SHORTHAND);
        if (mapped) {
            return "::ffff:" + KeyType.ipv4(host);
        }
        return compressed(groups);
    }

    /** The groups with the longest run of zero groups (two or more) written as {@code ::}. */
    private static String compressed(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
