package org.lmcx.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/** The left column: Models (slots A, B, C), Data and Methods panels. Only wiring to the view models. */
final class InputPanels {

    private InputPanels() {
    }

    /**
     * @param choose  opens the file chooser for a slot
     * @param open    opens a dropped file into a slot (and records it as recent)
     */
    static TitledPane models(ModelsViewModel vm, IntConsumer choose, BiConsumer<Integer, Path> open) {
        return models(vm, choose, open, i -> null);
    }

    /** @param attempted the file a slot last tried to open (for Architecture… after a failed open), or null */
    static TitledPane models(ModelsViewModel vm, IntConsumer choose, BiConsumer<Integer, Path> open,
                             java.util.function.IntFunction<Path> attempted) {
        VBox box = new VBox(6);
        for (int i = 0; i < 3; i++) {
            box.getChildren().add(slotRow(vm, i, choose, open, attempted));
        }
        Label mismatch = new Label();
        mismatch.setId("mismatch");
        mismatch.getStyleClass().add("error-text");
        mismatch.setWrapText(true);
        mismatch.textProperty().bind(vm.mismatchProperty());
        mismatch.visibleProperty().bind(vm.mismatchProperty().isNotNull());
        mismatch.managedProperty().bind(mismatch.visibleProperty());
        box.getChildren().add(mismatch);
        TitledPane p = new TitledPane("Models", box);
        p.setId("models-pane");
        return p;
    }

