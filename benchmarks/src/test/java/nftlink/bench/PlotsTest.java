package nftlink.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's plots draw each median's interval as a bar in its peer's colour (#18). */
class PlotsTest {

    private static final int NFTLINK_BLUE = 0x1f77b4;

    @Test
    void intervalsAreDrawnAsBarsInThePeersColour(@TempDir Path dir) throws IOException {
        double[] x = {1, 10, 100};
        double[] median = {10, 100, 1000};
        Plots.Series narrow = new Plots.Series("nftlink", x, median, median, median);
        Plots.Series wide = new Plots.Series("nftlink", x, median, new double[] {5, 20, 500}, new double[] {20, 500, 2000});

        assertThat(longestVerticalRun(draw(dir.resolve("narrow.png"), narrow))).as("points and lines only").isLessThan(12);
        // 20 to 500 microseconds: 1.4 of the plot's 4 decades of 440 pixels
        assertThat(longestVerticalRun(draw(dir.resolve("wide.png"), wide))).isGreaterThan(120);
    }

    private static BufferedImage draw(Path file, Plots.Series series) throws IOException {
        Plots.write(file, "t", "x", List.of(series));
        return ImageIO.read(file.toFile());
    }

    /** The longest run of pixels of nftlink's colour in one column of the image. */
    private static int longestVerticalRun(BufferedImage img) {
        int longest = 0;
        for (int px = 0; px < img.getWidth(); px++) {
            int run = 0;
            for (int py = 0; py < img.getHeight(); py++) {
                run = (img.getRGB(px, py) & 0xffffff) == NFTLINK_BLUE ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }
}
