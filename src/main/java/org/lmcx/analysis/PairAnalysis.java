package org.lmcx.analysis;

import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matchers;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standard experiment on a pair: for each method, match B to A, then trace loss and accuracy along the
 * line from A to π(B). The CLI's {@code analyze}/{@code demo} and the GUI's Run button both call this.
 */
public final class PairAnalysis {

    /** One method's matching outcome and its interpolation curve. */
    public record MethodRun(MatchResult match, Interpolation.Result curve) {
    }

    /** Everything one run produced, in method order. */
    public record Result(String modelA, String modelB, String architecture, List<MethodRun> runs) {
        public Result {
            runs = List.copyOf(runs);
        }
    }

    /**
     * @param methods  registry names, e.g. {@code ["identity", "wm"]}
     * @param options  per-method options (see each matcher), may be empty
     */
    public record Request(List<String> methods, long seed, Map<String, String> options,
                          Interpolation.Options interpolation) {
    }

    private PairAnalysis() {
    }

    public static Result run(Model a, Model b, Dataset train, Dataset test, Request request, Monitor monitor) {
        a.requireSameArchitecture(b);
        List<MethodRun> runs = new ArrayList<>();
        Map<String, Map<String, String>> perMethod = Matchers.split(request.methods(), request.options());
        int n = request.methods().size();
        for (int i = 0; i < n; i++) {
            String method = request.methods().get(i);
            Monitor part = monitor.sub((double) i / n, (i + 0.5) / n);
            MatchContext ctx = new MatchContext(request.seed(), train, part, perMethod.get(method));
            MatchResult match = Matchers.get(method).match(a, b, ctx);
            Model pb = match.spec().apply(b, match.permutation(), method + "(" + b.source() + ")");
            Interpolation.Result curve = Interpolation.run(method, a, pb, train, test, train,
                    request.interpolation(), monitor.sub((i + 0.5) / n, (i + 1.0) / n));
            runs.add(new MethodRun(match, curve));
        }
        return new Result(a.source(), b.source(), a.architecture().name(), runs);
    }
}
