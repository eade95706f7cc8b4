package org.lmcx.cli;

import org.lmcx.io.ModelWriter;
import org.lmcx.io.SafetensorsWriter;
import org.lmcx.io.torch.TorchCheckpointReader;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "convert", description = "Writes a checkpoint (.pt/.pth/.bin, DL4J .zip, safetensors) as safetensors.")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT", description = "output .safetensors")
    Path out;
    @Option(names = "--key", paramLabel = "KEY", description = "for .pt: entry holding the state_dict")
    String key;
    @Option(names = "--arch", paramLabel = "FILE", description = "architecture descriptor to store with it")
    Path arch;

    @Override
    public Integer call() throws Exception {
        try {
            Model m = Inputs.loadModel(in, arch, key);
            ModelWriter.write(m, out);
            System.out.printf("%s → %s (%s, %d tensors, with descriptor)%n", in, out, m.architecture().name(),
                    m.tensors().size());
        } catch (InvalidModelException noArchitecture) {
            String name = in.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!(name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".bin")) || arch != null) {
                throw noArchitecture;
            }
            // A state_dict whose architecture we cannot tell is still worth converting: tensors only.
            Map<String, Tensor> tensors = TorchCheckpointReader.read(in, key);
            SafetensorsWriter.write(out, tensors, Map.of());
            System.out.printf("%s → %s (%d tensors; no architecture descriptor: %s)%n", in, out, tensors.size(),
                    noArchitecture.getMessage());
        }
        return 0;
    }
}
