package org.quanli.query.portal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pager under a list: previous, next and a window of page numbers around the current one, each a link that
 * keeps the rest of the view. Pages count from 0 in links and from 1 on screen.
 */
record Pages(int current, int last, long total, String previous, String next, List<PageLink> window) {

    record PageLink(int number, String href, boolean current) {
    }

    static Pages of(int page, int size, long total, UriComponentsBuilder link) {
        int last = total == 0 ? 0 : (int) ((total - 1) / size);
        List<PageLink> window = new ArrayList<>();
        for (int p = Math.max(0, page - 3); p <= Math.min(last, page + 3); p++) {
            window.add(new PageLink(p + 1, href(link, p), p == page));
        }
        return new Pages(page, last, total, page > 0 ? href(link, Math.min(page, last + 1) - 1) : null,
                page < last ? href(link, page + 1) : null, window);
    }

    /**
     * The pager of a list read by position: previous and next continue from the first and last item shown (as
     * cheap at any depth), and page numbers near the start jump there directly.
     *
     * @param previous the list's cursor to read the page before, or null
     * @param next     the list's cursor to read the page after, or null
     */
    static Pages keyset(int page, int size, long total, UriComponentsBuilder link, String previous, String next) {
        int last = total == 0 ? 0 : (int) ((total - 1) / size);
        List<PageLink> window = new ArrayList<>();
        for (int p = Math.max(0, page - 3); p <= Math.min(last, page + 3); p++) {
            if (p == page || p <= NUMBERED) {
                window.add(new PageLink(p + 1, href(link, p), p == page));
            }
        }
        return new Pages(page, last, total,
                previous == null || page == 0 ? null : cursorHref(link, page - 1, "before", previous),
                next == null ? null : cursorHref(link, page + 1, "after", next), window);
    }

    /** Pages up to this one are linked by number (read by offset, cheap so near the start). */
    static final int NUMBERED = 50;

    private static String cursorHref(UriComponentsBuilder link, int page, String parameter, String cursor) {
        UriComponentsBuilder copy = link.cloneBuilder();
        if (page > 0) {
            copy.replaceQueryParam("page", page);
        }
        return copy.replaceQueryParam(parameter, cursor).build().encode().toUriString();
    }

    static String href(UriComponentsBuilder link, int page) {
        UriComponentsBuilder copy = link.cloneBuilder();
        if (page == 0) {
            copy.replaceQueryParam("page");
        } else {
            copy.replaceQueryParam("page", page);
        }
        return copy.build().encode().toUriString();
    }
}
