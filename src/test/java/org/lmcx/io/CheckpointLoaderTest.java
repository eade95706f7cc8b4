package org.lmcx.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointLoaderTest {

    @TempDir
    Path tmp;

    static Path cnnDescriptor() throws Exception {
        return Path.of(CheckpointLoaderTest.class.getResource("/io/torch_cnn_bn.arch.json").toURI());
    }

    @Test
    void mlpFixtureLoadsWithItsArchitectureInferred() {
        Model m = CheckpointLoader.load(Fixtures.shared("torch_mlp_small_s7.safetensors"), null);
        ArchitectureDescriptor d = m.architecture().descriptor();
        assertThat(d.family()).isEqualTo("mlp");
        assertThat(d.input()).containsExactly(1, 28, 28);
        assertThat(d.widths()).containsExactly(128, 128);
        assertThat(d.classes()).isEqualTo(10);
        assertThat(d.keys()).containsExactly("1", "3", "5");
        assertThat(m.architecture().layers()).containsExactly(new Layer.Flatten(),
                new Layer.Dense("1.weight", "1.bias", 784, 128), new Layer.Relu(),
                new Layer.Dense("3.weight", "3.bias", 128, 128), new Layer.Relu(),
                new Layer.Dense("5.weight", "5.bias", 128, 10));
        assertThat(m.architecture().parameterCount()).isEqualTo(784 * 128 + 128 + 128 * 128 + 128 + 1280 + 10);
        assertThat(m.source()).contains("torch_mlp_small_s7.safetensors");
    }

    @Test
    void cnnFixtureLoadsWithTheSequentialDescriptorGivenAsArch() throws Exception {
        Model m = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.safetensors"), cnnDescriptor());
        assertThat(m.architecture().numClasses()).isEqualTo(10);
        assertThat(m.architecture().inputShape()).containsExactly(1, 28, 28);
        assertThat(m.architecture().layers()).containsExactly(
                new Layer.Conv2d("0.weight", "0.bias", 1, 8, 3, 1, 1),
                new Layer.BatchNorm("1.weight", "1.bias", "1.running_mean", "1.running_var", 8, 1e-5),
                new Layer.Relu(), new Layer.MaxPool(2, 2),
                new Layer.Conv2d("4.weight", "4.bias", 8, 16, 3, 1, 1),
                new Layer.BatchNorm("5.weight", "5.bias", "5.running_mean", "5.running_var", 16, 1e-5),
                new Layer.Relu(), new Layer.MaxPool(2, 2), new Layer.Flatten(),
                new Layer.Dense("9.weight", "9.bias", 784, 10));
        // Unused bookkeeping tensors stay, so a saved model still loads into PyTorch.
        assertThat(m.tensors()).containsKey("1.num_batches_tracked");
    }

    @Test
    void cnnFixtureWithoutDescriptorFailsSayingHowToGiveOne() {
        Path f = Fixtures.shared("torch_cnn_bn_s7.safetensors");
        assertThatThrownBy(() -> CheckpointLoader.load(f, null)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("torch_cnn_bn_s7.safetensors: no architecture descriptor found")
                .hasMessageContaining("--arch").hasMessageContaining("torch_cnn_bn_s7.safetensors.arch.json");
    }

    @Test
    void sidecarNextToTheCheckpointIsUsedInBothSpellings() throws Exception {
        Path a = Files.copy(Fixtures.shared("torch_cnn_bn_s7.safetensors"), tmp.resolve("a.safetensors"));
        Files.copy(cnnDescriptor(), tmp.resolve("a.safetensors.arch.json"));
        assertThat(CheckpointLoader.load(a, null).architecture().hasBatchNorm()).isTrue();

        Path b = Files.copy(Fixtures.shared("torch_cnn_bn_s8.safetensors"), tmp.resolve("b.safetensors"));
        Files.copy(cnnDescriptor(), tmp.resolve("b.arch.json"));
        assertThat(CheckpointLoader.load(b, null).architecture().hasBatchNorm()).isTrue();
    }

    @Test
    void archOverrideWinsOverMetadataAndSidecar() throws Exception {
        Model cnn = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.safetensors"), cnnDescriptor());
        Path out = tmp.resolve("saved.safetensors");
        ModelWriter.write(cnn, out);
        // A wrong sidecar is ignored when metadata exists, and a wrong override is not ignored.
        Files.writeString(ModelWriter.sidecarOf(out), "{\"family\":\"mlp\",\"input\":[3],\"classes\":2}");
        assertThat(CheckpointLoader.load(out, null).architecture()).isEqualTo(cnn.architecture());
        Path wrong = Files.writeString(tmp.resolve("wrong.arch.json"),
                "{\"family\":\"mlp\",\"input\":[784],\"classes\":10,\"widths\":[8],\"keys\":[\"0\",\"9\"]}");
        assertThatThrownBy(() -> CheckpointLoader.load(out, wrong)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("saved.safetensors").hasMessageContaining("0.weight");
    }

    @Test
    void savedModelReopensWithoutArchAndWithIdenticalTensors() throws Exception {
        Model cnn = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.safetensors"), cnnDescriptor());
        Path out = tmp.resolve("dir/copy.safetensors");
        ModelWriter.write(cnn, out);
        assertThat(ModelWriter.sidecarOf(out)).exists().hasFileName("copy.safetensors.arch.json");
        assertThat(DescriptorJson.toJson(DescriptorJson.read(ModelWriter.sidecarOf(out))))
                .isEqualTo(DescriptorJson.toJson(cnn.architecture().descriptor()));
        Files.delete(ModelWriter.sidecarOf(out));
        Model back = CheckpointLoader.load(out, null);
        assertThat(back.architecture()).isEqualTo(cnn.architecture());
        assertThat(back.tensors()).isEqualTo(cnn.tensors());
        assertThat(back.tensors().keySet()).containsExactlyElementsOf(cnn.tensors().keySet());
        assertThat(SafetensorsReader.readMetadata(out)).containsEntry(ModelWriter.SOURCE_METADATA_KEY, cnn.source());
    }

    @Test
    void nonFiniteWeightsAreRejectedNamingFileAndTensor() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>(
                SafetensorsReader.read(Fixtures.shared("torch_mlp_small_s7.safetensors")).tensors());
        float[] w = t.get("3.weight").data().clone();
        w[17] = Float.NaN;
        t.put("3.weight", t.get("3.weight").withData(w));
        Path f = tmp.resolve("nan.safetensors");
        SafetensorsWriter.write(f, t, Map.of());
        assertThatThrownBy(() -> CheckpointLoader.load(f, null)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("nan.safetensors").hasMessageContaining("3.weight").hasMessageContaining("NaN");
        w[17] = Float.NEGATIVE_INFINITY;
        t.put("3.weight", t.get("3.weight").withData(w));
        SafetensorsWriter.write(f, t, Map.of());
        assertThatThrownBy(() -> CheckpointLoader.load(f, null)).hasMessageContaining("Infinity");
    }

    @Test
    void descriptorNotFittingTheTensorsIsRejectedNamingTheFile() throws IOException {
        Path mlp = Fixtures.shared("torch_mlp_small_s7.safetensors");
        Path widths = Files.writeString(tmp.resolve("w.arch.json"),
                "{\"family\":\"mlp\",\"input\":[1,28,28],\"classes\":10,\"widths\":[64,128],\"keys\":[\"1\",\"3\",\"5\"]}");
        assertThatThrownBy(() -> CheckpointLoader.load(mlp, widths)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("torch_mlp_small_s7.safetensors").hasMessageContaining("1.weight");
        Path missing = Files.writeString(tmp.resolve("m.arch.json"),
                "{\"family\":\"sequential\",\"input\":[784],\"layers\":[{\"type\":\"dense\",\"key\":\"fc\"}]}");
        assertThatThrownBy(() -> CheckpointLoader.load(mlp, missing)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("torch_mlp_small_s7.safetensors: the architecture descriptor (m.arch.json) "
                        + "does not fit").hasMessageContaining("\"fc.weight\"");
        Path cnnAsMlp = Files.writeString(tmp.resolve("c.arch.json"),
                "{\"family\":\"sequential\",\"input\":[1,28,28],\"layers\":[{\"type\":\"conv2d\",\"key\":\"1\"}]}");
        assertThatThrownBy(() -> CheckpointLoader.load(mlp, cnnAsMlp)).hasMessageContaining("rank 4");
    }

    @Test
    void pytorchPtFilesGiveTheSameModelsAsTheirSafetensorsTwins() throws Exception {
        Model pt = CheckpointLoader.load(Fixtures.shared("torch_mlp_small_s7.pt"), null);
        Model st = CheckpointLoader.load(Fixtures.shared("torch_mlp_small_s7.safetensors"), null);
        assertThat(pt.architecture()).isEqualTo(st.architecture());
        assertThat(pt.parameters()).isEqualTo(st.parameters());
        Model cpt = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.pt"), cnnDescriptor());
        Model cst = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.safetensors"), cnnDescriptor());
        assertThat(cpt.parameters()).isEqualTo(cst.parameters());
    }

    @Test
    void keySelectsAndStripsAPrefixInSafetensors() throws IOException {
        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        SafetensorsReader.read(Fixtures.shared("torch_mlp_small_s7.safetensors")).tensors()
                .forEach((k, v) -> prefixed.put("model." + k, v));
        prefixed.put("ema.1.weight", new Tensor(new int[]{1}, new float[]{0}));
        Path f = tmp.resolve("prefixed.safetensors");
        SafetensorsWriter.write(f, prefixed, Map.of());
        Model m = CheckpointLoader.load(f, null, "model");
        assertThat(m.architecture().descriptor().keys()).containsExactly("1", "3", "5");
        assertThatThrownBy(() -> CheckpointLoader.load(f, null, "nothing")).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("prefixed.safetensors: no tensors under key \"nothing\"");
    }

    @Test
    void missingUnreadableAndUnknownFilesAreErrorsNamingThem() throws IOException {
        assertThatThrownBy(() -> CheckpointLoader.load(tmp.resolve("gone.safetensors"), null))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("gone.safetensors: file not found");
        Path txt = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> CheckpointLoader.load(txt, null)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("notes.txt: unrecognised checkpoint format");
        Path pt = Files.writeString(tmp.resolve("junk.pt"), "not a zip");
        assertThatThrownBy(() -> CheckpointLoader.load(pt, null)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("junk.pt:");
        assertThatThrownBy(() -> CheckpointLoader.load(tmp, null)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void safetensorsIsRecognisedByContentWhateverTheExtension() throws IOException {
        Path f = Files.copy(Fixtures.shared("torch_mlp_small_s7.safetensors"), tmp.resolve("weights.dat"));
        assertThat(CheckpointLoader.load(f, null).architecture().descriptor().widths()).containsExactly(128, 128);
    }

    // ---- inference ----

    private static Map<String, Tensor> dense(String... prefixAndShape) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String s : prefixAndShape) {
            String[] p = s.split(":", -1);
            String[] dims = p[1].split("x", -1);
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Integer.parseInt(dims[i]);
            }
            m.put(p[0], new Tensor(shape, new float[(int) Tensor.elementCount(shape)]));
        }
        return m;
    }

    @Test
    void inferenceOrdersPrefixesNaturallyNotAlphabetically() {
        ArchitectureDescriptor d = CheckpointLoader.inferMlp(dense("fc10.weight:3x5", "fc2.weight:5x7",
                "fc1.weight:7x3072", "fc1.bias:7"), "x");
        assertThat(d.keys()).containsExactly("fc1", "fc2", "fc10");
        assertThat(d.input()).containsExactly(3, 32, 32);
        assertThat(d.widths()).containsExactly(7, 5);
        assertThat(d.classes()).isEqualTo(3);
        ArchitectureDescriptor e = CheckpointLoader.inferMlp(dense("layers.10.weight:2x4", "layers.2.weight:4x6",
                "layers.0.weight:6x9"), "x");
        assertThat(e.keys()).containsExactly("layers.0", "layers.2", "layers.10");
        assertThat(e.input()).containsExactly(9);
    }

    @Test
    void inferenceIgnoresIntegerTensorsButNotOtherFloatTensors() {
        Map<String, Tensor> m = dense("0.weight:4x8", "0.bias:4");
        m.put("step", new Tensor(new int[]{}, new float[]{3}, Tensor.StoredType.I64));
        assertThat(CheckpointLoader.inferMlp(m, "x").keys()).containsExactly("0");
        m.put("temperature", new Tensor(new int[]{}, new float[]{1}));
        assertThatThrownBy(() -> CheckpointLoader.inferMlp(m, "x.safetensors"))
                .hasMessageStartingWith("x.safetensors: no architecture descriptor found")
                .hasMessageContaining("\"temperature\"");
    }

    @Test
    void inferenceRejectsNonChainingWidthsBadBiasesAndConvWeights() {
        assertThatThrownBy(() -> CheckpointLoader.inferMlp(dense("1.weight:4x8", "2.weight:3x5"), "a"))
                .hasMessageContaining("takes 5 inputs but the layer before gives 4");
        assertThatThrownBy(() -> CheckpointLoader.inferMlp(dense("1.weight:4x8", "1.bias:5"), "a"))
                .hasMessageContaining("1.bias");
        assertThatThrownBy(() -> CheckpointLoader.inferMlp(dense("1.weight:4x8", "2.bias:5"), "a"))
                .hasMessageContaining("no matching weight");
        assertThatThrownBy(() -> CheckpointLoader.inferMlp(dense("0.weight:8x1x3x3"), "a"))
                .hasMessageContaining("not a 2-D linear weight");
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        List<String> l = new ArrayList<>(List.of("b10", "b9", "a", "b09x", "b1.2", "b1.10", "10", "9", "b"));
        l.sort(CheckpointLoader::compareNatural);
        assertThat(l).containsExactly("9", "10", "a", "b", "b1.2", "b1.10", "b9", "b09x", "b10");
    }

    @Test
    void inputShapeGuessesCommonImageSizes() {
        assertThat(CheckpointLoader.guessInputShape(784)).containsExactly(1, 28, 28);
        assertThat(CheckpointLoader.guessInputShape(3072)).containsExactly(3, 32, 32);
        assertThat(CheckpointLoader.guessInputShape(100)).containsExactly(100);
    }
}
