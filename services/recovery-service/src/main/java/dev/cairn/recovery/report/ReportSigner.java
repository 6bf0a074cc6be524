package dev.cairn.recovery.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The platform's report-signing key: ECDSA on P-256 with SHA-256 ({@code SHA256withECDSA}, DER signatures, what
 * {@code openssl dgst -sha256 -sign/-verify} reads and writes). Its public key is published as PEM; its id is the
 * first 16 hex digits of the SHA-256 of the public key's DER encoding.
 */
public final class ReportSigner {
    private static final String ALGORITHM = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    ReportSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        try {
            this.keyId = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A new key, in memory (tests). */
    public static ReportSigner generate() {
        KeyPair pair = newPair();
        return new ReportSigner(pair.getPrivate(), pair.getPublic());
    }

    /**
     * The key kept as a PEM file holding the PKCS#8 private key and the X.509 public key (two blocks, as
     * {@code openssl pkcs8 -topk8 -nocrypt} and {@code openssl ec -pubout} write them); made, owner-readable only,
     * when absent and {@code generate} allows it (the local platform). Production mounts it from a Secret and never
     * generates one.
     */
    public static ReportSigner fromFile(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("no report-signing key at " + file
                            + " (cairn.recovery.signing-key-file): mount the platform's key there");
                }
                Files.createDirectories(file.toAbsolutePath().getParent());
                KeyPair pair = newPair();
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(
                            file,
                            pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                                    + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                } catch (FileAlreadyExistsException raced) {
                    // another replica made it: read theirs
                }
            }
            String text = Files.readString(file);
            KeyFactory factory = KeyFactory.getInstance("EC");
            PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY", file)));
            PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY", file)));
            ReportSigner signer = new ReportSigner(key, pub);
            if (!signer.verify(new byte[] {1}, signer.sign(new byte[] {1}))) {
                throw new IllegalStateException("the report-signing key " + file + ": its keys are not a pair");
            }
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report-signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the report-signing key " + file + " is not a P-256 key pair", e);
        }
    }

    private static byte[] block(String pem, String type, Path file) {
        String begin = "-----BEGIN " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new IllegalStateException("the report-signing key " + file + " holds no " + type + " block");
        }
        return Base64.getMimeDecoder()
                .decode(pem.substring(from + begin.length(), to).strip());
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 unavailable", e);
        }
    }

    /** The detached DER signature of {@code document}. */
    public byte[] sign(byte[] document) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(document);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a report", e);
        }
    }

    /** Whether {@code signature} is this key's signature of {@code document}. */
    public boolean verify(byte[] document, byte[] signature) {
        return verify(publicKey, document, signature);
    }

    /** Whether {@code signature} is the signature of {@code document} by the holder of {@code key}. */
    public static boolean verify(PublicKey key, byte[] document, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(document);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** A public key from its PEM. */
    public static PublicKey publicKey(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EC public key in PEM", e);
        }
    }

    /** The key's id: the first 16 hex digits of the SHA-256 of its public key. */
    public String keyId() {
        return keyId;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
