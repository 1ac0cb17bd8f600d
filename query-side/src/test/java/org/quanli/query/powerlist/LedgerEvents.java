package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.quanli.kernel.codes.BodyNature;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMessages.Receiver;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAdjustmentProposed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemApproved;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemKept;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSubmitted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the events the command side would write into the event store, as the actors who would cause them, at
 * chosen recorded times, and waits for the projections to catch up. Every test gets places of its own, so tests
 * sharing the database never see each other's items.
 */
public final class LedgerEvents {

    static final Actor ADMIN = new Actor("admin", "系统管理员", Role.ADMINISTRATOR, null);
    static final Actor REVIEWER = new Actor("reviewer", "李静", Role.LEGAL_REVIEWER, "115106000086543382");
    static final Actor REFORM = new Actor("reform", "王强", Role.REFORM_OFFICE, "11510600008654346W");
    static final LegalBasis FOOD_SAFETY_LAW = new LegalBasis(LegalBasisKind.LAW, "《中华人民共和国食品安全法》", "第三十五条");

    private final EventStore eventStore;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private Instant clock;

    public LedgerEvents(EventStore eventStore, TransactionTemplate transactions, JdbcClient jdbc) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** Events appended from now on are recorded at this time (null: the real time). */
    public LedgerEvents recordingAt(Instant recordedAt) {
        this.clock = recordedAt;
        return this;
    }

    public static ItemContent content(String name, ItemType type, int legal, int promised) {
        return new ItemContent(name, type, List.of(FOOD_SAFETY_LAW), legal, promised);
    }

    public static Decision decision(String document, String effectiveDate) {
        return new Decision(document, LocalDate.parse(effectiveDate));
    }

    /** Codes handed out in this JVM: the tests of a context share one store, where aggregate ids are unique. */
    private static final Set<String> CODES_GIVEN = ConcurrentHashMap.newKeySet();

    /** A place code in [{@code from}, {@code to}) that no other test in this JVM has been given. */
    public static String newCode(int from, int to) {
        while (true) {
            String code = String.valueOf(ThreadLocalRandom.current().nextInt(from, to));
            if (CODES_GIVEN.add(code)) {
                return code;
            }
        }
    }

    /** A new county of its own, with a code no other test uses. */
    public String jurisdiction(String name) {
        String code = newCode(300_000, 500_000);
        append(code, 0, new JurisdictionRegistered(code, name, JurisdictionLevel.COUNTY, "510600", false), ADMIN);
        return code;
    }

    public String body(String jurisdictionCode, String name) {
        StringBuilder id = new StringBuilder("1151");
        ThreadLocalRandom.current().ints(14, 0, 10).forEach(id::append);
        String bodyId = id.toString();
        append(bodyId, 0, new ImplementingBodyRegistered(bodyId, name, jurisdictionCode, JurisdictionLevel.COUNTY,
                BodyNature.STATUTORY_ORGAN, true), ADMIN);
        return bodyId;
    }

    /** An item back-filled as published (no review events precede it), as an import records it. */
    public Item published(String bodyId, String jurisdictionCode, ItemContent content, Decision decision) {
        Item item = new Item(UUID.randomUUID().toString(), bodyId, jurisdictionCode, content);
        item.append(new PowerItemPublished(item.id, bodyId, jurisdictionCode, 1, content, decision, null), REFORM);
        return item;
    }

    /** An item drafted by the body's clerk, not yet submitted. */
    Item drafted(String bodyId, String jurisdictionCode, ItemContent content) {
        Item item = new Item(UUID.randomUUID().toString(), bodyId, jurisdictionCode, content);
        return item.append(new PowerItemDrafted(item.id, bodyId, jurisdictionCode, content), clerk(bodyId));
    }

    /** An item drafted by the body's clerk, reviewed and published, as the command side writes it. */
    Item reviewedAndPublished(String bodyId, String jurisdictionCode, ItemContent content, Decision decision) {
        Item item = drafted(bodyId, jurisdictionCode, content);
        item.append(new PowerItemSubmitted(item.id), clerk(bodyId));
        item.append(new PowerItemApproved(item.id, "同意"), REVIEWER);
        item.append(new PowerItemPublished(item.id, bodyId, jurisdictionCode, 1, content, decision, null), REFORM);
        return item;
    }

    static Actor clerk(String bodyId) {
        return new Actor("clerk", "张敏", Role.BODY_CLERK, bodyId);
    }

