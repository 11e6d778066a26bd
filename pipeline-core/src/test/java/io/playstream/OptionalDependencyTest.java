package io.playstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OptionalDependencyTest {

    @Test
    void everyOptionalLibraryIsFoundByItsProbeClassWhenItIsThere() {
        // the test class path carries them all: a misspelt probe class would fail here, not in a user's app
        assertThatCode(() -> OptionalDependency.requireAll(OptionalDependency.values())).doesNotThrowAnyException();
    }

    @Test
    void aMissingLibraryIsNamedWithTheArtifactToAdd() {
        assertThatThrownBy(() -> OptionalDependency.require("org.example.Missing", "org.example:missing", "Example stores"))
                .isInstanceOf(PlaystreamException.class)
                .hasMessage("Example stores need org.example:missing on the class path: add it to your build beside "
                        + "io.playstream:pipeline-core, which declares it optional")
                .satisfies(e -> assertThat(((PlaystreamException) e).isRetriable()).isFalse());
    }

    @Test
    void everyLibraryCoreDeclaresOptionalHasAnEntry() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String covered = Arrays.stream(OptionalDependency.values()).map(OptionalDependency::artifacts)
                .collect(Collectors.joining(" "));
        Matcher optional = Pattern.compile("<artifactId>([^<]+)</artifactId>\\s*<optional>true</optional>").matcher(pom);
        int declared = 0;
        while (optional.find()) {
            declared++;
            assertThat(covered).as("an entry naming the optional artifact %s", optional.group(1)).contains(":" + optional.group(1));
        }
        assertThat(declared).as("optional artifacts found in pipeline-core's pom").isGreaterThanOrEqualTo(9);
    }
}
