package org.quanli.query.delegation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FindingSettings.class)
class DelegationReadConfiguration {
}
