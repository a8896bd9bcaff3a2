package dev.mcplambda.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small SVG writer: panels of horizontal bars with min–max whiskers. */
public final class SvgChart {

  /** One bar: the median, with min and max (NaN for none). */
  public record Bar(String label, double value, double min, double max, String color) {}

  record Panel(String title, String unit, List<Bar> bars) {}

  private static final int WIDTH = 900;
  private static final int LABEL_W = 330;
  private static final int BAR_H = 18;
  private static final int GAP = 6;

  private final List<Panel> panels = new ArrayList<>();

  public void panel(String title, String unit, List<Bar> bars) {
    if (!bars.isEmpty()) {
      panels.add(new Panel(title, unit, List.copyOf(bars)));
    }
  }

  public boolean isEmpty() {
    return panels.isEmpty();
  }

  public String render() {
    StringBuilder body = new StringBuilder();
    int y = 10;
    for (Panel p : panels) {
      body.append(text(10, y + 16, p.title() + " (" + p.unit() + ")", 15, "bold"));
      y += 28;
      double max = 0;
      for (Bar b : p.bars()) {
        max = Math.max(max, Double.isNaN(b.max()) ? b.value() : Math.max(b.value(), b.max()));
      }
      double scale = max <= 0 ? 1 : (WIDTH - LABEL_W - 110) / max;
      for (Bar b : p.bars()) {
        body.append(
            text(LABEL_W - 8, y + 13, b.label(), 12, "normal")
                .replace("<text ", "<text text-anchor=\"end\" "));
        double w = Math.max(1, b.value() * scale);
        body.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                LABEL_W,
                y,
                w,
                BAR_H,
                b.color()));
        if (!Double.isNaN(b.min()) && !Double.isNaN(b.max())) {
          double x1 = LABEL_W + b.min() * scale;
          double x2 = LABEL_W + b.max() * scale;
          int cy = y + BAR_H / 2;
          body.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" stroke-width=\"1.5\"/>%n"
                      + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n"
                      + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
                  x1,
                  cy,
                  x2,
                  cy,
                  x1,
                  cy - 5,
                  x1,
                  cy + 5,
                  x2,
                  cy - 5,
                  x2,
                  cy + 5));
        }
        double end =
            Double.isNaN(b.max()) ? LABEL_W + w : Math.max(LABEL_W + w, LABEL_W + b.max() * scale);
        body.append(text((int) end + 6, y + 13, format(b.value()), 12, "normal"));
        y += BAR_H + GAP;
      }
      y += 14;
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + WIDTH
        + "\" height=\""
        + (y + 10)
        + "\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        + body
        + "</svg>\n";
  }

  static String format(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String text(int x, int y, String s, int size, String weight) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n",
        x,
        y,
        size,
        weight,
        escape(s));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
