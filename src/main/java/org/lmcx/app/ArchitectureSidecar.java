package org.lmcx.app;

import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.lmcx.io.AtomicFiles;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The GUI's way to give a checkpoint its architecture: choose a descriptor JSON, which is copied next to the
 * checkpoint as {@code <checkpoint>.arch.json} (the sidecar the loader already looks for), so the choice is
 * remembered and the command line finds it too.
 */
final class ArchitectureSidecar {

    private ArchitectureSidecar() {
    }

    /** Whether a load error is the missing-descriptor one that a sidecar fixes. */
    static boolean fixes(String error) {
        return error != null && error.contains("no architecture descriptor");
    }

    /** The loader's message, worded for the GUI (which has no --arch flag). */
    static String forGui(String error) {
        if (!fixes(error)) {
            return error;
        }
        return error.replaceAll("give one with --arch FILE, or put it next to the checkpoint as ([^ ]+)",
                "choose one with Architecture… (kept next to the checkpoint as $1)");
    }

    static Path sidecarOf(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".arch.json");
    }

    /** Asks for a descriptor and writes the sidecar; true when one was written. */
    static boolean choose(Window owner, Path checkpoint) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Architecture descriptor for " + checkpoint.getFileName());
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Descriptor JSON", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(owner);
        if (f == null) {
            return false;
        }
        Path target = sidecarOf(checkpoint);
        if (!Dialogs.confirmOverwrite(owner, List.of(target))) {
            return false;
        }
        try {
            long size = Files.size(f.toPath());
            if (size > 1_000_000) {
                Dialogs.error(owner, "Architecture descriptor not used", f.getName() + " is " + size
                        + " bytes; a descriptor is a small JSON file (at most 1 MB)");
                return false;
            }
            AtomicFiles.write(target, Files.readAllBytes(f.toPath()));
            return true;
        } catch (IOException e) {
            Dialogs.error(owner, "Architecture descriptor not saved", "Could not write " + target + ": "
                    + e.getMessage());
            return false;
        }
    }
}
