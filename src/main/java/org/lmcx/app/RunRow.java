package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.lmcx.session.Run;

/**
 * A run in the Runs table: the run (replaced in place when the runner adds an analysis to it, e.g. a
 * landscape; its key never changes) and whether it is ticked to be drawn in the views.
 */
public final class RunRow {

    private final ReadOnlyObjectWrapper<Run> run;
    private final BooleanProperty shown = new SimpleBooleanProperty(true);

    RunRow(Run run) {
        this.run = new ReadOnlyObjectWrapper<>(run);
    }

    public Run run() {
        return run.get();
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    void replace(Run r) {
        if (!r.key().equals(run.get().key())) {
            throw new IllegalArgumentException("a row keeps its run key");
        }
        run.set(r);
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public boolean isShown() {
        return shown.get();
    }

    /** "wm · seed 0", "wm · seed 1 · BN reset". */
    public String label() {
        return run().label();
    }

    @Override
    public String toString() {
        return label();
    }
}
