package org.lmcx.app;

import org.lmcx.render.ExportItem;

import java.util.List;

/** A view that knows what File → Export writes for it: exactly what it shows. */
interface ExportableView {

    List<ExportItem> exportItems();
}
