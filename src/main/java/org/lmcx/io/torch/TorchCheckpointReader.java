package org.lmcx.io.torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Tensor;

/**
 * Reads the tensors of a PyTorch checkpoint written by {@code torch.save} (the zip format, PyTorch 1.6
 * and later) without Python and without executing anything the file says. See the package
 * documentation for the threat model.
 *
 * <p>Accepts a bare state_dict ({@code torch.save(model.state_dict(), path)}) or a training checkpoint
 * dict whose model weights sit in a nested dict ({@code 'state_dict'}, {@code 'model_state_dict'},
 * {@code 'model'}, ...). Non-tensor values are ignored; a DataParallel {@code module.} prefix shared by
 * all keys is stripped.
 */
public final class TorchCheckpointReader {

    /** The largest Java array; storages and entries larger than this cannot be held and are refused. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private TorchCheckpointReader() {
    }

    /**
     * Resource limits for one read. The defaults admit any realistic checkpoint (100k tensors, a 256 MB
     * pickle, storages up to what a Java float array holds) while bounding what a hostile file can make
     * us allocate or do.
     *
     * @param maxPickleBytes   largest data.pkl accepted
     * @param maxZipEntries    most entries in the zip
     * @param maxTensors       most tensors the pickle may build
     * @param maxPickleValues  most values the pickle may push, memoize or put into containers, in total
     * @param maxStorageBytes  largest storage entry accepted
     */
    public record Limits(long maxPickleBytes, int maxZipEntries, int maxTensors, long maxPickleValues,
                         long maxStorageBytes) {

        public static Limits defaults() {
            return new Limits(256L << 20, 100_000, 100_000, 10_000_000L, 8L * MAX_ARRAY);
        }
    }

    /**
     * What a read found.
     *
     * @param tensors      the selected tensors, in file order, prefix-stripped
     * @param tensorPath   where they came from: {@code ""} for a bare state_dict, else the dotted key path
     *                     in the checkpoint dict, e.g. {@code "model_state_dict"}
     * @param otherPaths   other dicts in the file that also hold tensors (e.g. an EMA copy), for a caller
     *                     that wants to offer a choice via the {@code key} argument
     * @param description  one line for the user, e.g. "training checkpoint; 12 tensors from 'model_state_dict'"
     */
    public record Result(Map<String, Tensor> tensors, String tensorPath, List<String> otherPaths,
                         String description) {
        public Result {
            tensors = Collections.unmodifiableMap(tensors);
            otherPaths = List.copyOf(otherPaths);
        }
    }

    /**
     * The model tensors of a torch.save checkpoint.
     *
     * @param file the .pt/.pth/.bin file
     * @param key  dotted path of the dict holding the weights in a training checkpoint (e.g.
     *             {@code "model"} or {@code "ema.state_dict"}), or null to find it automatically
     * @throws InvalidModelException with a one-line message starting with the file name if the file is
     *                               not a readable checkpoint or contains anything beyond tensors and
     *                               plain containers
     */
    public static Map<String, Tensor> read(Path file, String key) {
        return read(file, key, Limits.defaults()).tensors();
    }

    /** Like {@link #read(Path, String)} with explicit limits, also saying what was found. */
    public static Result read(Path file, String key, Limits limits) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        String name = String.valueOf(file.getFileName());
        try {
            return run(file, limits, key == null || key.isBlank() ? null : key.trim());
        } catch (TorchFormatException e) {
            throw new InvalidModelException(name + ": " + e.getMessage(), e);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidModelException(name + ": cannot read the file: " + oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw new InvalidModelException(name + ": not enough memory to load the checkpoint", e);
        } catch (RuntimeException | StackOverflowError e) {
            // Anything else is a gap in our validation, but the caller still gets the promised exception.
            throw new InvalidModelException(name + ": unreadable checkpoint (" + oneLine(e) + ")", e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }

    /** One read: the zip container, then the pickle, then the chosen tensors. */
    private static Result run(Path file, Limits limits, String key) throws IOException {
        try (TorchZipArchive zip = TorchZipArchive.open(file, limits)) {
            String version = zip.version();
            byte[] pkl = zip.dataPkl();
            RestrictedUnpickler vm = new RestrictedUnpickler(pkl, zip::persistentLoad,
                    limits.maxPickleValues(), limits.maxTensors(), MAX_ARRAY);
            Object root = vm.load();
            return StateDictSelector.select(root, key, version, zip);
        }
    }
}
