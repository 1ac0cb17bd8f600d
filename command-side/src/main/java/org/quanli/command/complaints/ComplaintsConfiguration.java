package org.quanli.command.complaints;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The complaint limits; the calendar, the supervision schedule and the persistent deadlines are the cases' own beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComplaintPolicy.class)
class ComplaintsConfiguration {
}
