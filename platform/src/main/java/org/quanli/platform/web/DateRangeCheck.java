package org.quanli.platform.web;

import java.beans.PropertyEditorSupport;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalQuery;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses dates outside {@link DateRange} before any controller sees them: in every JSON body, at any depth, and in
 * every query parameter, form field and path variable of a date or time type. The answer is a 400 naming the field
 * and the rule {@value DateRange#RULE}.
 */
@ControllerAdvice
public class DateRangeCheck extends RequestBodyAdviceAdapter {

    // --- parameters and path variables ---------------------------------------------------------------------------

    /**
     * Dates in parameters are read as ISO 8601 (as every {@code @DateTimeFormat(iso = …)} here says) and checked;
     * a refused one reaches {@link ProblemDetailsAdvice} as a type mismatch of the named parameter.
     */
    @InitBinder
    void dates(WebDataBinder binder) {
        binder.registerCustomEditor(LocalDate.class, new Editor(DateTimeFormatter.ISO_DATE, LocalDate::from));
        binder.registerCustomEditor(LocalDateTime.class,
                new Editor(DateTimeFormatter.ISO_LOCAL_DATE_TIME, LocalDateTime::from));
        binder.registerCustomEditor(OffsetDateTime.class,
                new Editor(DateTimeFormatter.ISO_DATE_TIME, OffsetDateTime::from));
        binder.registerCustomEditor(ZonedDateTime.class,
                new Editor(DateTimeFormatter.ISO_DATE_TIME, ZonedDateTime::from));
        binder.registerCustomEditor(Instant.class, new Editor(DateTimeFormatter.ISO_DATE_TIME, Instant::from));
    }

    private static final class Editor extends PropertyEditorSupport {

        private final DateTimeFormatter format;
        private final TemporalQuery<?> type;

        Editor(DateTimeFormatter format, TemporalQuery<?> type) {
            this.format = format;
            this.type = type;
        }

        @Override
        public void setAsText(String text) {
            if (!StringUtils.hasText(text)) {
                setValue(null);
                return;
            }
            Object value;
            try {
                value = format.parse(text.strip(), type);
            } catch (DateTimeException unreadable) {
                throw new IllegalArgumentException("不是 ISO 8601 日期或时间: " + text, unreadable);
            }
            if (DateRange.refused(value)) {
                throw new DateRange.Refused(null, value);
            }
            setValue(value);
        }

        @Override
        public String getAsText() {
            return getValue() == null ? "" : getValue().toString();
        }
    }

    // --- JSON bodies ---------------------------------------------------------------------------------------------

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        walk(body, "");
        return body;
    }

    /** Request bodies are records, lists and maps of them: their dates are found by walking those, nothing else. */
    private static void walk(Object value, String path) {
        if (value == null) {
            return;
        }
        if (DateRange.applies(value.getClass())) {
            DateRange.check(path.isEmpty() ? "body" : path, value);
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                String name = jsonName(component);
                walk(read(component, value), path.isEmpty() ? name : path + "." + name);
            }
        } else if (value instanceof Collection<?> elements) {
            int i = 0;
            for (Object element : elements) {
                walk(element, path + "[" + i++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> walk(element, path.isEmpty() ? String.valueOf(key) : path + "." + key));
        } else if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                walk(Array.get(value, i), path + "[" + i + "]");
            }
        }
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null) {
            Method accessor = component.getAccessor();
            property = accessor.getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a request body", e);
        }
    }
}
