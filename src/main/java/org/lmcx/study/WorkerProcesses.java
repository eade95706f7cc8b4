package org.lmcx.study;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cells in worker processes: {@code lmcx study worker PLAN} reads cell indices from stdin, one per line, runs each
 * and answers one protocol line per cell on stdout. The local engine keeps one such process per parallel slot and
 * hands out cells as slots free up. Separate processes because libnd4j's native state is not safe with two cells
 * computing in one JVM (two in-process workers crashed the demo study with a corrupted native heap); a process
 * per slot also gives each slot its own OpenMP pool of cores/slots threads, and a killed slot loses only the cell
 * it was computing.
 */
public final class WorkerProcesses {

    /** Protocol lines start with this, so log lines on stdout cannot be mistaken for answers. */
    static final String PREFIX = "lmcx-cell ";

    private WorkerProcesses() {
    }

    /** The worker side: serves indices from {@code in} until it closes. */
    public static void serve(Study study, boolean force, BufferedReader in, PrintStream out) throws IOException {
        CellRunner runner = new CellRunner(study);
        for (String line; (line = in.readLine()) != null; ) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            int index = Integer.parseInt(line);
            try {
                runner.run(study.cells().get(index), force, org.lmcx.task.Monitor.NONE);
                out.println(PREFIX + "ok " + index);
            } catch (RuntimeException | IOException e) {
                out.println(PREFIX + "failed " + index + " " + String.valueOf(e).replace('\n', ' '));
            }
            out.flush();
        }
    }

    /** The engine side of one slot: a started worker process. */
    static final class Slot implements AutoCloseable {
        private final Process process;
        private final Writer toWorker;
        private final BufferedReader fromWorker;

        Slot(Study study, boolean force, List<String> launcher, int threads) throws IOException {
            List<String> cmd = new ArrayList<>(launcher);
            cmd.addAll(List.of("study", "worker", study.planFile().toAbsolutePath().toString()));
            if (force) {
                cmd.add("--force");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            process = pb.start();
            toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            fromWorker = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Runs one cell in the worker; returns null when it succeeded, else the failure. */
        String run(Cell cell) throws IOException {
            toWorker.write(cell.index() + "\n");
            toWorker.flush();
            for (String line; (line = fromWorker.readLine()) != null; ) {
                if (line.startsWith(PREFIX + "ok " + cell.index())) {
                    return null;
                }
                if (line.startsWith(PREFIX + "failed " + cell.index())) {
                    return line.substring((PREFIX + "failed " + cell.index()).length()).trim();
                }
            }
            throw new IOException("worker process ended (exit " + waitExit() + ") while computing " + cell.label());
        }

        private int waitExit() {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            try {
                toWorker.close();
            } catch (IOException ignored) {
                // the worker is gone already
            }
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
