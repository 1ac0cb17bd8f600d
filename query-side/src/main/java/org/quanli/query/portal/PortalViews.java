package org.quanli.query.portal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * The portal's pages: a view name ({@code portal/home}) is a jte template of {@code src/main/jte}, compiled with the
 * build into this package (so a template reads the portal's own types, and one that names a missing field fails
 * the build). HTML
 * output escapes every value by its context. A page is rendered whole into bytes, then written with its length:
 * nothing of a page that fails half-way reaches the client.
 */
@Component
class PortalViews implements ViewResolver, Ordered {

    private static final String CONTENT_TYPE = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8";

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
            PortalViews.class.getClassLoader(), "org.quanli.query");
    private final Map<String, View> views = new ConcurrentHashMap<>();

    @Override
    public View resolveViewName(String viewName, Locale locale) {
        View known = views.get(viewName);
        if (known != null) {
            return known;
        }
        String template = viewName + ".jte";
        return templates.hasTemplate(template) ? views.computeIfAbsent(viewName, name -> new Page(template)) : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private final class Page implements View {

        private final String template;

        Page(String template) {
            this.template = template;
        }

        @Override
        public String getContentType() {
            return CONTENT_TYPE;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            Utf8ByteOutput page = new Utf8ByteOutput();
            templates.render(template, (Map<String, Object>) model, page);
            response.setContentType(CONTENT_TYPE);
            response.setContentLength(page.getContentLength());
            page.writeTo(response.getOutputStream());
        }
    }
}
