package org.quanli.query.portal;

import java.time.Duration;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's assets (style sheet, ECharts, the chart script) are cached for a week, and its pages carry an ETag
 * so that a browser revisiting an unchanged page gets a 304.
 */
@Configuration(proxyBeanMethods = false)
class PortalWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/portal/assets/**")
                .addResourceLocations("classpath:/portal/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic());
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> portalEtags() {
        var filter = new FilterRegistrationBean<ShallowEtagHeaderFilter>(new ShallowEtagHeaderFilter());
        filter.addUrlPatterns("/", "/portal", "/portal/ledger", "/portal/jurisdictions/*", "/portal/bodies/*",
                "/portal/items/*");
        filter.setName("portalEtags");
        return filter;
    }
}
