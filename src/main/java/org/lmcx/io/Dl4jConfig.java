package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.lmcx.model.InvalidModelException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layer chain of a DL4J {@code configuration.json}, read as a plain JSON tree: no class named in the file
 * is ever loaded or instantiated (DL4J's own reader lets Jackson create whatever {@code "@class"} says).
 * A MultiLayerNetwork is its {@code confs} list with {@code inputPreProcessors} by layer index; a
 * ComputationGraph must be a linear chain of layer and preprocessor vertices from one input to one output.
 */
final class Dl4jConfig {

    /** Bounds on what a configuration may hold; real ones have tens of layers. */
    static final int MAX_LAYERS = 10_000;

    private static final String LAYERS = "org.deeplearning4j.nn.conf.layers.";
    private static final String PREPROCESSORS = "org.deeplearning4j.nn.conf.preprocessor.";

    /**
     * One layer of the chain.
     *
     * @param what  "layer 3 (DenseLayer)" or "vertex \"fc\" (DenseLayer)", for messages
     * @param type  the DL4J layer class's simple name, or the full name if it is not one of DL4J's layers
     * @param layer the layer's JSON object
     * @param pre   its input preprocessor's JSON object, or null
     */
    record Step(String what, String type, JsonNode layer, JsonNode pre) {
    }

    private Dl4jConfig() {
    }

    static List<Step> steps(JsonNode root, String name) {
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(name + ": configuration.json is not a JSON object");
        }
        if (root.has("vertices")) {
            return graphSteps(root, name);
        }
        JsonNode confs = root.get("confs");
        if (confs == null || !confs.isArray()) {
            throw new InvalidModelException(name + ": configuration.json has neither \"confs\" (MultiLayerNetwork) "
                    + "nor \"vertices\" (ComputationGraph)");
        }
        if (confs.size() > MAX_LAYERS) {
            throw new InvalidModelException(name + ": configuration has " + confs.size() + " layers (limit "
                    + MAX_LAYERS + ")");
        }
        JsonNode pres = root.path("inputPreProcessors");
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < confs.size(); i++) {
            JsonNode layer = confs.get(i).path("layer");
            String type = type(layer, LAYERS, name + ": layer " + i);
            JsonNode pre = pres.isObject() ? pres.get(String.valueOf(i)) : null;
            steps.add(new Step("layer " + i + " (" + type + ")", type, layer, pre == null || pre.isNull() ? null : pre));
        }
        return steps;
    }

    private static List<Step> graphSteps(JsonNode root, String name) {
        JsonNode vertices = root.get("vertices");
        JsonNode inputs = root.path("networkInputs");
        JsonNode outputs = root.path("networkOutputs");
        JsonNode vertexInputs = root.path("vertexInputs");
        if (!vertices.isObject() || !vertexInputs.isObject()) {
            throw new InvalidModelException(name + ": ComputationGraph configuration lacks vertices or vertexInputs");
        }
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new InvalidModelException(name + ": ComputationGraph has " + inputs.size() + " inputs and "
                    + outputs.size() + " outputs; only single-input, single-output linear chains are supported");
        }
        if (vertices.size() > MAX_LAYERS) {
            throw new InvalidModelException(name + ": configuration has " + vertices.size() + " vertices (limit "
                    + MAX_LAYERS + ")");
        }
        // Follow the chain from the input: each vertex must have exactly one input, the vertex before it.
        Map<String, String> next = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vertexInputs.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode in = e.getValue();
            if (!in.isArray() || in.size() != 1 || next.put(in.get(0).asText(), e.getKey()) != null) {
                throw new InvalidModelException(name + ": vertex \"" + e.getKey() + "\" takes inputs " + in
                        + "; only linear chains (each vertex fed by the one before) are supported");
            }
        }
        List<Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonNode pendingPre = null;
        String at = next.get(inputs.get(0).asText());
        while (at != null) {
            if (!seen.add(at)) {
                throw new InvalidModelException(name + ": vertex \"" + at + "\" is part of a cycle");
            }
            JsonNode v = vertices.get(at);
            if (v == null || !v.isObject()) {
                throw new InvalidModelException(name + ": vertex \"" + at + "\" is not described");
            }
            String vt = v.path("@class").asText("");
            if (vt.endsWith(".PreprocessorVertex")) {
                if (pendingPre != null) {
                    throw new InvalidModelException(name + ": vertex \"" + at + "\": two preprocessors in a row "
                            + "are not supported");
                }
                pendingPre = v.get("preProcessor");
            } else if (vt.endsWith(".LayerVertex")) {
                JsonNode pre = v.get("preProcessor");
                pre = pre == null || pre.isNull() ? null : pre;
                if (pre != null && pendingPre != null) {
                    throw new InvalidModelException(name + ": vertex \"" + at + "\": two preprocessors in a row "
                            + "are not supported");
                }
                JsonNode layer = v.path("layerConf").path("layer");
                String type = type(layer, LAYERS, name + ": vertex \"" + at + "\"");
                steps.add(new Step("vertex \"" + at + "\" (" + type + ")", type, layer, pre != null ? pre : pendingPre));
                pendingPre = null;
            } else {
                throw new InvalidModelException(name + ": vertex \"" + at + "\" is a " + simple(vt)
                        + ", which is not supported (only layers and preprocessors in a chain)");
            }
            at = next.get(at);
        }
        if (seen.size() != vertices.size()) {
            throw new InvalidModelException(name + ": " + (vertices.size() - seen.size()) + " vertices are not on the "
                    + "chain from the input; only linear chains are supported");
        }
        if (!seen.contains(outputs.get(0).asText())) {
            throw new InvalidModelException(name + ": the output vertex is not at the end of the chain");
        }
        if (pendingPre != null) {
            throw new InvalidModelException(name + ": graph ends in a preprocessor vertex");
        }
        return steps;
    }

    /** The simple class name of a DL4J layer or preprocessor; anything from another package keeps its full name. */
    static String type(JsonNode node, String expectedPackage, String where) {
        if (node == null || !node.isObject() || !node.path("@class").isTextual()) {
            throw new InvalidModelException(where + ": has no layer configuration");
        }
        String c = node.get("@class").asText();
        return c.startsWith(expectedPackage) && c.indexOf('.', expectedPackage.length()) < 0
                ? c.substring(expectedPackage.length()) : c;
    }

    static String preprocessorType(JsonNode pre, String where) {
        return type(pre, PREPROCESSORS, where);
    }

    static String simple(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
