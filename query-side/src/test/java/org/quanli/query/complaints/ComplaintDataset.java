package org.quanli.query.complaints;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.cases.SupervisionLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintRating;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.query.cases.CaseEvents;
import org.quanli.query.complaints.ComplaintEvents.Complaint;
import org.quanli.query.powerlist.LedgerEvents;
import org.quanli.query.powerlist.LedgerEvents.Item;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-computed data set of {@code complaints/dataset.md}: county K's year 2016 in the shape of the Zhaotong
 * report (59 complaints: 41 by hotline, 7 by SMS/WeChat, 11 on the online forum; all concluded within the limit, all
 * answered, 53 satisfied or basically satisfied), and four edge cases in 2017 (a transfer on, a reopening, an
 * overdue complaint, an anonymous one). Every load has places of its own.
 */
final class ComplaintDataset {

    static final String REPLY = "经核查,投诉人王小明(电话13900001111)反映的问题属实,已责令整改。";

    final String city;
    final String county;
    /** The city bureau whose item XU was devolved to B. */
    final String bodyU;
    /** County bodies: A (holds IA), B (receives XB from XU), R (the service centre's reception). */
    final String bodyA;
    final String bodyB;
    final String bodyR;
    final Item itemIA;
    final Item itemXU;
    final String itemXB;
    final List<Complaint> year2016 = new ArrayList<>();
    Complaint transferOn;
    Complaint reopened;
    Complaint overdue;
    Complaint anonymous;

    List<Complaint> all() {
        List<Complaint> all = new ArrayList<>(year2016);
        all.addAll(List.of(transferOn, reopened, overdue, anonymous));
        return all;
    }

