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

    static void error(Window owner, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle("LMC Explorer");
        a.setHeaderText("Something could not be done");
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
