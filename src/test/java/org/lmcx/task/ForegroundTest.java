package org.lmcx.task;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Background jobs step aside while interactive work holds the {@link Foreground}, and only then. */
class ForegroundTest {

    /** A job that counts its cancellation checks until cancelled. */
    private static Job<Void> counting(AtomicLong checks) {
        return m -> {
            while (true) {
                m.checkCancelled();
                checks.incrementAndGet();
                Thread.onSpinWait();
            }
        };
    }

    private static long settle(AtomicLong checks) throws InterruptedException {
        Thread.sleep(100); // a step in progress when begin() was called completes first
        return checks.get();
    }

    private static void awaitEnd(JobHandle<?> job) throws InterruptedException {
        try {
            job.result().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // the state says how it ended
        }
    }

    @Test
    void aYieldingJobPausesAtItsChecksWhileHeldAndResumesAfterTheGrace() throws Exception {
        Foreground fg = new Foreground();
        try (ComputeTaskService background = new ComputeTaskService(1, fg)) {
            AtomicLong checks = new AtomicLong();
            JobHandle<Void> job = background.submit("background", counting(checks));
            while (checks.get() < 1000) {
                Thread.sleep(1);
            }
            fg.begin();
            long paused = settle(checks);
            Thread.sleep(200);
            assertThat(checks.get()).as("checks while the foreground is held").isEqualTo(paused);

            fg.end(300);
            Thread.sleep(50);
            assertThat(checks.get()).as("checks within the grace period").isEqualTo(paused);
            Thread.sleep(600);
            assertThat(checks.get()).as("checks after the grace period").isGreaterThan(paused);

            fg.begin();
            settle(checks);
            job.cancel();
            awaitEnd(job);
            assertThat(job.state()).as("a paused job still ends when cancelled").isEqualTo(JobHandle.State.CANCELLED);
            fg.end(0);
        }
    }

    @Test
    void aJobThatDoesNotYieldKeepsRunning() throws Exception {
        Foreground fg = new Foreground();
        try (ComputeTaskService io = new ComputeTaskService(1)) {
            AtomicLong checks = new AtomicLong();
            JobHandle<Void> job = io.submit("io", counting(checks));
            while (checks.get() < 1000) {
                Thread.sleep(1);
            }
            fg.begin();
            long before = settle(checks);
            Thread.sleep(100);
            assertThat(checks.get()).isGreaterThan(before);
            job.cancel();
            awaitEnd(job);
            fg.end(0);
        }
    }
}