    private ComplaintDataset(ComplaintEvents events, CaseEvents places) {
        LedgerEvents ledger = events.ledger();
        String[] cityAndCounty = places.cityAndCounty();
        city = cityAndCounty[0];
        county = cityAndCounty[1];
        bodyU = ledger.body(city, "测试市市场监督管理局");
        bodyA = ledger.body(county, "测试县公安局");
        bodyB = ledger.body(county, "测试县市场监督管理局");
        bodyR = ledger.body(county, "测试县政务服务中心");
        itemIA = ledger.published(bodyA, county, LedgerEvents.content("户口迁移审批", ItemType.LICENCE, 20, 10),
                LedgerEvents.decision("测府发〔2015〕1号", "2015-01-01"));
        ItemContent xu = LedgerEvents.content("食品小作坊登记", ItemType.LICENCE, 20, 15);
        itemXU = ledger.published(bodyU, city, xu, LedgerEvents.decision("测市发〔2015〕1号", "2015-01-01"));
        // XU is devolved to B from 2015-06-01: B holds its own item XB received from XU.
        String delegation = UUID.randomUUID().toString();
        Actor reform = new Actor("reform", "王强", Role.REFORM_OFFICE, null);
        ledger.append(itemXU.id, 1, new PowerItemDelegated(itemXU.id, bodyU, city, delegation, DelegationMode.DEVOLVE,
                List.of(new Receiver(bodyB, county, JurisdictionLevel.COUNTY)), 1, xu, null,
                LedgerEvents.decision("测市发〔2015〕9号", "2015-06-01")), reform);
        itemXB = UUID.randomUUID().toString();
        ledger.append(itemXB, 0, new PowerItemReceived(itemXB, bodyB, county, 1, xu, PowerSource.DEVOLVED_FROM_ABOVE,
                itemXU.id, bodyU, delegation, DelegationMode.DEVOLVE,
                LedgerEvents.decision("测市发〔2015〕9号", "2015-06-01")), reform);

        // --- 2016: 59 complaints, the i-th received on 2016-01-04 + 6i days
        ComplaintCategory[] categories = {ComplaintCategory.EFFICIENCY, ComplaintCategory.CONDUCT,
                ComplaintCategory.INACTION, ComplaintCategory.CHARGES};
        for (int i = 0; i < 59; i++) {
            ComplaintChannel channel = i < 41 ? ComplaintChannel.HOTLINE : i < 48 ? ComplaintChannel.SMS_WECHAT
                    : ComplaintChannel.ONLINE_FORUM;
            java.time.LocalDate d = java.time.LocalDate.parse("2016-01-04").plusDays(6L * i);
            String subject;
            String item;
            String responsible;
            switch (i % 3) {
                case 0 -> {
                    subject = bodyA;
                    item = itemIA.id;
                    responsible = bodyA;
                }
                case 1 -> {
                    // Named after the city's item and bureau; transferred to B, which holds the power since 2015-06.
                    subject = bodyU;
                    item = itemXU.id;
                    responsible = bodyB;
                }
                default -> {
                    subject = bodyB;
                    item = null;
                    responsible = bodyB;
                }
            }
            ComplaintRating rating = i % 10 == 5 ? ComplaintRating.DISSATISFIED
                    : i % 2 == 0 ? ComplaintRating.SATISFIED : ComplaintRating.BASICALLY_SATISFIED;
            Complaint complaint = events.complaint(bodyR)
                    .registered(channel, d + "T09:30:00", ComplaintEvents.COMPLAINANT, subject,
                            subject.equals(bodyU) ? city : county, item, null, categories[i % 4])
                    .transferred(responsible, county, d.toString(), d.plusDays(14).toString())
                    .accepted(d.plusDays(1).toString())
                    .concluded(d.plusDays(3).toString(), true)
                    .replied(d.plusDays(3).toString(), true, null)
                    .rated(rating, d.plusDays(5).toString());
            year2016.add(complaint);
        }

        // --- 2017: the edge cases
        transferOn = events.complaint(bodyR)
                .registered(ComplaintChannel.HOTLINE_12345, "2017-02-06T10:30:00", ComplaintEvents.COMPLAINANT, bodyA,
                        county, null, null, ComplaintCategory.INACTION)
                .transferred(bodyA, county, "2017-02-06", "2017-02-20")
                .transferredOn(bodyB, county, "2017-02-07")
                .accepted("2017-02-08")
                .investigated("2017-02-09")
                .concluded("2017-02-10", true)
                .replied("2017-02-10", true, REPLY)
                .rated(ComplaintRating.SATISFIED, "2017-02-13");
        reopened = events.complaint(bodyR)
                .registered(ComplaintChannel.SMS_WECHAT, "2017-03-01T20:15:00", ComplaintEvents.COMPLAINANT, bodyB,
                        county, null, null, ComplaintCategory.CONDUCT)
                .transferred(bodyB, county, "2017-03-01", "2017-03-15")
                .accepted("2017-03-02")
                .concluded("2017-03-06", true)
                .replied("2017-03-06", true, null)
                .rated(ComplaintRating.DISSATISFIED, "2017-03-08")
                .reopened("2017-03-09", "2017-03-23")
                .accepted("2017-03-10")
                .concluded("2017-03-20", true)
                .replied("2017-03-20", true, null)
                .rated(ComplaintRating.BASICALLY_SATISFIED, "2017-03-22");
        overdue = events.complaint(bodyR)
                .registered(ComplaintChannel.ONLINE_FORUM, "2017-04-03T08:00:00", ComplaintEvents.COMPLAINANT, bodyA,
                        county, itemIA.id, null, ComplaintCategory.EFFICIENCY)
                .transferred(bodyA, county, "2017-04-05", "2017-04-19")
                .accepted("2017-04-06")
                .flagged(SupervisionLevel.YELLOW, "2017-04-17")
                .flagged(SupervisionLevel.RED, "2017-04-20");
        anonymous = events.complaint(bodyR)
                .registered(ComplaintChannel.LETTER, "2017-05-10T14:00:00", null, bodyB, county, null, null,
                        ComplaintCategory.CHARGES)
                .transferred(bodyB, county, "2017-05-10", "2017-05-24")
                .accepted("2017-05-11")
                .concluded("2017-05-15", true)
                .replied("2017-05-15", true, null);
    }

    static ComplaintDataset load(EventStore eventStore, TransactionTemplate transactions, JdbcClient jdbc) {
        ComplaintEvents events = new ComplaintEvents(eventStore, transactions, jdbc);
        ComplaintDataset dataset = new ComplaintDataset(events, new CaseEvents(eventStore, transactions, jdbc));
        events.awaitProjected(dataset.all());
        dataset.awaitHoldings(jdbc);
        return dataset;
    }

    private void awaitHoldings(JdbcClient jdbc) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from item_holder_period where item_id in (?, ?, ?)")
                .params(itemIA.id, itemXU.id, itemXB).query(Long.class).single() == 3
                && jdbc.sql("select count(*) from item_holder_period where item_id = ? and effective_to is not null")
                .param(itemXU.id).query(Long.class).single() == 1
                && jdbc.sql("select count(*) from body_view where body_id in (?, ?, ?, ?)")
                .params(bodyU, bodyA, bodyB, bodyR).query(Long.class).single() == 4
                && jdbc.sql("select count(*) from jurisdiction_view where code in (?, ?)")
                .params(city, county).query(Long.class).single() == 2);
    }
}
