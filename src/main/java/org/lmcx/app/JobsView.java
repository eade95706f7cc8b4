package org.lmcx.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.task.JobHandle;

import java.util.Locale;

/**
 * Running and finished jobs, newest first (the list scrolls to each new job): name, progress, elapsed time,
 * state or error, a cancel button. An export is one job however many files it writes.
 */
final class JobsView extends ListView<FxJob> {

    JobsView(FxTaskAdapter tasks) {
        setId("jobs");
        // Newest first, so a job just started is always in view without scrolling.
        javafx.collections.ObservableList<FxJob> newestFirst = javafx.collections.FXCollections.observableArrayList();
        tasks.jobs().forEach(j -> newestFirst.add(0, j));
        tasks.jobs().addListener((javafx.collections.ListChangeListener<FxJob>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(newestFirst::remove);
                c.getAddedSubList().forEach(j -> newestFirst.add(0, j));
                if (c.wasAdded()) {
                    scrollTo(0);
                }
            }
        });
        // The pane around it is a split-pane half: let the user drag it down to a couple of rows.
        setMinHeight(0);
        setItems(newestFirst);
        setCellFactory(v -> new JobCell());
        setPlaceholder(new Label("No jobs yet: open models A and B, then Run."));
    }

    private static final class JobCell extends ListCell<FxJob> {
        private final Label name = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Label time = new Label();
        private final Label message = new Label();
        private final Button cancel = new Button("Cancel");
        private final HBox row;
        private final VBox box;
        private FxJob bound;

        JobCell() {
            name.setMinWidth(200);
            name.setPrefWidth(340);
            name.setMaxWidth(340);
            name.setTooltip(new javafx.scene.control.Tooltip());
            name.getTooltip().textProperty().bind(name.textProperty());
            bar.setPrefWidth(160);
            time.setMinWidth(60);
            message.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(message, Priority.ALWAYS);
            cancel.getStyleClass().add("cancel-job");
            row = new HBox(8, name, bar, time, message, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(row);
            box.setPadding(new Insets(1, 2, 1, 2));
        }

        @Override
        protected void updateItem(FxJob job, boolean empty) {
            super.updateItem(job, empty);
            if (bound != null) {
                bar.progressProperty().unbind();
                time.textProperty().unbind();
                message.textProperty().unbind();
                cancel.disableProperty().unbind();
                message.styleProperty().unbind();
                bound = null;
            }
            if (empty || job == null) {
                setGraphic(null);
                return;
            }
            bound = job;
            name.setText(job.name());
            bar.progressProperty().bind(Bindings.createDoubleBinding(() -> {
                double p = job.progressProperty().get();
                return job.getState() == JobHandle.State.RUNNING && p < 0 ? ProgressBar.INDETERMINATE_PROGRESS
                        : Math.max(0, p);
            }, job.progressProperty(), job.stateProperty()));
            time.textProperty().bind(Bindings.createStringBinding(
                    () -> String.format(Locale.ROOT, "%.1f s", job.elapsedProperty().get()), job.elapsedProperty()));
            message.textProperty().bind(Bindings.createStringBinding(() -> {
                JobHandle.State s = job.getState();
                return switch (s) {
                    case FAILED -> "failed: " + job.errorProperty().get();
                    case CANCELLED -> "cancelled";
                    case SUCCEEDED -> job.messageProperty().get();
                    default -> job.messageProperty().get();
                };
            }, job.stateProperty(), job.messageProperty(), job.errorProperty()));
            message.styleProperty().bind(Bindings.createStringBinding(
                    () -> job.getState() == JobHandle.State.FAILED ? "-fx-text-fill: #b00020;" : "",
                    job.stateProperty()));
            cancel.disableProperty().bind(Bindings.createBooleanBinding(job::isDone, job.stateProperty()));
            cancel.setOnAction(e -> job.cancel());
            setGraphic(box);
        }
    }
}
