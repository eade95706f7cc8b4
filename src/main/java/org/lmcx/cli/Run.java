package org.lmcx.cli;

import org.lmcx.task.Cancellation;
import org.lmcx.task.Monitor;

/**
 * Runs a command's work with a stderr progress bar, and lets Ctrl-C cancel it cleanly: the shutdown hook
 * flips the job's cancellation so loops stop at their next check, and waits briefly for them.
 */
final class Run {

    private Run() {
    }

    interface Work<T> {
        T run(Monitor monitor) throws Exception;
    }

    static <T> T withProgress(boolean quiet, Work<T> work) throws Exception {
        ConsoleProgress bar = new ConsoleProgress(System.err, !quiet);
        Cancellation cancel = new Cancellation();
        Thread hook = new Thread(cancel::cancel, "lmcx-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.run(new Monitor(bar, cancel));
        } finally {
            bar.done();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting: nothing to remove
            }
        }
    }
}
