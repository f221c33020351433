package nftlink.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Log-log line charts as PNG, drawn with java.awt (headless), for the report's scale curves. */
final class Plots {
    private Plots() {
    }

    /** One curve: x values and median times in microseconds (NaN where missing). */
    record Series(String name, double[] x, double[] micros) {
    }

    private static final Color[] COLORS = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf)};

    static void write(Path file, String title, String xLabel, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 900;
        int height = 560;
        int left = 90;
        int right = 200;
        int top = 50;
        int bottom = 70;
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (s.x()[i] > 0 && s.micros()[i] > 0 && !Double.isNaN(s.micros()[i])) {
                    minX = Math.min(minX, s.x()[i]);
                    maxX = Math.max(maxX, s.x()[i]);
                    minY = Math.min(minY, s.micros()[i]);
                    maxY = Math.max(maxY, s.micros()[i]);
                }
            }
        }
        if (maxX == 0) {
            return;
        }
        double lx0 = Math.floor(Math.log10(minX));
        double lx1 = Math.max(Math.ceil(Math.log10(maxX)), lx0 + 1);
        double ly0 = Math.floor(Math.log10(minY));
        double ly1 = Math.max(Math.ceil(Math.log10(maxY)), ly0 + 1);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int pw = width - left - right;
        int ph = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double d = lx0; d <= lx1 + 1e-9; d++) {
            int px = left + (int) Math.round((d - lx0) / (lx1 - lx0) * pw);
            g.setColor(new Color(0xdddddd));
            g.drawLine(px, top, px, top + ph);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, d));
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, top + ph + 18);
        }
        for (double d = ly0; d <= ly1 + 1e-9; d++) {
            int py = top + ph - (int) Math.round((d - ly0) / (ly1 - ly0) * ph);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, py, left + pw, py);
            g.setColor(Color.DARK_GRAY);
            String label = Report.time(Math.pow(10, d));
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, top - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel + " (log scale)", left + pw / 2 - 80, height - 25);
        g.drawString("median, log scale", 10, top - 5);
        int legendY = top + 10;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(COLORS[k % COLORS.length]);
            g.setStroke(new BasicStroke(2.2f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < s.x().length; i++) {
                double y = s.micros()[i];
                if (Double.isNaN(y) || y <= 0 || s.x()[i] <= 0) {
                    prevX = -1;
                    continue;
                }
                int px = left + (int) Math.round((Math.log10(s.x()[i]) - lx0) / (lx1 - lx0) * pw);
                int py = top + ph - (int) Math.round((Math.log10(y) - ly0) / (ly1 - ly0) * ph);
                g.fillOval(px - 4, py - 4, 8, 8);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            g.fillRect(left + pw + 15, legendY + 20 * k - 5, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), left + pw + 35, legendY + 20 * k);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

}
