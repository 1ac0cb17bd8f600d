package org.quanli.platform.security.demo;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.TokenValidation;
import org.quanli.platform.web.ProblemDetailsAdvice.FieldProblem;
import org.quanli.platform.web.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in identity provider for the embedded default and for tests: it signs tokens for the configured demo
 * users, or for any role in any body the ledger has registered, and the API accepts exactly those. Active only under
 * the {@code demo} profile; production configuration points {@code spring.security.oauth2.resourceserver.jwt.*} at the
 * government identity provider instead, and then {@code /demo/token} does not exist.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoIdentityConfiguration {

    @Bean
    DemoTokens demoTokens(DemoProperties properties, @Value("${quanli.security.audience:}") List<String> ledgerAudience,
            @Value("${spring.security.oauth2.resourceserver.jwt.audiences:}") List<String> springAudiences,
            Clock clock) {
        return new DemoTokens(properties, TokenValidation.audiences(ledgerAudience, springAudiences), clock);
    }

    /**
     * The same rules as for a real identity provider: Spring's defaults, the issuer, and the ledger's own. Token
     * times are judged on the clock the tokens were issued by.
     */
    @Bean
    JwtDecoder demoJwtDecoder(DemoTokens tokens, List<OAuth2TokenValidator<Jwt>> ledgerRules, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(tokens.publicKey()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new java.util.ArrayList<>(ledgerRules);
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        validators.add(0, JwtValidators.createDefaultWithValidators(
                List.of(timestamps, new JwtIssuerValidator(DemoTokens.ISSUER))));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    @RestController
    @Profile("demo")
    static class DemoTokenController {

        private final DemoTokens tokens;
        private final DemoProperties properties;
        private final ProblemResponses problems;
        private final List<RegisteredBodies> bodies;

        DemoTokenController(DemoTokens tokens, DemoProperties properties, ProblemResponses problems,
                            List<RegisteredBodies> bodies) {
            this.tokens = tokens;
            this.properties = properties;
            this.problems = problems;
            this.bodies = bodies;
        }

        /**
         * Either a configured demo user ({@code username}), or a role in a registered body ({@code role} and
         * {@code body}, the body's unified social credit code; an administrator needs no body) with an optional
         * display {@code name}.
         */
        record TokenRequest(String username, String role, String body, String name) {
        }

        record TokenResponse(String access_token, String token_type, long expires_in, String username, String name,
                             List<String> roles, String body) {
        }

        /**
         * Issues a token for a demo user, {@code {"username": "clerk"}}, or for a role in a registered body,
         * {@code {"role": "BODY_CLERK", "body": "11510600008654321B"}}.
         */
        @PostMapping("/demo/token")
        ResponseEntity<?> token(@RequestBody TokenRequest request) {
            if (request != null && request.username() == null && (request.role() != null || request.body() != null)) {
                return forBody(request);
            }
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

        private ResponseEntity<?> forBody(TokenRequest request) {
            Role role = Arrays.stream(Role.values()).filter(r -> r.name().equals(request.role())).findFirst()
                    .orElse(null);
            if (role == null) {
                return invalid("role", "one-of", "role 须为以下之一: " + Arrays.toString(Role.values()));
            }
            String bodyName = null;
            if (request.body() != null || role != Role.ADMINISTRATOR) {
                Optional<String> registered = request.body() == null ? Optional.empty() : bodies.stream()
                        .map(b -> b.nameOf(request.body())).flatMap(Optional::stream).findFirst();
                if (registered.isEmpty()) {
                    return invalid("body", "registered-body", "body 须为账本中已登记的实施主体的统一社会信用代码");
                }
                bodyName = registered.get();
            }
            String username = "demo-" + role.name().toLowerCase(java.util.Locale.ROOT)
                    + (request.body() == null ? "" : "-" + request.body());
            String name = request.name() != null && !request.name().isBlank() ? request.name().strip()
                    : role.label() + (bodyName == null ? "" : "(" + bodyName + ")");
            List<String> roles = List.of(role.name());
            String token = tokens.issue(username, name, roles, request.body());
            return ResponseEntity.ok(new TokenResponse(token, "Bearer", tokens.validitySeconds(), username, name,
                    roles, request.body()));
        }

        private ResponseEntity<ProblemDetail> invalid(String field, String rule, String message) {
            ResponseEntity<ProblemDetail> response = problems.entity(HttpStatus.BAD_REQUEST, "invalid-request", message);
            response.getBody().setProperty("errors", List.of(new FieldProblem(field, rule, message)));
            return response;
        }

        @GetMapping("/demo/users")
        Map<String, DemoProperties.DemoUser> users() {
            return new TreeMap<>(properties.users());
        }
    }
}
