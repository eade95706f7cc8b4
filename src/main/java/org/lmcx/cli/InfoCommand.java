package org.lmcx.cli;

import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", description = "Architecture, parameter count, tensors and permutation spec of a checkpoint.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CKPT", description = "checkpoint (.safetensors, .pt/.pth/.bin, DL4J .zip)")
    Path checkpoint;
    @Option(names = "--arch", paramLabel = "FILE", description = "architecture descriptor JSON")
    Path arch;
    @Option(names = "--key", paramLabel = "KEY", description = "for .pt: entry holding the state_dict")
    String key;
    @Option(names = "--out", paramLabel = "FILE", description = "write the information as JSON")
    Path out;

    /** JSON form of {@code info}. */
    record Info(String file, String architecture, long parameters, Map<String, int[]> tensors,
                Map<String, Integer> permutationGroups, String backend) {
    }

    @Override
    public Integer call() throws Exception {
        Model m = Inputs.loadModel(checkpoint, arch, key);
        PermutationSpec spec = PermutationSpec.of(m.architecture());
        Map<String, int[]> tensors = new LinkedHashMap<>();
        m.tensors().forEach((k, t) -> tensors.put(k, t.shape()));
        Map<String, Integer> groups = new LinkedHashMap<>();
        spec.groups().values().forEach(g -> groups.put(g.name(), g.size()));
        System.out.printf("file          %s%n", checkpoint);
        System.out.printf("architecture  %s (input %s, %d classes)%n", m.architecture().name(),
                java.util.Arrays.toString(m.architecture().inputShape()), m.architecture().numClasses());
        System.out.printf("parameters    %,d%n", m.architecture().parameterCount());
        System.out.printf("tensors       %d%n", m.tensors().size());
        for (Map.Entry<String, Tensor> e : m.tensors().entrySet()) {
            System.out.printf("  %-36s %-6s %s%n", e.getKey(), e.getValue().storedType(),
                    java.util.Arrays.toString(e.getValue().shape()));
        }
        System.out.printf("permutations  %d groups%n", spec.groups().size());
        for (PermutationSpec.Group g : spec.groups().values()) {
            List<String> where = g.axes().stream().map(a -> a.tensor() + ":" + a.axis()).toList();
            System.out.printf("  %-28s size %-5d acts on %s%n", g.name(), g.size(), String.join(", ", where));
        }
        if (out != null) {
            Json.write(out, new Info(checkpoint.toString(), m.architecture().name(),
                    m.architecture().parameterCount(), tensors, groups, org.lmcx.nn.BackendInfo.describe()));
        }
        return 0;
    }
}
