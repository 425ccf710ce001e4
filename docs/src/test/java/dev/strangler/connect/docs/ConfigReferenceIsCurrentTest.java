package dev.strangler.connect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The committed configuration reference must be what the ConfigDefs say now. With
 * {@code -Dconfig-reference.update=true} the test rewrites the pages instead of failing.
 */
class ConfigReferenceIsCurrentTest {

    private static final String REGENERATE = "./mvnw -pl docs -am test -Dconfig-reference.update=true";

    @Test
    void committedReferenceMatchesTheConfigDefs() throws IOException {
        Path dir = Path.of(System.getProperty("config-reference.dir", "config-reference"));
        Map<String, String> pages = ConfigReference.render();
        assertThat(pages).as("every plugin module has plugins in its META-INF/services")
                .containsOnlyKeys("connect-acl-smt", "connect-outbox-source", "connect-legacy-sink", "connect-reconcile-sink");
        boolean update = Boolean.getBoolean("config-reference.update");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = dir.resolve(page.getKey() + ".md");
            if (update) {
                Files.createDirectories(dir);
                Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            } else {
                assertThat(file).as("%s is generated; run %s", file, REGENERATE).exists();
                assertThat(Files.readString(file, StandardCharsets.UTF_8))
                        .as("%s is stale; run %s and commit the result", file, REGENERATE)
                        .isEqualTo(page.getValue());
            }
        }
    }
}
