package org.lmcx.app;

import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.task.ComputeTaskService;
import org.lmcx.task.JobHandle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a model has its own lane: it finishes while a long job still holds the compute thread. */
class IoLaneTest {

    @Test
    void aModelOpensWhileTheComputeThreadIsBusy() throws Exception {
        try (ComputeTaskService compute = new ComputeTaskService(1); ComputeTaskService io = new ComputeTaskService(1);
             ComputeTaskService preview = new ComputeTaskService(1)) {
            // UI posts run on a single thread of their own, as the FX thread would.
            java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                MainViewModel vm = new MainViewModel(new FxTaskAdapter(compute, io, ui), preview, null);
                CountDownLatch release = new CountDownLatch(1);
                CountDownLatch started = new CountDownLatch(1);
                JobHandle<Boolean> longJob = compute.submit("a long analysis", m -> {
                    started.countDown();
                    return release.await(60, TimeUnit.SECONDS);
                });
                assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
                CountDownLatch opened = new CountDownLatch(1);
                ui.execute(() -> vm.models().openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"))
                        .stateProperty().addListener((o, x, s) -> {
                            if (s == JobHandle.State.SUCCEEDED) {
                                opened.countDown();
                            }
                        }));
                assertThat(opened.await(60, TimeUnit.SECONDS)).as("model opened while the compute thread is busy")
                        .isTrue();
                assertThat(longJob.isDone()).isFalse();
                release.countDown();
                assertThat(longJob.result().get(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                ui.shutdownNow();
            }
        }
    }
}
