package org.lmcx.render;

import io.fair_acc.chartfx.Chart;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.ChartPlugin;
import io.fair_acc.chartfx.plugins.CrosshairIndicator;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.utils.Tuple;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;

import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * The conventions every chart shares, so the GUI and the exported PNGs look alike: named axes with units,
 * a legend at the bottom whose entries show each series' own line and marker, no animation (an export must
 * not snapshot a half-finished transition), zoom and pan (drag: zoom box, right-click: zoom out, middle-drag
 * or Ctrl-drag: pan, wheel: zoom), a crosshair with coordinates and a tooltip on the nearest data point.
 * Neither shows anything where there is no number (an empty chart, a cell not computed yet).
 */
public final class Charts {

    private Charts() {
    }

    public static DefaultNumericAxis axis(String name, String unit) {
        return styled(new DefaultNumericAxis(name, unit));
    }

    /** An axis that, switched to log scale, labels decades as the exported figures do ({@link DecadeAxis}). */
    public static DefaultNumericAxis decadeAxis(String name, String unit) {
        return styled(new DecadeAxis(name, unit));
    }

    private static DefaultNumericAxis styled(DefaultNumericAxis a) {
        a.setAnimated(false);
        a.setAutoRanging(true);
        a.setAutoRangeRounding(false);
        a.setAutoRangePadding(0.03);
        a.setForceZeroInRange(false);
        return a;
    }

    public static XYChart xyChart(String title, DefaultNumericAxis x, DefaultNumericAxis y) {
        x.setSide(Side.BOTTOM);
        y.setSide(Side.LEFT);
        XYChart chart = new XYChart(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.getRenderers().clear();
        chart.getPlugins().addAll(zoomer(), new Crosshair(), new Tooltip());
        chart.getStyleClass().add("lmcx-chart");
        // Legends beside the plot, one entry per line: below it, a few runs' entries ate most of a small window's
        // plot height. The zoom tool bar slid in over the title; wheel, drag and right-click do all it did.
        chart.getLegend().setSide(Side.RIGHT);
        chart.getLegend().setVertical(true);
        chart.getToolBar().setVisible(false);
        chart.getToolBar().setManaged(false);
        return chart;
    }

    /** The chart's crosshair (every chart made by {@link #xyChart} has one). */
    public static Crosshair crosshair(XYChart chart) {
        for (ChartPlugin p : chart.getPlugins()) {
            if (p instanceof Crosshair c) {
                return c;
            }
        }
        throw new IllegalArgumentException("chart has no crosshair");
    }

    public static Zoomer zoomer() {
        Zoomer z = new Zoomer();
        z.setPannerEnabled(true);
        z.setSliderVisible(false);
        z.setAnimated(false);
        return z;
    }

    /** Polylines with markers, no error bars. */
    public static ErrorDataSetRenderer lines() {
        ErrorDataSetRenderer r = new LegendRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(true);
        r.setAllowNaNs(true);
        return r;
    }

    /** Markers only (positions, single points). */
    public static ErrorDataSetRenderer points() {
        ErrorDataSetRenderer r = lines();
        r.setPolyLineStyle(LineStyle.NONE);
        return r;
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String axisName(Axis a, String fallback) {
        if (a == null || a.getName() == null || a.getName().isBlank()) {
            return fallback;
        }
        return a.getUnit() == null || a.getUnit().isBlank() ? a.getName() : a.getName() + " [" + a.getUnit() + "]";
    }

    /**
     * An {@link ErrorDataSetRenderer} whose legend entries draw the series' line (with its dashes) and marker,
     * instead of ChartFX's error-bar glyph.
     */
    static final class LegendRenderer extends ErrorDataSetRenderer {
        @Override
        public boolean drawLegendSymbol(DataSetNode style, Canvas canvas) {
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.save();
            if (getPolyLineStyle() != LineStyle.NONE) {
                gc.setLineWidth(Math.min(style.getLineWidth(), 3));
                gc.setLineDashes(style.getLineDashes());
                gc.setStroke(style.getLineColor());
                gc.strokeLine(1, h / 2, w - 1, h / 2);
            }
            if (isDrawMarker() && style.getMarkerType() != null) {
                gc.setLineDashes((double[]) null);
                gc.setLineWidth(style.getMarkerLineWidth());
                gc.setStroke(style.getMarkerColor());
                gc.setFill(style.getMarkerColor());
                style.getMarkerType().draw(gc, w / 2, h / 2, Math.max(1, Math.min(style.getMarkerSize(), h / 2 - 1)));
            }
            gc.restore();
            return true;
        }
    }

    /**
     * The crosshair with the x and y coordinates (by the first horizontal and vertical axis) and, where the
     * chart sets one, the value under the cursor (e.g. a heatmap cell); nothing at all where a coordinate or
     * the value is not a number.
     */
    public static final class Crosshair extends CrosshairIndicator {
        private DoubleBinaryOperator valueAt;
        private String valueName = "value";

        public Crosshair() {
            // A light halo keeps the dark text readable over the dark end of a heatmap.
            coordinatesLabel.setEffect(new javafx.scene.effect.DropShadow(
                    javafx.scene.effect.BlurType.GAUSSIAN, javafx.scene.paint.Color.WHITE, 4, 0.85, 0, 0));
            // No crosshair over a chart with nothing in it, nor before the pointer has moved over one that has data.
            crosshairPath.setOpacity(0);
            coordinatesLabel.setOpacity(0);
            registerInputEventHandler(MouseEvent.MOUSE_MOVED, e -> {
                double o = hasData(getChart()) ? 1 : 0;
                crosshairPath.setOpacity(o);
                coordinatesLabel.setOpacity(o);
            });
        }

        /** Whether any renderer of the chart holds a data set with at least one point; public for tests. */
        public static boolean hasData(Chart chart) {
            if (chart == null) {
                return false;
            }
            for (io.fair_acc.chartfx.renderer.Renderer r : chart.getRenderers()) {
                for (io.fair_acc.dataset.DataSet d : r.getDatasets()) {
                    if (d.getDataCount() > 0) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** What to show as a third line at (x, y); NaN (or no function) shows no third line. */
        public void setValueAt(String name, DoubleBinaryOperator f) {
            valueName = name;
            valueAt = f;
        }

        /** The label text for a data point, "" where there is no number to show; public for tests. */
        public String text(Chart chart, double x, double y) {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            sb.append(axisName(chart == null ? null : chart.getFirstAxis(Orientation.HORIZONTAL), "x")).append(" = ")
                    .append(number(x)).append('\n');
            sb.append(axisName(chart == null ? null : chart.getFirstAxis(Orientation.VERTICAL), "y")).append(" = ")
                    .append(number(y));
            if (valueAt != null) {
                double v = valueAt.applyAsDouble(x, y);
                if (Double.isFinite(v)) {
                    sb.append('\n').append(valueName).append(" = ").append(number(v));
                }
            }
            return sb.toString();
        }

        @Override
        protected String formatData(Chart chart, Tuple<Number, Number> t) {
            if (t == null || t.getXValue() == null || t.getYValue() == null) {
                return "";
            }
            return text(chart, t.getXValue().doubleValue(), t.getYValue().doubleValue());
        }
    }

    /** The nearest-point tooltip, never on a NaN (contour breaks, points not computed yet). */
    public static final class Tooltip extends DataPointTooltip {
        @Override
        protected Optional<DataPoint> findDataPoint(MouseEvent event, Bounds plotAreaBounds) {
            return super.findDataPoint(event, plotAreaBounds)
                    .filter(p -> Double.isFinite(p.x) && Double.isFinite(p.y));
        }
    }
}
