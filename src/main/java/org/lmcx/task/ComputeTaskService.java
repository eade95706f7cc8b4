package org.lmcx.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on a small pool of daemon compute threads (default one: ND4J's BLAS already uses every core, so
 * two heavy jobs side by side only fight over them). Jobs queue in submission order.
 */
public final class ComputeTaskService implements TaskService {

    private final ExecutorService executor;
    private final List<JobHandle<?>> jobs = new CopyOnWriteArrayList<>();
    private final Foreground yieldTo;

    public ComputeTaskService() {
        this(1);
    }

    public ComputeTaskService(int threads) {
        this(threads, null);
    }

    /**
     * A service whose jobs step aside (at their cancellation checks) while {@code yieldTo} has interactive work:
     * the GUI's compute lane yields to the slider's readout.
     */
    public ComputeTaskService(int threads, Foreground yieldTo) {
        this.yieldTo = yieldTo;
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lmcx-compute-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> JobHandle<T> submit(String name, Job<T> job) {
        JobHandle<T> handle = new JobHandle<>(name, yieldTo);
        jobs.add(handle);
        executor.execute(() -> handle.execute(job));
        return handle;
    }

    @Override
    public List<JobHandle<?>> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public void close() {
        jobs.forEach(JobHandle::cancel);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
