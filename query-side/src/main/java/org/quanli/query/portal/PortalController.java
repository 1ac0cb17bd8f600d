package org.quanli.query.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.quanli.kernel.calendar.ChinaTime;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBody;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseFiguresByBodyQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatistics;
import org.quanli.kernel.cases.CaseStatisticsQueries.CaseStatisticsQuery;
import org.quanli.kernel.cases.CaseStatisticsQueries.Dimension;
import org.quanli.kernel.cases.CaseStatisticsQueries.DimensionKind;
import org.quanli.kernel.cases.CaseStatisticsQueries.Granularity;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.complaints.ComplaintQueries.BodyChannels;
import org.quanli.kernel.complaints.ComplaintQueries.BodyChannelsQuery;
import org.quanli.kernel.complaints.ComplaintQueries.PublicReplies;
import org.quanli.kernel.complaints.ComplaintQueries.PublicRepliesQuery;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatistics;
import org.quanli.kernel.delegation.DelegationQueries.DelegationStatisticsQuery;
import org.quanli.kernel.delegation.DelegationQueries.Lineage;
import org.quanli.kernel.delegation.DelegationQueries.LineageQuery;
import org.quanli.kernel.places.PlacesQueries.BodyDetail;
import org.quanli.kernel.places.PlacesQueries.BodyList;
import org.quanli.kernel.places.PlacesQueries.BodyQuery;
import org.quanli.kernel.places.PlacesQueries.BodySummary;
import org.quanli.kernel.places.PlacesQueries.JurisdictionBodiesQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionDetail;
import org.quanli.kernel.places.PlacesQueries.JurisdictionMatches;
import org.quanli.kernel.places.PlacesQueries.JurisdictionQuery;
import org.quanli.kernel.places.PlacesQueries.JurisdictionSearchQuery;
import org.quanli.kernel.powerlist.ListCursor;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatistics;
import org.quanli.kernel.powerlist.PowerListQueries.CleanupStatisticsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersions;
import org.quanli.kernel.powerlist.PowerListQueries.ItemVersionsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiff;
import org.quanli.kernel.powerlist.PowerListQueries.ListDiffQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItemDetail;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItemQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCounts;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedTypeCountsQuery;
import org.quanli.kernel.powerlist.PowerListQueries.VersionPeriod;
import org.quanli.platform.integrity.Checkpoint;
import org.quanli.platform.integrity.CheckpointJson;
import org.quanli.platform.integrity.TreeStore;
import org.quanli.platform.messaging.QueryAsker;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public portal (公开门户): server-rendered pages over the same queries the public JSON API asks, so a page and
 * its API never disagree. Nothing here carries personal data or items whose content is not public. Every view is
 * a GET with its state in the URL, so it can be bookmarked and shared. A page asks all its queries in one read-only
 * transaction: one connection and one commit however many queries it asks.
 */
@Controller
class PortalController {

    /** Pages may be cached briefly: a decision published now shows within a minute. */
    static final CacheControl PAGE_CACHE = CacheControl.maxAge(java.time.Duration.ofSeconds(60)).cachePublic();

    private static final int TREE_SIZE = 200;
    private static final int LATEST_REPLIES = 5;

    private final QueryAsker queries;
    private final JsonMapper json;
    private final TreeStore tree;
    private final Clock clock;

    PortalController(QueryAsker queries, JsonMapper json, TreeStore tree, Clock clock) {
        this.queries = queries;
        this.json = json;
        this.tree = tree;
        this.clock = clock;
    }

    /** The latest signed checkpoint as a page shows it: the signed time in Beijing time. */
    record CheckpointView(long treeSize, String rootHash, String issuedAt, String keyId) {

        static final DateTimeFormatter SIGNED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ChinaTime.ZONE);

