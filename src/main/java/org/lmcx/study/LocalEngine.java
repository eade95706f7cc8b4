package org.lmcx.study;

import org.lmcx.model.UserInputException;
import org.lmcx.nn.NativeThreads;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Monitor;
import org.lmcx.task.Progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a study's unfinished cells on this machine, {@code parallel} at a time in worker threads of this JVM
 * (models and data load once per process, no JVM start per cell). The cores are split between the workers:
 * libnd4j and BLAS get {@code cores / parallel} threads each, so two workers on two cores do not fight over
 * four. Cancelling (Ctrl-C) stops the workers at their next check; finished cells are already on disk
 * (atomic writes), a cell cut short leaves nothing, and the next run resumes with what is missing.
 */
public final class LocalEngine {

    /**
     * @param total    cells in the plan
     * @param skipped  already finished before this run
     * @param ran      computed now
     * @param failed   cells that threw (with their messages)
     * @param seconds  wall time
     */
    public record Report(int total, int skipped, int ran, List<String> failed, double seconds) {
    }

    private LocalEngine() {
    }

    public static Report run(Study study, int parallel, boolean force, Monitor monitor) throws Exception {
        if (parallel < 1) {
            throw new UserInputException("--parallel must be ≥ 1");
        }
        long t0 = System.nanoTime();
        List<Cell> todo = force ? study.cells() : study.unfinished();
        int skipped = study.cells().size() - todo.size();
        if (todo.isEmpty()) {
            return new Report(study.cells().size(), skipped, 0, List.of(), 0);
        }
        int workers = Math.min(parallel, todo.size());
        NativeThreads.limit(Runtime.getRuntime().availableProcessors() / workers);
        CellRunner runner = new CellRunner(study);
        AtomicInteger done = new AtomicInteger();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        Progress progress = monitor.progress();
        progress.update(0, String.format("%d cells to run (%d finished before), %d at a time", todo.size(), skipped,
                workers));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lmcx-study-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell c : todo) {
                futures.add(pool.submit(() -> {
                    monitor.checkCancelled();
                    try {
                        runner.run(c, force, new Monitor(Progress.NONE, monitor.cancellation()));
                    } catch (CancelledException e) {
                        throw e;
                    } catch (Exception | Error e) {
                        failed.add(c.label() + ": " + e);
                    }
                    int n = done.incrementAndGet();
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double eta = elapsed / n * (todo.size() - n);
                    progress.update((double) n / todo.size(), String.format("cells %d/%d (%d skipped), ETA %s · %s",
                            n + skipped, study.cells().size(), skipped, duration(eta), c.label()));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof CancelledException ce) {
                        throw ce;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(study.cells().size(), skipped, done.get() - failed.size(), List.copyOf(failed),
                (System.nanoTime() - t0) / 1e9);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
