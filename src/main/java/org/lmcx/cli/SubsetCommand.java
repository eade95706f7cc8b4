package org.lmcx.cli;

import org.lmcx.io.DatasetLoader;
import org.lmcx.io.IdxWriter;
import org.lmcx.io.ImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "subset", description = "Writes the first N training and test images of a dataset as gzipped IDX "
        + "files (how the bundled demo's data was made; handy for quick experiments and sharing).")
final class SubsetCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset directory (IDX or CIFAR-10)")
    Path data;
    @Option(names = "--train", defaultValue = "5000", paramLabel = "N")
    int train;
    @Option(names = "--test", defaultValue = "2000", paramLabel = "N")
    int test;
    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        for (DatasetLoader.Split split : DatasetLoader.Split.values()) {
            int n = split == DatasetLoader.Split.TRAIN ? train : test;
            ImageSet all = DatasetLoader.loadRaw(data, split).images();
            ImageSet first = all.first(n);
            IdxWriter.write(out, split, first);
            System.out.printf("%s: %d of %d %s images → %s%n", split.label(), first.size(), all.size(), all.name(), out);
        }
        return 0;
    }
}
