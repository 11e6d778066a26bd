package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The paths the proxy passes on are the ones JobRunr's frontend calls, read from the build in
 * JobRunr's jar (its asset manifest lists the scripts): a JobRunr upgrade whose frontend calls a new
 * root under {@code /api}, or leaves {@code /dashboard} or {@code /sse}, fails here rather than in a
 * browser.
 */
class JobsDashboardProxyTest {

    private static final String BUILD = "org/jobrunr/dashboard/frontend/build";
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("[\"'`]/(api/[a-z-]+|[a-z-]+)");

    @Test
    void everyPathJobRunrsFrontendCallsIsPassedOn() throws IOException {
        Set<String> called = new TreeSet<>();
        for (JsonNode file : new ObjectMapper().readTree(resource("/asset-manifest.json")).get("allFiles")) {
            String path = file.asText();
            if (path.endsWith(".js")) {
                Matcher absolute = ABSOLUTE_PATH.matcher(new String(resource(path.substring("/dashboard".length())), StandardCharsets.UTF_8));
                while (absolute.find()) {
                    called.add(absolute.group(1));
                }
            }
        }

        Set<String> apiRoots = new TreeSet<>();
        called.stream().filter(path -> path.startsWith("api/")).forEach(path -> apiRoots.add(path.substring("api/".length())));
        assertThat(apiRoots).isNotEmpty();
        assertThat(JobsDashboardProxy.API_ROOTS).containsAll(apiRoots);
        assertThat(called).contains("dashboard", "sse");
        assertThat(JobsDashboardProxy.OWN_PATHS).contains("/dashboard", "/dashboard/*", "/sse/*");
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = JobsDashboardProxyTest.class.getClassLoader().getResourceAsStream(BUILD + path)) {
            assertThat(in).as(BUILD + path + " on the classpath (JobRunr's jar)").isNotNull();
            return in.readAllBytes();
        }
    }
}
