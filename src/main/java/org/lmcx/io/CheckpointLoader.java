package org.lmcx.io;

import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one way to open a checkpoint. The format is chosen by content (then extension): safetensors, a DL4J
 * ModelSerializer zip, or a PyTorch {@code torch.save} zip ({@code .pt/.pth/.bin}). The architecture comes
 * from, in this order:
 * <ol>
 *   <li>an explicit descriptor file ({@code --arch FILE});</li>
 *   <li>the safetensors metadata entry {@value SafetensorsReader#ARCHITECTURE_METADATA_KEY} (what
 *       {@link ModelWriter} stores), or, for DL4J zips, the network's own configuration;</li>
 *   <li>a sidecar {@code <checkpoint>.arch.json} or {@code <stem>.arch.json} next to the file;</li>
 *   <li>inference, which only recognises plain sequential MLPs (every float tensor is a {@code P.weight}
 *       {@code [out,in]} or {@code P.bias} {@code [out]}, prefixes in natural order, widths chaining).</li>
 * </ol>
 * Every failure is an {@link InvalidModelException} that names the file.
 */
public final class CheckpointLoader {

    private static final Comparator<String> NATURAL = CheckpointLoader::compareNatural;

    private CheckpointLoader() {
    }

    /**
     * Loads a whole checkpoint.
     *
     * @param archOverride descriptor file, or null
     */
    public static Model load(Path checkpoint, Path archOverride) {
        return load(checkpoint, archOverride, null);
    }

    /**
     * Loads a checkpoint.
     *
     * @param archOverride descriptor file, or null to look in metadata, sidecar, then infer
     * @param key          PyTorch files: the entry of the saved dict holding the state_dict (such as
     *                     {@code "state_dict"}, or null for a bare state_dict); safetensors: a prefix whose
     *                     tensors are selected and stripped ({@code "model"} selects {@code model.*}); null
     *                     for all
     */
    public static Model load(Path checkpoint, Path archOverride, String key) {
        String name = IoNames.name(checkpoint);
        if (!Files.exists(checkpoint)) {
            throw new InvalidModelException(name + ": file not found (" + checkpoint.toAbsolutePath() + ")");
        }
        if (Files.isDirectory(checkpoint)) {
            throw new InvalidModelException(name + ": is a directory, not a checkpoint file");
        }
        if (!Files.isRegularFile(checkpoint)) {
            // Opening a FIFO blocks until someone writes into it; a device can be endless.
            throw new InvalidModelException(name + ": is not a regular file (a FIFO, device or socket)");
        }
        Map<String, Tensor> tensors;
        ArchitectureDescriptor embedded = null;
        String embeddedFrom = null;
        Format format = detect(checkpoint);
        switch (format) {
            case SAFETENSORS -> {
                SafetensorsReader.Contents c = SafetensorsReader.read(checkpoint);
                tensors = key == null ? c.tensors() : selectPrefix(c.tensors(), key, name);
                String json = c.metadata().get(SafetensorsReader.ARCHITECTURE_METADATA_KEY);
                if (json != null && archOverride == null) {
                    embeddedFrom = name + " metadata \"" + SafetensorsReader.ARCHITECTURE_METADATA_KEY + "\"";
                    embedded = DescriptorJson.parse(json, embeddedFrom);
                }
            }
            case DL4J -> {
                if (key != null) {
                    throw new InvalidModelException(name + ": a DL4J model has no entries to select with key \""
                            + key + "\"");
                }
                Dl4jModelReader.Result r = Dl4jModelReader.read(checkpoint);
                tensors = r.tensors();
                embedded = r.descriptor();
                embeddedFrom = name + " (DL4J configuration)";
            }
            case TORCH -> tensors = readTorch(checkpoint, key);
            default -> throw new InvalidModelException(name + ": unrecognised checkpoint format (expected "
                    + "safetensors, a PyTorch .pt/.pth/.bin zip or a DL4J ModelSerializer .zip)");
        }

        ArchitectureDescriptor descriptor;
        String from;
        if (archOverride != null) {
            descriptor = DescriptorJson.read(archOverride);
            from = IoNames.name(archOverride);
        } else if (embedded != null) {
            descriptor = embedded;
            from = embeddedFrom;
        } else {
            Path sidecar = findSidecar(checkpoint);
            if (sidecar != null) {
                descriptor = DescriptorJson.read(sidecar);
                from = IoNames.name(sidecar);
            } else {
                descriptor = inferMlp(tensors, name);
                from = "inferred from the tensor shapes";
            }
        }
        return build(checkpoint.toString(), name, descriptor, from, tensors);
    }

