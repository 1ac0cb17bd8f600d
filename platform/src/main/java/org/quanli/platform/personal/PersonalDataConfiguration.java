package org.quanli.platform.personal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal data is encrypted by Axon's serializer (events, snapshots, dead letters) through {@link PersonalDataModule}
 * (added in {@code MessagingConfiguration}, the one serializer customizer),
 * and by projections through {@link PersonalDataCodec}; Spring's own JSON mapper (REST answers) is left alone. The
 * key-encryption key comes from a {@link KeyEncryptionKeySource} bean when one is declared (a KMS), else from the
 * environment variable when set, else from the key file.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

    @Bean
    @DependsOn("axonSchema")
    PersonalDataVault personalDataVault(JdbcClient jdbc, PersonalDataProperties properties,
                                        ObjectProvider<KeyEncryptionKeySource> declared) {
        return new PersonalDataVault(jdbc, declared.getIfAvailable(() -> source(properties)));
    }

    @Bean
    PersonalDataCodec personalDataCodec(PersonalDataVault vault) {
        return new PersonalDataCodec(vault);
    }

    static KeyEncryptionKeySource source(PersonalDataProperties properties) {
        String variable = properties.keyVariable();
        String value = variable == null || variable.isBlank() ? null : System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return new EnvironmentKeySource(variable, value);
        }
        return new KeyFileSource(properties.keyFile());
    }
}
