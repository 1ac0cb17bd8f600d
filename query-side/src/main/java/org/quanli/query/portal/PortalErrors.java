package org.quanli.query.portal;

import jakarta.servlet.http.HttpServletResponse;
import org.quanli.kernel.rules.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portal's errors as pages in its own style, instead of the API's problem documents: an unknown code or item
 * is a 404, a malformed date or code a 400 naming the field, anything else a 500 that gives nothing away.
 */
@ControllerAdvice(assignableTypes = PortalController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {

    private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound(NotFound e, HttpServletResponse response) {
        return page(response, HttpStatus.NOT_FOUND, "未找到", "没有找到您要查看的内容:" + e.getMessage(), null);
    }

    @ExceptionHandler(PortalRequestProblem.class)
    ModelAndView badRequest(PortalRequestProblem e, HttpServletResponse response) {
        return page(response, HttpStatus.BAD_REQUEST, "请求有误", e.getMessage(), e.field());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ModelAndView refused(IllegalArgumentException e, HttpServletResponse response) {
        return page(response, HttpStatus.BAD_REQUEST, "请求有误", e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletResponse response) {
        if (e instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            return page(response, HttpStatus.valueOf(error.getStatusCode().value()), "请求有误",
                    error.getBody().getDetail(), null);
        }
        log.error("portal page failed", e);
        return page(response, HttpStatus.INTERNAL_SERVER_ERROR, "服务暂时不可用", "页面生成失败,请稍后再试。", null);
    }

    private static ModelAndView page(HttpServletResponse response, HttpStatus status, String title, String message,
                                     String field) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        ModelAndView page = new ModelAndView("portal/error", status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("message", message);
        page.addObject("field", field);
        return page;
    }
}
