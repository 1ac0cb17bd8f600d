package org.quanli.platform.personal;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Personal data protection.
 *
 * @param keyFile     the key-encryption key file (Tink JSON keyset, mode 0600), made on first start; blank: a key in
 *                    memory for one run (tests)
 * @param keyVariable an environment variable that, when set, holds the key-encryption key instead of the file
 * @param retention   how long after a case ends its applicant's data is kept before it is due for erasure
 */
@ConfigurationProperties("quanli.personal-data")
public record PersonalDataProperties(String keyFile, String keyVariable, Period retention) {
}