    /** One event of an aggregate, as the actor, at the recorded time chosen (or now). */
    public void append(String aggregateId, long sequence, Object payload, Actor actor) {
        Instant recordedAt = clock != null ? clock : Instant.now();
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("Test",
                aggregateId, sequence, payload, actor.toMetaData(), UUID.randomUUID().toString(), recordedAt)));
    }

    /** Waits until both power-list projections have taken in every event of these items, and the places. */
    public void awaitProjected(Item... items) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Item item : items) {
                assertThat(jdbc.sql("select version from item_view where item_id = ?").param(item.id)
                        .query(Long.class).optional()).as("item_view of %s", item.id).contains(item.sequence - 1);
                assertThat(jdbc.sql("select count(*) from item_history where item_id = ?").param(item.id)
                        .query(Long.class).single()).as("history of %s", item.id).isEqualTo(item.sequence);
                assertThat(jdbc.sql("select count(*) from body_view where body_id = ?").param(item.bodyId)
                        .query(Long.class).single()).as("body %s", item.bodyId).isEqualTo(1);
            }
        });
    }

    /** Waits until the places projection knows these bodies (histories name them). */
    void awaitBodies(String... bodyIds) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from body_view where body_id in (:ids)").param("ids", List.of(bodyIds))
                .query(Long.class).single()).isEqualTo(bodyIds.length));
    }

    /** One item's stream, written event by event as its aggregate would. */
    public final class Item {

        public final String id;
        String bodyId;
        String jurisdictionCode;
        ItemContent content;
        int version = 1;
        long sequence;

        private Item(String id, String bodyId, String jurisdictionCode, ItemContent content) {
            this.id = id;
            this.bodyId = bodyId;
            this.jurisdictionCode = jurisdictionCode;
            this.content = content;
        }

        Item append(Object event, Actor actor) {
            LedgerEvents.this.append(id, sequence++, event, actor);
            return this;
        }

        public Item amended(ItemContent newContent, Decision decision) {
            version++;
            append(new PowerItemAmended(id, bodyId, jurisdictionCode, version, newContent,
                    content.changedFields(newContent), decision), REFORM);
            content = newContent;
            return this;
        }

        Item proposed(ChangeKind kind, String reason, String mergeTarget, String transferee) {
            return append(new PowerItemAdjustmentProposed(id, kind, reason, mergeTarget, transferee), REFORM);
        }

        Item cancelled(String reason, Decision decision) {
            return append(new PowerItemCancelled(id, bodyId, jurisdictionCode, reason, decision), REFORM);
        }

        Item transferredOut(String transferee, String reason, Decision decision) {
            return append(new PowerItemTransferredOut(id, bodyId, jurisdictionCode, transferee, reason, decision),
                    REFORM);
        }

        Item mergedInto(String target, String reason, Decision decision) {
            return append(new PowerItemMergedInto(id, bodyId, jurisdictionCode, target, reason, decision), REFORM);
        }

        public Item suspended(String reason, Decision decision) {
            return append(new PowerItemSuspended(id, bodyId, jurisdictionCode, reason, decision), REFORM);
        }

        public Item resumed(String reason, Decision decision) {
            return append(new PowerItemResumed(id, bodyId, jurisdictionCode, reason, decision), REFORM);
        }

        Item kept(String reason, Decision decision) {
            return append(new PowerItemKept(id, bodyId, jurisdictionCode, reason, decision), REFORM);
        }

        /** Devolved (下放) to the receiver by the delegation, off this body's list from the effective date. */
        Item devolved(String delegationId, String receiverBodyId, String receiverJurisdiction, Decision decision) {
            return append(new PowerItemDelegated(id, bodyId, jurisdictionCode, delegationId, DelegationMode.DEVOLVE,
                    List.of(new Receiver(receiverBodyId, receiverJurisdiction, JurisdictionLevel.TOWNSHIP)), version,
                    content, null, decision), REFORM);
        }

        /** Back on this body's list when the devolution is recalled (收回). */
        Item restored(String delegationId, Decision decision) {
            return append(new PowerItemRestored(id, bodyId, jurisdictionCode, delegationId, decision), REFORM);
        }

        Item passedTo(String successorBodyId, String successorJurisdiction, Decision decision) {
            append(new PowerItemPassedToSuccessor(id, bodyId, successorBodyId, successorJurisdiction, decision),
                    REFORM);
            bodyId = successorBodyId;
            jurisdictionCode = successorJurisdiction;
            return this;
        }
    }
}
