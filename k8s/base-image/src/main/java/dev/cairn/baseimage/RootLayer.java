package dev.cairn.baseimage;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The base image's one layer, as a tar stream: the selected packages' files as dpkg would unpack them (owned by root,
 * modes, symlinks and times kept; manuals and documentation left out but for each package's copyright), each package's
 * dpkg record in {@code /var/lib/dpkg/status.d/} (what image scanners such as Trivy and Grype read on distroless
 * images), and what the left-out maintainer scripts would have made: the users, the CA bundle and Java's trust store.
 */
final class RootLayer implements Closeable {
    /** Where every image finds its Java runtime, whatever the architecture ({@code JAVA_HOME}). */
    static final String JAVA_HOME = "/opt/java";
    /** The services' user and group (the Quarkus images' convention; the platform chart runs pods as 185). */
    static final int SERVICE_UID = 185;
    /** The agent's user and group (distroless's {@code nonroot}). */
    static final int AGENT_UID = 65532;

    private static final Instant GENERATED = Instant.ofEpochSecond(1);
    private static final String CERTIFICATES = "usr/share/ca-certificates/";

    private final TarArchiveOutputStream tar;
    private final Set<String> written = new HashSet<>();
    private final Map<String, byte[]> certificates = new TreeMap<>();

    RootLayer(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Unpacks {@code deb} (the package {@code index} describes) and records it as installed. */
    void addPackage(ControlStanza index, java.nio.file.Path deb) throws IOException {
        DebPackage.Control control = DebPackage.read(deb, this::unpack);
        String name = control.stanza().required("Package");
        if (!name.equals(index.required("Package"))
                || !control.stanza().required("Version").equals(index.required("Version"))) {
            throw new IOException(deb + " is not " + index.required("Package") + " " + index.required("Version"));
        }
        String status = control.control().replaceFirst("(?m)^(Package: .*\n)", "$1Status: install ok installed\n");
        file("var/lib/dpkg/status.d/" + name, status.getBytes(StandardCharsets.UTF_8), 0644);
        if (!control.md5sums().isEmpty()) {
            file(
                    "var/lib/dpkg/status.d/" + name + ".md5sums",
                    control.md5sums().getBytes(StandardCharsets.UTF_8),
                    0644);
        }
    }

    /**
     * Writes what maintainer scripts would have: {@code /etc/passwd} and {@code /etc/group}, the CA bundle and Java's
     * trust store from the CA certificates unpacked, and {@code /opt/java} pointing at the Java runtime.
     */
    void finish(String javaRuntime) throws IOException {
        file(
                "etc/passwd",
                ("root:x:0:0:root:/root:/usr/sbin/nologin\n"
                                + "cairn:x:" + SERVICE_UID + ":" + SERVICE_UID
                                + ":cairn services:/deployments:/usr/sbin/nologin\n"
                                + "nonroot:x:" + AGENT_UID + ":" + AGENT_UID
                                + ":cairn agent:/home/nonroot:/usr/sbin/nologin\n"
                                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
                        .getBytes(StandardCharsets.UTF_8),
                0644);
        file(
                "etc/group",
                ("root:x:0:\ncairn:x:" + SERVICE_UID + ":\nnonroot:x:" + AGENT_UID + ":\nnogroup:x:65534:\n")
                        .getBytes(StandardCharsets.UTF_8),
                0644);
        directory("home/nonroot", 0700, AGENT_UID);
        if (certificates.isEmpty()) {
            throw new IOException("no CA certificates were unpacked (is ca-certificates selected?)");
        }
        file("etc/ssl/certs/ca-certificates.crt", bundle(), 0644);
        file("etc/ssl/certs/java/cacerts", trustStore(), 0644);
        // relative, so that the link resolves inside an unpacked root folder too
        symlink(JAVA_HOME.substring(1), ".." + javaRuntime);
    }

    /** The number of CA certificates the trust store holds (after {@link #finish}). */
    int certificateCount() {
        return certificates.size();
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private void unpack(TarArchiveEntry source, InputStream content) throws IOException {
        String name = source.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
        if (name.isEmpty() || leftOut(name, source)) {
            return;
        }
        if (source.isDirectory()) {
            if (written.add(name)) {
                put(
                        entry(
                                name + "/",
                                TarConstants.LF_DIR,
                                source.getMode(),
                                source.getModTime().toInstant()),
                        null);
            }
            return;
        }
        if (!written.add(name)) {
            throw new IOException("two packages ship " + name);
        }
        TarArchiveEntry entry;
        if (source.isSymbolicLink()) {
            entry = entry(
                    name,
                    TarConstants.LF_SYMLINK,
                    source.getMode(),
                    source.getModTime().toInstant());
            entry.setLinkName(source.getLinkName());
            put(entry, null);
        } else if (source.isLink()) {
            entry = entry(
                    name,
                    TarConstants.LF_LINK,
                    source.getMode(),
                    source.getModTime().toInstant());
            entry.setLinkName(source.getLinkName().replaceFirst("^\\./", ""));
            put(entry, null);
        } else if (source.isFile()) {
            entry = entry(
                    name,
                    TarConstants.LF_NORMAL,
                    source.getMode(),
                    source.getModTime().toInstant());
            entry.setSize(source.getSize());
            if (name.startsWith(CERTIFICATES) && name.endsWith(".crt")) {
                byte[] data = content.readAllBytes();
                certificates.put(name.substring(CERTIFICATES.length()), data);
                put(entry, data);
            } else {
                // streamed, never held: the runtime's module image alone is over 100 MB
                tar.putArchiveEntry(entry);
                content.transferTo(tar);
                tar.closeArchiveEntry();
            }
        } else {
            throw new IOException("unsupported entry type in a package: " + source.getName());
        }
    }

    /** Manuals, info pages, lintian overrides and documentation but the copyright files stay out. */
    private static boolean leftOut(String name, TarArchiveEntry entry) {
        if (name.startsWith("usr/share/man/")
                || name.startsWith("usr/share/info/")
                || name.startsWith("usr/share/lintian/")) {
            return true;
        }
        return name.startsWith("usr/share/doc/")
                && !entry.isDirectory()
                && !entry.isSymbolicLink()
                && !name.endsWith("/copyright");
    }

    private byte[] bundle() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] pem : certificates.values()) {
            out.write(pem);
            if (pem.length > 0 && pem[pem.length - 1] != '\n') {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** A JKS store of trusted certificates: readable without a password, as Java reads its default trust store. */
    private byte[] trustStore() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Map.Entry<String, byte[]> pem : certificates.entrySet()) {
                int n = 0;
                for (Certificate certificate :
                        factory.generateCertificates(new java.io.ByteArrayInputStream(pem.getValue()))) {
                    String alias = pem.getKey()
                                    .replaceAll("\\.crt$", "")
                                    .replace('/', ':')
                                    .toLowerCase(Locale.ROOT)
                            + (n++ == 0 ? "" : "-" + n);
                    store.setCertificateEntry(alias, (X509Certificate) certificate);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, "changeit".toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("could not build Java's trust store: " + e.getMessage(), e);
        }
    }

    private void file(String name, byte[] data, int mode) throws IOException {
        parents(name);
        if (!written.add(name)) {
            throw new IOException("two writers of " + name);
        }
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, mode, GENERATED);
        entry.setSize(data.length);
        put(entry, data);
    }

    private void symlink(String name, String target) throws IOException {
        parents(name);
        if (!written.add(name)) {
            throw new IOException("two writers of " + name);
        }
        TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777, GENERATED);
        entry.setLinkName(target);
        put(entry, null);
    }

    private void directory(String name, int mode, int owner) throws IOException {
        parents(name);
        if (written.add(name)) {
            TarArchiveEntry entry = entry(name + "/", TarConstants.LF_DIR, mode, GENERATED);
            entry.setIds(owner, owner);
            entry.setUserName(owner == AGENT_UID ? "nonroot" : "root");
            entry.setGroupName(owner == AGENT_UID ? "nonroot" : "root");
            put(entry, null);
        }
    }

    private void parents(String name) throws IOException {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            directory(name.substring(0, slash), 0755, 0);
        }
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, Instant modified) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode);
        entry.setIds(0, 0);
        entry.setUserName("root");
        entry.setGroupName("root");
        entry.setModTime(java.nio.file.attribute.FileTime.from(modified));
        return entry;
    }

    private void put(TarArchiveEntry entry, byte[] data) throws IOException {
        tar.putArchiveEntry(entry);
        if (data != null) {
            tar.write(data);
        }
        tar.closeArchiveEntry();
    }
}
