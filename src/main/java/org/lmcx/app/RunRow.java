package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A run in the Runs table: the immutable run and whether it is ticked to be drawn in the views. */
public final class RunRow {

    private final RunEntry run;
    private final BooleanProperty shown = new SimpleBooleanProperty(true);

    RunRow(RunEntry run) {
        this.run = run;
    }

    RunEntry run() {
        return run;
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public boolean isShown() {
        return shown.get();
    }

    public String label() {
        return run.label();
    }

    @Override
    public String toString() {
        return run.label();
    }
}
