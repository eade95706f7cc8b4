package org.lmcx.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

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

    /** Nested dict names that, on a tie in tensor count, are the model's weights rather than, say, an EMA. */
    private static final List<String> PREFERRED = List.of("state_dict", "model_state_dict", "model", "net",
            "module");
    private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Deflate cannot expand more than about 1032:1; a larger declared ratio is a lie or a bomb. */
    private static final long MAX_DEFLATE_RATIO = 1100;
    /** How deep the automatic search looks for the weights dict inside a checkpoint dict. */
    private static final int MAX_SEARCH_DEPTH = 6;

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
            return new Reading(file, limits).run(key == null || key.isBlank() ? null : key.trim());
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

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }

    /** One read's state: the open zip, the storages seen so far, the decoded storages in use. */
    private static final class Reading {
        private final Path file;
        private final Limits limits;
        private final Map<String, TorchStorage> storages = new HashMap<>();
        private final Map<String, ZipEntry> entries = new HashMap<>();
        private ZipFile zip;
        private String archive;

        Reading(Path file, Limits limits) {
            this.file = file;
            this.limits = limits;
        }

        Result run(String key) throws IOException {
            checkMagic();
            try (ZipFile z = openZip()) {
                zip = z;
                indexEntries();
                checkByteOrder();
                String version = readSmallText(archive + "/version");
                byte[] pkl = readEntry(entries.get(archive + "/data.pkl"), limits.maxPickleBytes(), "data.pkl");
                RestrictedUnpickler vm = new RestrictedUnpickler(pkl, this::persistentLoad,
                        limits.maxPickleValues(), limits.maxTensors(), MAX_ARRAY);
                Object root = vm.load();
                return select(root, key, version);
            }
        }

        private void checkMagic() throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new TorchFormatException(Files.exists(file) ? "not a regular file" : "file not found");
            }
            byte[] head = new byte[16];
            int n;
            try (InputStream s = Files.newInputStream(file)) {
                n = s.readNBytes(head, 0, head.length);
            }
            if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return;
            }
            if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
                throw new TorchFormatException("a legacy (pre-1.6) torch.save file, which is one raw pickle;"
                        + " re-save it with a recent PyTorch (torch.save(state_dict, path))");
            }
            if (n >= 9 && head[8] == '{') {
                throw new TorchFormatException("not a torch.save zip checkpoint (looks like safetensors;"
                        + " open it as .safetensors)");
            }
            throw new TorchFormatException("not a torch.save zip checkpoint (no zip signature)");
        }

        private ZipFile openZip() throws IOException {
            try {
                return new ZipFile(file.toFile());
            } catch (ZipException e) {
                throw new TorchFormatException("damaged zip container: " + oneLine(e));
            }
        }

        private void indexEntries() {
            if (zip.size() > limits.maxZipEntries()) {
                throw new TorchFormatException("zip has " + zip.size() + " entries, more than the "
                        + limits.maxZipEntries() + " allowed");
            }
            List<String> pkls = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            int count = 0;
            while (en.hasMoreElements()) {
                if (++count > limits.maxZipEntries()) {
                    throw new TorchFormatException("zip has more than " + limits.maxZipEntries() + " entries");
                }
                ZipEntry e = en.nextElement();
                String n = e.getName();
                if (entries.putIfAbsent(n, e) != null) {
                    throw new TorchFormatException("zip has two entries named " + TorchFormatException.quote(n));
                }
                int slash = n.indexOf('/');
                if (slash > 0 && n.substring(slash).equals("/data.pkl")) {
                    pkls.add(n.substring(0, slash));
                }
            }
            if (pkls.isEmpty()) {
                throw new TorchFormatException("zip has no <archive>/data.pkl, so it is not a torch.save checkpoint");
            }
            if (pkls.size() > 1) {
                throw new TorchFormatException("zip has " + pkls.size() + " data.pkl entries");
            }
            archive = pkls.get(0);
            if (entries.containsKey(archive + "/constants.pkl")) {
                throw new TorchFormatException("a TorchScript archive (torch.jit.save), which holds code;"
                        + " save the state_dict instead: torch.save(model.state_dict(), path)");
            }
        }

        private void checkByteOrder() throws IOException {
            String order = readSmallText(archive + "/byteorder");
            if (order != null && !order.equals("little")) {
                throw new TorchFormatException("storages are in byte order " + TorchFormatException.quote(order)
                        + "; only little-endian checkpoints are supported");
            }
        }

        /** A short text entry (version, byteorder), trimmed, or null if absent. */
        private String readSmallText(String entryName) throws IOException {
            ZipEntry e = entries.get(entryName);
            if (e == null) {
                return null;
            }
            String shortName = entryName.substring(archive.length() + 1);
            return new String(readEntry(e, 64, shortName), StandardCharsets.UTF_8).trim();
        }

        /**
         * An entry's bytes, trusting neither the declared size nor the data: at most {@code max} bytes
         * are accepted, and the real count must equal the declared size (never reading past it).
         */
        private byte[] readEntry(ZipEntry e, long max, String what) throws IOException {
            long declared = checkedSize(e, max, what);
            byte[] out = new byte[(int) declared];
            try (InputStream s = zip.getInputStream(e)) {
                int n = s.readNBytes(out, 0, out.length);
                if (n < declared) {
                    throw new TorchFormatException(what + " declares " + declared + " bytes but holds only " + n);
                }
                if (s.read() >= 0) {
                    throw new TorchFormatException(what + " holds more bytes than the " + declared + " it declares");
                }
            } catch (ZipException ex) {
                throw new TorchFormatException("damaged zip entry " + what + ": " + oneLine(ex));
            }
            return out;
        }

        private long checkedSize(ZipEntry e, long max, String what) {
            long declared = e.getSize();
            long compressed = e.getCompressedSize();
            if (declared < 0) {
                throw new TorchFormatException(what + " has no declared size");
            }
            if (declared > Math.min(max, MAX_ARRAY)) {
                throw new TorchFormatException(what + " declares " + declared + " bytes, more than the "
                        + Math.min(max, MAX_ARRAY) + " allowed");
            }
            if (e.getMethod() == ZipEntry.STORED && compressed >= 0 && compressed != declared) {
                throw new TorchFormatException(what + " is stored uncompressed but declares " + declared
                        + " bytes and a compressed size of " + compressed);
            }
            if (e.getMethod() != ZipEntry.STORED && (compressed < 0
                    || declared > Math.max(1024, compressed) * MAX_DEFLATE_RATIO)) {
                throw new TorchFormatException(what + " declares " + declared + " bytes from " + compressed
                        + " compressed bytes, an impossible ratio (zip bomb?)");
            }
            return declared;
        }

        /** BINPERSID: ('storage', torch.XStorage, key, location, numel) → a validated storage reference. */
        private Object persistentLoad(Object pid) {
            if (!(pid instanceof Py.Tuple t) || t.size() != 5 || !"storage".equals(t.get(0))) {
                throw new TorchFormatException("persistent id is not ('storage', type, key, location, numel)");
            }
            if (!(t.get(1) instanceof TorchGlobals.Global g) || g.kind() != TorchGlobals.Kind.STORAGE_TYPE
                    || !(t.get(2) instanceof String key) || !(t.get(3) instanceof String location)
                    || !(t.get(4) instanceof Long numel)) {
                throw new TorchFormatException("persistent id has types " + TorchGlobals.describe(t)
                        + " instead of ('storage', torch.XStorage, str, str, int)");
            }
            if (!STORAGE_KEY.matcher(key).matches()) {
                throw new TorchFormatException("invalid storage key " + TorchFormatException.quote(key));
            }
            StorageType type = g.storageType();
            TorchStorage known = storages.get(key);
            if (known != null) {
                if (known.type() != type || known.numel() != numel) {
                    throw new TorchFormatException("storage " + TorchFormatException.quote(key) + " is named as "
                            + known.numel() + " " + known.type() + " and as " + numel + " " + type);
                }
                return known;
            }
            String entryName = archive + "/data/" + key;
            ZipEntry e = entries.get(entryName);
            if (e == null) {
                throw new TorchFormatException("storage " + TorchFormatException.quote(key)
                        + " has no zip entry data/" + key);
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(numel, type.itemSize());
            } catch (ArithmeticException ex) {
                bytes = -1;
            }
            if (numel < 0 || bytes < 0 || numel > MAX_ARRAY || bytes > limits.maxStorageBytes()) {
                throw new TorchFormatException("storage " + TorchFormatException.quote(key) + " declares "
                        + numel + " " + type + " elements, which is out of range");
            }
            checkedSize(e, limits.maxStorageBytes(), "data/" + key);
            if (e.getSize() != bytes) {
                throw new TorchFormatException("storage " + TorchFormatException.quote(key) + " declares " + numel
                        + " " + type + " elements (" + bytes + " bytes) but data/" + key + " holds "
                        + e.getSize() + " bytes");
            }
            TorchStorage s = new TorchStorage(type, key, location, numel, entryName);
            storages.put(key, s);
            return s;
        }

        /** Streams a storage entry into floats; never buffers more than a chunk of raw bytes. */
        private float[] decode(TorchStorage s) throws IOException {
            ZipEntry e = entries.get(s.entryName());
            int item = s.type().itemSize();
            float[] out = new float[(int) s.numel()];
            byte[] buf = new byte[Math.max(item, 1 << 16)];
            String what = "data/" + s.key();
            long total = (long) out.length * item;
            try (InputStream in = zip.getInputStream(e)) {
                long done = 0;
                while (done < total) {
                    int want = (int) Math.min(buf.length, total - done);
                    int n = in.readNBytes(buf, 0, want);
                    if (n < want) {
                        throw new TorchFormatException(what + " declares " + total + " bytes but holds only "
                                + (done + n));
                    }
                    s.type().decode(buf, 0, n / item, out, (int) (done / item));
                    done += n;
                }
                if (in.read() >= 0) {
                    throw new TorchFormatException(what + " holds more bytes than the " + total + " it declares");
                }
            } catch (ZipException ex) {
                throw new TorchFormatException("damaged zip entry " + what + ": " + oneLine(ex));
            }
            return out;
        }

        // ---- choosing the tensors ------------------------------------------------------------------

        private record Candidate(String path, Py.Dict dict, int tensors, int depth) {
        }

        private Result select(Object root, String key, String version) throws IOException {
            if (root instanceof TorchTensor) {
                throw new TorchFormatException("the file holds a single tensor, not a state_dict");
            }
            if (!(root instanceof Py.Dict rootDict)) {
                throw new TorchFormatException("the pickle holds a " + Py.typeName(root)
                        + ", not a state_dict or checkpoint dict");
            }
            List<Candidate> all = new ArrayList<>();
            collect(rootDict, "", 0, all, new IdentityHashMap<>());
            Candidate chosen;
            if (key != null) {
                Object v = lookup(rootDict, key.split("\\.", -1), 0);
                if (v == null) {
                    throw new TorchFormatException("no entry " + TorchFormatException.quote(key)
                            + " in the checkpoint; top-level keys: " + keyList(rootDict));
                }
                if (!(v instanceof Py.Dict d)) {
                    throw new TorchFormatException("entry " + TorchFormatException.quote(key) + " holds a "
                            + Py.typeName(v) + ", not a dict of tensors");
                }
                chosen = new Candidate(key, d, countTensors(d), 0);
                if (chosen.tensors() == 0) {
                    throw new TorchFormatException("entry " + TorchFormatException.quote(key)
                            + " holds no tensors; keys: " + keyList(d));
                }
            } else {
                chosen = null;
                for (Candidate c : all) {
                    if (chosen == null || better(c, chosen)) {
                        chosen = c;
                    }
                }
                if (chosen == null) {
                    throw new TorchFormatException("no tensors found; top-level keys: " + keyList(rootDict));
                }
            }
            Map<String, TorchTensor> selected = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : chosen.dict().map().entrySet()) {
                if (e.getKey() instanceof String k && e.getValue() instanceof TorchTensor t) {
                    selected.put(k, t);
                }
            }
            boolean strip = selected.keySet().stream().allMatch(k -> k.startsWith("module.") && k.length() > 7);
            Map<String, Tensor> tensors = materialize(selected, strip);
            List<String> others = new ArrayList<>();
            for (Candidate c : all) {
                if (c.dict() != chosen.dict()) {
                    others.add(c.path());
                }
            }
            String where = chosen.path().isEmpty() ? "state_dict" : "training checkpoint; tensors from "
                    + TorchFormatException.quote(chosen.path());
            String desc = "torch.save zip (archive " + TorchFormatException.quote(archive)
                    + (version == null ? "" : ", format version " + TorchFormatException.quote(version)) + "), "
                    + where + ", " + tensors.size() + " tensors" + (strip ? ", 'module.' prefix stripped" : "")
                    + (others.isEmpty() ? "" : "; also holds tensors under " + others.size() + " other key(s)");
            return new Result(tensors, chosen.path(), others, desc);
        }

        /** Most tensors wins; on a tie a conventional weights name, then the shallower dict. */
        private static boolean better(Candidate c, Candidate best) {
            if (c.tensors() != best.tensors()) {
                return c.tensors() > best.tensors();
            }
            int rc = rank(c.path());
            int rb = rank(best.path());
            if (rc != rb) {
                return rc < rb;
            }
            return c.depth() < best.depth();
        }

        private static int rank(String path) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            int i = PREFERRED.indexOf(last);
            return i < 0 ? PREFERRED.size() : i;
        }

        /** Every dict (reached through str keys) that holds str-keyed tensors; each dict visited once. */
        private static void collect(Py.Dict d, String path, int depth, List<Candidate> out,
                                    IdentityHashMap<Py.Dict, Boolean> seen) {
            if (depth > MAX_SEARCH_DEPTH || seen.put(d, Boolean.TRUE) != null) {
                return;
            }
            int n = countTensors(d);
            if (n > 0) {
                out.add(new Candidate(path, d, n, depth));
            }
            for (Map.Entry<Object, Object> e : d.map().entrySet()) {
                if (e.getKey() instanceof String k && e.getValue() instanceof Py.Dict child) {
                    collect(child, path.isEmpty() ? k : path + "." + k, depth + 1, out, seen);
                }
            }
        }

        private static int countTensors(Py.Dict d) {
            int n = 0;
            for (Map.Entry<Object, Object> e : d.map().entrySet()) {
                if (e.getKey() instanceof String && e.getValue() instanceof TorchTensor) {
                    n++;
                }
            }
            return n;
        }

        /** Resolves a dotted key, letting a segment of the path itself contain dots ("ema.module.x"). */
        private static Object lookup(Py.Dict d, String[] parts, int from) {
            for (int to = parts.length; to > from; to--) {
                String k = String.join(".", java.util.Arrays.asList(parts).subList(from, to));
                Object v = d.map().get(k);
                if (v == null) {
                    continue;
                }
                if (to == parts.length) {
                    return v;
                }
                if (v instanceof Py.Dict child) {
                    Object r = lookup(child, parts, to);
                    if (r != null) {
                        return r;
                    }
                }
            }
            return null;
        }

        private static String keyList(Py.Dict d) {
            StringBuilder b = new StringBuilder("[");
            int i = 0;
            for (Object k : d.map().keySet()) {
                if (i > 0) {
                    b.append(", ");
                }
                if (i++ == 10) {
                    b.append("... ").append(d.map().size() - 10).append(" more");
                    break;
                }
                b.append(k instanceof String s ? TorchFormatException.quote(s) : Py.typeName(k));
            }
            return b.append(']').toString();
        }

        /**
         * Reads each needed storage once, however many tensors view it, and drops it after its last
         * view is gathered so peak memory stays near one storage plus the results.
         */
        private Map<String, Tensor> materialize(Map<String, TorchTensor> selected, boolean strip) throws IOException {
            Map<String, Integer> uses = new HashMap<>();
            for (TorchTensor t : selected.values()) {
                uses.merge(t.storage.key(), 1, Integer::sum);
            }
            Map<String, float[]> decoded = new HashMap<>();
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, TorchTensor> e : selected.entrySet()) {
                TorchTensor t = e.getValue();
                String skey = t.storage.key();
                float[] src = decoded.get(skey);
                if (src == null) {
                    src = decode(t.storage);
                    decoded.put(skey, src);
                }
                int left = uses.merge(skey, -1, Integer::sum);
                float[] data;
                if (left == 0) {
                    decoded.remove(skey);
                    // The last (often only) view of a storage that it covers exactly can take the array over.
                    data = t.numel == src.length && t.offset == 0 && t.isContiguous() ? src : t.gather(src);
                } else {
                    data = t.gather(src);
                }
                String name = strip ? e.getKey().substring("module.".length()) : e.getKey();
                out.put(name, new Tensor(t.shape.clone(), data, t.storage.type().storedType()));
            }
            return out;
        }
    }
}
