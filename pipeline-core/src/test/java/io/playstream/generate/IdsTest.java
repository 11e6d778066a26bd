package io.playstream.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void songIdsMatchTheOriginalPipelinesUuid5() {
        // from fixtures/seed-events.ndjson, written by the original Python pipeline
        assertThat(SongIds.of("Kanye West", "Stronger")).isEqualTo("1bf43cf2-745e-57bb-8af1-5a7055a1f93a");
        assertThat(SongIds.of("Ed Sheeran", "Shape of You")).isEqualTo("3344ea54-f8dd-5755-a71d-2083035fb139");
        assertThat(SongIds.of("Dua Lipa", "Levitating")).isEqualTo("28b10c21-4d69-50f8-80f6-533bb893fe01");
    }

    @Test
    void randomIdsAreVersionFourUuidsInCanonicalForm() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            String id = RandomIds.next(random);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        }
    }

    @Test
    void randomIdsFollowTheSeed() {
        assertThat(RandomIds.next(new SplittableRandom(5))).isEqualTo(RandomIds.next(new SplittableRandom(5)))
                .isNotEqualTo(RandomIds.next(new SplittableRandom(6)));
    }
}
