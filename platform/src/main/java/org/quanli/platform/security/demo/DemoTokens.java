package org.quanli.platform.security.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import org.quanli.platform.security.OwnerOnlyFiles;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Signs JWTs for demo users and tests with an RSA key that, when a key file is configured, is kept across restarts.
 */
public class DemoTokens {

    public static final String ISSUER = "quanli-demo";

    private final RSAPublicKey publicKey;
    private final NimbusJwtEncoder encoder;
    private final DemoProperties properties;
    private final Set<String> audiences;
    private final Clock clock;

    /** @param audiences what every issued token names in {@code aud}: the audiences the ledger checks, if any */
    public DemoTokens(DemoProperties properties, Set<String> audiences, Clock clock) {
        this.properties = properties;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
        RSAPrivateCrtKey privateKey = loadOrCreate(properties.keyFile());
        this.publicKey = publicKeyOf(privateKey);
        RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID("quanli-demo").build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** A signed token for any user; tests use it to act as whoever they need. */
    public String issue(String userId, String name, List<String> roles, String body) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId)
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenValidity()))
                .claim("name", name)
                .claim("roles", roles);
        if (body != null) {
            claims.claim("body", body);
        }
        if (!audiences.isEmpty()) {
            claims.audience(List.copyOf(audiences));
        }
        return sign(claims.build());
    }

    /** Signs exactly these claims; tests use it for tokens the ledger must refuse. */
    public String sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("quanli-demo").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public long validitySeconds() {
        return properties.tokenValidity().toSeconds();
    }

    private static RSAPrivateCrtKey loadOrCreate(String keyFile) {
        try {
            if (keyFile != null && !keyFile.isBlank()) {
                Path path = Path.of(keyFile);
                if (Files.exists(path)) {
                    return read(OwnerOnlyFiles.read(path));
                }
                RSAPrivateCrtKey key = generate();
                OwnerOnlyFiles.create(path, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
                return key;
            }
            return generate();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the demo signing key " + keyFile, e);
        }
    }

    private static RSAPrivateCrtKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    private static RSAPrivateCrtKey read(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
