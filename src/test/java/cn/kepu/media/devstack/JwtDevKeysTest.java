package cn.kepu.media.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files are the contract with smallrye-jwt: PKCS#8 and X.509 PEM, one pair, made once. */
class JwtDevKeysTest {

    @Test
    void writesAMatchingPairOfPemKeysThatSignAndVerify(@TempDir Path dir) throws Exception {
        JwtDevKeys keys = JwtDevKeys.in(dir);
        keys.ensureExist();

        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(keys.privateKey(), "PRIVATE KEY")));
        PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(keys.publicKey(), "PUBLIC KEY")));
        byte[] payload = "kepu".getBytes();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(payload);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(payload);

        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void keepsAnExistingPairSoIssuedTokensStayValid(@TempDir Path dir) throws Exception {
        JwtDevKeys keys = JwtDevKeys.in(dir);
        keys.ensureExist();
        String first = Files.readString(keys.publicKey());

        keys.ensureExist();

        assertThat(Files.readString(keys.publicKey())).isEqualTo(first);
    }

    private static byte[] der(Path pem, String type) throws Exception {
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN " + type + "-----\n").endsWith("-----END " + type + "-----\n");
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    }
}
