package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import org.lmcx.study.Cell;
import org.lmcx.study.CellRunner;
import org.lmcx.study.LocalEngine;
import org.lmcx.study.ModelTraining;
import org.lmcx.study.SlurmEngine;
import org.lmcx.study.Study;
import org.lmcx.study.StudyPlan;
import org.lmcx.study.Summary;
import org.lmcx.study.WorkerProcesses;
import org.lmcx.nn.NativeThreads;
import org.lmcx.task.Monitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code lmcx study run|submit|cell|status|collect}: a study plan's cells here or on Slurm, and its summary. */
@Command(name = "study", description = "Runs a study plan (architectures × widths × seeds × methods) as independent "
        + "cells, here or as a Slurm job array, and summarizes them with statistics.",
        subcommands = {StudyCommand.RunCmd.class, StudyCommand.SubmitCmd.class, StudyCommand.CellCmd.class, StudyCommand.WorkerCmd.class,
                StudyCommand.StatusCmd.class, StudyCommand.CollectCmd.class})
final class StudyCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "run", description = "Trains missing models (if the plan says how), runs the unfinished cells "
            + "on this machine, several at a time, then writes summary.csv/json and the figures. Ctrl-C keeps "
            + "finished cells; running again resumes.")
    static final class RunCmd implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "study plan (.yaml, .yml or .json)")
        Path plan;
        @Option(names = "--parallel", defaultValue = "1", description = "cells at a time; the cores are shared "
                + "between them (default ${DEFAULT-VALUE})")
        int parallel;
        @Option(names = "--force", description = "recompute finished cells too")
        boolean force;
        @Option(names = "--train-only", description = "only train the missing models")
        boolean trainOnly;
        @Option(names = "--no-figures", description = "summary only")
        boolean noFigures;
        @Option(names = {"--quiet", "-q"})
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            StudyPlan p = StudyPlan.read(plan);
            List<Path> trained = Run.withProgress(quiet, mon -> ModelTraining.trainMissing(plan, p, mon));
            trained.forEach(f -> System.out.println("trained " + f));
            if (trainOnly) {
                return 0;
            }
            Study study = Study.load(plan);
            LocalEngine.Report r = Run.withProgress(quiet, mon -> LocalEngine.run(study, parallel, force, mon));
            System.out.printf("%d cells: %d run now, %d finished before, %d failed, %.1f s%n", r.total(), r.ran(),
                    r.skipped(), r.failed().size(), r.seconds());
            r.failed().forEach(f -> System.out.println("  failed: " + f));
            collect(study, !noFigures);
            return r.failed().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "submit", description = "Submits the unfinished cells as a Slurm job array (sbatch --array); each "
            + "task runs `lmcx study cell PLAN --index I`. Resources from the plan's slurm: section or these flags.")
    static final class SubmitCmd implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN")
        Path plan;
        @Option(names = "--slurm", required = true, description = "submit to Slurm (the only cluster engine)")
        boolean slurm;
        @Option(names = "--cpus-per-task", paramLabel = "N")
        Integer cpus;
        @Option(names = "--mem", paramLabel = "SIZE", description = "e.g. 4G")
        String mem;
        @Option(names = "--time", paramLabel = "HH:MM:SS")
        String time;
        @Option(names = "--partition", paramLabel = "NAME")
        String partition;
        @Option(names = "--batch", paramLabel = "K", description = "cells per array task")
        Integer batch;
        @Option(names = "--max-running", paramLabel = "N", description = "array throttle (%%N)")
        Integer maxRunning;
        @Option(names = "--gpu", description = "request one GPU per task (--gres=gpu:1)")
        boolean gpu;
        @Option(names = "--launcher", paramLabel = "CMD", description = "how tasks start lmcx, e.g. 'lmcx' or "
                + "'java -jar /shared/lmcx.jar' (default: this JVM and class path)")
        String launcher;
        @Option(names = "--wait", description = "block until the array has finished (sbatch --wait), then collect")
        boolean waitForEnd;

        @Override
        public Integer call() throws Exception {
            Study study = Study.load(plan);
            StudyPlan.SlurmSpec s = study.plan().slurm();
            SlurmEngine.Resources r = new SlurmEngine.Resources(cpus != null ? cpus : s.cpusPerTask(),
                    mem != null ? mem : s.mem(), time != null ? time : s.time(),
                    partition != null ? partition : s.partition(), batch != null ? batch : s.batch(),
                    maxRunning != null ? maxRunning : s.maxRunning(), gpu);
            List<String> cmd = launcher == null ? SlurmEngine.currentLauncher()
                    : List.of(launcher.trim().split("\\s+"));
            SlurmEngine.Submission sub = SlurmEngine.submit(study, r, cmd, waitForEnd);
            if (sub == null) {
                System.out.println("every cell has finished; nothing to submit");
                collect(study, false);
                return 0;
            }
            System.out.printf("submitted job %s: %d array tasks for %d cells (%s)%n", sub.jobId(), sub.tasks(),
                    sub.cells(), sub.script());
            if (waitForEnd) {
                Study after = Study.load(plan);
                int left = after.unfinished().size();
                collect(after, false);
                return left == 0 ? 0 : 1;
            }
            System.out.println("follow with: lmcx study status " + plan + "   then: lmcx study collect " + plan);
            return 0;
        }
    }

    @Command(name = "cell", description = "Runs cells of a plan by index in this process (what a Slurm array task "
            + "runs): cells INDEX·BATCH … INDEX·BATCH+BATCH−1; finished ones are skipped.")
    static final class CellCmd implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN")
        Path plan;
        @Option(names = "--index", required = true, paramLabel = "I")
        int index;
        @Option(names = "--batch", defaultValue = "1", paramLabel = "K")
        int batch;
        @Option(names = "--force")
        boolean force;

        @Override
        public Integer call() throws Exception {
            double jvm = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
            long t0 = System.nanoTime();
            Study study = Study.load(plan);
            int from = index * batch;
            if (index < 0 || batch < 1 || from >= study.cells().size()) {
                throw new UserInputException(plan + ": cell index " + from + " is outside 0.."
                        + (study.cells().size() - 1));
            }
            NativeThreads.limitFromEnvironment();
            CellRunner runner = new CellRunner(study);
            double load = (System.nanoTime() - t0) / 1e9;
            for (int i = from; i < Math.min(from + batch, study.cells().size()); i++) {
                Cell c = study.cells().get(i);
                long t1 = System.nanoTime();
                boolean ran = runner.run(c, force, Monitor.NONE);
                System.out.printf("cell %d %s: %s, jvm start %.2f s, plan+data %.2f s, cell %.2f s%n", i, c.label(),
                        ran ? "done" : "already finished", jvm, load, (System.nanoTime() - t1) / 1e9);
            }
            return 0;
        }
    }

    @Command(name = "worker", hidden = true, description = "A local engine's worker process: reads cell indices "
            + "from stdin, one per line, and answers on stdout (see study.WorkerProcesses).")
    static final class WorkerCmd implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN")
        Path plan;
        @Option(names = "--force")
        boolean force;

        @Override
        public Integer call() throws Exception {
            NativeThreads.limitFromEnvironment();
            WorkerProcesses.serve(Study.load(plan), force, new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)), System.out);
            return 0;
        }
    }

    @Command(name = "status", description = "How many cells have finished, per method; the Slurm job's tasks if "
            + "one was submitted.")
    static final class StatusCmd implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN")
        Path plan;

        @Override
        public Integer call() throws Exception {
            Study study = Study.load(plan);
            Map<String, int[]> byMethod = new TreeMap<>();
            for (Cell c : study.cells()) {
                int[] n = byMethod.computeIfAbsent(c.method(), k -> new int[2]);
                n[1]++;
                n[0] += study.folder().isFinished(c) ? 1 : 0;
            }
            int done = study.cells().size() - study.unfinished().size();
            System.out.printf("%s: %d/%d cells finished (%s)%n", study.plan().name(), done, study.cells().size(),
                    study.folder().dir());
            byMethod.forEach((m, n) -> System.out.printf("  %-10s %d/%d%n", m, n[0], n[1]));
            Path job = study.folder().slurmDir().resolve("job-id");
            if (Files.isRegularFile(job)) {
                System.out.println("slurm job " + Files.readString(job).trim() + " (squeue -j to follow it)");
            }
            return 0;
        }
    }

    @Command(name = "collect", description = "Writes summary.csv/summary.json (and the figures) from whatever cells "
            + "have finished.")
    static final class CollectCmd implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN")
        Path plan;
        @Option(names = "--no-figures")
        boolean noFigures;

        @Override
        public Integer call() throws Exception {
            collect(Study.load(plan), !noFigures);
            return 0;
        }
    }

    static void collect(Study study, boolean figures) throws Exception {
        Summary s = Summary.of(study);
        s.write(study.folder());
        System.out.printf("summary of %d/%d cells: %s%n", s.cellsFinished(), s.cellsTotal(),
                study.folder().summaryCsv());
        if (figures) {
            List<Path> files = StudyFigures.write(s, study.folder().figuresDir());
            System.out.printf("%d figure files in %s%n", files.size(), study.folder().figuresDir());
        }
    }
}
