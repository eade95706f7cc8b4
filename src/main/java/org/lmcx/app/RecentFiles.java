package org.lmcx.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The recently opened checkpoints, newest first, kept in java.util.prefs across launches. */
final class RecentFiles {

    static final int MAX = 10;
    private final Preferences prefs;

    RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    static RecentFiles user() {
        return new RecentFiles(Preferences.userRoot().node("org/lmcx/app/recent"));
    }

    List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String s = prefs.get("file" + i, null);
            if (s != null) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    void add(Path p) {
        List<Path> l = list();
        Path abs = p.toAbsolutePath().normalize();
        l.remove(abs);
        l.add(0, abs);
        for (int i = 0; i < MAX; i++) {
            if (i < l.size()) {
                prefs.put("file" + i, l.get(i).toString());
            } else {
                prefs.remove("file" + i);
            }
        }
        try {
            prefs.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // Losing the recent list is harmless; it is rebuilt as files are opened.
        }
    }
}
