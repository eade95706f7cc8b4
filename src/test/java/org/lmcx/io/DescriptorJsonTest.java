package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.InvalidModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescriptorJsonTest {

    @TempDir
    Path tmp;

    private static final List<ArchitectureDescriptor> SAMPLES = List.of(
            ArchitectureDescriptor.mlp(new int[]{1, 28, 28}, new int[]{512, 256}, 10, List.of("1", "3", "5")),
            ArchitectureDescriptor.mlp(new int[]{20}, new int[]{}, 3, null),
            ArchitectureDescriptor.vgg("vgg11", new int[]{3, 32, 32}, 10, 0.25, true),
            ArchitectureDescriptor.resnet20(new int[]{3, 32, 32}, 100, 4.0),
            ArchitectureDescriptor.sequential(new int[]{1, 28, 28}, List.of(
                    LayerDescriptor.conv("c", 3, 2, 1),
                    new LayerDescriptor("batchnorm", "bn", null, null, null, null, null, null, null, null, null,
                            1e-3, null, null),
                    LayerDescriptor.of("relu"),
                    new LayerDescriptor("residual", null, null, null, null, null, null, null, null, null, null, null,
                            List.of(LayerDescriptor.conv("r", 3, 1, 1)), List.of()),
                    LayerDescriptor.pool("avgpool", 2, 2),
                    LayerDescriptor.of("flatten"),
                    new LayerDescriptor("dense", null, "head.w", "head.b", null, null, 1176, 10, null, null, null,
                            null, null, null))));

    @Test
    void roundTripsEveryFamilyToTheSameArchitecture() {
        for (ArchitectureDescriptor d : SAMPLES) {
            String json = DescriptorJson.toJson(d);
            ArchitectureDescriptor back = DescriptorJson.parse(json, "t.json");
            assertThat(DescriptorJson.toJson(back)).isEqualTo(json);
            if (!"sequential".equals(d.family())) {
                assertThat(Architectures.build(back)).isEqualTo(Architectures.build(d));
            }
        }
    }

    @Test
    void usesRecordComponentNamesAndOmitsNulls() throws IOException {
        JsonNode n = new ObjectMapper().readTree(DescriptorJson.toJson(SAMPLES.get(0)));
        assertThat(n.fieldNames()).toIterable().containsExactlyInAnyOrder("family", "input", "classes", "widths",
                "keys");
        JsonNode v = new ObjectMapper().readTree(DescriptorJson.toJson(SAMPLES.get(2)));
        assertThat(v.fieldNames()).toIterable().containsExactlyInAnyOrder("family", "input", "classes",
                "widthMultiplier", "batchNorm");
        JsonNode s = new ObjectMapper().readTree(DescriptorJson.toJson(SAMPLES.get(4)));
        assertThat(s.get("layers").get(1).fieldNames()).toIterable().containsExactlyInAnyOrder("type", "key", "eps");
        assertThat(s.get("layers").get(6).get("weight").asText()).isEqualTo("head.w");
        assertThat(s.get("layers").get(3).get("main").get(0).get("kernel").asInt()).isEqualTo(3);
    }

    @Test
    void writesPrettySidecarThatReadsBack() throws IOException {
        Path f = tmp.resolve("m.arch.json");
        DescriptorJson.write(SAMPLES.get(3), f);
        assertThat(Files.readString(f)).contains("\n  \"family\" : \"resnet20\"");
        assertThat(DescriptorJson.toJson(DescriptorJson.read(f))).isEqualTo(DescriptorJson.toJson(SAMPLES.get(3)));
    }

    @Test
    void unknownFieldIsNamedWithTheFileAndWhereItIs() throws IOException {
        Path f = Files.writeString(tmp.resolve("typo.arch.json"),
                "{\"family\":\"mlp\",\"input\":[784],\"classes\":10,\"widhts\":[100]}");
        assertThatThrownBy(() -> DescriptorJson.read(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("typo.arch.json: unknown descriptor field \"widhts\"")
                .hasMessageContaining("widths");
        Path g = Files.writeString(tmp.resolve("layer.arch.json"),
                "{\"family\":\"sequential\",\"input\":[4],\"layers\":[{\"type\":\"dense\",\"kernal\":3}]}");
        assertThatThrownBy(() -> DescriptorJson.read(g)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("layer.arch.json:").hasMessageContaining("\"kernal\"")
                .hasMessageContaining("layers[0]");
    }

    @Test
    void unknownFamilyAndLayerTypeAreErrorsNamingTheFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("fam.arch.json"), "{\"family\":\"vgg19\",\"input\":[3,32,32]}");
        assertThatThrownBy(() -> DescriptorJson.read(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("fam.arch.json: unknown family \"vgg19\"").hasMessageContaining("resnet20");
        Path g = Files.writeString(tmp.resolve("lt.arch.json"), "{\"family\":\"sequential\",\"input\":[3],"
                + "\"layers\":[{\"type\":\"residual\",\"main\":[{\"type\":\"gelu\"}]}]}");
        assertThatThrownBy(() -> DescriptorJson.read(g)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("lt.arch.json: layers[0].main[0] has unknown type \"gelu\"");
        Path h = Files.writeString(tmp.resolve("nofam.arch.json"), "{\"input\":[3]}");
        assertThatThrownBy(() -> DescriptorJson.read(h)).hasMessageStartingWith("nofam.arch.json: descriptor has no "
                + "\"family\"");
        Path i = Files.writeString(tmp.resolve("noin.arch.json"), "{\"family\":\"mlp\"}");
        assertThatThrownBy(() -> DescriptorJson.read(i)).hasMessageStartingWith("noin.arch.json:")
                .hasMessageContaining("\"input\"");
    }

    @Test
    void invalidJsonWrongTypesAndMissingFilesAreErrorsNamingTheFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("broken.arch.json"), "{\"family\": \"mlp\", ");
        assertThatThrownBy(() -> DescriptorJson.read(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("broken.arch.json: descriptor is not valid JSON");
        Path g = Files.writeString(tmp.resolve("types.arch.json"), "{\"family\":\"mlp\",\"input\":\"28x28\"}");
        assertThatThrownBy(() -> DescriptorJson.read(g)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("types.arch.json: descriptor does not have the expected structure at input");
        Path h = Files.writeString(tmp.resolve("trail.arch.json"), "{\"family\":\"mlp\",\"input\":[1]} {}");
        assertThatThrownBy(() -> DescriptorJson.read(h)).hasMessageStartingWith("trail.arch.json:");
        assertThatThrownBy(() -> DescriptorJson.read(tmp.resolve("none.arch.json")))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("none.arch.json: descriptor file "
                        + "not found");
    }

    @Test
    void cnnTestResourceDescribesTheFixtureLayers() throws Exception {
        Path f = Path.of(getClass().getResource("/io/torch_cnn_bn.arch.json").toURI());
        ArchitectureDescriptor d = DescriptorJson.read(f);
        assertThat(d.family()).isEqualTo("sequential");
        assertThat(d.layers()).extracting(LayerDescriptor::type).containsExactly("conv2d", "batchnorm", "relu",
                "maxpool", "conv2d", "batchnorm", "relu", "maxpool", "flatten", "dense");
    }
}
