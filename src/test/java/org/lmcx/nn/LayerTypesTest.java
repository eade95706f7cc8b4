package org.lmcx.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmcx.TestModels;
import org.lmcx.analysis.FunctionPreservation;
import org.lmcx.model.Architecture;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lmcx.nn.FastForwardTest.bn;

/**
 * Every registered layer type ({@link Layer#TYPES}), placed in a small network on a {@code [3,8,8]} input
 * (followed by flatten and a dense head), goes through spec derivation, function preservation (a random
 * permutation leaves the logits unchanged) and DL4J-vs-fast equivalence. A type added to the registry without
 * a sample here fails {@link #everyRegisteredTypeHasASample()}.
 */
class LayerTypesTest {

    private static Layer conv(String key, int in, int out, int stride) {
        return new Layer.Conv2d(key + ".weight", key + ".bias", in, out, 3, stride, 1);
    }

    /** One network per type, containing it where a user would put it. */
    static Map<String, List<Layer>> samples() {
        Map<String, List<Layer>> m = new LinkedHashMap<>();
        m.put("dense", List.of(new Layer.Flatten(), new Layer.Dense("d.weight", "d.bias", 3 * 8 * 8, 7),
                new Layer.Relu(), new Layer.Dense("e.weight", null, 7, 6), new Layer.Relu()));
        m.put("conv2d", List.of(conv("c", 3, 4, 1), new Layer.Relu(), conv("c2", 4, 5, 2), new Layer.Relu()));
        m.put("batchnorm", List.of(conv("c", 3, 4, 1), new Layer.Relu(), bn("b", 4), conv("c2", 4, 4, 1), bn("b2", 4)));
        m.put("relu", List.of(conv("c", 3, 4, 1), new Layer.Relu()));
        m.put("maxpool", List.of(conv("c", 3, 4, 1), new Layer.MaxPool(2, 2)));
        m.put("avgpool", List.of(conv("c", 3, 4, 1), new Layer.AvgPool(3, 2)));
        m.put("globalavgpool", List.of(conv("c", 3, 4, 1), new Layer.Relu(), new Layer.GlobalAvgPool()));
        m.put("flatten", List.of(conv("c", 3, 4, 2), new Layer.Flatten(), new Layer.Dense("d.weight", "d.bias", 64, 6)));
        m.put("dropout", List.of(conv("c", 3, 4, 1), new Layer.Dropout(), bn("b", 4), new Layer.Relu(),
                new Layer.Flatten(), new Layer.Dropout(), new Layer.Dense("d.weight", "d.bias", 256, 6),
                new Layer.Dropout()));
        m.put("residual", List.of(conv("c", 3, 4, 1),
                new Layer.Residual(List.of(conv("r1", 4, 4, 1), bn("r1b", 4)), List.of()), new Layer.Relu(),
                new Layer.Residual(List.of(conv("r2", 4, 6, 2), bn("r2b", 6)),
                        List.of(new Layer.Conv2d("s.weight", null, 4, 6, 1, 2, 0), bn("sb", 6)))));
        return m;
    }

    static Stream<String> types() {
        return Layer.TYPES.stream().map(Layer.Type::name);
    }

    @Test
    void everyRegisteredTypeHasASample() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(types().toList());
        for (Map.Entry<String, List<Layer>> e : samples().entrySet()) {
            assertThat(types(e.getValue())).as(e.getKey()).contains(e.getKey());
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void derivesASpecThatPreservesTheFunction(String type) {
        Architecture arch = FastForwardTest.sequential(new int[]{3, 8, 8}, samples().get(type));
        PermutationSpec spec = PermutationSpec.derive(arch);
        // Every weight but the head's has its output axis permuted by some group.
        Set<String> outputPermuted = spec.groups().values().stream().flatMap(g -> g.axes().stream())
                .filter(a -> a.axis() == 0).map(PermutationSpec.AxisRef::tensor).collect(Collectors.toSet());
        for (Layer l : arch.flatLayers()) {
            l.weightMatrix().filter(w -> l != arch.logitsLayer())
                    .ifPresent(w -> assertThat(outputPermuted).as(type + ": " + w.tensor()).contains(w.tensor()));
        }
        Model m = TestModels.random(arch, 11);
        Model permuted = spec.apply(m, spec.random(12), "π");
        String first = arch.parameterShapes().keySet().iterator().next();
        assertThat(permuted.tensor(first).data()).as("the permutation moves " + first)
                .isNotEqualTo(m.tensor(first).data());
        FunctionPreservation.Report r = FunctionPreservation.check(m, spec, spec.random(12),
                FastForwardTest.randomImages(arch.inputShape(), 16, arch.numClasses(), 13));
        assertThat(r.relativeDifference()).as(type + ": logits after a random permutation")
                .isLessThan(FunctionPreservation.TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("types")
    void fastForwardAgreesWithDl4j(String type) {
        FastForwardTest.assertAgrees(FastForwardTest.sequential(new int[]{3, 8, 8}, samples().get(type)), 21, 9, 4);
    }

    /** The types used, containers and their branches included. */
    private static Set<String> types(List<Layer> layers) {
        Set<String> out = new java.util.HashSet<>();
        for (Layer l : layers) {
            out.add(l.type());
            l.branches().forEach(b -> out.addAll(types(b)));
        }
        return out;
    }
}