    /** Builds and validates; descriptor problems become messages naming the checkpoint and the descriptor. */
    static Model build(String source, String name, ArchitectureDescriptor descriptor, String from,
                       Map<String, Tensor> tensors) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.shape()));
        Architecture arch;
        try {
            arch = Architectures.build(descriptor, shapes);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(name + ": the architecture descriptor (" + from
                    + ") does not fit the checkpoint: " + e.getMessage(), e);
        }
        return Model.of(source, arch, tensors);
    }

    // ---- format detection ----

    enum Format { SAFETENSORS, DL4J, TORCH, UNKNOWN }

    static Format detect(Path file) {
        String lower = IoNames.name(file).toLowerCase(Locale.ROOT);
        byte[] head = new byte[9];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidModelException(IoNames.name(file) + ": cannot read: " + e, e);
        }
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (zip) {
            if (Dl4jModelReader.isDl4jZip(file)) {
                return Format.DL4J;
            }
            return Format.TORCH;
        }
        if (lower.endsWith(".safetensors")) {
            return Format.SAFETENSORS;
        }
        if (n == 9 && head[8] == '{') {
            long len = 0;
            for (int i = 7; i >= 0; i--) {
                len = (len << 8) | (head[i] & 0xff);
            }
            if (len > 0 && len <= size - 8) {
                return Format.SAFETENSORS;
            }
        }
        if (lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".bin") || lower.endsWith(".ckpt")) {
            // Not a zip: legacy torch.save, or damaged. The torch reader explains which.
            return Format.TORCH;
        }
        if (lower.endsWith(".zip")) {
            return Format.DL4J;
        }
        return Format.UNKNOWN;
    }

    /** PyTorch files are parsed by {@code org.lmcx.io.torch}. */
    private static Map<String, Tensor> readTorch(Path file, String key) {
        return org.lmcx.io.torch.TorchCheckpointReader.read(file, key);
    }

    private static Map<String, Tensor> selectPrefix(Map<String, Tensor> all, String key, String name) {
        String p = key.endsWith(".") ? key : key + ".";
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, t) -> {
            if (k.startsWith(p)) {
                out.put(k.substring(p.length()), t);
            }
        });
        if (out.isEmpty()) {
            throw new InvalidModelException(name + ": no tensors under key \"" + key + "\"");
        }
        return out;
    }

    /** {@code a.safetensors.arch.json}, else {@code a.arch.json}; null if neither exists. */
    static Path findSidecar(Path checkpoint) {
        String fn = IoNames.name(checkpoint);
        Path full = checkpoint.resolveSibling(fn + ".arch.json");
        if (Files.isRegularFile(full)) {
            return full;
        }
        int dot = fn.lastIndexOf('.');
        if (dot > 0) {
            Path stem = checkpoint.resolveSibling(fn.substring(0, dot) + ".arch.json");
            if (Files.isRegularFile(stem)) {
                return stem;
            }
        }
        return null;
    }

    // ---- MLP inference ----

    /**
     * The input shape a flat width most likely came from: MNIST-like 1×28×28, CIFAR-like 3×32×32, otherwise
     * a plain vector. Image shapes matter because datasets are loaded as images.
     */
    public static int[] guessInputShape(int width) {
        if (width == 784) {
            return new int[]{1, 28, 28};
        }
        if (width == 3072) {
            return new int[]{3, 32, 32};
        }
        return new int[]{width};
    }

    /**
     * Infers a plain MLP descriptor, or explains why not.
     *
     * @throws InvalidModelException naming the file, the reason, and how to give a descriptor
     */
    public static ArchitectureDescriptor inferMlp(Map<String, Tensor> tensors, String name) {
        Map<String, Tensor> weights = new TreeMap<>(NATURAL);
        Map<String, Tensor> biases = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!e.getValue().isFloating()) {
                continue;
            }
            String k = e.getKey();
            if (k.endsWith(".weight")) {
                weights.put(k.substring(0, k.length() - ".weight".length()), e.getValue());
            } else if (k.endsWith(".bias")) {
                biases.put(k.substring(0, k.length() - ".bias".length()), e.getValue());
            } else {
                throw notInferable(name, "tensor \"" + k + "\" is neither a .weight nor a .bias");
            }
        }
        if (weights.isEmpty()) {
            throw notInferable(name, "it has no .weight tensors");
        }
        for (String p : biases.keySet()) {
            if (!weights.containsKey(p)) {
                throw notInferable(name, "bias \"" + p + ".bias\" has no matching weight");
            }
        }
        List<String> keys = new ArrayList<>(weights.keySet());
        List<Integer> outs = new ArrayList<>();
        int in0 = -1;
        int prevOut = -1;
        for (String p : keys) {
            int[] s = weights.get(p).shape();
            if (s.length != 2) {
                throw notInferable(name, "\"" + p + ".weight\" has shape " + java.util.Arrays.toString(s)
                        + ", not a 2-D linear weight");
            }
            Tensor b = biases.get(p);
            if (b != null && (b.rank() != 1 || b.dim(0) != s[0])) {
                throw notInferable(name, "\"" + p + ".bias\" has shape " + java.util.Arrays.toString(b.shape())
                        + " but the weight has " + s[0] + " outputs");
            }
            if (prevOut >= 0 && s[1] != prevOut) {
                throw notInferable(name, "\"" + p + ".weight\" takes " + s[1] + " inputs but the layer before "
                        + "gives " + prevOut);
            }
            if (in0 < 0) {
                in0 = s[1];
            }
            outs.add(s[0]);
            prevOut = s[0];
        }
        int[] widths = new int[outs.size() - 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = outs.get(i);
        }
        return ArchitectureDescriptor.mlp(guessInputShape(in0), widths, prevOut, keys);
    }

    private static InvalidModelException notInferable(String name, String why) {
        return new InvalidModelException(name + ": no architecture descriptor found and it is not a plain MLP ("
                + why + "); give one with --arch FILE, or put it next to the checkpoint as " + name
                + ".arch.json (see the README, \"Architecture descriptors\")");
    }

    /** Orders "2" before "10", "fc2" before "fc10", "layers.2" before "layers.10". */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                String na = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
