package org.quanli.platform.security;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Says plainly what to configure when the ledger starts without an identity provider to validate tokens with. */
class MissingIdentityProviderAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        if (cause.getBeanType() == null || !JwtDecoder.class.isAssignableFrom(cause.getBeanType())) {
            return null;
        }
        return new FailureAnalysis(
                "No identity provider is configured: the ledger cannot validate bearer tokens.",
                "Set SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI (or ..._JWT_JWK_SET_URI) to the government "
                        + "identity provider, or, for a demo only, start with --spring.profiles.active=demo.",
                cause);
    }
}
