package org.lmcx.analysis;

import org.lmcx.match.IdentityMatcher;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matcher;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Three models merged through one reference (paper Tables 4 and 5): θb and θc are both matched to θa, and the
 * barriers of a–π(b), a–π(c) and π(b)–π(c) are measured. If matching only made each model look like θa, the
 * last pair, never matched to each other, would keep a barrier; the paper finds it small too, because WM
 * aligns all three to the same dominant singular directions.
 */
public final class ThreeModels {

    /**
     * One interpolated pair.
     *
     * @param label   e.g. {@code "a–π(b)"}
     * @param matched whether the pair's models were permuted by a matching (false for the unmatched reference rows
     *                and for every pair of an identity run)
     * @param curve   the interpolation with its barriers (test, and train if given)
     */
    public record Pair(String label, boolean matched, Interpolation.Result curve) {

        /** Test loss barrier, {@link Barrier#LINEAR} definition. */
        public double testLossBarrier() {
            return curve.test().lossBarrier().value();
        }

        /** Test accuracy barrier, {@link Barrier#LINEAR} definition. */
        public double testAccuracyBarrier() {
            return curve.test().accuracyBarrier().value();
        }
    }

    /**
     * @param method  matcher name
     * @param matchB  θb matched to θa
     * @param matchC  θc matched to θa
     * @param pairs   matched pairs first (a–π(b), a–π(c), π(b)–π(c)), then unmatched ones if requested
     */
    public record Result(String method, MatchResult matchB, MatchResult matchC, List<Pair> pairs, double seconds) {
        public Result {
            pairs = List.copyOf(pairs);
        }
    }

    private ThreeModels() {
    }

    /**
     * @param ctx               seed, train data and options for the matcher; its monitor is ignored in favour of
     *                          {@code monitor}
     * @param includeUnmatched  also interpolate a–b, a–c and b–c as they are (the reference rows)
     */
    public static Result run(Model a, Model b, Model c, Matcher matcher, MatchContext ctx, Dataset train,
                             Dataset test, Interpolation.Options interpolation, boolean includeUnmatched,
                             Monitor monitor) {
        a.requireSameArchitecture(b);
        a.requireSameArchitecture(c);
        long t0 = System.nanoTime();
        MatchResult mb = matcher.match(a, b, ctx.withMonitor(monitor.sub(0, 0.15)));
        MatchResult mc = matcher.match(a, c, ctx.withMonitor(monitor.sub(0.15, 0.3)));
        Model pb = mb.spec().apply(b, mb.permutation(), "π(" + b.source() + ")");
        Model pc = mc.spec().apply(c, mc.permutation(), "π(" + c.source() + ")");
        List<Pair> pairs = barriers(a, b, c, pb, pc, !IdentityMatcher.NAME.equals(matcher.name()), train, test,
                interpolation, includeUnmatched, monitor.sub(0.3, 1));
        return new Result(matcher.name(), mb, mc, pairs, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The barriers of a–π(b), a–π(c), π(b)–π(c) (and a–b, a–c, b–c if asked) from models already permuted, so
     * a caller that has π(B) and π(C) does not build them again.
     *
     * @param matched whether π(B), π(C) come from a method that permutes (false for the identity: then no
     *                pair is more matched than the reference rows); π(b)–π(c) is never a matched pair
     */
    public static List<Pair> barriers(Model a, Model b, Model c, Model pb, Model pc, boolean matched, Dataset train,
                                      Dataset test, Interpolation.Options interpolation, boolean includeUnmatched,
                                      Monitor monitor) {
        a.requireSameArchitecture(pb);
        a.requireSameArchitecture(pc);
        List<Model[]> todo = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        todo.add(new Model[]{a, pb});
        labels.add("a–π(b)");
        todo.add(new Model[]{a, pc});
        labels.add("a–π(c)");
        todo.add(new Model[]{pb, pc});
        labels.add("π(b)–π(c)");
        if (includeUnmatched) {
            todo.add(new Model[]{a, b});
            labels.add("a–b");
            todo.add(new Model[]{a, c});
            labels.add("a–c");
            todo.add(new Model[]{b, c});
            labels.add("b–c");
        }
        List<Pair> pairs = new ArrayList<>();
        double step = 1.0 / todo.size();
        for (int i = 0; i < todo.size(); i++) {
            monitor.checkCancelled();
            Monitor sub = monitor.sub(i * step, (i + 1) * step);
            Interpolation.Result r = Interpolation.run(labels.get(i), todo.get(i)[0], todo.get(i)[1], train, test,
                    train, interpolation, sub);
            // Only a–π(b) and a–π(c) were matched; π(b)–π(c) was never matched to each other.
            pairs.add(new Pair(labels.get(i), matched && i < 2, r));
        }
        monitor.update(1, "three models done");
        return pairs;
    }
}
