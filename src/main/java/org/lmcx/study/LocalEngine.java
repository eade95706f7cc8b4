package org.lmcx.study;

import org.lmcx.model.UserInputException;
import org.lmcx.nn.NativeThreads;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Monitor;
import org.lmcx.task.Progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a study's unfinished cells on this machine. One at a time they run in this JVM; {@code parallel} &gt; 1
 * starts that many worker processes ({@link WorkerProcesses}) and hands each the next cell when it is free. The
 * cores are split between the slots: each worker's libnd4j and BLAS get {@code cores / parallel} threads
 * ({@code OMP_NUM_THREADS}, or its value when set), so two workers on two cores do not fight over four. Cancelling (Ctrl-C) stops at
 * once; finished cells are already on disk (atomic writes), a cell cut short leaves nothing, and the next run
 * resumes with what is missing.
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
        int threads = threadsPerWorker(workers);
        AtomicInteger done = new AtomicInteger();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        Progress progress = monitor.progress();
        progress.update(0, String.format("%d cells to run (%d finished before), %d at a time", todo.size(), skipped,
                workers));
        Runnable finishedOne = () -> {
            int n = done.incrementAndGet();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            progress.update((double) n / todo.size(), String.format("cells %d/%d (%d skipped), ETA %s",
                    n + skipped, study.cells().size(), skipped, duration(elapsed / n * (todo.size() - n))));
        };
        if (workers == 1) {
            NativeThreads.limit(threads);
            CellRunner runner = new CellRunner(study);
            for (Cell c : todo) {
                monitor.checkCancelled();
                try {
                    runner.run(c, force, new Monitor(Progress.NONE, monitor.cancellation()));
                } catch (CancelledException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failed.add(c.label() + ": " + e);
                }
                finishedOne.run();
            }
        } else {
            inProcesses(study, todo, workers, threads, force, monitor, failed, finishedOne);
        }
        return new Report(study.cells().size(), skipped, done.get() - failed.size(), List.copyOf(failed),
                (System.nanoTime() - t0) / 1e9);
    }

    private static void inProcesses(Study study, List<Cell> todo, int workers, int threads, boolean force,
                                    Monitor monitor, List<String> failed, Runnable finishedOne) throws Exception {
        ConcurrentLinkedQueue<Cell> queue = new ConcurrentLinkedQueue<>(todo);
        List<WorkerProcesses.Slot> slots = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lmcx-study-slot");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    try (WorkerProcesses.Slot slot = new WorkerProcesses.Slot(study, force,
                            SlurmEngine.currentLauncher(), threads)) {
                        slots.add(slot);
                        for (Cell c; (c = queue.poll()) != null && !monitor.cancellation().isCancelled(); ) {
                            String failure = slot.run(c);
                            if (failure != null) {
                                failed.add(c.label() + ": " + failure);
                            }
                            finishedOne.run();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        if (monitor.cancellation().isCancelled()) {
                            // Ctrl-C: the cells in flight are dropped; the finished ones are on disk.
                            slots.forEach(WorkerProcesses.Slot::kill);
                            throw new CancelledException();
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * ND4J/BLAS threads per worker: {@code OMP_NUM_THREADS} when set (on a machine shared with other jobs,
     * OpenMP threads that wait for a core spin and can slow a cell tenfold; 1 avoids that), else cores / workers.
     */
    static int threadsPerWorker(int workers) {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && env.matches("\\d+") && Integer.parseInt(env) > 0) {
            return Integer.parseInt(env);
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
