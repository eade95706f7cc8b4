package org.lmcx.cli;

import org.lmcx.study.Summary;

import java.nio.file.Path;
import java.util.List;

/** The study's figures and tables (filled in below). */
final class StudyFigures {

    private StudyFigures() {
    }

    static List<Path> write(Summary s, Path dir) {
        return List.of();
    }
}
