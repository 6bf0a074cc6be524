package dev.cairn.baseimage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Checks a suite's release file ({@code InRelease}, an OpenPGP clear-signed message, RFC 9580 section 7) against the
 * Debian archive keys the build trusts, as apt does: at least one good signature by a trusted key, none bad; a
 * signature by a key the build does not know (the previous release's archive key, say) is passed over. Only the signed
 * text is answered: nothing before the message's header or after its signature reaches the build. The keys are the
 * trixie keys of Debian's {@code debian-archive-keyring} package, exported armoured into this module's resources
 * ({@code keys/}); a new Debian release brings new keys (ADR 0032).
 */
final class ReleaseSignature {
    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
    /** Digests a release signature may use (apt refuses SHA-1 and weaker too). */
    private static final Set<Integer> STRONG_DIGESTS =
            Set.of(HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA512);

    /** A Debian release's archive keys: main archive, security archive, stable release. */
    static final List<String> KEYS = List.of("automatic", "security-automatic", "stable");

    /**
     * A release file's signed text and who signed it.
     *
     * @param text the signed text, dash-escaping undone, lines ending in {@code \n}
     * @param signers the user ids of the trusted keys whose signatures are good
     */
    record Verified(String text, List<String> signers) {}

    private final PGPPublicKeyRingCollection keys;

    ReleaseSignature(PGPPublicKeyRingCollection keys) {
        this.keys = keys;
    }

    /**
     * Trusting the archive keys of the Debian release named {@code codename} ({@code trixie}) kept in this module's
     * resources ({@code keys/debian-archive-<codename>-<kind>.asc}).
     */
    static ReleaseSignature of(String codename) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (String kind : KEYS) {
            String name = "keys/debian-archive-" + codename + "-" + kind + ".asc";
            try (InputStream in = ReleaseSignature.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no archive key " + name + " for Debian " + codename
                            + ": export it from Debian's debian-archive-keyring package into k8s/base-image's"
                            + " resources (ADR 0032)");
                }
                new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(in), new JcaKeyFingerprintCalculator())
                        .forEach(rings::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PGPException e) {
                throw new IllegalStateException("archive key " + name + " does not read: " + e.getMessage(), e);
            }
        }
        return new ReleaseSignature(new PGPPublicKeyRingCollection(rings));
    }

    /** The signed text of {@code inRelease}; throws unless a trusted key signed it and no trusted key's check fails. */
    Verified verify(byte[] inRelease) throws IOException {
        String message = new String(inRelease, StandardCharsets.UTF_8);
        List<String> lines = List.of(message.split("\n", -1));
        if (lines.isEmpty() || !strip(lines.getFirst()).equals(BEGIN_MESSAGE)) {
            throw new IOException(
                    "the release file is not a clear-signed message (it must begin with " + BEGIN_MESSAGE + ")");
        }
        int i = 1;
        while (i < lines.size() && !strip(lines.get(i)).isEmpty()) {
            i++; // armor headers ("Hash: SHA256"): the signature packets say their digest themselves
        }
        StringBuilder signed = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (i++; i < lines.size() && !strip(lines.get(i)).equals(BEGIN_SIGNATURE); i++) {
            String line = strip(lines.get(i));
            if (line.startsWith("- ")) {
                line = line.substring(2);
            }
            // RFC 9580 7.2: trailing white space is not signed, lines end CR LF, the last line break is not signed
            signed.append(first ? "" : "\r\n").append(line);
            text.append(line).append('\n');
            first = false;
        }
        if (i >= lines.size()) {
            throw new IOException("the release file has no signature");
        }
        int end = message.indexOf(END_SIGNATURE);
        int begin = message.indexOf("\n" + BEGIN_SIGNATURE) + 1;
        if (end < begin) {
            throw new IOException("the release file's signature is not terminated");
        }
        byte[] armoured = message.substring(begin, end + END_SIGNATURE.length()).getBytes(StandardCharsets.US_ASCII);
        byte[] data = signed.toString().getBytes(StandardCharsets.UTF_8);
        List<String> good = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PGPSignature signature : signatures(armoured)) {
            PGPPublicKey key = keys.getPublicKey(signature.getKeyID());
            if (key == null) {
                unknown.add(Long.toHexString(signature.getKeyID()).toUpperCase(java.util.Locale.ROOT));
                continue;
            }
            String signer = signer(key);
            if (!STRONG_DIGESTS.contains(signature.getHashAlgorithm())) {
                throw new IOException("the release file's signature by " + signer + " uses a weak digest (algorithm "
                        + signature.getHashAlgorithm() + ")");
            }
            usable(key, signature.getCreationTime().toInstant(), signer);
            try {
                signature.init(new JcaPGPContentVerifierBuilderProvider(), key);
                signature.update(data);
                if (!signature.verify()) {
                    throw new IOException("BAD signature by " + signer + ": the release file is not what it signed");
                }
            } catch (PGPException e) {
                throw new IOException("the signature by " + signer + " cannot be checked: " + e.getMessage(), e);
            }
            good.add(signer);
        }
        if (good.isEmpty()) {
            throw new IOException(
                    "the release file has no signature by a trusted Debian key (signed by key ids " + unknown + ")");
        }
        return new Verified(text.toString(), List.copyOf(good));
    }

    private static List<PGPSignature> signatures(byte[] armoured) throws IOException {
        List<PGPSignature> all = new ArrayList<>();
        try (ArmoredInputStream in = ArmoredInputStream.builder().build(new ByteArrayInputStream(armoured))) {
            JcaPGPObjectFactory objects = new JcaPGPObjectFactory(in);
            for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
                if (!(o instanceof PGPSignatureList list)) {
                    throw new IOException("the release file's signature block holds a "
                            + o.getClass().getSimpleName());
                }
                list.forEach(all::add);
            }
        }
        return all;
    }

    /**
     * Throws unless {@code key} could sign at {@code signed}: not expired then, and, a subkey, bound to its primary key
     * by a good binding signature.
     */
    private void usable(PGPPublicKey key, Instant signed, String signer) throws IOException {
        if (key.getValidSeconds() > 0
                && key.getCreationTime()
                        .toInstant()
                        .plusSeconds(key.getValidSeconds())
                        .isBefore(signed)) {
            throw new IOException("the release file was signed by " + signer + " after its key expired");
        }
        if (key.isMasterKey()) {
            return;
        }
        PGPPublicKey primary = primaryOf(key);
        try {
            for (Iterator<PGPSignature> it = key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext(); ) {
                PGPSignature binding = it.next();
                binding.init(new JcaPGPContentVerifierBuilderProvider(), primary);
                if (binding.verifyCertification(primary, key)) {
                    return;
                }
            }
        } catch (PGPException e) {
            throw new IOException(
                    "the binding of " + signer + "'s signing subkey cannot be checked: " + e.getMessage(), e);
        }
        throw new IOException("the signing subkey of " + signer + " is not bound to its key");
    }

    private PGPPublicKey primaryOf(PGPPublicKey key) {
        return keys.getPublicKeyRing(key.getKeyID()).getPublicKey();
    }

    /** The user id of the key's ring ("Debian Archive Automatic Signing Key (13/trixie) <ftpmaster@debian.org>"). */
    private String signer(PGPPublicKey key) throws IOException {
        PGPPublicKey primary = key.isMasterKey() ? key : primaryOf(key);
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? ids.next() : Long.toHexString(primary.getKeyID());
    }

    private static String strip(String line) {
        return line.stripTrailing();
    }
}
