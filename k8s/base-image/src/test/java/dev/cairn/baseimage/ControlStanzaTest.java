package dev.cairn.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlStanzaTest {

    @Test
    void readsParagraphsFieldsAndContinuationLines() {
        List<ControlStanza> stanzas = ControlStanza.parseAll("""
                Package: zlib1g
                Version: 1:1.3.dfsg+really1.3.1-1+deb13u1
                Description: compression library - runtime
                 zlib is a library implementing the deflate compression method
                 found in gzip and PKZIP.

                Package: netbase
                Version: 6.5
                """);

        assertThat(stanzas).hasSize(2);
        assertThat(stanzas.get(0).required("Package")).isEqualTo("zlib1g");
        assertThat(stanzas.get(0).required("Description"))
                .isEqualTo(
                        "compression library - runtime\nzlib is a library implementing the deflate compression method\n"
                                + "found in gzip and PKZIP.");
        assertThat(stanzas.get(1).field("Depends")).isEmpty();
    }

    @Test
    void refusesLinesThatAreNotFields() {
        assertThatThrownBy(() -> ControlStanza.parseAll("Package: a\nnot a field\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> ControlStanza.parseAll(" continued\n")).hasMessageContaining("no field above");
        assertThatThrownBy(
                        () -> ControlStanza.parseAll("Package: a\n").getFirst().required("Version"))
                .hasMessageContaining("no Version field");
    }

    @Test
    void findsAnIndexHashInAReleaseFile() {
        String release = """
                Origin: Debian
                Suite: stable
                Valid-Until: Wed, 09 Dec 2026 23:13:44 UTC
                SHA256:
                 0123abcd 1234 main/binary-amd64/Packages
                 4567ef01 567 main/binary-amd64/Packages.xz
                """;

        DebianArchive.FileHash hash = ReleaseFile.hashOf(release, "main/binary-amd64/Packages.xz");

        assertThat(hash).isEqualTo(new DebianArchive.FileHash("4567ef01", 567));
        assertThatThrownBy(() -> ReleaseFile.hashOf(release, "main/binary-arm64/Packages.xz"))
                .hasMessageContaining("lists no main/binary-arm64/Packages.xz");
        assertThat(ReleaseFile.validUntil(release)).isEqualTo(java.time.Instant.parse("2026-12-09T23:13:44Z"));
        assertThat(ReleaseFile.validUntil("Origin: Debian\n")).isNull();
    }
}
