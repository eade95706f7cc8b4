package org.lmcx.task;

import java.util.List;

/**
 * Where all ND4J/DL4J work runs. The GUI and the CLI submit {@link Job}s here; nothing numeric runs on the
 * JavaFX thread. {@link ComputeTaskService} uses a dedicated thread, {@link SameThreadTaskService} runs
 * jobs inline for tests (JabRef's CurrentThreadTaskExecutor idea).
 */
public interface TaskService extends AutoCloseable {

    <T> JobHandle<T> submit(String name, Job<T> job);

    /** Jobs submitted so far, oldest first. */
    List<JobHandle<?>> jobs();

    @Override
    void close();
}