    private static VBox slotRow(ModelsViewModel vm, int i, IntConsumer choose, BiConsumer<Integer, Path> open,
                                java.util.function.IntFunction<Path> attempted) {
        ModelSlot s = vm.slot(i);
        Label title = new Label(s.name() + (i == 2 ? " (optional)" : ""));
        title.getStyleClass().add("slot-title");
        Button openButton = new Button("Open…");
        openButton.setId("open-" + s.name());
        openButton.setOnAction(e -> choose.accept(i));
        Button clear = new Button("×");
        clear.setTooltip(new Tooltip("Empty this slot"));
        clear.setOnAction(e -> vm.clearSlot(i));
        Label file = new Label();
        file.textProperty().bind(Bindings.createStringBinding(() -> s.pathProperty().get() == null
                ? "drop a checkpoint here" : String.valueOf(s.pathProperty().get().getFileName()), s.pathProperty()));
        file.getStyleClass().add("slot-file");
        HBox head = new HBox(6, title, file, spacer(), openButton, clear);
        head.setAlignment(Pos.CENTER_LEFT);
        Label info = new Label();
        info.setId("slot-info-" + s.name());
        info.textProperty().bind(Bindings.createStringBinding(() -> s.loadingProperty().get() ? "loading…"
                        : s.getModel() == null ? "" : s.architectureProperty().get() + " · " + s.parametersProperty().get()
                        + " · " + s.formatProperty().get(),
                s.loadingProperty(), s.modelProperty(), s.architectureProperty(), s.parametersProperty(),
                s.formatProperty()));
        info.getStyleClass().add("slot-info");
        Label err = new Label();
        err.setId("slot-error-" + s.name());
        err.getStyleClass().add("error-text");
        err.setWrapText(true);
        err.textProperty().bind(Bindings.createStringBinding(() -> ArchitectureSidecar.forGui(
                s.errorProperty().get()), s.errorProperty()));
        err.visibleProperty().bind(s.errorProperty().isNotNull());
        err.managedProperty().bind(err.visibleProperty());
        // A long error must not push Run off-screen: three lines here, all of it in the tooltip.
        err.setMaxHeight(52);
        Tooltip errTip = new Tooltip();
        errTip.setWrapText(true);
        errTip.setMaxWidth(520);
        errTip.textProperty().bind(err.textProperty());
        err.setTooltip(errTip);
        Button arch = new Button("Architecture…");
        arch.setId("architecture-" + s.name());
        arch.setTooltip(new Tooltip("Choose an architecture descriptor JSON for this checkpoint; it is kept next to"
                + " it as <checkpoint>.arch.json and the model is opened again"));
        arch.visibleProperty().bind(Bindings.createBooleanBinding(() -> ArchitectureSidecar.fixes(
                s.errorProperty().get()) && attempted.apply(i) != null, s.errorProperty()));
        arch.managedProperty().bind(arch.visibleProperty());
        arch.setOnAction(e -> {
            Path p = attempted.apply(i);
            if (p != null && ArchitectureSidecar.choose(arch.getScene().getWindow(), p)) {
                open.accept(i, p);
            }
        });
        VBox row = new VBox(2, head, info, err, arch);
        row.getStyleClass().add("slot");
        row.setId("slot-" + s.name());
        row.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        row.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (files != null && !files.isEmpty()) {
                open.accept(i, files.get(0).toPath());
                e.setDropCompleted(true);
            }
            e.consume();
        });
        return row;
    }

    static TitledPane data(ModelsViewModel vm, RunsViewModel runs, Window owner) {
        TextField dir = new TextField();
        dir.setId("data-dir");
        dir.textProperty().bindBidirectional(vm.dataDirProperty());
        dir.setPromptText("IDX (MNIST-style) or CIFAR-10 binary folder");
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Dataset folder");
            File f = dc.showDialog(owner);
            if (f != null) {
                vm.dataDirProperty().set(f.getAbsolutePath());
            }
        });
        HBox dirRow = new HBox(4, dir, browse);
        HBox.setHgrow(dir, Priority.ALWAYS);
        Spinner<Integer> train = intSpinner(0, 60000, vm.trainSizeProperty().get(), 500);
        train.setId("train-size");
        train.valueProperty().addListener((o, x, y) -> vm.trainSizeProperty().set(y));
        vm.trainSizeProperty().addListener((o, x, y) -> train.getValueFactory().setValue(y.intValue()));
        Spinner<Integer> test = intSpinner(100, 10000, vm.testSizeProperty().get(), 500);
        test.setId("test-size");
        test.valueProperty().addListener((o, x, y) -> vm.testSizeProperty().set(y));
        vm.testSizeProperty().addListener((o, x, y) -> test.getValueFactory().setValue(y.intValue()));
        Spinner<Integer> points = intSpinner(3, 201, vm.lambdaPointsProperty().get(), 2);
        points.setId("lambda-points");
        points.valueProperty().addListener((o, x, y) -> vm.lambdaPointsProperty().set(y));
        vm.lambdaPointsProperty().addListener((o, x, y) -> points.getValueFactory().setValue(y.intValue()));
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("folder"), dirRow);
        g.addRow(1, new Label("train subset"), train);
        g.addRow(2, new Label("test subset"), test);
        g.addRow(3, new Label("λ points"), points);
        CheckBox bn = new CheckBox("reset BN statistics at each λ");
        bn.setId("reset-bn");
        bn.selectedProperty().bindBidirectional(runs.resetBnProperty());
        bn.disableProperty().bind(vm.bnAvailableProperty().not());
        bn.setTooltip(new Tooltip("Recompute batch-norm running statistics on the train subset at every λ and"
                + " landscape point (slower). Only for architectures with BN layers (model A)."));
        g.add(bn, 0, 4, 2, 1);
        GridPane.setHgrow(dirRow, Priority.ALWAYS);
        TitledPane p = new TitledPane("Data", g);
        p.setId("data-pane");
        return p;
    }

    static Spinner<Integer> intSpinner(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, value, step);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }

    static TitledPane methods(RunsViewModel vm) {
        VBox box = new VBox(6);
        for (MethodConfig m : vm.methods()) {
            CheckBox on = new CheckBox(m.title());
            on.setId("method-" + m.name());
            on.selectedProperty().bindBidirectional(m.enabledProperty());
            TextField opts = new TextField();
            opts.setId("options-" + m.name());
            opts.textProperty().bindBidirectional(m.optionsProperty());
            opts.setPromptText("no options");
            opts.disableProperty().bind(on.selectedProperty().not());
            VBox.setMargin(opts, new Insets(0, 0, 0, 22));
            box.getChildren().addAll(on, opts);
        }
        Spinner<Integer> seed = intSpinner(0, Integer.MAX_VALUE, (int) vm.seedProperty().get(), 1);
        seed.setId("seed");
        seed.valueProperty().addListener((o, x, y) -> vm.seedProperty().set(y));
        vm.seedProperty().addListener((o, x, y) -> seed.getValueFactory().setValue((int) y.longValue()));
        seed.setTooltip(new Tooltip("Seed of the matching (and of random subsets). A run with another seed is kept"
                + " beside the earlier one (see Runs)."));
        HBox seedRow = new HBox(6, new Label("seed"), seed);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        Button run = new Button("Run");
        run.setId("run");
        // Not the default button: Enter in a text field or spinner must not start a run.
        run.setMaxWidth(Double.MAX_VALUE);
        run.setOnAction(e -> vm.run());
        box.getChildren().addAll(new Separator(), seedRow, run);
        TitledPane p = new TitledPane("Methods", box);
        p.setId("methods-pane");
        return p;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
