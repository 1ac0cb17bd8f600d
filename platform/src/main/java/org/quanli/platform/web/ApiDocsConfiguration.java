package org.quanli.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's bearer scheme, so that Swagger UI ({@code /swagger-ui.html}) sends the token pasted under
 * "Authorize" with every call it tries.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    public static final String BEARER = "bearer";

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI()
                .info(new Info().title("Quanli Ledger (权力账本)").version("v1")
                        .description("Commands are POSTs on the command side, reads GETs on the query side; "
                                + "/api/public/** needs no token. Everything else takes a bearer JWT from the "
                                + "identity provider (with the demo profile: POST /demo/token)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
