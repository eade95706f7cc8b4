package org.lmcx.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionJsonTest {

    @TempDir
    Path dir;

    @Test
    void sessionSurvivesARoundTripThroughJson() throws Exception {
        SessionData s = RenderTestData.session();
        Path f = dir.resolve("s.lmcx.json");
        SessionJson.write(s, f);
        SessionData back = SessionJson.read(f);
        assertThat(back.models()).isEqualTo(s.models());
        assertThat(back.runs()).hasSize(2);
        assertThat(back.runs().get(1).curve().test().loss()).containsExactly(s.runs().get(1).curve().test().loss());
        assertThat(back.runs().get(1).curve().test().lossBarrier()).isEqualTo(
                s.runs().get(1).curve().test().lossBarrier());
        assertThat(back.landscape().z()[3]).containsExactly(s.landscape().z()[3]);
        assertThat(back.alignment().get(0).after()[2]).containsExactly(s.alignment().get(0).after()[2]);
        assertThat(SummaryTable.tsv(back)).isEqualTo(SummaryTable.tsv(s));
    }

    @Test
    void aDamagedFileIsReportedByName() {
        assertThatThrownBy(() -> SessionJson.fromJson("{\"runs\": [", "broken.json"))
                .isInstanceOf(org.lmcx.model.UserInputException.class).hasMessageContaining("broken.json");
    }
}
