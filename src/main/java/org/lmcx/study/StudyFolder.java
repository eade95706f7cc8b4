package org.lmcx.study;

import org.lmcx.model.UserInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.lmcx.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The study folder: {@code cells/<key>.json} per finished cell (written atomically, so a killed run leaves
 * either a complete result or none), {@code summary.csv}/{@code summary.json}, {@code figures/} and
 * {@code slurm/}.
 */
public record StudyFolder(Path dir) {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    public Path cellsDir() {
        return dir.resolve("cells");
    }

    public Path cellFile(Cell c) {
        return cellsDir().resolve(c.key() + ".json");
    }

    public boolean isFinished(Cell c) {
        return Files.isRegularFile(cellFile(c));
    }

    public void write(CellResult r) throws IOException {
        AtomicFiles.write(cellsDir().resolve(r.key() + ".json"),
                out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, r));
    }

    public CellResult read(Cell c) throws IOException {
        Path f = cellFile(c);
        try {
            CellResult r = JSON.readValue(f.toFile(), CellResult.class);
            if (r.format() != CellResult.FORMAT || !c.key().equals(r.key())) {
                throw new UserInputException(f + ": not a result of this cell (format " + r.format() + ")");
            }
            return r;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new UserInputException(f + ": unreadable cell result: " + e.getOriginalMessage());
        }
    }

    public Path summaryCsv() {
        return dir.resolve("summary.csv");
    }

    public Path summaryJson() {
        return dir.resolve("summary.json");
    }

    public Path figuresDir() {
        return dir.resolve("figures");
    }

    public Path slurmDir() {
        return dir.resolve("slurm");
    }
}