        static CheckpointView of(Checkpoint checkpoint) {
            return new CheckpointView(checkpoint.treeSize(), CheckpointJson.base64(checkpoint.rootHash()),
                    SIGNED_TIME.format(checkpoint.issuedAt()), checkpoint.keyId());
        }
    }

    @ModelAttribute
    void cacheable(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, PAGE_CACHE.getHeaderValue());
    }

    @GetMapping({"/", "/portal"})
    @Transactional(readOnly = true)
    String home(@RequestParam(required = false) String place, @RequestParam(required = false) String q,
                @RequestParam(required = false) String page, Model model) {
        String placeText = PortalParameters.text(place);
        String itemText = PortalParameters.text(q);
        model.addAttribute("place", placeText);
        model.addAttribute("q", itemText);
        model.addAttribute("places", queries.ask(new JurisdictionSearchQuery(placeText, TREE_SIZE),
                JurisdictionMatches.class));
        model.addAttribute("checkpoint", tree.latestCheckpoint().map(CheckpointView::of).orElse(null));
        if (itemText != null) {
            int p = PortalParameters.page(page);
            PublishedList found = queries.ask(new PublishedListQuery(null, null, null, null, itemText, null, null, p,
                    PortalParameters.PAGE_SIZE, true), PublishedList.class);
            model.addAttribute("found", found);
            model.addAttribute("pages", Pages.of(found.page(), found.size(), found.total(),
                    UriComponentsBuilder.fromPath("/").queryParam("q", itemText)));
        }
        return "portal/home";
    }

    /** How anyone checks the ledger against its signed checkpoints. */
    @GetMapping("/portal/ledger")
    String ledger(Model model) {
        model.addAttribute("checkpoint", tree.latestCheckpoint().map(CheckpointView::of).orElse(null));
        return "portal/ledger";
    }

    @GetMapping("/portal/jurisdictions/{code}")
    @Transactional(readOnly = true)
    String jurisdiction(@PathVariable String code, @RequestParam Map<String, String> parameters, Model model) {
        String jurisdictionCode = PortalParameters.jurisdiction(code);
        JurisdictionDetail jurisdiction = queries.ask(new JurisdictionQuery(jurisdictionCode, 0, TREE_SIZE),
                JurisdictionDetail.class);
        ListView view = ListView.read(parameters, PortalParameters.body("body", parameters.get("body")),
                ChinaTime.today(clock));
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("bodies", queries.ask(new JurisdictionBodiesQuery(jurisdictionCode, null, view.asOf(), 0,
                TREE_SIZE), BodyList.class));
        list(view, jurisdictionCode, "/portal/jurisdictions/" + jurisdictionCode, model);
        return "portal/jurisdiction";
    }

    @GetMapping("/portal/bodies/{bodyId}")
    @Transactional(readOnly = true)
    String body(@PathVariable String bodyId, @RequestParam Map<String, String> parameters, Model model) {
        String id = PortalParameters.body("bodyId", bodyId);
        BodyDetail body = queries.ask(new BodyQuery(id), BodyDetail.class);
        ListView view = ListView.read(parameters, id, ChinaTime.today(clock));
        model.addAttribute("body", body);
        model.addAttribute("jurisdiction", queries.ask(new JurisdictionQuery(body.jurisdictionCode(), 0, 1),
                JurisdictionDetail.class));
        // Published with the list (公开投诉举报渠道), with the body's latest published replies.
        model.addAttribute("channels", queries.ask(new BodyChannelsQuery(id), BodyChannels.class));
        model.addAttribute("replies", queries.ask(new PublicRepliesQuery(id, null, null, null, null, 0,
                LATEST_REPLIES), PublicReplies.class));
        list(view, null, "/portal/bodies/" + id, model);
        return "portal/body";
    }

    /** A list page's list: what it shows, its page of items, the counts by type and every link it offers. */
    record Listing(ListView view, PublishedList list, PublishedTypeCounts counts, String path, Pages pages,
                   Map<String, String> typeLinks, Map<String, String> exports) {
    }

    private void list(ListView view, String jurisdictionCode, String path, Model model) {
        PublishedListQuery query = new PublishedListQuery(jurisdictionCode, view.body(), view.type(), view.level(),
                view.q(), view.asOf(), view.knownAt(), view.page(), PortalParameters.PAGE_SIZE, true, view.after(),
                view.before());
        PublishedList list = queries.ask(query, PublishedList.class);
        PublishedTypeCounts counts = queries.ask(new PublishedTypeCountsQuery(query), PublishedTypeCounts.class);
        Pages pages = Pages.keyset(list.page(), list.size(), list.total(), view.link(path, true), list.previous(),
                list.next());
        Map<String, String> exports = new LinkedHashMap<>();
        String exportPath = jurisdictionCode != null
                ? "/api/public/jurisdictions/" + jurisdictionCode + "/items/export"
                : "/api/public/bodies/" + view.body() + "/items/export";
        for (String format : List.of("csv", "xlsx", "json")) {
            exports.put(format, view.export(exportPath, jurisdictionCode != null, format));
        }
        Map<String, String> typeLinks = new LinkedHashMap<>();
        typeLinks.put("", Pages.href(view.link(path, false), 0));
        counts.counts().forEach(c -> typeLinks.put(c.typeCode(),
                Pages.href(view.link(path, false).queryParam("type", c.typeCode()), 0)));
        model.addAttribute("listing", new Listing(view, list, counts, path, pages, typeLinks, exports));
    }

    @GetMapping("/portal/items/{itemId}")
    @Transactional(readOnly = true)
    String item(@PathVariable String itemId, @RequestParam(required = false) String asOf, Model model) {
        String id = PortalParameters.itemId(itemId);
        LocalDate date = PortalParameters.date("asOf", asOf, ChinaTime.today(clock));
        PublishedItemDetail detail = queries.ask(new PublishedItemQuery(id, date, true), PublishedItemDetail.class);
        ItemVersions versions = queries.ask(new ItemVersionsQuery(id), ItemVersions.class);
        List<VersionPeriod> publicVersions = versions.periods().stream()
                .filter(v -> v.content() == null || v.content().publicity().isPublic()).toList();
        model.addAttribute("asOf", date);
        model.addAttribute("jurisdiction", queries.ask(new JurisdictionQuery(detail.item().jurisdictionCode(), 0, 1),
                JurisdictionDetail.class));
        model.addAttribute("item", detail.item());
        model.addAttribute("content", detail.content());
        model.addAttribute("versions", publicVersions);
        return "portal/item";
    }

    @GetMapping("/portal/items/{itemId}/lineage")
    @Transactional(readOnly = true)
    String lineage(@PathVariable String itemId, Model model) {
        String id = PortalParameters.itemId(itemId);
        model.addAttribute("lineage", queries.ask(new LineageQuery(id), Lineage.class));
        return "portal/lineage";
    }

    @GetMapping("/portal/jurisdictions/{code}/changes")
    @Transactional(readOnly = true)
    String jurisdictionChanges(@PathVariable String code, @RequestParam Map<String, String> parameters, Model model) {
        String jurisdictionCode = PortalParameters.jurisdiction(code);
        model.addAttribute("jurisdiction", queries.ask(new JurisdictionQuery(jurisdictionCode, 0, 1),
                JurisdictionDetail.class));
        return changes(jurisdictionCode, null, "/portal/jurisdictions/" + jurisdictionCode + "/changes", parameters,
                model);
    }

    @GetMapping("/portal/bodies/{bodyId}/changes")
    @Transactional(readOnly = true)
    String bodyChanges(@PathVariable String bodyId, @RequestParam Map<String, String> parameters, Model model) {
        String id = PortalParameters.body("bodyId", bodyId);
        model.addAttribute("body", queries.ask(new BodyQuery(id), BodyDetail.class));
        return changes(null, id, "/portal/bodies/" + id + "/changes", parameters, model);
    }

    private String changes(String jurisdictionCode, String bodyId, String path, Map<String, String> parameters,
                           Model model) {
        LocalDate to = PortalParameters.date("to", parameters.get("to"), ChinaTime.today(clock));
        LocalDate from = PortalParameters.date("from", parameters.get("from"), to.withDayOfYear(1));
        PortalParameters.order(from, to);
        int page = PortalParameters.page(parameters.get("page"));
        ListDiff diff = queries.ask(new ListDiffQuery(jurisdictionCode, bodyId, from, to, true, page,
                PortalParameters.PAGE_SIZE), ListDiff.class);
        long most = Math.max(diff.addedTotal(), Math.max(diff.removedTotal(), diff.changedTotal()));
        model.addAttribute("diff", diff);
        model.addAttribute("pages", Pages.of(page, PortalParameters.PAGE_SIZE, most,
                UriComponentsBuilder.fromPath(path).queryParam("from", from).queryParam("to", to)));
        return "portal/changes";
    }

    @GetMapping("/portal/jurisdictions/{code}/figures")
    @Transactional(readOnly = true)
    String figures(@PathVariable String code, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, Model model) {
        String jurisdictionCode = PortalParameters.jurisdiction(code);
        LocalDate end = PortalParameters.date("to", to, ChinaTime.today(clock));
        LocalDate start = PortalParameters.date("from", from, end.withDayOfYear(1));
        PortalParameters.order(start, end);
        if (Granularity.MONTH.buckets(start, end) > 120) {
            throw new PortalRequestProblem("from", "统计区间不得超过十年");
        }
        JurisdictionDetail jurisdiction = queries.ask(new JurisdictionQuery(jurisdictionCode, 0, 1),
                JurisdictionDetail.class);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("cleanup", queries.ask(new CleanupStatisticsQuery(jurisdictionCode, null, start, end),
                CleanupStatistics.class));
        model.addAttribute("delegation", queries.ask(new DelegationStatisticsQuery(jurisdictionCode, start, end),
                DelegationStatistics.class));
        CaseStatistics cases = queries.ask(new CaseStatisticsQuery(null, start, end, Granularity.MONTH,
                new Dimension(DimensionKind.JURISDICTION, jurisdictionCode)), CaseStatistics.class);
        model.addAttribute("cases", cases);
        // One figure per body of the jurisdiction itself, over the whole period, for the by-body chart.
        BodyList bodies = queries.ask(new JurisdictionBodiesQuery(jurisdictionCode, null, end, 0, 50), BodyList.class);
        CaseFiguresByBody byBody = queries.ask(new CaseFiguresByBodyQuery(bodies.bodies().stream()
                .map(BodySummary::bodyId).toList(), start, end), CaseFiguresByBody.class);
        List<String> names = bodies.bodies().stream().map(BodySummary::name).toList();
        // Data for the page's script, never markup: "</" cannot close the script element it sits in.
        model.addAttribute("chartsJson", json.writeValueAsString(Charts.of(cases, names, byBody))
                .replace("</", "<\\/"));
        return "portal/figures";
    }

    /** The list view's state, all of it from the URL. */
    record ListView(String body, ItemType type, String level, String q, LocalDate asOf, Instant knownAt,
                    String knownAtText, int page, ListCursor after, ListCursor before) {

        /** @param today the day a list without {@code asOf} is read on */
        static ListView read(Map<String, String> parameters, String body, LocalDate today) {
            Instant knownAt = PortalParameters.knownAt(parameters.get("knownAt"));
            ListCursor after = PortalParameters.cursor("after", parameters.get("after"));
            return new ListView(body, PortalParameters.type(parameters.get("type")),
                    PortalParameters.level(parameters.get("level")), PortalParameters.text(parameters.get("q")),
                    PortalParameters.date("asOf", parameters.get("asOf"), today), knownAt,
                    knownAt == null ? null : knownAt.atZone(ChinaTime.ZONE).toLocalDateTime().toString(),
                    PortalParameters.page(parameters.get("page")), after,
                    after != null ? null : PortalParameters.cursor("before", parameters.get("before")));
        }

        /** The public export of exactly this view (every page of it), in the export API's parameters. */
        String export(String exportPath, boolean withBody, String format) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(exportPath).queryParam("format", format)
                    .queryParam("asOf", asOf);
            if (knownAt != null) {
                link.queryParam("knownAt", knownAt.toString());
            }
            if (withBody && body != null) {
                link.queryParam("body", body);
            }
            if (type != null) {
                link.queryParam("type", type.name());
            }
            if (level != null) {
                link.queryParam("level", level);
            }
            if (q != null) {
                link.queryParam("q", q);
            }
            return link.build().encode().toUriString();
        }

        UriComponentsBuilder link(String path, boolean withType) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(path).queryParam("asOf", asOf);
            if (knownAtText != null) {
                link.queryParam("knownAt", knownAtText);
            }
            if (body != null && !path.contains(body)) {
                link.queryParam("body", body);
            }
            if (withType && type != null) {
                link.queryParam("type", type.code());
            }
            if (level != null) {
                link.queryParam("level", level);
            }
            if (q != null) {
                link.queryParam("q", q);
            }
            return link;
        }
    }
}
