package dev.strangler.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StranglerVersionTest {

    @Test
    void versionComesFromTheBuildNotFromAPlaceholder() {
        assertThat(StranglerVersion.get())
                .isNotBlank()
                .doesNotContain("${")
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
