package org.lmcx.match;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw Frobenius distances between A and B before ({@code ‖θa − θb‖}) and after ({@code ‖θa − π(θb)‖})
 * matching, over every trainable tensor (weights and biases, the logits' bias included; BN running statistics
 * excluded: {@link MatchingMath#measuredTensors}), in total and per tensor.
 */
public record Distances(double before, double after, Map<String, Double> perTensorBefore,
                        Map<String, Double> perTensorAfter) {

    public Distances {
        perTensorBefore = Collections.unmodifiableMap(new LinkedHashMap<>(perTensorBefore));
        perTensorAfter = Collections.unmodifiableMap(new LinkedHashMap<>(perTensorAfter));
    }
}
