package org.lmcx.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which hidden-unit permutations a network admits and where each acts: for every group, the
 * (tensor, axis) pairs it reorders. Derived from the layers by {@link #derive(Architecture)}; residual
 * additions force both summands (and so a whole ResNet stage's stream) onto one group.
 *
 * @param groups permutation groups in network order
 */
public record PermutationSpec(Map<String, Group> groups) {

    /**
     * One axis a permutation acts on. {@code view} (nullable) reinterprets the tensor before indexing the
     * axis, e.g. a dense weight {@code [out, C·H·W]} after a flatten is seen as {@code [out, C, H·W]} and
     * permuted on axis 1. {@code inCost} is false for BN running statistics: they move with their channel
     * but are no parameters to align.
     */
    public record AxisRef(String tensor, int axis, int[] view, boolean inCost) {
        public AxisRef {
            view = view == null ? null : view.clone();
        }

        @Override
        public int[] view() {
            return view == null ? null : view.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AxisRef r && tensor.equals(r.tensor) && axis == r.axis && inCost == r.inCost
                    && java.util.Arrays.equals(view, r.view);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tensor, axis, inCost, java.util.Arrays.hashCode(view));
        }
    }

    /** A permutation group: its size and every axis it acts on. */
    public record Group(String name, int size, List<AxisRef> axes) {
        public Group {
            axes = List.copyOf(axes);
        }
    }

    /** A group's action on one axis of a tensor. */
    public record TensorAxis(String group, AxisRef ref) {
    }

    public PermutationSpec {
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /** For every tensor the spec touches, the groups that act on it and where. */
    public Map<String, List<TensorAxis>> byTensor() {
        Map<String, List<TensorAxis>> m = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            for (AxisRef a : g.axes()) {
                m.computeIfAbsent(a.tensor(), k -> new ArrayList<>()).add(new TensorAxis(g.name(), a));
            }
        }
        return m;
    }

    public Permutation identity() {
        Map<String, int[]> m = new LinkedHashMap<>();
        groups.values().forEach(g -> {
            int[] p = new int[g.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            m.put(g.name(), p);
        });
        return new Permutation(m);
    }

    /** A uniformly random permutation of every group (Fisher–Yates), reproducible from the seed. */
    public Permutation random(long seed) {
        Random rnd = new Random(seed);
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            int[] p = new int[g.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            for (int i = p.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            m.put(g.name(), p);
        }
        return new Permutation(m);
    }

    /**
     * π(model): every tensor reordered along the axes its groups act on. Other tensors are kept as they are.
     * Every application is counted ({@link #applications()}), so a test can assert that an analysis builds π(B)
     * once.
     */
    public Model apply(Model model, Permutation perm, String newSource) {
        APPLICATIONS.incrementAndGet();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<TensorAxis>> e : byTensor().entrySet()) {
            Tensor t = model.tensor(e.getKey());
            for (TensorAxis ta : e.getValue()) {
                t = t.permuteAxis(ta.ref().axis(), perm.get(ta.group()), ta.ref().view());
            }
            out.put(e.getKey(), t);
        }
        return model.withTensors(newSource, out);
    }

    /** Specs already derived, per architecture: {@link #of} is the one place call sites get a spec from. */
    private static final java.util.concurrent.ConcurrentMap<Architecture, PermutationSpec> DERIVED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong APPLICATIONS =
            new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong DERIVATIONS =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * The spec of an architecture, derived on first use and then reused (specs are immutable; deriving walks
     * the whole layer list). Every call site uses this rather than {@link #derive}.
     */
    public static PermutationSpec of(Architecture arch) {
        return DERIVED.computeIfAbsent(arch, PermutationSpec::derive);
    }

    /** How many times {@link #apply} ran in this JVM (a test counts π(B) constructions with it). */
    public static long applications() {
        return APPLICATIONS.get();
    }

    /** How many times a spec was actually derived (not served from the {@link #of} cache) in this JVM. */
    public static long derivations() {
        return DERIVATIONS.get();
    }

    /**
     * Derives the spec of an architecture (every built-in family and every custom sequential network). Call
     * {@link #of} instead unless a fresh derivation is the point (tests of the deriver).
     */
    public static PermutationSpec derive(Architecture arch) {
        DERIVATIONS.incrementAndGet();
        Deriver d = new Deriver(arch);
        d.walk(arch.layers(), null, arch.inputShape());
        return d.result();
    }

    /**
     * Walks the layers tracking which group permutes the current activation's channel axis; each layer states
     * its own action ({@link Layer#permute}). Every layer that produces channels opens a provisional group; a
     * residual sum unions the groups of its two branches (union–find), so the groups that remain are exactly the
     * independent permutations.
     */
    public static final class Deriver {
        private final Architecture arch;
        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, Integer> sizes = new LinkedHashMap<>();
        private final Map<String, List<AxisRef>> axes = new HashMap<>();
        private final Layer logits;
        private int[] flattenedFrom;

        Deriver(Architecture arch) {
            this.arch = arch;
            this.logits = arch.logitsLayer();
            if (logits == null) {
                throw new IllegalArgumentException(arch.name() + " has no final dense layer producing logits");
            }
        }

        public String architectureName() {
            return arch.name();
        }

        /**
         * Opens a group for the {@code size} output channels of {@code layer}, named after its weight key; null
         * for the logits layer, whose outputs are the classes and never permuted.
         */
        public String open(Layer layer, String key, int size) {
            if (layer == logits) {
                return null;
            }
            String name = "P_" + (key.endsWith(".weight") ? key.substring(0, key.length() - 7) : key);
            sizes.put(name, size);
            parent.put(name, name);
            axes.put(name, new ArrayList<>());
            return name;
        }

        private String find(String g) {
            while (!parent.get(g).equals(g)) {
                parent.put(g, parent.get(parent.get(g)));
                g = parent.get(g);
            }
            return g;
        }

        /** Joins two groups; the one opened first names the result (a ResNet stream is named by its stem). */
        public void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            List<String> order = new ArrayList<>(sizes.keySet());
            if (order.indexOf(ra) <= order.indexOf(rb)) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }

        /** Group {@code group} (null: none) reorders {@code axis} of {@code tensor} (null: absent), seen as {@code view}. */
        public void add(String group, String tensor, int axis, int[] view, boolean inCost) {
            if (group != null && tensor != null) {
                axes.get(group).add(new AxisRef(tensor, axis, view, inCost));
            }
        }

        /** Notes that the activation was flattened from {@code shape}, for the dense layer that reads it. */
        public void markFlattened(int[] shape) {
            flattenedFrom = shape.clone();
        }

        /** The shape the input was flattened from (null if it was not), forgotten once taken. */
        public int[] takeFlattened() {
            int[] f = flattenedFrom;
            flattenedFrom = null;
            return f;
        }

        /** Returns the group of the output's channel axis (null: not permutable, e.g. the input). */
        public String walk(List<Layer> layers, String current, int[] shape) {
            String g = current;
            int[] s = shape;
            for (Layer l : layers) {
                g = l.permute(this, g, s);
                s = l.outputShape(s);
            }
            return g;
        }

        PermutationSpec result() {
            Map<String, Group> groups = new LinkedHashMap<>();
            Map<String, List<AxisRef>> merged = new LinkedHashMap<>();
            for (String g : sizes.keySet()) {
                merged.computeIfAbsent(find(g), k -> new ArrayList<>()).addAll(axes.get(g));
            }
            for (Map.Entry<String, List<AxisRef>> e : merged.entrySet()) {
                groups.put(e.getKey(), new Group(e.getKey(), sizes.get(e.getKey()), e.getValue()));
            }
            return new PermutationSpec(groups);
        }
    }
}
