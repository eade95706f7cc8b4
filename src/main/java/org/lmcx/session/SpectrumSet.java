package org.lmcx.session;

import org.lmcx.analysis.Spectra;

import java.util.ArrayList;
import java.util.List;

/**
 * Singular values of one layer's weight matrix in several models, largest first.
 *
 * @param layer  the tensor, e.g. "fc1.weight"
 * @param series one entry per model (A, B, π(B), merged at λ, …)
 */
public record SpectrumSet(String layer, List<Series> series) {

    /** One model's singular values, descending. */
    public record Series(String label, double[] values) {
        public Series {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    public SpectrumSet {
        series = List.copyOf(series);
    }

    /** σ(A), σ(B) and σ(π(B)) of one layer, named by its weight tensor. */
    public static SpectrumSet of(Spectra.LayerSpectrum l) {
        return new SpectrumSet(l.tensor(), List.of(new Series("A", l.a()), new Series("B", l.b()),
                new Series("π(B)", l.permutedB())));
    }

    /**
     * The sets with the merged model's spectrum of each layer appended ("merged wm λ=0.50"), from a path
     * result with one λ; {@code merged} null leaves them as they are.
     */
    public static List<SpectrumSet> withMerged(List<SpectrumSet> sets, Spectra.PathResult merged, String method) {
        if (merged == null || merged.lambdas().length == 0) {
            return sets;
        }
        double lambda = merged.lambdas()[0];
        List<SpectrumSet> out = new ArrayList<>();
        for (SpectrumSet s : sets) {
            List<Series> ser = new ArrayList<>(s.series());
            for (Spectra.LayerPath p : merged.layers()) {
                if (p.tensor().equals(s.layer())) {
                    ser.add(new Series(String.format(java.util.Locale.ROOT, "merged %s λ=%.2f", method, lambda),
                            p.values()[0]));
                }
            }
            out.add(new SpectrumSet(s.layer(), ser));
        }
        return out;
    }

    /** {@link #of(Spectra.LayerSpectrum)} for every layer, in network order. */
    public static List<SpectrumSet> of(Spectra.Result r) {
        List<SpectrumSet> out = new ArrayList<>();
        for (Spectra.LayerSpectrum l : r.layers()) {
            out.add(of(l));
        }
        return out;
    }
}
