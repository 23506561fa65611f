package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair of dev runs and tests: the app's dev/test-only token endpoint signs with the private key, the app
 * verifies bearer tokens with the public one. Made once per stack home, so tokens stay valid across restarts.
 *
 * @param privateKey PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as {@code smallrye.jwt.sign.key.location} reads it
 * @param publicKey X.509 SubjectPublicKeyInfo PEM ({@code BEGIN PUBLIC KEY}), as {@code mp.jwt.verify.publickey.location} reads it
 */
record JwtDevKeys(Path privateKey, Path publicKey) {

    private static final int KEY_SIZE = 2048;

    static JwtDevKeys in(Path dir) {
        return new JwtDevKeys(dir.resolve("private.pem"), dir.resolve("public.pem"));
    }

    /** Generates the pair unless both files are there. */
    void ensureExist() throws IOException {
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        StackFiles.directory(privateKey.getParent());
        KeyPair pair = generate();
        // The public key last: its presence is what marks the pair as complete.
        StackFiles.writeAtomically(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), PosixFilePermissions.fromString("rw-------"));
        StackFiles.writeAtomically(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has RSA", e);
        }
    }

    /** The JDK encodes RSA private keys as PKCS#8 and public keys as X.509 SubjectPublicKeyInfo: PEM is their Base64. */
    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
