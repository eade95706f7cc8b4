package org.lmcx.study;

import org.lmcx.model.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a study's cells as a Slurm job array: Slurm schedules, each array task runs
 * {@code lmcx study cell PLAN --index I --batch K} (cells I·K … I·K+K−1) and writes its results into the shared
 * study folder, exactly as the local engine would. This class only writes the batch script and calls
 * {@code sbatch}; it schedules nothing itself.
 */
public final class SlurmEngine {

    /**
     * @param cpusPerTask {@code --cpus-per-task}, also the task's ND4J/OpenMP threads
     * @param batch       cells per array task (JVM start and data loading are paid once per task)
     * @param maxRunning  the array's {@code %N} throttle, null for none
     * @param gpu         request one GPU ({@code --gres=gpu:1}); the jar must be the CUDA build to use it
     */
    public record Resources(int cpusPerTask, String mem, String time, String partition, int batch,
                            Integer maxRunning, boolean gpu) {
        public static Resources of(StudyPlan.SlurmSpec s) {
            return new Resources(s.cpusPerTask(), s.mem(), s.time(), s.partition(), s.batch(), s.maxRunning(),
                    false);
        }
    }

    /**
     * @param jobId Slurm's job id
     * @param tasks array tasks submitted
     * @param cells cells they cover
     */
    public record Submission(String jobId, Path script, int tasks, int cells) {
    }

    private SlurmEngine() {
    }

    /** The command that starts this program again: this JVM and class path, or what {@code --launcher} says. */
    public static List<String> currentLauncher() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "org.lmcx.Launcher");
    }

    /** Writes {@code slurm/study.sbatch} for the unfinished cells; null when every cell has finished. */
    public static Path writeScript(Study study, Resources r, List<String> launcher) throws IOException {
        if (r.batch() < 1 || r.cpusPerTask() < 1) {
            throw new UserInputException("--batch and --cpus-per-task must be ≥ 1");
        }
        String array = arraySpec(study, r.batch());
        if (array == null) {
            return null;
        }
        Path dir = study.folder().slurmDir();
        Files.createDirectories(dir.resolve("logs"));
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=lmcx-study\n");
        s.append("#SBATCH --array=").append(array).append(r.maxRunning() == null ? "" : "%" + r.maxRunning())
                .append('\n');
        s.append("#SBATCH --cpus-per-task=").append(r.cpusPerTask()).append('\n');
        s.append("#SBATCH --ntasks=1\n");
        if (r.mem() != null) {
            s.append("#SBATCH --mem=").append(r.mem()).append('\n');
        }
        if (r.time() != null) {
            s.append("#SBATCH --time=").append(r.time()).append('\n');
        }
        if (r.partition() != null) {
            s.append("#SBATCH --partition=").append(r.partition()).append('\n');
        }
        if (r.gpu()) {
            s.append("#SBATCH --gres=gpu:1\n");
        }
        s.append("#SBATCH --output=").append(dir.resolve("logs").toAbsolutePath()).append("/%A_%a.out\n");
        s.append("# Written by lmcx study submit; one array task runs ").append(r.batch())
                .append(" cell(s) of the plan from index SLURM_ARRAY_TASK_ID × batch.\n");
        s.append("export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}\n");
        s.append("exec");
        for (String part : launcher) {
            s.append(' ').append(shellQuote(part));
        }
        s.append(" study cell ").append(shellQuote(study.planFile().toAbsolutePath().toString()))
                .append(" --index \"$SLURM_ARRAY_TASK_ID\" --batch ").append(r.batch()).append('\n');
        Path script = dir.resolve("study.sbatch");
        Files.writeString(script, s.toString(), StandardCharsets.UTF_8);
        return script;
    }

    /**
     * Array indices to submit: with batch 1 the unfinished cells only ({@code 3,5,7-9}); with larger batches
     * every batch that holds an unfinished cell.
     */
    static String arraySpec(Study study, int batch) {
        List<Integer> tasks = taskIndices(study, batch);
        if (tasks.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < tasks.size(); ) {
            int j = i;
            while (j + 1 < tasks.size() && tasks.get(j + 1) == tasks.get(j) + 1) {
                j++;
            }
            s.append(s.length() == 0 ? "" : ",").append(tasks.get(i));
            if (j > i) {
                s.append('-').append(tasks.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }

    static List<Integer> taskIndices(Study study, int batch) {
        List<Integer> tasks = new ArrayList<>();
        for (Cell c : study.unfinished()) {
            int t = c.index() / batch;
            if (tasks.isEmpty() || tasks.get(tasks.size() - 1) != t) {
                tasks.add(t);
            }
        }
        return tasks;
    }

    /** Submits the script with {@code sbatch --parsable} ({@code --wait}: returns when the array has finished). */
    public static Submission submit(Study study, Resources r, List<String> launcher, boolean waitForEnd)
            throws IOException, InterruptedException {
        int tasks = taskIndices(study, r.batch()).size();
        int cells = study.unfinished().size();
        Path script = writeScript(study, r, launcher);
        if (script == null) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (waitForEnd) {
            cmd.add("--wait");
        }
        cmd.add(script.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UserInputException("sbatch not found: is this a Slurm login node? (" + e.getMessage() + ")");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(waitForEnd ? 7 : 1, waitForEnd ? TimeUnit.DAYS : TimeUnit.MINUTES)) {
            p.destroy();
            throw new IOException("sbatch did not return");
        }
        String jobId = out.lines().filter(l -> l.matches("\\d+(;.*)?")).findFirst().map(l -> l.split(";", 2)[0])
                .orElse(null);
        if (jobId == null || (!waitForEnd && p.exitValue() != 0)) {
            throw new IOException("sbatch failed (exit " + p.exitValue() + "): " + out);
        }
        Files.writeString(study.folder().slurmDir().resolve("job-id"), jobId + "\n");
        return new Submission(jobId, script, tasks, cells);
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
