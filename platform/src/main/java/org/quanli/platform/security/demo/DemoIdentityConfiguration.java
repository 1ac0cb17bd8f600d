package org.quanli.platform.security.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.quanli.platform.web.ProblemResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in identity provider for the embedded default and for tests: it signs tokens for the configured demo
 * users and the API accepts exactly those. Active only under the {@code demo} profile; production configuration
 * points {@code spring.security.oauth2.resourceserver.jwt.*} at the government identity provider instead.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoIdentityConfiguration {

    @Bean
    DemoTokens demoTokens(DemoProperties properties) {
        return new DemoTokens(properties);
    }

    @Bean
    JwtDecoder demoJwtDecoder(DemoTokens tokens) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(tokens.publicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(DemoTokens.ISSUER)));
        return decoder;
    }

    @RestController
    @Profile("demo")
    static class DemoTokenController {

        private final DemoTokens tokens;
        private final DemoProperties properties;
        private final ProblemResponses problems;

        DemoTokenController(DemoTokens tokens, DemoProperties properties, ProblemResponses problems) {
            this.tokens = tokens;
            this.properties = properties;
            this.problems = problems;
        }

        record TokenRequest(String username) {
        }

        record TokenResponse(String access_token, String token_type, long expires_in, String username, String name,
                             List<String> roles, String body) {
        }

        /** Issues a token for a demo user: {@code {"username": "clerk"}}. */
        @PostMapping("/demo/token")
        ResponseEntity<?> token(@RequestBody TokenRequest request) {
            DemoProperties.DemoUser user = request == null || request.username() == null ? null
                    : properties.users().get(request.username());
            if (user == null) {
                return problems.entity(HttpStatus.BAD_REQUEST, "unknown-demo-user",
                        "username 不是已配置的演示用户,可选: " + new TreeMap<>(properties.users()).keySet());
            }
            String token = tokens.issue(request.username(), user.name(), user.roles(), user.body());
            return ResponseEntity.ok(new TokenResponse(token, "Bearer", tokens.validitySeconds(), request.username(),
                    user.name(), user.roles(), user.body()));
        }

        @GetMapping("/demo/users")
        Map<String, DemoProperties.DemoUser> users() {
            return new TreeMap<>(properties.users());
        }
    }
}
