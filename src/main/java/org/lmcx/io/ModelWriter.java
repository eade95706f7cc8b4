package org.lmcx.io;

import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.Model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves a model so that it reopens here without {@code --arch} (descriptor in the safetensors metadata) and
 * in PyTorch ({@code safetensors.torch.load_file} gives the state_dict; the sidecar
 * {@code <out>.arch.json} tells a person or a script what network to build).
 */
public final class ModelWriter {

    /** Metadata key recording where the model came from, for provenance only. */
    public static final String SOURCE_METADATA_KEY = "lmcx.source";

    private ModelWriter() {
    }

    /**
     * Writes {@code out} and {@code <out>.arch.json}, each atomically. All tensors are written, including
     * ones the architecture does not use (such as {@code num_batches_tracked}), so PyTorch's
     * {@code load_state_dict} accepts the result.
     *
     * @throws IllegalArgumentException if the model's architecture has no descriptor
     */
    public static void write(Model model, Path out) throws IOException {
        ArchitectureDescriptor d = model.architecture().descriptor();
        if (d == null) {
            throw new IllegalArgumentException("model " + model.source() + " has no architecture descriptor to save");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(SafetensorsReader.ARCHITECTURE_METADATA_KEY, DescriptorJson.toJson(d));
        metadata.put(SOURCE_METADATA_KEY, model.source());
        SafetensorsWriter.write(out, model.tensors(), metadata);
        DescriptorJson.write(d, sidecarOf(out));
    }

    /** {@code <out>.arch.json}. */
    public static Path sidecarOf(Path out) {
        return out.resolveSibling(IoNames.name(out) + ".arch.json");
    }
}
