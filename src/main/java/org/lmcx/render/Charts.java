package org.lmcx.render;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.CrosshairIndicator;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;

/**
 * The conventions every chart shares, so the GUI and the exported PNGs look alike: named axes with units,
 * a legend at the bottom, no animation (an export must not snapshot a half-finished transition), zoom and
 * pan (drag: zoom box, right-click: zoom out, middle-drag or Ctrl-drag: pan, wheel: zoom), a crosshair
 * with coordinates and a tooltip on the nearest data point.
 */
public final class Charts {

    private Charts() {
    }

    public static DefaultNumericAxis axis(String name, String unit) {
        DefaultNumericAxis a = new DefaultNumericAxis(name, unit);
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
        chart.getPlugins().addAll(zoomer(), new CrosshairIndicator(), new DataPointTooltip());
        chart.getStyleClass().add("lmcx-chart");
        return chart;
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
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
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
}
