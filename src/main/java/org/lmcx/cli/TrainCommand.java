package org.lmcx.cli;

import org.lmcx.io.DescriptorJson;
import org.lmcx.io.ModelWriter;
import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.nn.Metrics;
import org.lmcx.nn.Network;
import org.lmcx.nn.Trainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", description = "Trains one model per seed of a described architecture (DL4J, Adam) and "
        + "writes safetensors checkpoints with their descriptors.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--arch", required = true, paramLabel = "FILE", description = "architecture descriptor JSON")
    Path arch;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Option(names = "--seeds", split = ",", defaultValue = "0,1", description = "one model per seed (default ${DEFAULT-VALUE})")
    List<Long> seeds;
    @Option(names = "--epochs", defaultValue = "3")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "128")
    int batchSize;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--name", defaultValue = "model", description = "file prefix: NAME_s<seed>.safetensors")
    String name;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ArchitectureDescriptor d = DescriptorJson.read(arch);
        Architecture architecture = Architectures.build(d);
        if (data.trainSize == 5000 && !data.random) {
            data.trainSize = Integer.MAX_VALUE;
        }
        Dataset train = data.train(0);
        Dataset test = data.test(0);
        Files.createDirectories(out);
        System.out.printf("training %s on %d images, %d epochs, seeds %s%n", architecture.name(), train.size(),
                epochs, seeds);
        for (long seed : seeds) {
            Path file = out.resolve(name + "_s" + seed + ".safetensors");
            Model m = Run.withProgress(quiet, mon -> Trainer.train(architecture, train,
                    new Trainer.Options(seed, epochs, batchSize, lr), file.getFileName().toString(), mon));
            ModelWriter.write(m, file);
            Network net = Network.build(architecture);
            net.load(m);
            Metrics t = net.evaluate(net.batches(test, 1000));
            System.out.printf("seed %d: test loss %.4f, accuracy %.4f → %s%n", seed, t.loss(), t.accuracy(), file);
        }
        return 0;
    }
}
