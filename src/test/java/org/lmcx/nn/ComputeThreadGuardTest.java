package org.lmcx.nn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.task.ComputeThreadGuard;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard records numeric work on a forbidden thread (as the FX tests forbid the FX thread), and only there. */
class ComputeThreadGuardTest {

    @AfterEach
    void reset() {
        ComputeThreadGuard.reset();
    }

    @Test
    void recordsNumericWorkOnTheForbiddenThreadOnly() throws Exception {
        ComputeThreadGuard.forbid(() -> Thread.currentThread().getName().equals("pretend-ui"));
        Network.build(TestModels.mlp());
        assertThat(ComputeThreadGuard.violations()).isEmpty();
        Thread ui = new Thread(() -> Network.build(TestModels.mlp()), "pretend-ui");
        ui.start();
        ui.join();
        assertThat(ComputeThreadGuard.violations()).hasSize(1);
        assertThat(ComputeThreadGuard.violations().get(0)).startsWith("Network.build on thread pretend-ui")
                .contains("ComputeThreadGuardTest");
    }
}
