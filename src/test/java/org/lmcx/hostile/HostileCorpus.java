package org.lmcx.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the crafted hostile inputs of issue 11 into a folder, with the JDK only (the bulky ones, such as a
 * 1M-tensor safetensors header, are generated rather than checked in). {@code hostile/cases.sh} runs every
 * case against a jar; the tests read the same files through {@link #write(Path)}.
 *
 * <p>{@code java -cp target/test-classes org.lmcx.hostile.HostileCorpus DIR}
 */
public final class HostileCorpus {

    /** An unresolvable host: a resolution attempt shows up as a delay or in the resolver's counters. */
    public static final String PAYLOAD_HOST = "lmcx-urldns-canary.invalid";

    private HostileCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "hostile-corpus");
        write(dir);
        System.out.println("wrote hostile corpus to " + dir);
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(11);
        // A tiny MLP 784-16-10 in two seeds: inferred as a plain sequential MLP, no descriptor needed.
        Map<String, float[]> a = mlp(rnd);
        Map<String, float[]> b = mlp(rnd);
        Files.write(dir.resolve("tiny_a.safetensors"), safetensors(a, mlpShapes(), Map.of(), Map.of()));
        Files.write(dir.resolve("tiny_b.safetensors"), safetensors(b, mlpShapes(), Map.of(), Map.of()));
        // fc1.weight stored as I32: integer tensors must never become float parameters.
        Files.write(dir.resolve("int_weight.safetensors"), safetensors(a, mlpShapes(), Map.of("fc1.weight", "I32"),
                Map.of()));
        Files.write(dir.resolve("dup_key.safetensors"), duplicateKey(a));
        Files.write(dir.resolve("overlap.safetensors"), overlapping(a));
        Files.write(dir.resolve("million_tensors.safetensors"), millionTensors());
        // 10,000 residual blocks riding in the metadata.
        Files.write(dir.resolve("res10k_meta.safetensors"), safetensors(a, mlpShapes(), Map.of(),
                Map.of("lmcx.architecture", residualTower(10_000))));
        Files.writeString(dir.resolve("mlp.arch.json"), "{\"family\":\"mlp\",\"input\":[1,28,28],\"widths\":[16],"
                + "\"classes\":10}");
        Files.writeString(dir.resolve("res10k.arch.json"), residualTower(10_000));
        Files.writeString(dir.resolve("input_overflow.arch.json"), "{\"family\":\"sequential\",\"input\":[16,7,268435463],"
                + "\"layers\":[{\"type\":\"flatten\"},{\"type\":\"dense\",\"key\":\"fc1\"},{\"type\":\"relu\"},"
                + "{\"type\":\"dense\",\"key\":\"fc2\"}]}");
        writeConvFamily(dir, rnd);
        writeDatasets(dir);
        writeDl4jPayloads(dir);
        Files.writeString(dir.resolve("bad_option.txt"), "-O iteration=5\n");
    }

    // ---- safetensors -------------------------------------------------------------------------------------

    static Map<String, int[]> mlpShapes() {
        Map<String, int[]> s = new LinkedHashMap<>();
        s.put("fc1.weight", new int[]{16, 784});
        s.put("fc1.bias", new int[]{16});
        s.put("fc2.weight", new int[]{10, 16});
        s.put("fc2.bias", new int[]{10});
        return s;
    }

    static Map<String, float[]> mlp(Random rnd) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : mlpShapes().entrySet()) {
            int n = 1;
            for (int d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (rnd.nextGaussian() * 0.05);
            }
            m.put(e.getKey(), v);
        }
        return m;
    }

    /** Safetensors bytes; tensors listed in {@code ints} are written as I32 (values rounded). */
    public static byte[] safetensors(Map<String, float[]> tensors, Map<String, int[]> shapes, Map<String, String> ints,
                                     Map<String, String> metadata) {
        StringBuilder h = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            h.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                h.append(first ? "" : ",").append(quote(m.getKey())).append(':').append(quote(m.getValue()));
                first = false;
            }
            h.append("},");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean first = true;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            boolean asInt = ints.containsKey(e.getKey());
            float[] v = e.getValue();
            ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                if (asInt) {
                    bb.putInt(Math.round(f * 100));
                } else {
                    bb.putFloat(f);
                }
            }
            long begin = data.size();
            data.writeBytes(bb.array());
            h.append(first ? "" : ",").append(quote(e.getKey())).append(":{\"dtype\":\"")
                    .append(asInt ? "I32" : "F32").append("\",\"shape\":")
                    .append(java.util.Arrays.toString(shapes.get(e.getKey())).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(begin).append(',').append(data.size()).append("]}");
            first = false;
        }
        h.append('}');
        return raw(h.toString(), data.toByteArray());
    }

    public static byte[] raw(String header, byte[] data) {
        byte[] hb = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(hb.length).put(hb).put(data).array();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** fc2.bias appears twice: the second entry points at other bytes. */
    private static byte[] duplicateKey(Map<String, float[]> a) {
        byte[] ok = safetensors(a, mlpShapes(), Map.of(), Map.of());
        long n = ByteBuffer.wrap(ok, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String h = new String(ok, 8, (int) n, StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOfRange(ok, 8 + (int) n, ok.length);
        String dup = h.substring(0, h.length() - 1) + ",\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[10],"
                + "\"data_offsets\":[0,40]}}";
        return raw(dup, data);
    }

    /** fc2.bias shares its bytes with the first 10 values of fc1.bias. */
    private static byte[] overlapping(Map<String, float[]> a) {
        Map<String, float[]> t = new LinkedHashMap<>(a);
        t.remove("fc2.bias");
        byte[] ok = safetensors(t, mlpShapes(), Map.of(), Map.of());
        long n = ByteBuffer.wrap(ok, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String h = new String(ok, 8, (int) n, StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOfRange(ok, 8 + (int) n, ok.length);
        int fc1Bias = 16 * 784 * 4;
        String over = h.substring(0, h.length() - 1) + ",\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[10],"
                + "\"data_offsets\":[" + fc1Bias + "," + (fc1Bias + 40) + "]}}";
        return raw(over, data);
    }

    /** A header of 1,000,000 empty tensors (about 60 MB, under the 100 MB header limit). */
    private static byte[] millionTensors() {
        StringBuilder h = new StringBuilder(64_000_000).append('{');
        for (int i = 0; i < 1_000_000; i++) {
            h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[0],"
                    + "\"data_offsets\":[0,0]}");
        }
        return raw(h.append('}').toString(), new byte[0]);
    }

    /** An MLP descriptor with {@code n} parameter-free residual blocks between its two dense layers. */
    public static String residualTower(int n) {
        StringBuilder s = new StringBuilder("{\"family\":\"sequential\",\"input\":[1,28,28],\"layers\":["
                + "{\"type\":\"flatten\"},{\"type\":\"dense\",\"key\":\"fc1\"},{\"type\":\"relu\"}");
        for (int i = 0; i < n; i++) {
            s.append(",{\"type\":\"residual\",\"main\":[{\"type\":\"relu\"}],\"shortcut\":[]}");
        }
        return s.append(",{\"type\":\"dense\",\"key\":\"fc2\"}]}").toString();
    }

    // ---- convolutional cases ------------------------------------------------------------------------------

    static void writeConvFamily(Path dir, Random rnd) throws IOException {
        // conv 0 (4 channels, 3×3) → BN 1 → relu → maxpool 2 → flatten → dense 2 [10, 4·14·14]
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("0.weight", new int[]{4, 1, 3, 3});
        shapes.put("0.bias", new int[]{4});
        shapes.put("1.weight", new int[]{4});
        shapes.put("1.bias", new int[]{4});
        shapes.put("1.running_mean", new int[]{4});
        shapes.put("1.running_var", new int[]{4});
        shapes.put("2.weight", new int[]{10, 4 * 14 * 14});
        shapes.put("2.bias", new int[]{10});
        Map<String, float[]> t = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int n = 1;
            for (int d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = e.getKey().endsWith("running_var") || e.getKey().equals("1.weight") ? 1f
                        : (float) (rnd.nextGaussian() * 0.1);
            }
            t.put(e.getKey(), v);
        }
        Files.write(dir.resolve("cnn.safetensors"), safetensors(t, shapes, Map.of(), Map.of()));
        Files.writeString(dir.resolve("cnn.arch.json"), cnn("1", "1e-5", "1", "2"));
        Files.writeString(dir.resolve("bn_eps_negative.arch.json"), cnn("1", "-1", "1", "2"));
        Files.writeString(dir.resolve("conv_stride0.arch.json"), cnn("1", "1e-5", "0", "2"));
        Files.writeString(dir.resolve("pool_stride0.arch.json"), cnn("1", "1e-5", "1", "0"));
        // The same BN key twice (a second BN over the same 4 channels).
        Files.writeString(dir.resolve("bn_key_twice.arch.json"), "{\"family\":\"sequential\",\"input\":[1,28,28],"
                + "\"layers\":[{\"type\":\"conv2d\",\"key\":\"0\",\"kernel\":3,\"stride\":1,\"padding\":1},"
                + "{\"type\":\"batchnorm\",\"key\":\"1\"},{\"type\":\"relu\"},{\"type\":\"batchnorm\",\"key\":\"1\"},"
                + "{\"type\":\"maxpool\",\"kernel\":2,\"stride\":2},{\"type\":\"flatten\"},"
                + "{\"type\":\"dense\",\"key\":\"2\"}]}");
        // A conv with 10^6 output channels (1×1 kernel) feeding a global average pool and the classifier.
        Map<String, int[]> big = new LinkedHashMap<>();
        big.put("0.weight", new int[]{1_000_000, 1, 1, 1});
        big.put("1.weight", new int[]{10, 1_000_000});
        Map<String, float[]> bt = new LinkedHashMap<>();
        bt.put("0.weight", new float[1_000_000]);
        bt.put("1.weight", new float[10_000_000]);
        Files.write(dir.resolve("conv_million.safetensors"), safetensors(bt, big, Map.of(), Map.of()));
        Files.writeString(dir.resolve("conv_million.arch.json"), "{\"family\":\"sequential\",\"input\":[1,28,28],"
                + "\"layers\":[{\"type\":\"conv2d\",\"key\":\"0\",\"kernel\":1},{\"type\":\"relu\"},"
                + "{\"type\":\"globalavgpool\"},{\"type\":\"flatten\"},{\"type\":\"dense\",\"key\":\"1\"}]}");
    }

    private static String cnn(String bnKey, String eps, String convStride, String poolStride) {
        return "{\"family\":\"sequential\",\"input\":[1,28,28],\"layers\":["
                + "{\"type\":\"conv2d\",\"key\":\"0\",\"kernel\":3,\"stride\":" + convStride + ",\"padding\":1},"
                + "{\"type\":\"batchnorm\",\"key\":\"" + bnKey + "\",\"eps\":" + eps + "},{\"type\":\"relu\"},"
                + "{\"type\":\"maxpool\",\"kernel\":2,\"stride\":" + poolStride + "},{\"type\":\"flatten\"},"
                + "{\"type\":\"dense\",\"key\":\"2\"}]}";
    }

    // ---- datasets ----------------------------------------------------------------------------------------

    private static void writeDatasets(Path dir) throws IOException {
        idxDataset(dir.resolve("data_ok"), 64, 28, -1);
        idxDataset(dir.resolve("data_empty"), 0, 28, -1);
        idxDataset(dir.resolve("data_32x32"), 64, 32, -1);
        idxDataset(dir.resolve("data_bad_label"), 64, 28, 200);
    }

    /** Train and test IDX files; {@code badLabel} ≥ 10 is put at index 5 of both label files. */
    public static void idxDataset(Path d, int n, int side, int badLabel) throws IOException {
        Files.createDirectories(d);
        Random rnd = new Random(n * 31L + side);
        for (String split : new String[]{"train", "t10k"}) {
            ByteBuffer img = ByteBuffer.allocate(16 + n * side * side);
            img.putInt(2051).putInt(n).putInt(side).putInt(side);
            for (int i = 0; i < n * side * side; i++) {
                img.put((byte) rnd.nextInt(256));
            }
            Files.write(d.resolve(split + "-images-idx3-ubyte"), img.array());
            ByteBuffer lab = ByteBuffer.allocate(8 + n);
            lab.putInt(2049).putInt(n);
            for (int i = 0; i < n; i++) {
                lab.put((byte) (i == 5 && badLabel >= 10 ? badLabel : i % 10));
            }
            Files.write(d.resolve(split + "-labels-idx1-ubyte"), lab.array());
        }
    }

    // ---- Java serialization payloads inside DL4J zips ------------------------------------------------------

    private static void writeDl4jPayloads(Path dir) throws IOException {
        Path plain = dir.resolve("dl4j_mlp.zip");
        dl4jMlp(plain);
        addEntry(plain, dir.resolve("dl4j_urldns.zip"), "preprocessor.bin", urlDnsPayload(PAYLOAD_HOST));
        addEntry(plain, dir.resolve("dl4j_hashset_bomb.zip"), "preprocessor.bin", hashSetBomb(40));
        addEntry(plain, dir.resolve("dl4j_normalizer.zip"), "normalizer.bin", hashSetBomb(40));
    }

    /** A real ModelSerializer zip of an MLP 784-16-10, written by DL4J itself. */
    public static void dl4jMlp(Path file) throws IOException {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(784).nOut(16)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(16).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, file.toFile(), false);
    }

    /**
     * The URLDNS gadget with JDK classes only: a HashMap whose key is a URL with its cached hash code reset to
     * -1 in the stream, so that deserializing the map rehashes the key and URL.hashCode resolves the host.
     * Built without reflection and without a lookup here: a URL handler that hashes to a marker value, then
     * the marker (followed by the port field, -1) is patched to -1 in the bytes.
     */
    @SuppressWarnings("URLEqualsHashCode") // the hostile payload is exactly such a map; its handler never resolves
    public static byte[] urlDnsPayload(String host) throws IOException {
        int marker = 0x1CEB00DA;
        java.net.URLStreamHandler silent = new java.net.URLStreamHandler() {
            @Override
            protected java.net.URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected int hashCode(URL u) {
                return marker;
            }
        };
        HashMap<URL, String> map = new HashMap<>();
        map.put(new URL(null, "http://" + host + "/", silent), "lmcx");
        byte[] b = serialize(map);
        byte[] pattern = ByteBuffer.allocate(8).putInt(marker).putInt(-1).array();
        for (int i = 0; i + 8 <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + 8, pattern, 0, 8)) {
                ByteBuffer.wrap(b, i, 4).putInt(-1);
                return b;
            }
        }
        throw new IllegalStateException("URL hashCode field not found in the serialized stream");
    }

    /**
     * The classic HashSet bomb: {@code depth} levels of two-element sets whose members are the same two sets,
     * so deserialization computes about 2^depth hash codes from a stream of under a kilobyte.
     */
    public static byte[] hashSetBomb(int depth) throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("lmcx");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return serialize(root);
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
            oos.writeObject(o);
        }
        return bos.toByteArray();
    }

    /** Copies a DL4J zip, adding {@code entry} with {@code content}. */
    public static void addEntry(Path zipIn, Path zipOut, String entry, byte[] content) throws IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(zipIn.toFile());
             OutputStream fo = Files.newOutputStream(zipOut);
             ZipOutputStream out = new ZipOutputStream(fo)) {
            var en = in.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                try (var is = in.getInputStream(e)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
    }
}
