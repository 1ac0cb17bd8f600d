package org.quanli.query.timeliness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quanli.query.cases.CaseEvents.APPLICANT;
import static org.quanli.query.cases.CaseEvents.CLOCK;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.cases.CaseMessages;
import org.quanli.kernel.cases.CaseMessages.*;
import org.quanli.kernel.cases.CaseTime;
import org.quanli.kernel.cases.CaseType;
import org.quanli.kernel.cases.Channel;
import org.quanli.kernel.cases.Satisfaction;
import org.quanli.kernel.cases.SpecialProcedureKind;
import org.quanli.kernel.cases.Suspension;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.query.cases.CaseEvents;
import org.quanli.query.cases.CaseEvents.Stream;
import org.quanli.query.powerlist.LedgerEvents;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-computed data set ({@code timeliness/dataset.csv}, worked in {@code dataset.md}) written into the event
 * store as the command side would write it, with the time figures of the real working-day calendar: places and
 * published items of their own, then every case row as its events. Each load gets places, items and window names
 * of its own, so loads never count each other's cases.
 */
final class TimelinessDataset {

    /** The symbols of dataset.md (C, K, A, B, I1…I5, window names) and what they stand for in this load. */
    private final Map<String, String> ids = new HashMap<>();
    final List<String> caseIds = new ArrayList<>();

    private TimelinessDataset() {
    }

    String id(String symbol) {
        String id = ids.get(symbol);
        if (id == null) {
            throw new IllegalArgumentException("no symbol " + symbol + " in the data set");
        }
        return id;
    }

