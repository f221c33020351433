package nftlink.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Log-log line charts as PNG, drawn with java.awt (headless), for the report's scale curves. */
final class Plots {
    private Plots() {
    }

    /**
     * One curve: x values, median times and the low and high ends of their intervals, in microseconds
     * (NaN where missing).
     */
    record Series(String name, double[] x, double[] micros, double[] low, double[] high) {

        /** The curve of {@code name} over the parameter values {@code xs}, each one's result from {@code stat} (null: missing). */
        static Series of(String name, List<String> xs, Function<String, Report.Stat> stat) {
            int n = xs.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Integer.parseInt(xs.get(i));
                Report.Stat s = stat.apply(xs.get(i));
                y[i] = s == null ? Double.NaN : s.micros();
                low[i] = s == null ? Double.NaN : s.lowMicros();
                high[i] = s == null ? Double.NaN : s.highMicros();
            }
            return new Series(name, x, y, low, high);
        }
    }

    /** One colour per peer, the same in every plot. */
    private static final Map<String, Color> PEER_COLORS = Map.of(
            "nftlink", new Color(0x1f77b4), "nftlink, echo", new Color(0x17becf), "floor", new Color(0x2ca02c),
            "libnftables", new Color(0xd62728), "nft -f", new Color(0xff7f0e), "nft", new Color(0xff7f0e),
            "nft 1.1.3", new Color(0x9467bd), "nft-ref", new Color(0x9467bd));
    private static final Color[] OTHER_COLORS = {new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** The plot area inside the margins and the decades of its log-scaled axes. */
    private record Frame(int left, int top, int width, int height, double lx0, double lx1, double ly0, double ly1) {
        int x(double value) {
            return left + (int) Math.round((Math.log10(value) - lx0) / (lx1 - lx0) * width);
        }

        int y(double value) {
            return top + height - (int) Math.round((Math.log10(value) - ly0) / (ly1 - ly0) * height);
        }
    }

    static void write(Path file, String title, String xLabel, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 900;
        int height = 560;
        Frame frame = frame(series, width, height);
        if (frame == null) {
            return;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        axes(g, frame);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, frame.left(), frame.top() - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel + " (log scale)", frame.left() + frame.width() / 2 - 80, height - 25);
        g.drawString("median, log scale; bars: 25th-75th percentile (or the 99.9 % interval of a mean)", 10, frame.top() - 5);
        for (int k = 0; k < series.size(); k++) {
            curve(g, frame, series.get(k), k);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** The frame that holds every positive point of {@code series}, or {@code null} when there is none. */
    private static Frame frame(List<Series> series, int width, int height) {
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
                    if (s.low()[i] > 0 && s.high()[i] > s.low()[i]) {
                        minY = Math.min(minY, s.low()[i]);
                        maxY = Math.max(maxY, s.high()[i]);
                    }
                }
            }
        }
        if (maxX == 0) {
            return null;
        }
        double lx0 = Math.floor(Math.log10(minX));
        double ly0 = Math.floor(Math.log10(minY));
        int left = 90;
        int top = 50;
        return new Frame(left, top, width - left - 200, height - top - 70, lx0,
                Math.max(Math.ceil(Math.log10(maxX)), lx0 + 1), ly0, Math.max(Math.ceil(Math.log10(maxY)), ly0 + 1));
    }

    /** The grid lines and labels of both decade-scaled axes, and the frame around them. */
    private static void axes(Graphics2D g, Frame f) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double d = f.lx0(); d <= f.lx1() + 1e-9; d++) {
            int px = f.x(Math.pow(10, d));
            g.setColor(new Color(0xdddddd));
            g.drawLine(px, f.top(), px, f.top() + f.height());
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, d));
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, f.top() + f.height() + 18);
        }
        for (double d = f.ly0(); d <= f.ly1() + 1e-9; d++) {
            int py = f.y(Math.pow(10, d));
            g.setColor(new Color(0xdddddd));
            g.drawLine(f.left(), py, f.left() + f.width(), py);
            g.setColor(Color.DARK_GRAY);
            String label = Report.time(Math.pow(10, d));
            g.drawString(label, f.left() - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(f.left(), f.top(), f.width(), f.height());
    }

    /** One series as points joined by lines, in its peer's colour, with its legend entry. */
    private static void curve(Graphics2D g, Frame f, Series s, int index) {
        g.setColor(color(s.name()));
        g.setStroke(new BasicStroke(2.2f));
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < s.x().length; i++) {
            double y = s.micros()[i];
            if (Double.isNaN(y) || y <= 0 || s.x()[i] <= 0) {
                prevX = -1;
                continue;
            }
            int px = f.x(s.x()[i]);
            int py = f.y(y);
            g.fillOval(px - 4, py - 4, 8, 8);
            interval(g, f, px, s.low()[i], s.high()[i]);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, px, py);
            }
            prevX = px;
            prevY = py;
        }
        int legendY = f.top() + 10 + 20 * index;
        g.fillRect(f.left() + f.width() + 15, legendY - 5, 14, 4);
        g.setColor(Color.BLACK);
        g.drawString(s.name(), f.left() + f.width() + 35, legendY);
    }

    /** A vertical bar with caps from {@code low} to {@code high}, where both are known and positive. */
    private static void interval(Graphics2D g, Frame f, int px, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high) || low <= 0 || high <= low) {
            return;
        }
        int top = f.y(high);
        int bottom = f.y(low);
        Stroke line = g.getStroke();
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(px, top, px, bottom);
        g.drawLine(px - 5, top, px + 5, top);
        g.drawLine(px - 5, bottom, px + 5, bottom);
        g.setStroke(line);
    }

    private static Color color(String peer) {
        Color c = PEER_COLORS.get(peer);
        return c != null ? c : OTHER_COLORS[Math.floorMod(peer.hashCode(), OTHER_COLORS.length)];
    }
}
