package dev.cairn.baseimage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A {@code .deb} file: an ar archive of {@code debian-binary}, {@code control.tar.*} (the package's control file and
 * its files' MD5 sums) and {@code data.tar.*} (the files), each tar xz- or gzip-compressed.
 */
final class DebPackage {
    private DebPackage() {}

    /** Receives the files of a package's data archive in order. */
    @FunctionalInterface
    interface FileVisitor {
        /** One entry; {@code content} is its data (empty but for regular files), read only during the call. */
        void visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    /**
     * What the control archive says.
     *
     * @param control the control file as written (one paragraph)
     * @param md5sums the {@code md5sums} file, empty when the package has none
     */
    record Control(String control, String md5sums) {
        ControlStanza stanza() {
            List<ControlStanza> stanzas = ControlStanza.parseAll(control);
            if (stanzas.size() != 1) {
                throw new IllegalArgumentException("a control file of " + stanzas.size() + " paragraphs");
            }
            return stanzas.getFirst();
        }
    }

    /** Reads {@code deb}: hands every data file to {@code visitor} and answers the control archive's contents. */
    static Control read(Path deb, FileVisitor visitor) throws IOException {
        String control = null;
        String md5sums = "";
        boolean data = false;
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            for (ArArchiveEntry member; (member = ar.getNextEntry()) != null; ) {
                String name = member.getName();
                if (name.startsWith("control.tar")) {
                    try (TarArchiveInputStream tar = tar(name, ar)) {
                        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                            String file = e.getName().replaceFirst("^\\./", "");
                            if (file.equals("control")) {
                                control = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                            } else if (file.equals("md5sums")) {
                                md5sums = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                            }
                        }
                    }
                } else if (name.startsWith("data.tar")) {
                    data = true;
                    try (TarArchiveInputStream tar = tar(name, ar)) {
                        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                            visitor.visit(e, tar);
                        }
                    }
                }
            }
        }
        if (control == null || !data) {
            throw new IOException(deb + " is not a Debian package: no control file or no data archive");
        }
        return new Control(control, md5sums);
    }

    private static TarArchiveInputStream tar(String member, InputStream ar) throws IOException {
        InputStream unclosable = new java.io.FilterInputStream(ar) {
            @Override
            public void close() {
                // the ar archive goes on to its next member
            }
        };
        if (member.endsWith(".xz")) {
            return new TarArchiveInputStream(new XZInputStream(unclosable));
        }
        if (member.endsWith(".gz")) {
            return new TarArchiveInputStream(new GZIPInputStream(unclosable));
        }
        if (member.endsWith(".tar")) {
            return new TarArchiveInputStream(unclosable);
        }
        throw new IOException("unsupported compression of " + member + " (xz, gzip or none are read)");
    }
}
