package org.lmcx.study;

import org.lmcx.io.DatasetLoader;
import org.lmcx.model.Dataset;
import org.lmcx.session.DataRef;
import org.lmcx.task.Monitor;

import java.io.IOException;
import java.util.List;

/**
 * Executes cells of one study in this process and stores each result atomically; a finished cell is skipped.
 * Both engines end here: the local one from its worker threads, a Slurm array task through
 * {@code lmcx study cell}. The data subsets are loaded once per process.
 */
public final class CellRunner {

    private final Study study;
    private final CellExecutor executor;

    public CellRunner(Study study) {
        this.study = study;
        StudyPlan.DataSpec d = study.plan().data();
        boolean random = Boolean.TRUE.equals(d.random());
        int trainN = d.train() == null ? 5000 : d.train();
        int testN = d.test() == null ? 10000 : d.test();
        Dataset train = trainN <= 0 ? null : DatasetLoader.load(study.dataDir(), DatasetLoader.Split.TRAIN, null,
                random ? DatasetLoader.Subset.random(trainN, 0) : DatasetLoader.Subset.first(trainN));
        Dataset test = DatasetLoader.load(study.dataDir(), DatasetLoader.Split.TEST, null,
                random ? DatasetLoader.Subset.random(testN, 0) : DatasetLoader.Subset.first(testN));
        DataRef ref = random ? new DataRef(study.dataDir().toString(), trainN, testN, DataRef.RANDOM, 0L, List.of(),
                List.of()) : DataRef.first(study.dataDir(), trainN, testN);
        this.executor = new CellExecutor(study.plan().analyses(), ref, train, test);
    }

    /** Runs the cell unless its result exists; returns true when it ran. */
    public boolean run(Cell cell, boolean force, Monitor monitor) throws IOException {
        if (!force && study.folder().isFinished(cell)) {
            return false;
        }
        long t0 = System.nanoTime();
        CellExecutor.Outcome o = executor.execute(cell, monitor);
        monitor.checkCancelled();
        study.folder().write(new CellResult(CellResult.FORMAT, cell.key(), cell.provenance(), cell.architecture(), cell.width(),
                cell.kind().name(), cell.modelSeeds(), cell.method(), cell.matchingSeed(), o.metrics(),
                o.permutation(), version(), (System.nanoTime() - t0) / 1e9, host()));
        return true;
    }

    static String version() {
        String v = CellRunner.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String host() {
        String h = System.getenv("SLURMD_NODENAME");
        if (h == null) {
            h = System.getenv("HOSTNAME");
        }
        return h == null ? "local" : h;
    }
}
