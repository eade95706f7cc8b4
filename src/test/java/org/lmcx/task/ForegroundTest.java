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

    /** The count once it has stopped moving (a step in progress when begin() was called completes first). */
    private static long settle(AtomicLong checks) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 40; i++) {
            Thread.sleep(50);
            long now = checks.get();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** Waits (up to 3 s, for a loaded machine) until the count passes {@code than}. */
    private static boolean growsPast(AtomicLong checks, long than) throws InterruptedException {
        for (int i = 0; i < 300 && checks.get() <= than; i++) {
            Thread.sleep(10);
        }
        return checks.get() > than;
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

            fg.end(1000);
            Thread.sleep(50);
            assertThat(checks.get()).as("checks within the grace period").isEqualTo(paused);
            assertThat(growsPast(checks, paused)).as("checks after the grace period").isTrue();

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
            long before = checks.get();
            Thread.sleep(100);
            assertThat(growsPast(checks, before)).as("checks while another lane's foreground is held").isTrue();
            job.cancel();
            awaitEnd(job);
            fg.end(0);
        }
    }
}
