package org.lmcx.render;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import org.lmcx.render.figure.AxisTicks;

/**
 * A numeric axis that, in log mode, ticks and labels like the exported figures ({@link AxisTicks#log}): every
 * decade labelled (1, 10, 100 …), with 2× and 5× labelled too where the range holds two decade labels or fewer,
 * the other multiples as unlabelled minor ticks. ChartFX's own log ticks label every tenth power only, often just
 * one on a spectrum's range. In linear mode it is a plain {@link DefaultNumericAxis}.
 */
final class DecadeAxis extends DefaultNumericAxis {

    DecadeAxis(String name, String unit) {
        super(name, unit);
    }

    @Override
    protected void calculateMajorTickValues(AxisRange range, DoubleArrayList ticks) {
        if (!isLogAxis()) {
            super.calculateMajorTickValues(range, ticks);
            return;
        }
        for (AxisTicks.Tick t : AxisTicks.log(range.getLowerBound(), range.getUpperBound())) {
            if (!t.label().isEmpty()) {
                ticks.add(t.value());
            }
        }
    }

    @Override
    protected void calculateMinorTickValues(DoubleArrayList ticks) {
        if (!isLogAxis()) {
            super.calculateMinorTickValues(ticks);
            return;
        }
        for (AxisTicks.Tick t : AxisTicks.log(getMin(), getMax())) {
            if (t.label().isEmpty()) {
                ticks.add(t.value());
            }
        }
    }

    @Override
    public String getTickMarkLabel(double value) {
        return isLogAxis() && value > 0 ? AxisTicks.logLabel(value) : super.getTickMarkLabel(value);
    }
}
