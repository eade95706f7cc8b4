package org.lmcx.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One index permutation per group of a {@link PermutationSpec}, in git-re-basin's convention: applying it
 * moves unit {@code perm[i]} of model B to position {@code i}, so after matching, unit i of A faces unit
 * {@code perm[i]} of B.
 */
public record Permutation(Map<String, int[]> perms) {

    public Permutation {
        Map<String, int[]> copy = new LinkedHashMap<>();
        perms.forEach((k, v) -> copy.put(k, v.clone()));
        perms = Collections.unmodifiableMap(copy);
    }

    public int[] get(String group) {
        int[] p = perms.get(group);
        if (p == null) {
            throw new IllegalArgumentException("no permutation for group " + group);
        }
        return p.clone();
    }

    public Permutation with(String group, int[] perm) {
        Map<String, int[]> m = new LinkedHashMap<>(perms);
        m.put(group, perm);
        return new Permutation(m);
    }

    public Permutation inverse() {
        Map<String, int[]> m = new LinkedHashMap<>();
        perms.forEach((k, p) -> {
            int[] inv = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                inv[p[i]] = i;
            }
            m.put(k, inv);
        });
        return new Permutation(m);
    }

    /** True when every group maps each index to itself. */
    public boolean isIdentity() {
        for (int[] p : perms.values()) {
            for (int i = 0; i < p.length; i++) {
                if (p[i] != i) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Permutation other) || !perms.keySet().equals(other.perms.keySet())) {
            return false;
        }
        for (Map.Entry<String, int[]> e : perms.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), other.perms.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, int[]> e : perms.entrySet()) {
            h += e.getKey().hashCode() ^ java.util.Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
