package dev.cairn.tenant.cluster;

import dev.cairn.platform.problem.ProblemException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** Wraps keys to an agent's RSA public key with RSA-OAEP (SHA-256, MGF1 with SHA-256). */
final class KeyWrapping {
    static final String ALGORITHM = "RSA-OAEP-256";
    static final int MIN_BITS = 3072;

    private final RSAPublicKey publicKey;

    private KeyWrapping(RSAPublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /** Parses the agent's key; 400 when it is not an RSA key of at least 3072 bits. */
    static KeyWrapping forAgent(String base64Spki) {
        try {
            byte[] der = Base64.getDecoder().decode(base64Spki.trim());
            var key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_BITS) {
                throw ProblemException.badRequest("publicKey must be an RSA key of at least " + MIN_BITS + " bits");
            }
            return new KeyWrapping(rsa);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw ProblemException.badRequest("publicKey is not a base64 X.509 SubjectPublicKeyInfo RSA key");
        }
    }

    String wrap(byte[] key) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    publicKey,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            return Base64.getEncoder().encodeToString(cipher.doFinal(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP unavailable", e);
        }
    }
}
