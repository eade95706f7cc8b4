package org.lmcx.app;

import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;

import java.util.List;

/** A view that knows what File → Export writes for it: exactly what it shows, as figures for print. */
interface ExportableView {

    /** @param o the export's options (λ, log scales, colour range) merged with the view's own settings */
    List<FigureSpec> figures(FigureOptions o);
}
