package org.quanli.platform.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the ledger keeps the identity provider's key set ({@code quanli.security.key-set-lifetime}, default five
 * minutes) before it reads it again. A key the provider publishes anew is fetched at once when a token names it; a
 * key the provider retires is trusted until the ledger's copy expires, so this is how long a retired (or
 * compromised) key may still sign tokens the ledger accepts. Applies to the decoder Spring Boot builds from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}.
 */
@Configuration(proxyBeanMethods = false)
class KeySetLifetime {

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer keySetCache(
            @Value("${quanli.security.key-set-lifetime:PT5M}") Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("quanli.security.key-set-lifetime must be positive: " + lifetime);
        }
        return builder -> builder.cache(new CaffeineCache("identity-provider-key-set",
                Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(10).build()));
    }
}
