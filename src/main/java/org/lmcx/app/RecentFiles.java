package org.lmcx.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * Recently opened checkpoints and sessions, newest first, no duplicates, kept in java.util.prefs across
 * launches. Callers add a file only once it has opened, so a failed open never appears here.
 */
final class RecentFiles {

    static final int MAX = 10;
    private static final String SESSION = "session|";
    private final Preferences prefs;

    /** A recent file and whether it is a session (else a checkpoint). */
    record Entry(Path path, boolean session) {
    }

    RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    static RecentFiles user() {
        return new RecentFiles(Preferences.userRoot().node("org/lmcx/app/recent"));
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String s = prefs.get("file" + i, null);
            if (s == null) {
                continue;
            }
            Entry e = s.startsWith(SESSION) ? new Entry(Path.of(s.substring(SESSION.length())), true)
                    : new Entry(Path.of(s), false);
            if (out.stream().noneMatch(x -> x.path().equals(e.path()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Checkpoints only, newest first. */
    List<Path> list() {
        return entries().stream().filter(e -> !e.session()).map(Entry::path).toList();
    }

    void add(Path p) {
        add(p, false);
    }

    void addSession(Path p) {
        add(p, true);
    }

    private void add(Path p, boolean session) {
        Path abs = p.toAbsolutePath().normalize();
        List<Entry> l = new ArrayList<>(entries());
        l.removeIf(e -> e.path().equals(abs));
        l.add(0, new Entry(abs, session));
        for (int i = 0; i < MAX; i++) {
            if (i < l.size()) {
                prefs.put("file" + i, (l.get(i).session() ? SESSION : "") + l.get(i).path());
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
