package org.lmcx.app;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * File → Open recent: the files that opened, newest first, each checkpoint offered for every model slot and each
 * session as itself. Rebuilt from {@link RecentFiles} whenever the File menu is about to show.
 */
final class RecentMenu {

    private final Menu menu = new Menu("Open recent");
    private final RecentFiles recent;
    private final List<String> slotNames;
    private final BiConsumer<Integer, Path> openModel;
    private final Consumer<Path> openSession;

    RecentMenu(RecentFiles recent, List<String> slotNames, BiConsumer<Integer, Path> openModel,
               Consumer<Path> openSession) {
        this.recent = recent;
        this.slotNames = List.copyOf(slotNames);
        this.openModel = openModel;
        this.openSession = openSession;
        refresh();
    }

    Menu menu() {
        return menu;
    }

    void refresh() {
        menu.getItems().clear();
        for (RecentFiles.Entry entry : recent.entries()) {
            Path p = entry.path();
            if (entry.session()) {
                MenuItem m = new MenuItem(p.getFileName() + "  (session)");
                m.setMnemonicParsing(false);
                m.setOnAction(e -> openSession.accept(p));
                menu.getItems().add(m);
                continue;
            }
            // Exact names: mnemonic parsing would eat the underscores of mlp_s0.safetensors.
            Menu m = new Menu(p.getFileName().toString());
            m.setMnemonicParsing(false);
            for (int i = 0; i < slotNames.size(); i++) {
                int slot = i;
                MenuItem as = new MenuItem("as " + slotNames.get(i));
                as.setMnemonicParsing(false);
                as.setOnAction(e -> openModel.accept(slot, p));
                m.getItems().add(as);
            }
            menu.getItems().add(m);
        }
        menu.setDisable(menu.getItems().isEmpty());
    }
}
