package org.lmcx.analysis;

/** Defensive copies for result records, which hand out plain arrays but must stay immutable. */
final class Copies {

    private Copies() {
    }

    static double[] of(double[] a) {
        return a == null ? null : a.clone();
    }

    static double[][] of(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }
}