    static TimelinessDataset load(EventStore eventStore, TransactionTemplate transactions, JdbcClient jdbc) {
        TimelinessDataset set = new TimelinessDataset();
        CaseEvents cases = new CaseEvents(eventStore, transactions, jdbc);
        LedgerEvents ledger = new LedgerEvents(eventStore, transactions, jdbc);
        String[] places = cases.cityAndCounty();
        String city = places[0];
        String county = places[1];
        String a = cases.body(county, "测试县市场监督管理局");
        String b = cases.body(city, "测试市自然资源局");
        set.ids.putAll(Map.of("C", city, "K", county, "A", a, "B", b,
                "1号窗口", "1号窗口·" + county, "2号窗口", "2号窗口·" + county));
        Item i1 = ledger.published(a, county, LedgerEvents.content("食品经营许可", ItemType.LICENCE, 20, 10),
                LedgerEvents.decision("测市监〔2024〕1号", "2024-01-01"));
        Item i2 = ledger.published(a, county, LedgerEvents.content("食品经营许可证补办", ItemType.LICENCE, 15, 0),
                LedgerEvents.decision("测市监〔2024〕1号", "2024-01-01"));
        Item i3 = ledger.published(b, city, LedgerEvents.content("建设用地规划许可", ItemType.LICENCE, 20, 12),
                LedgerEvents.decision("测自然资〔2024〕1号", "2024-01-01"));
        i3.amended(LedgerEvents.content("建设用地规划许可", ItemType.LICENCE, 20, 8),
                LedgerEvents.decision("测自然资〔2024〕9号", "2024-05-06"));
        Item i4 = ledger.published(b, city, LedgerEvents.content("不动产权籍调查成果确认", ItemType.LICENCE, 10, 0),
                LedgerEvents.decision("测自然资〔2024〕8号", "2024-05-01"));
        Item i5 = ledger.published(b, city, LedgerEvents.content("地名标志确认", ItemType.CONFIRMATION, 0, 0),
                LedgerEvents.decision("测自然资〔2024〕1号", "2024-01-01"));
        set.ids.putAll(Map.of("I1", i1.id, "I2", i2.id, "I3", i3.id, "I4", i4.id, "I5", i5.id));

        List<Stream> streams = new ArrayList<>();
        for (Map<String, String> row : rows()) {
            Stream stream = cases.caseOf(set.id(row.get("body")));
            set.caseIds.add(stream.id);
            streams.add(stream);
            new CaseRow(set, row, stream).write();
        }
        ledger.awaitProjected(i1, i2, i3, i4, i5);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.sql("select count(*) from jurisdiction_view where code in (?, ?)").params(city, county)
                    .query(Long.class).single()).as("jurisdictions").isEqualTo(2);
            for (Stream stream : streams) {
                assertThat(jdbc.sql("select sequence_number from case_timeliness where case_id = ?").param(stream.id)
                        .query(Long.class).optional()).as("facts of %s", stream.id).contains(stream.sequence - 1);
            }
        });
        return set;
    }

    /** The rows of dataset.csv, by column name; an empty cell is null. */
    private static List<Map<String, String>> rows() {
        try (InputStream in = TimelinessDataset.class.getResourceAsStream("/timeliness/dataset.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                assertThat(cells).as(line).hasSameSizeAs(header);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i].isEmpty() ? null : cells[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of the CSV as the events of its case, checked against the figures worked out by hand. */
    private record CaseRow(TimelinessDataset set, Map<String, String> row, Stream stream) {

        private LocalDate date(String column) {
            String value = row.get(column);
            return value == null ? null : LocalDate.parse(value);
        }

        private Integer number(String column) {
            String value = row.get(column);
            return value == null ? null : Integer.valueOf(value);
        }

        void write() {
            String caseId = stream.id;
            String itemId = set.id(row.get("item"));
            String bodyId = set.id(row.get("body"));
            int version = number("item_version");
            String window = row.get("window") == null ? null : set.id(row.get("window"));
            Channel channel = Channel.valueOf(row.get("channel"));
            LocalDate accepted = date("accepted");
            Integer promised = number("promised");
            CaseType type = promised == null ? null : CaseType.ofPromisedLimit(promised);
            stream.then(new CaseSubmitted(caseId, itemId, bodyId, channel, APPLICANT, date("received"),
                    List.of("申请书"), version, type, window, null));
            if (date("not_accepted") != null) {
                stream.then(new CaseNotAccepted(caseId, date("not_accepted"), List.of("申请事项不属于本机关职权范围"),
                        CaseMessages.RIGHTS_OF_REVIEW, false));
            }
            CaseTime time = null;
            if (accepted != null) {
                time = CLOCK.on(accepted, promised, 0, List.of(), accepted);
                stream.then(new CaseAccepted(caseId, itemId, bodyId, accepted, AcceptanceCapacity.OWN, null, null,
                        version, type, number("legal"), false, time));
            }
            List<Suspension> suspensions = List.of();
            LocalDate suspendedFrom = date("suspended_from");
            if (suspendedFrom != null) {
                time = CLOCK.on(accepted, promised, 0, List.of(new Suspension(suspendedFrom, null)), suspendedFrom);
                stream.then(new SpecialProcedureStarted(caseId, SpecialProcedureKind.TESTING, "需检验检测",
                        suspendedFrom, version, time));
                LocalDate suspendedTo = date("suspended_to");
                if (suspendedTo != null) {
                    suspensions = List.of(new Suspension(suspendedFrom, suspendedTo));
                    time = CLOCK.on(accepted, promised, 0, suspensions, suspendedTo);
                    stream.then(new SpecialProcedureEnded(caseId, SpecialProcedureKind.TESTING, suspendedFrom,
                            suspendedTo, time.suspendedDays(), version, time));
                }
            }
            int counted = 0;
            if (number("extension") != null) {
                LocalDate approvedOn = date("extended_on");
                int days = number("extension");
                boolean afterDeadline = approvedOn.isAfter(CLOCK.deadline(accepted, promised, 0, suspensions,
                        approvedOn));
                counted = afterDeadline ? 0 : days;
                time = CLOCK.on(accepted, promised, counted, suspensions, approvedOn);
                stream.then(new CaseExtended(caseId, days, "需补充现场核查", "赵局长", approvedOn, afterDeadline,
                        version, time));
            }
            LocalDate concluded = date("concluded");
            if (concluded != null) {
                time = CLOCK.on(accepted, promised, counted, suspensions, concluded);
                boolean onTime = !concluded.isAfter(time.deadline());
                assertThat(time.workingDays()).as("%s working days", row.get("case"))
                        .isEqualTo(number("working_days"));
                assertThat(onTime).as("%s on time", row.get("case"))
                        .isEqualTo(Boolean.valueOf(row.get("on_time")));
                stream.then(new CaseDecided(caseId, true, List.of(), concluded, version, time));
                stream.then(new CaseConcluded(caseId, itemId, bodyId, accepted, concluded, onTime, version, time));
            }
            if (time != null) {
                assertThat(time.deadline()).as("%s deadline", row.get("case")).isEqualTo(date("deadline"));
            }
            if (date("withdrawn") != null) {
                stream.then(new CaseWithdrawn(caseId, date("withdrawn"), "申请人主动撤回"));
            }
            if (date("terminated") != null) {
                stream.then(new CaseTerminated(caseId, date("terminated"), "容缺材料逾期未补齐"));
            }
            if (row.get("satisfaction") != null) {
                Satisfaction satisfaction = Satisfaction.valueOf(row.get("satisfaction"));
                LocalDate evaluated = date("evaluated");
                stream.then(new CaseEvaluated(caseId, satisfaction, channel, null, evaluated,
                        satisfaction.badReview(), satisfaction.badReview() ? evaluated.plusDays(7) : null));
                if (row.get("appeal_excluded") != null) {
                    stream.then(new RatingAppealed(caseId, "评价与办理无关", evaluated.plusDays(1)));
                    stream.then(new RatingAppealReviewed(caseId, Boolean.parseBoolean(row.get("appeal_excluded")),
                            "经复核", evaluated.plusDays(2)));
                }
            }
        }
    }
}
