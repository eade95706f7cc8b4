package org.lmcx.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.InvalidModelException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Architecture descriptors as JSON: the field names are exactly the components of
 * {@link ArchitectureDescriptor} and {@link LayerDescriptor}, null fields are left out. Reading is strict
 * (unknown fields, unknown families and layer types are errors naming the source) because a misspelt
 * {@code "widhts"} silently ignored would build a different network than the user meant.
 */
public final class DescriptorJson {

    static final Set<String> FAMILIES = Set.of("mlp", "vgg11", "vgg16", "resnet20", "sequential");
    static final Set<String> LAYER_TYPES = Set.copyOf(org.lmcx.model.Layer.typeNames());

    private static final ObjectMapper JSON = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DescriptorJson() {
    }

    /** Compact JSON, as stored in safetensors metadata. */
    public static String toJson(ArchitectureDescriptor d) {
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize descriptor " + d, e);
        }
    }

    /** Indented JSON, for sidecar files people read and edit. */
    public static String toPrettyJson(ArchitectureDescriptor d) {
        try {
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize descriptor " + d, e);
        }
    }

    /** Writes {@link #toPrettyJson} atomically. */
    public static void write(ArchitectureDescriptor d, Path file) throws IOException {
        AtomicFiles.write(file, toPrettyJson(d).getBytes(StandardCharsets.UTF_8));
    }

    /** Descriptors are kilobytes; the limit stops a wrong file being read whole into memory. */
    static final long MAX_BYTES = 16L << 20;

    /** Reads a descriptor file. @throws InvalidModelException naming the file */
    public static ArchitectureDescriptor read(Path file) {
        String name = IoNames.name(file);
        String text;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InvalidModelException(name + ": is not a regular file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new InvalidModelException(name + ": descriptor of " + Files.size(file) + " bytes (limit "
                        + MAX_BYTES + "; real ones are a few kilobytes)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(name + ": descriptor file not found (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new InvalidModelException(name + ": cannot read descriptor: " + e, e);
        }
        return parse(text, name);
    }

    /**
     * Parses descriptor JSON.
     *
     * @param source what to name in messages (a file name, or "metadata of a.safetensors")
     */
    public static ArchitectureDescriptor parse(String json, String source) {
        ArchitectureDescriptor d;
        try {
            d = JSON.readValue(json, ArchitectureDescriptor.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw new InvalidModelException(source + ": unknown descriptor field \"" + e.getPropertyName() + "\""
                    + at(e) + known, e);
        } catch (JsonMappingException e) {
            throw new InvalidModelException(source + ": descriptor does not have the expected structure"
                    + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(source + ": descriptor is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (d == null) {
            throw new InvalidModelException(source + ": descriptor is empty (null)");
        }
        validate(d, source);
        return d;
    }

    private static void validate(ArchitectureDescriptor d, String source) {
        if (d.family() == null) {
            throw new InvalidModelException(source + ": descriptor has no \"family\" (expected one of "
                    + String.join(", ", sorted(FAMILIES)) + ")");
        }
        if (!FAMILIES.contains(d.family().toLowerCase(Locale.ROOT))) {
            throw new InvalidModelException(source + ": unknown family \"" + d.family() + "\" (expected one of "
                    + String.join(", ", sorted(FAMILIES)) + ")");
        }
        if (d.input() == null) {
            throw new InvalidModelException(source + ": descriptor has no \"input\" shape ([C,H,W] or [D])");
        }
        validateLayers(d.layers(), "layers", source);
    }

    private static void validateLayers(List<LayerDescriptor> layers, String path, String source) {
        if (layers == null) {
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerDescriptor l = layers.get(i);
            String p = path + "[" + i + "]";
            if (l == null || l.type() == null) {
                throw new InvalidModelException(source + ": " + p + " has no \"type\"");
            }
            if (!LAYER_TYPES.contains(l.type().toLowerCase(Locale.ROOT))) {
                throw new InvalidModelException(source + ": " + p + " has unknown type \"" + l.type()
                        + "\" (expected one of " + String.join(", ", sorted(LAYER_TYPES)) + ")");
            }
            validateLayers(l.main(), p + ".main", source);
            validateLayers(l.shortcut(), p + ".shortcut", source);
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    /** " at layers[2].kernel" from Jackson's path, or "" at the root. */
    private static String at(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "" : " at " + sb;
    }
}
