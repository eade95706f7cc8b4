package org.lmcx.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every run of a workspace, by key, in the order they were added; thread-safe (the runner adds on a compute
 * thread while the GUI reads). Adding a run whose key is already here replaces it (the runner does so only
 * to add analyses to a run or to replace a failed one). Listeners are plain callbacks, called on the thread
 * that changed the store, after the change; a GUI hops to its own thread itself.
 */
public final class RunStore {

    /** What changed: {@code added} (null on removal) and {@code removed} (the replaced or deleted run, or null). */
    public record Change(Run added, Run removed) {
    }

    private final Map<RunKey, Run> runs = new LinkedHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a run, replacing one with an equal key (returned). */
    public Run add(Run run) {
        Run old;
        synchronized (runs) {
            old = runs.put(run.key(), run);
        }
        fire(new Change(run, old));
        return old;
    }

    public Optional<Run> get(RunKey key) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(key));
        }
    }

    /** The runs of one model set ({@link RunKey#modelSetId()}), in the order they were added. */
    public List<Run> forModelSet(String modelSetId) {
        List<Run> out = new ArrayList<>();
        synchronized (runs) {
            for (Run r : runs.values()) {
                if (r.key().modelSetId().equals(modelSetId)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    public List<Run> all() {
        synchronized (runs) {
            return List.copyOf(runs.values());
        }
    }

    /** A run by {@link RunKey#id()}, e.g. a selection read back from a session. */
    public Optional<Run> byId(String id) {
        synchronized (runs) {
            return runs.values().stream().filter(r -> r.key().id().equals(id)).findFirst();
        }
    }

    public boolean remove(RunKey key) {
        Run old;
        synchronized (runs) {
            old = runs.remove(key);
        }
        if (old != null) {
            fire(new Change(null, old));
        }
        return old != null;
    }

    /** Removes every run (File → New workspace). */
    public void clear() {
        for (Run r : all()) {
            remove(r.key());
        }
    }

    public int size() {
        synchronized (runs) {
            return runs.size();
        }
    }

    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    private void fire(Change c) {
        for (Consumer<Change> l : listeners) {
            l.accept(c);
        }
    }
}
