package org.quanli.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * A government's OIDC provider for tests: Spring Authorization Server in an application of its own, on a random
 * port, publishing its keys through OpenID discovery. Each user is a client (client credentials grant) whose
 * tokens carry its {@code roles}, {@code name} and {@code body} claims. Keys can be added, made the signing key and
 * retired while it runs, as a provider rotates them.
 */
public final class GovernmentIdentityProvider implements AutoCloseable {

    /** A user of the provider: its client id is the token's subject. */
    public record User(String id, String name, List<String> roles, String body) {
    }

    /** The users, handed to the provider's application as one bean. */
    record Users(List<User> all) {
    }

    /** Each client's secret (Spring Authorization Server wants them unique). */
    private static String secret(User user) {
        return "secret-" + user.id();
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final Keys keys;

    private GovernmentIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
        this.keys = context.getBean(Keys.class);
    }

    public static GovernmentIdentityProvider start(User... users) {
        return new GovernmentIdentityProvider(new SpringApplicationBuilder(Server.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("users", new Users(List.of(users))))
                // Arguments, not default properties: those would lose to application.yml's port.
                .run("--server.port=0", "--spring.main.banner-mode=off"));
    }

    public String issuer() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Publishes a new key and signs every later token with it; returns its key id. */
    public String rotate() {
        return keys.rotate();
    }

    /** Stops publishing a key: tokens it signed can no longer be verified. */
    public void retire(String keyId) {
        keys.retire(keyId);
    }

    /** A fresh access token for the user, from the token endpoint, signed by the current signing key. */
    public String token(User user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user.id() + ":" + secret(user)).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JsonMapper.builder().build().readTree(response.body()).get("access_token").asString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** The provider's keys: those published at its JWK set URL, and the one that signs new tokens. */
    static final class Keys implements JWKSource<SecurityContext> {

        private final List<JWK> published = new CopyOnWriteArrayList<>();
        private volatile String signing;

        Keys() {
            rotate();
        }

        synchronized String rotate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                String kid = UUID.randomUUID().toString();
                published.add(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                        .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(kid).build());
                signing = kid;
                return kid;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void retire(String kid) {
            published.removeIf(key -> key.getKeyID().equals(kid));
        }

        @Override
        public List<JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context) {
            return selector.select(new JWKSet(new ArrayList<>(published)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class Server {

        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            return http.build();
        }

        /** No issuer configured: each answer names the URL it was asked at, as the ledger asks it. */
        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        Keys keys() {
            return new Keys();
        }

        /** The provider's own reading of its tokens (its user-info endpoint), from the keys it publishes. */
        @Bean
        JwtDecoder jwtDecoder(Keys keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        RegisteredClientRepository clients(Users users) {
            return new InMemoryRegisteredClientRepository(users.all().stream().map(user -> RegisteredClient
                    .withId(UUID.randomUUID().toString())
                    .clientId(user.id())
                    .clientSecret("{noop}" + secret(user))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder().settings(settings -> settings.putAll(Map.of(
                            "user.name", user.name(), "user.roles", user.roles(),
                            "user.body", user.body() == null ? "" : user.body()))).build())
                    .build()).toList());
        }

        /** The ledger's claims, as a deployer maps them in the provider; the header names the signing key. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> ledgerClaims(Keys keys) {
            return context -> {
                ClientSettings user = context.getRegisteredClient().getClientSettings();
                context.getJwsHeader().keyId(keys.signing);
                context.getClaims().claim("name", user.<String>getSetting("user.name"))
                        .claim("roles", user.<List<String>>getSetting("user.roles"));
                String body = user.getSetting("user.body");
                if (!body.isEmpty()) {
                    context.getClaims().claim("body", body);
                }
            };
        }
    }
}
