package org.lmcx.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small modal dialogs; all on the FX thread. */
final class Dialogs {

    /** Tests replace this to answer confirmations without a dialog. */
    static java.util.function.Predicate<String> confirmer = null;

    private Dialogs() {
    }

    /** An error whose title says what failed, guessed from the message (see {@link #titleFor}). */
    static void error(Window owner, String message) {
        error(owner, titleFor(message), message);
    }

    /**
     * What failed, for the dialog's title, from the words of the message: view-model errors arrive as one line
     * ("mlp.pt: no architecture descriptor …", "Could not save session.json: …"), so the title is derived here
     * rather than threaded through every caller.
     */
    static String titleFor(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("export")) {
            return "Export failed";
        }
        if (m.contains("could not save") || m.contains("save session")) {
            return "Saving failed";
        }
        if (m.contains("session")) {
            return "Session could not be opened";
        }
        if (m.contains("descriptor") || m.contains("architecture") || m.contains("checkpoint")
                || m.contains(".safetensors") || m.contains(".pt") || m.contains("model")) {
            return "Model could not be opened";
        }
        if (m.contains("landscape")) {
            return "Landscape could not be computed";
        }
        if (m.contains("dataset") || m.contains("data folder") || m.contains("idx") || m.contains("cifar")) {
            return "Dataset problem";
        }
        if (m.contains("option") || m.contains("method")) {
            return "Method could not run";
        }
        return "Error";
    }

    static void error(Window owner, String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle("LMC Explorer: " + title);
        a.setHeaderText(title);
        Label l = new Label(message);
        l.setWrapText(true);
        l.setMaxWidth(560);
        l.setPrefWidth(560);
        a.getDialogPane().setContent(l);
        a.show();
    }

    static boolean confirm(Window owner, String message) {
        if (confirmer != null) {
            return confirmer.test(message);
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("LMC Explorer");
        a.setHeaderText("Replace existing file?");
        Optional<ButtonType> r = a.showAndWait();
        return r.isPresent() && r.get() == ButtonType.OK;
    }

    /** True if none of the files exists or the user agreed to replace those that do. */
    static boolean confirmOverwrite(Window owner, List<Path> files) {
        List<Path> existing = files.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            return true;
        }
        String names = existing.size() == 1 ? existing.get(0).getFileName().toString()
                : existing.size() + " files (" + existing.get(0).getFileName() + ", …)";
        return confirm(owner, names + " already exists in " + existing.get(0).getParent() + ". Replace it?");
    }
}
