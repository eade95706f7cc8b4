package org.lmcx.io.torch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lmcx.io.torch.TorchCheckpointReader.Result;
import org.lmcx.model.Tensor;

/**
 * Chooses which dict of an unpickled checkpoint holds the model's weights (a bare state_dict, the dict at a
 * given key, or the best candidate found by searching nested dicts) and turns its tensors into
 * {@link Tensor}s, reading each storage once.
 */
final class StateDictSelector {

    /** Nested dict names that, on a tie in tensor count, are the model's weights rather than, say, an EMA. */
    private static final List<String> PREFERRED = List.of("state_dict", "model_state_dict", "model", "net",
            "module");
    /** How deep the automatic search looks for the weights dict inside a checkpoint dict. */
    private static final int MAX_SEARCH_DEPTH = 6;

    private StateDictSelector() {
    }

    private record Candidate(String path, Py.Dict dict, int tensors, int depth) {
    }

    /**
     * The tensors of {@code root}: the dict at {@code key}, or (key null) the dict found by the search, its
     * storages decoded from {@code zip}.
     */
    static Result select(Object root, String key, String version, TorchZipArchive zip) throws IOException {
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
        Map<String, Tensor> tensors = materialize(selected, strip, zip);
        List<String> others = new ArrayList<>();
        for (Candidate c : all) {
            if (c.dict() != chosen.dict()) {
                others.add(c.path());
            }
        }
        String where = chosen.path().isEmpty() ? "state_dict" : "training checkpoint; tensors from "
                + TorchFormatException.quote(chosen.path());
        String desc = "torch.save zip (archive " + TorchFormatException.quote(zip.archiveName())
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
    private static Map<String, Tensor> materialize(Map<String, TorchTensor> selected, boolean strip,
                                                   TorchZipArchive zip) throws IOException {
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
                src = zip.decode(t.storage);
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
