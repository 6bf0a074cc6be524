package dev.cairn.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class RootLayerTest {
    private static final String CONTROL = "Package: fakejre\nSource: fake\nVersion: 1.0-1\nArchitecture: amd64\n"
            + "Description: a package made by the test\n";

    @TempDir
    Path tmp;

    @Test
    void unpacksThePackageRecordsItForScannersAndWritesWhatMaintainerScriptsWould() throws Exception {
        X509Certificate ca = someTrustedCertificate();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path deb = deb(
                CONTROL,
                "d4 ./usr/bin/java\n",
                Map.of(
                        "./usr/", "",
                        "./usr/bin/java", "#!binary",
                        "./usr/lib/jvm/default", "->fakejre-amd64",
                        "./usr/share/ca-certificates/mozilla/Test_CA.crt", pem,
                        "./usr/share/doc/fakejre/copyright", "GPL-2 with the Classpath exception",
                        "./usr/share/doc/fakejre/changelog.Debian.gz", "left out",
                        "./usr/share/man/man1/java.1.gz", "left out"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RootLayer layer = new RootLayer(out)) {
            layer.addPackage(index("fakejre", "1.0-1"), deb);
            layer.finish("/usr/lib/jvm/fakejre-amd64");
        }
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), tar.readAllBytes());
            }
        }

        assertThat(entries).containsKeys("usr/", "usr/bin/java", "usr/share/doc/fakejre/copyright");
        assertThat(entries.get("usr/bin/java").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("usr/bin/java").getLongUserId()).isZero();
        assertThat(entries.get("usr/lib/jvm/default").getLinkName()).isEqualTo("fakejre-amd64");
        assertThat(entries)
                .doesNotContainKeys("usr/share/doc/fakejre/changelog.Debian.gz", "usr/share/man/man1/java.1.gz");

        assertThat(new String(contents.get("var/lib/dpkg/status.d/fakejre"), StandardCharsets.UTF_8))
                .startsWith("Package: fakejre\nStatus: install ok installed\nSource: fake\nVersion: 1.0-1\n");
        assertThat(new String(contents.get("var/lib/dpkg/status.d/fakejre.md5sums"), StandardCharsets.UTF_8))
                .isEqualTo("d4 ./usr/bin/java\n");
        assertThat(entries.get("opt/java").getLinkName()).isEqualTo("../usr/lib/jvm/fakejre-amd64");
        assertThat(new String(contents.get("etc/passwd"), StandardCharsets.UTF_8))
                .contains("cairn:x:185:185:")
                .contains("nonroot:x:65532:65532:");
        assertThat(new String(contents.get("etc/ssl/certs/ca-certificates.crt"), StandardCharsets.UTF_8))
                .isEqualTo(pem);

        // Java reads its default trust store with no password: the store must answer its certificates without one
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(new ByteArrayInputStream(contents.get("etc/ssl/certs/java/cacerts")), null);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
        assertThat(trust.getAcceptedIssuers()).containsExactly(ca);
    }

    @Test
    void refusesAFileThatTwoPackagesShip() throws Exception {
        Path deb = deb(CONTROL, "", Map.of("./usr/bin/java", "x"));
        Path other = deb(CONTROL.replace("fakejre", "otherjre"), "", Map.of("./usr/bin/java", "y"));

        try (RootLayer layer = new RootLayer(new ByteArrayOutputStream())) {
            layer.addPackage(index("fakejre", "1.0-1"), deb);
            assertThatThrownBy(() -> layer.addPackage(index("otherjre", "1.0-1"), other))
                    .hasMessageContaining("two packages ship usr/bin/java");
        }
    }

    @Test
    void refusesAPackageThatIsNotTheOneTheIndexNamed() throws Exception {
        Path deb = deb(CONTROL, "", Map.of("./usr/bin/java", "x"));

        try (RootLayer layer = new RootLayer(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> layer.addPackage(index("fakejre", "1.0-2"), deb))
                    .hasMessageContaining("is not fakejre 1.0-2");
        }
    }

    private static ControlStanza index(String name, String version) {
        return new ControlStanza(Map.of("Package", name, "Version", version));
    }

    private static X509Certificate someTrustedCertificate() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers()[0];
    }

    /** A .deb as dpkg-deb writes one; a value starting with "->" is a symlink, a name ending in "/" a folder. */
    private Path deb(String control, String md5sums, Map<String, String> files) throws IOException {
        Map<String, String> controlFiles = new LinkedHashMap<>();
        controlFiles.put("./control", control);
        if (!md5sums.isEmpty()) {
            controlFiles.put("./md5sums", md5sums);
        }
        Path deb = Files.createTempFile(tmp, "fake", ".deb");
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.xz", tarXz(controlFiles));
            member(ar, "data.tar.xz", tarXz(new java.util.TreeMap<>(files)));
        }
        return deb;
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] data) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, data.length));
        ar.write(data);
        ar.closeArchiveEntry();
    }

    private static byte[] tarXz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                TarArchiveEntry entry;
                if (f.getKey().endsWith("/")) {
                    entry = new TarArchiveEntry(f.getKey(), TarConstants.LF_DIR);
                } else if (f.getValue().startsWith("->")) {
                    entry = new TarArchiveEntry(f.getKey(), TarConstants.LF_SYMLINK);
                    entry.setLinkName(f.getValue().substring(2));
                } else {
                    entry = new TarArchiveEntry(f.getKey());
                    entry.setSize(f.getValue().getBytes(StandardCharsets.UTF_8).length);
                    entry.setMode(f.getKey().contains("/bin/") ? 0100755 : 0100644);
                }
                tar.putArchiveEntry(entry);
                if (entry.isFile() && !entry.isSymbolicLink()) {
                    tar.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
