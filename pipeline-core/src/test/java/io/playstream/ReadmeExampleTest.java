package io.playstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's library example is the code that the invoker's {@code readme-example} project compiles and
 * tests against the installed pipeline-core, so the README cannot drift from an API that compiles.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE = Path.of("src", "it", "readme-example", "src", "main", "java", "com", "example",
            "lake", "LakeExample.java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesJavaExampleIsTheBodyThatTheReadmeExampleProjectCompiles() throws IOException {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(README));
        assertThat(block.find()).as("a ```java block in README.md").isTrue();

        assertThat(block.group(1)).isEqualTo(exampleBody());
    }

    /** The lines between the example's begin and end markers, with the method's indentation removed. */
    private static String exampleBody() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE);
        int begin = lines.indexOf("        // README example: begin");
        int end = lines.indexOf("        // README example: end");
        assertThat(begin).as("begin marker in " + EXAMPLE).isNotNegative();
        assertThat(end).as("end marker in " + EXAMPLE).isGreaterThan(begin);
        return lines.subList(begin + 1, end).stream()
                .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
