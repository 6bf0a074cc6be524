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
    void findsAnIndexHashInAClearSignedReleaseFile() {
        String inRelease = """
                -----BEGIN PGP SIGNED MESSAGE-----
                Hash: SHA512

                Origin: Debian
                Suite: stable
                SHA256:
                 0123abcd 1234 main/binary-amd64/Packages
                 4567ef01 567 main/binary-amd64/Packages.xz
                -----BEGIN PGP SIGNATURE-----

                iQIzBAEBCgAdFiEE
                -----END PGP SIGNATURE-----
                """;

        DebianArchive.FileHash hash = ReleaseFile.hashOf(inRelease, "main/binary-amd64/Packages.xz");

        assertThat(hash).isEqualTo(new DebianArchive.FileHash("4567ef01", 567));
        assertThatThrownBy(() -> ReleaseFile.hashOf(inRelease, "main/binary-arm64/Packages.xz"))
                .hasMessageContaining("lists no main/binary-arm64/Packages.xz");
    }
}
