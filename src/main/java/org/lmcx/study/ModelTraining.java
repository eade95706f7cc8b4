package org.lmcx.study;

import org.lmcx.model.UserInputException;
import org.lmcx.io.DatasetLoader;
import org.lmcx.io.ModelWriter;
import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.nn.Trainer;
import org.lmcx.task.Monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Creates the models a plan names but that do not exist yet, with the architecture's training settings —
 * the same training as {@code lmcx train} ({@link Trainer}, Adam), one model per width and seed.
 */
public final class ModelTraining {

    private ModelTraining() {
    }

    /** The descriptor of an architecture at one width: MLP hidden widths, or the width multiplier. */
    public static ArchitectureDescriptor descriptor(StudyPlan.ArchitectureSpec a, String width) {
        if (a.family() == null || a.input() == null || a.classes() == null) {
            throw new UserInputException("architecture " + a.name() + ": training needs family, input and "
                    + "classes");
        }
        double w;
        try {
            w = Double.parseDouble(width);
        } catch (NumberFormatException e) {
            throw new UserInputException("architecture " + a.name() + ": width " + width + " is not a number");
        }
        return switch (a.family()) {
            case "mlp" -> {
                int[] widths = new int[a.depth() == null ? 2 : a.depth()];
                Arrays.fill(widths, (int) w);
                yield ArchitectureDescriptor.mlp(a.input(), widths, a.classes(), null);
            }
            case "vgg11", "vgg16" -> ArchitectureDescriptor.vgg(a.family(), a.input(), a.classes(), w, true);
            case "resnet20" -> ArchitectureDescriptor.resnet20(a.input(), a.classes(), w);
            default -> throw new UserInputException("architecture " + a.name() + ": cannot train family "
                    + a.family() + " (mlp, vgg11, vgg16, resnet20)");
        };
    }

    /** Trains every missing model of the plan that has training settings; returns the files written. */
    public static List<Path> trainMissing(Path planFile, StudyPlan plan, Monitor monitor) throws IOException {
        List<Study.MissingModel> missing = Study.missingModels(planFile, plan).stream()
                .filter(m -> m.architecture().train() != null).toList();
        for (int i = 0; i < missing.size(); i++) {
            Study.MissingModel m = missing.get(i);
            StudyPlan.TrainSpec t = m.architecture().train();
            Architecture arch = Architectures.build(descriptor(m.architecture(), m.width()));
            Path dir = Study.resolve(planFile, t.data() == null ? plan.data().dir() : t.data());
            Dataset train = DatasetLoader.load(dir, DatasetLoader.Split.TRAIN, null,
                    t.trainSize() == null ? DatasetLoader.Subset.ALL : DatasetLoader.Subset.first(t.trainSize()));
            Model model = Trainer.train(arch, train, new Trainer.Options(m.seed(),
                            t.epochs() == null ? 3 : t.epochs(), t.batchSize() == null ? 128 : t.batchSize(),
                            t.lr() == null ? 1e-3 : t.lr()), m.file().getFileName().toString(),
                    monitor.sub((double) i / missing.size(), (i + 1.0) / missing.size()));
            ModelWriter.write(model, m.file());
        }
        return missing.stream().map(Study.MissingModel::file).toList();
    }
}
