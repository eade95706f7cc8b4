package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lmcx.io.Dl4jConfig.Step;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.MemoryBudget;
import org.lmcx.model.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Converts DL4J's ModelSerializer zips (MultiLayerNetwork, or a ComputationGraph that is a linear chain) into
 * our PyTorch-layout tensors plus a {@code sequential} descriptor, so DL4J-trained networks can be matched and
 * interpolated like PyTorch ones.
 *
 * <p>The zip is read by our own code, never by DL4J's {@code ModelSerializer}: that one Java-deserializes the
 * {@code preprocessor.bin}/{@code normalizer.bin} entries (a crafted entry can make it resolve host names or
 * burn CPU) and instantiates whatever classes {@code configuration.json} names. Here the configuration is a
 * plain JSON tree ({@link Dl4jConfig}), {@code coefficients.bin} is read by the bounded {@link Nd4jBinary},
 * {@code updaterState.bin} (training state) is ignored, and every other entry is refused by name.
 *
 * <p>Layouts differ from PyTorch in two places, both converted: dense weights are {@code [nIn,nOut]} in
 * Fortran order in DL4J (the same bytes as PyTorch's {@code [out,in]} in C order), and batch norm by default
 * stores {@code log10(sqrt(var + eps))} instead of the variance. Convolution weights are OIHW like PyTorch's,
 * preceded by their bias in the flat parameter vector. Tensors are named
 * {@code <layerIndex>.weight|bias|running_mean|running_var}.
 *
 * <p>DL4J does not store the network's input shape. For convolutional networks it is worked out from the
 * first flatten's recorded height and width (the smallest input that the layers map onto it); a network
 * that starts with dense layers gets the same guess as a PyTorch MLP (784 → 1×28×28, 3072 → 3×32×32).
 */
public final class Dl4jModelReader {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    /** Training state (optimizer moments) in ND4J's binary format: not needed, never read. */
    static final Set<String> IGNORED = Set.of("updaterState.bin", "noParams.marker");
    private static final long MAX_CONFIGURATION_BYTES = 64L << 20;
    private static final int MAX_ENTRIES = 64;
    private static final int MAX_SIZE = 1 << 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a DL4J file turns into. */
    public record Result(ArchitectureDescriptor descriptor, Map<String, Tensor> tensors) {
    }

    private Dl4jModelReader() {
    }

    /** True if {@code file} is a zip with the entries ModelSerializer writes. Never throws. */
    public static boolean isDl4jZip(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            return z.getEntry(CONFIGURATION) != null && z.getEntry(COEFFICIENTS) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @throws InvalidModelException naming the file and, for unsupported networks, the layer */
    public static Result read(Path file) {
        String name = IoNames.name(file);
        if (!isDl4jZip(file)) {
            throw new InvalidModelException(name + ": not a DL4J ModelSerializer zip "
                    + "(needs entries configuration.json and coefficients.bin)");
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            refuseForeignEntries(z, name);
            JsonNode root;
            try (InputStream in = z.getInputStream(z.getEntry(CONFIGURATION))) {
                byte[] json = in.readNBytes((int) MAX_CONFIGURATION_BYTES + 1);
                if (json.length > MAX_CONFIGURATION_BYTES) {
                    throw new InvalidModelException(name + ": configuration.json is larger than "
                            + (MAX_CONFIGURATION_BYTES >> 20) + " MB");
                }
                root = JSON.readTree(json);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new InvalidModelException(name + ": configuration.json is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
            List<Step> steps = Dl4jConfig.steps(root, name);
            long[] counts = new long[steps.size()];
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = Dl4jLayers.paramCount(steps.get(i), name + ": " + steps.get(i).what());
                total = MemoryBudget.add(total, counts[i]);
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new InvalidModelException(name + ": the configuration's layers have " + total
                        + " parameters, more than one array holds");
            }
            // The flat vector plus the tensors cut from it.
            MemoryBudget.requireValues(name + " (" + total + " parameters)", MemoryBudget.multiply(total, 2), 4);
            float[] params;
            try (InputStream in = z.getInputStream(z.getEntry(COEFFICIENTS))) {
                params = Nd4jBinary.readFloats(in, total, name + ": " + COEFFICIENTS);
            }
            return Dl4jLayers.convert(steps, counts, params, name);
        } catch (IOException e) {
            throw new InvalidModelException(name + ": cannot read the zip: " + e.getMessage(), e);
        }
    }

    /** Everything but the configuration and the ND4J arrays is Java-serialized (or unknown): refused by name. */
    private static void refuseForeignEntries(ZipFile z, String name) {
        if (z.size() > MAX_ENTRIES) {
            throw new InvalidModelException(name + ": zip has " + z.size() + " entries; a DL4J model has at most 5");
        }
        for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
            String e = en.nextElement().getName();
            if (e.equals(CONFIGURATION) || e.equals(COEFFICIENTS) || IGNORED.contains(e)) {
                continue;
            }
            String why = e.equals("preprocessor.bin") || e.equals("normalizer.bin") || e.startsWith("objects/")
                    ? "a Java-serialized object" : "not part of a DL4J model";
            throw new InvalidModelException(name + ": entry \"" + e + "\" is " + why + "; LMC Explorer never "
                    + "deserializes file content (remove the entry or save the network without it)");
        }
    }

    static int positive(JsonNode layer, String field, String where) {
        JsonNode n = layer.get(field);
        if (n == null || !n.canConvertToInt() || n.asInt() <= 0 || n.asInt() > MAX_SIZE) {
            throw new InvalidModelException(where + ": \"" + field + "\" is " + n + ", not a size in 1.." + MAX_SIZE);
        }
        return n.asInt();
    }

    /** A square pair such as {@code kernelSize [3,3]}; {@code min} 0 allows padding. */
    static int square(JsonNode layer, String field, int min, int dflt, String what, String where) {
        JsonNode n = layer.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isArray() || n.size() != 2 || !n.get(0).canConvertToInt() || !n.get(1).canConvertToInt()) {
            throw new InvalidModelException(where + ": \"" + field + "\" is " + n + ", not a pair of integers");
        }
        int a = n.get(0).asInt();
        int b = n.get(1).asInt();
        if (a < min || b < min || a > MAX_SIZE || b > MAX_SIZE) {
            throw new InvalidModelException(where + ": \"" + field + "\" " + n + " out of range");
        }
        if (a != b) {
            throw new InvalidModelException(where + ": " + what + " " + n + " is not square; only square "
                    + "kernels, strides and paddings are supported");
        }
        return a;
    }

    /** Cuts {@code shape}'s values out of the flat parameter vector. */
    static Tensor slice(float[] params, int[] offset, int... shape) {
        int n = (int) Tensor.elementCount(shape);
        float[] d = Arrays.copyOfRange(params, offset[0], offset[0] + n);
        offset[0] += n;
        return new Tensor(shape, d);
    }

    /** The smallest [C,H,W] that the spatial layers before the first flatten map onto the recorded H and W. */
    static int[] imageInput(List<LayerDescriptor> layers, int flattenAt, long[] hw, int channels, String name) {
        if (flattenAt < 0) {
            throw new InvalidModelException(name + ": convolutional network without a CnnToFeedForward "
                    + "preprocessor; cannot tell its input size");
        }
        List<LayerDescriptor> spatial = layers.subList(0, flattenAt);
        int h = smallestInput(spatial, hw[0]);
        int w = smallestInput(spatial, hw[1]);
        if (h < 0 || w < 0) {
            throw new InvalidModelException(name + ": no input size leads to the " + hw[0] + "×" + hw[1]
                    + " activations the network flattens");
        }
        return new int[]{channels, h, w};
    }

    private static int smallestInput(List<LayerDescriptor> spatial, long target) {
        for (int in = 1; in <= 16384; in++) {
            long s = in;
            for (LayerDescriptor l : spatial) {
                if (l.kernel() == null) {
                    continue;
                }
                int k = l.kernel();
                int st = l.stride() == null ? 1 : l.stride();
                int p = l.padding() == null ? 0 : l.padding();
                if (s + 2L * p < k) {
                    s = -1;
                    break;
                }
                s = (s + 2L * p - k) / st + 1;
            }
            if (s == target) {
                return in;
            }
        }
        return -1;
    }

    static Result result(int[] input, List<LayerDescriptor> layers, Map<String, Tensor> tensors) {
        return new Result(ArchitectureDescriptor.sequential(input, new ArrayList<>(layers)), tensors);
    }
}
