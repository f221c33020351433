package nftlink.nftables.lang;

import nftlink.nftables.ChainPriority;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTablesUapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints flowtables the way {@code nft list} (1.0.6) prints them inside a table:
 * {@code \tflowtable f {\n\t\thook ingress priority filter\n\t\tdevices = { lo }\n\t}\n}, with the
 * devices sorted, the priority named as for a netdev chain, then {@code flags offload} and
 * {@code counter} lines.
 */
public final class FlowtableRenderer {

    private FlowtableRenderer() {
    }

    /**
     * The block of one flowtable, without handle.
     *
     * @param flowtable the flowtable
     * @return the text
     */
    public static String render(Flowtable flowtable) {
        return render(flowtable, false, false);
    }

    /**
     * The block of one flowtable.
     *
     * @param handles         print {@code # handle N} like {@code nft -a}
     * @param numericPriority print the priority as a number like {@code nft -y}
     * @param flowtable the flowtable
     * @return the text
     */
    public static String render(Flowtable flowtable, boolean handles, boolean numericPriority) {
        StringBuilder sb = new StringBuilder("\tflowtable ").append(flowtable.name()).append(" {");
        if (handles) {
            sb.append(" # handle ").append(Long.toUnsignedString(flowtable.handle()));
        }
        Hook hook = hook(flowtable.hookNumber());
        sb.append("\n\t\thook ").append(hook == null ? "unknown" : hook.nftName()).append(" priority ");
        if (numericPriority || hook == null) {
            sb.append(flowtable.priority());
        } else {
            sb.append(ChainPriority.render(Family.NETDEV, hook, flowtable.priority()));
        }
        sb.append('\n');
        if (!flowtable.devices().isEmpty()) {
            List<String> devices = new ArrayList<>(flowtable.devices());
            devices.sort(FlowtableRenderer::compareBytes);
            sb.append("\t\tdevices = { ").append(String.join(", ", devices)).append(" }\n");
        }
        if ((flowtable.flags() & NfTablesUapi.NFT_FLOWTABLE_HW_OFFLOAD) != 0) {
            sb.append("\t\tflags offload\n");
        }
        if ((flowtable.flags() & NfTablesUapi.NFT_FLOWTABLE_COUNTER) != 0) {
            sb.append("\t\tcounter\n");
        }
        return sb.append("\t}\n").toString();
    }

    private static Hook hook(int number) {
        try {
            return Hook.of(Family.NETDEV, number);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code strcmp} order: unsigned bytes of the UTF-8 encoding. */
    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
