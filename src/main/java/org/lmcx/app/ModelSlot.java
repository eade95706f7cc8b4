package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lmcx.model.Model;
import org.lmcx.session.ModelRef;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One model slot (A, B or C) of the Models panel: which file, what it turned out to be, or why it could
 * not be opened. The {@link Model} itself (plain float tensors) is kept so jobs can use it; the view only
 * shows the strings.
 */
public final class ModelSlot {

    private final String name;
    private final ObjectProperty<Path> path = new SimpleObjectProperty<>();
    private final ObjectProperty<Model> model = new SimpleObjectProperty<>();
    private ModelRef ref;
    private final StringProperty architecture = new SimpleStringProperty("");
    private final StringProperty parameters = new SimpleStringProperty("");
    private final StringProperty format = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();

    ModelSlot(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ObjectProperty<Path> pathProperty() {
        return path;
    }

    public ObjectProperty<Model> modelProperty() {
        return model;
    }

    public Model getModel() {
        return model.get();
    }

    /** The loaded model's file and content hash (computed with the load, off the FX thread); null when empty. */
    public ModelRef ref() {
        return ref;
    }

    public StringProperty architectureProperty() {
        return architecture;
    }

    public StringProperty parametersProperty() {
        return parameters;
    }

    public StringProperty formatProperty() {
        return format;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    void loaded(Path p, Model m, ModelRef r) {
        path.set(p);
        error.set(null);
        ref = r;
        model.set(m);
        architecture.set(m.architecture().name());
        parameters.set(String.format(Locale.ROOT, "%,d parameters", m.architecture().parameterCount()));
        format.set(formatOf(p));
        loading.set(false);
    }

    void failed(Path p, String message) {
        // The model that was there stays: a bad file must not throw away a good one.
        error.set(message);
        loading.set(false);
    }

    void clear() {
        ref = null;
        path.set(null);
        model.set(null);
        architecture.set("");
        parameters.set("");
        format.set("");
        error.set(null);
    }

    static String formatOf(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".safetensors")) {
            return "safetensors";
        }
        if (n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".bin")) {
            return "PyTorch zip";
        }
        if (n.endsWith(".zip")) {
            return "DL4J zip";
        }
        return "detected from content";
    }
}
