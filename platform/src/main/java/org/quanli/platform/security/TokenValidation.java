package org.quanli.platform.security;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * Rules every accepted token meets on top of signature, issuer and time checks. Spring's timestamp check lets a
 * token without {@code exp} live for ever: it is refused. When an audience is configured
 * ({@code quanli.security.audience} or Spring's {@code spring.security.oauth2.resourceserver.jwt.audiences}), the
 * token's {@code aud} must name one of them. Spring Boot adds this bean to the decoder it configures for an identity
 * provider; the demo provider's decoder adds it too.
 */
@Configuration(proxyBeanMethods = false)
public class TokenValidation {

    @Bean
    OAuth2TokenValidator<Jwt> ledgerTokenRules(@Value("${quanli.security.audience:}") List<String> ledgerAudience,
            @Value("${spring.security.oauth2.resourceserver.jwt.audiences:}") List<String> springAudiences) {
        Set<String> audiences = audiences(ledgerAudience, springAudiences);
        OAuth2TokenValidator<Jwt> expiry = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
        if (audiences.isEmpty()) {
            return expiry;
        }
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && !Collections.disjoint(aud, audiences));
        return new DelegatingOAuth2TokenValidator<>(expiry, audience);
    }

    /** The configured audiences, blank entries left out. */
    public static Set<String> audiences(List<String> ledgerAudience, List<String> springAudiences) {
        Set<String> audiences = new LinkedHashSet<>();
        for (List<String> list : List.of(ledgerAudience, springAudiences)) {
            if (list != null) {
                list.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).forEach(audiences::add);
            }
        }
        return audiences;
    }
}
