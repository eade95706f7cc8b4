package org.lmcx.task;

import java.util.ArrayList;
import java.util.List;

/** Runs each job to completion inside {@link #submit}; for tests and for the CLI's one-shot commands. */
public final class SameThreadTaskService implements TaskService {

    private final List<JobHandle<?>> jobs = new ArrayList<>();

    @Override
    public synchronized <T> JobHandle<T> submit(String name, Job<T> job) {
        JobHandle<T> handle = new JobHandle<>(name);
        jobs.add(handle);
        handle.execute(job);
        return handle;
    }

    @Override
    public synchronized List<JobHandle<?>> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public void close() {
    }
}
