package org.lmcx.study;

import org.lmcx.model.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * A plan read from its file and expanded into cells, in a deterministic order: architecture, width, model set
 * (pairs, then triples), method, matching seed. The same plan always yields the same cells with the same
 * indices, which is what lets a Slurm array task find its cell by {@code --index}.
 *
 * @param planFile the plan as given
 * @param plan     its checked content
 * @param folder   the study folder where cells and the summary go
 * @param cells    every cell of the plan
 */
public record Study(Path planFile, StudyPlan plan, StudyFolder folder, List<Cell> cells) {

    /** A model file the plan names that does not exist yet, with what would create it. */
    public record MissingModel(StudyPlan.ArchitectureSpec architecture, String width, long seed, Path file) {
    }

    public Study {
        cells = List.copyOf(cells);
    }

    /**
     * Reads and expands a plan. Every model file must exist: a missing one is refused here, before anything
     * runs, naming the file (train missing models first with {@link ModelTraining}).
     */
    public static Study load(Path planFile) throws IOException {
        StudyPlan plan = StudyPlan.read(planFile);
        List<MissingModel> missing = missingModels(planFile, plan);
        if (!missing.isEmpty()) {
            MissingModel m = missing.get(0);
            String more = missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "";
            String how = m.architecture().train() != null
                    ? "; the plan has training settings: run `lmcx study run " + planFile + "` to train it"
                    : "; give the architecture training settings (train:) to create it";
            throw new UserInputException(planFile + ": model file " + m.file() + " not found" + more + how);
        }
        Path dataDir = resolve(planFile, plan.data().dir());
        if (!Files.isDirectory(dataDir)) {
            throw new UserInputException(planFile + ": data.dir " + dataDir + " is not a folder");
        }
        return new Study(planFile, plan, new StudyFolder(plan.outputDir(planFile)), expand(planFile, plan));
    }

    /** Model files the plan names that do not exist, in expansion order. */
    public static List<MissingModel> missingModels(Path planFile, StudyPlan plan) {
        List<MissingModel> out = new ArrayList<>();
        for (StudyPlan.ArchitectureSpec a : plan.architectures()) {
            for (String w : a.widths()) {
                for (long s : plan.seeds()) {
                    Path f = resolve(planFile, a.modelPath(w, s));
                    if (!Files.isRegularFile(f)) {
                        out.add(new MissingModel(a, w, s, f));
                    }
                }
            }
        }
        return out;
    }

    static Path resolve(Path planFile, String relative) {
        return planFile.toAbsolutePath().getParent().resolve(relative).normalize();
    }

    private static List<Cell> expand(Path planFile, StudyPlan plan) throws IOException {
        CellKey.FileHashes hashes = new CellKey.FileHashes();
        StudyPlan.DataSpec d = plan.data();
        // The folder as the plan names it (relative to the plan): a study folder copied or cloned elsewhere with
        // its plan and data keeps its keys, so its finished cells stay finished.
        CellKey.DataKey dataKey = new CellKey.DataKey(d.dir(), d.train() == null ? 5000 : d.train(),
                d.test() == null ? 10000 : d.test(), Boolean.TRUE.equals(d.random()));
        List<Cell> cells = new ArrayList<>();
        for (StudyPlan.ArchitectureSpec a : plan.architectures()) {
            for (String w : a.widths()) {
                List<List<Long>> sets = new ArrayList<>(plan.pairSeeds());
                int pairs = sets.size();
                sets.addAll(plan.tripleSeeds());
                for (int si = 0; si < sets.size(); si++) {
                    Cell.Kind kind = si < pairs ? Cell.Kind.PAIR : Cell.Kind.TRIPLE;
                    List<Long> seeds = sets.get(si);
                    List<Path> files = new ArrayList<>();
                    List<CellKey.ModelFile> keyed = new ArrayList<>();
                    for (long s : seeds) {
                        Path f = resolve(planFile, a.modelPath(w, s));
                        files.add(f);
                        keyed.add(new CellKey.ModelFile(f.getFileName().toString(), hashes.of(f)));
                    }
                    for (StudyPlan.MethodSpec m : plan.methods()) {
                        // identity does not depend on a seed: one cell, not one per matching seed
                        List<Long> mseeds = "identity".equals(m.name()) ? plan.matchingSeeds().subList(0, 1)
                                : plan.matchingSeeds();
                        for (long ms : mseeds) {
                            CellKey key = new CellKey(a.name(), w, kind.name(), keyed, dataKey, m.name(),
                                    m.options(), ms, plan.analyses());
                            cells.add(new Cell(cells.size(), key.hash(), key, a.name(), w, kind, seeds, files, m.name(),
                                    m.options(), ms));
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** The data folder the plan names, resolved against the plan's folder. */
    public Path dataDir() {
        return resolve(planFile, plan.data().dir());
    }

    /** Cells whose result is not in the study folder yet. */
    public List<Cell> unfinished() {
        List<Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            if (!folder.isFinished(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Results of the cells that have finished, in cell order (results of cells no longer in the plan ignored). */
    public List<CellResult> finishedResults() throws IOException {
        List<CellResult> out = new ArrayList<>();
        for (Cell c : cells) {
            if (folder.isFinished(c)) {
                out.add(folder.read(c));
            }
        }
        return out;
    }

}
