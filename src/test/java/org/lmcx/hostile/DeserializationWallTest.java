package org.lmcx.hostile;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Launcher;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.Dl4jModelReader;
import org.lmcx.io.SerialFilter;
import org.lmcx.model.InvalidModelException;

import java.io.ByteArrayInputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.time.Duration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Nothing from a file is ever Java-deserialized: DL4J zips carrying serialized payloads are refused by our own
 * reader before any byte of the payload is interpreted, no class of ours (or DL4J's ModelSerializer on our
 * behalf) reads objects, and the process-wide filter installed at start-up rejects every object as a second
 * wall for libraries.
 */
class DeserializationWallTest {

    @TempDir
    static Path dir;
    static Path plain;

    @BeforeAll
    static void zips() throws Exception {
        plain = dir.resolve("plain.zip");
        HostileCorpus.dl4jMlp(plain);
    }

    @Test
    void urlDnsPayloadInADl4jZipIsRefusedByNameWithoutBeingRead() throws Exception {
        Path z = dir.resolve("urldns.zip");
        HostileCorpus.addEntry(plain, z, "preprocessor.bin", HostileCorpus.urlDnsPayload(HostileCorpus.PAYLOAD_HOST));
        // Resolving the .invalid host would take at least a resolver round trip; the refusal reads no payload.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> CheckpointLoader.load(z, null)).isInstanceOf(InvalidModelException.class)
                        .hasMessageStartingWith("urldns.zip: entry \"preprocessor.bin\" is a Java-serialized object"));
    }

    @Test
    void hashSetBombsInPreprocessorOrNormalizerEntriesAreRefusedAtOnce() throws Exception {
        for (String entry : new String[]{"preprocessor.bin", "normalizer.bin", "objects/extra.bin"}) {
            Path z = dir.resolve(entry.replace('/', '_') + ".zip");
            HostileCorpus.addEntry(plain, z, entry, HostileCorpus.hashSetBomb(40));
            // 2^40 hash codes would take hours: finishing within a second proves the payload was never read.
            assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                    assertThatThrownBy(() -> Dl4jModelReader.read(z)).isInstanceOf(InvalidModelException.class)
                            .hasMessageContaining("\"" + entry + "\"").hasMessageContaining("never deserializes"));
        }
    }

    @Test
    void theSameZipWithoutThePayloadReads() {
        assertThat(Dl4jModelReader.read(plain).tensors()).containsKeys("0.weight", "0.bias", "1.weight", "1.bias");
    }

    @Test
    void globalFilterRejectsEveryObjectOnceInstalled() throws Exception {
        SerialFilter.install();
        assertThat(SerialFilter.isInstalled()).isTrue();
        for (byte[] payload : new byte[][]{HostileCorpus.urlDnsPayload(HostileCorpus.PAYLOAD_HOST),
                HostileCorpus.hashSetBomb(40)}) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
                    assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class)
                            .hasMessageContaining("REJECTED");
                }
            });
        }
    }

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.lmcx");

    @Test
    void noClassOfOursReadsObjectsOrLetsModelSerializerRestore() {
        noClasses().should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "ObjectInputStream.readObject/readUnshared or ModelSerializer.restore*",
                        (JavaMethodCall call) -> {
                            String owner = call.getTarget().getOwner().getName();
                            String m = call.getTarget().getName();
                            return (call.getTarget().getOwner().isAssignableTo(ObjectInputStream.class)
                                    && (m.equals("readObject") || m.equals("readUnshared")))
                                    || (owner.equals("org.deeplearning4j.util.ModelSerializer") && m.startsWith("restore"));
                        }))
                .check(MAIN);
        noClasses().should().callConstructor(ObjectInputStream.class, java.io.InputStream.class).check(MAIN);
    }

    @Test
    void launcherInstallsTheFilterBeforeAnythingElse() {
        var main = MAIN.get(Launcher.class).getMethod("main", String[].class);
        var first = main.getMethodCallsFromSelf().stream()
                .min(java.util.Comparator.comparingInt(c -> c.getSourceCodeLocation().getLineNumber())).orElseThrow();
        assertThat(first.getTarget().getFullName()).isEqualTo(SerialFilter.class.getName() + ".install()");
    }
}
