package org.quanli.command.powerlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.codes.PowerSource;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemDelegated;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemReceived;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRecalled;
import org.quanli.kernel.delegation.DelegationMessages.PowerItemRestored;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.powerlist.ChangeKind;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.ListStatus;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemChangeWithdrawn;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemAmended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemCancelled;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemDrafted;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemMergedInto;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPassedToSuccessor;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemPublished;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemResumed;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemSuspended;
import org.quanli.kernel.powerlist.PowerListMessages.PowerItemTransferredOut;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The item lookup: written by a subscribing processor in the transaction that appends the events, read by command
 * handlers. Besides each item's current state it keeps the effective-date periods in which a body held it in force.
 */
@Component
@ProcessingGroup(JdbcItemDirectory.PROCESSING_GROUP)
public class JdbcItemDirectory implements ItemDirectory {

    public static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "item-directory";

    // A later holder of an entrusted item (a successor body) holds it for the same term.
    private static final String OPEN_HOLDING = """
            insert into item_holding (item_id, body_id, jurisdiction_code, effective_from, term_end)
            select ?, ?, ?, ?, (select term_end from item_holding where item_id = ?
                                order by effective_from desc limit 1)
            on conflict do nothing""";
    private static final String VERSION_TERMS = """
            insert into item_version_terms
                (item_id, version, effective_from, type_code, legal_limit_days, promised_limit_days)
            values (?, ?, ?, ?, ?, ?) on conflict do nothing""";

    /** An item put on the list: its directory row, its holding and its version's terms, in one statement. */
    private static final String LIST_PUBLISHED = listing("""
            insert into item_directory (item_id, body_id, jurisdiction_code, list_status, type_code)
            values (?, ?, ?, ?, ?)
            on conflict (item_id) do update set list_status = excluded.list_status, type_code = excluded.type_code""");
    private static final String LIST_RECEIVED = listing("""
            insert into item_directory (item_id, body_id, jurisdiction_code, list_status, type_code, power_source)
            values (?, ?, ?, ?, ?, ?)
            on conflict (item_id) do update set power_source = excluded.power_source""");

    private final JdbcClient jdbc;

    public JdbcItemDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PowerItemDrafted event) {
        insert(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.UNPUBLISHED, null);
    }

    @EventHandler
    void on(PowerItemPublished event) {
        // An imported item has no draft before it; a drafted one already has its row: one upsert either way.
        listed(LIST_PUBLISHED,
                Arrays.asList(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.IN_FORCE.name(),
                        event.content().type().code()),
                event.itemId(), event.bodyId(), event.jurisdictionCode(), event.version(), event.decision(),
                event.content());
    }

    @EventHandler
    void on(PowerItemChangeWithdrawn event) {
        if (event.kind() == ChangeKind.PUBLISH) {
            status(event.itemId(), ListStatus.WITHDRAWN);
        }
    }

    @EventHandler
    void on(PowerItemAmended event) {
        jdbc.sql("update item_directory set type_code = ? where item_id = ?")
                .params(event.content().type().code(), event.itemId()).update();
        versionTerms(event.itemId(), event.version(), event.decision().effectiveDate(), event.content());
    }

    @EventHandler
    void on(PowerItemCancelled event) {
        end(event.itemId(), ListStatus.CANCELLED, event.decision().effectiveDate());
    }

    @EventHandler
    void on(PowerItemTransferredOut event) {
        end(event.itemId(), ListStatus.TRANSFERRED, event.decision().effectiveDate());
    }

    @EventHandler
    void on(PowerItemMergedInto event) {
        end(event.itemId(), ListStatus.MERGED, event.decision().effectiveDate());
    }

    @EventHandler
    void on(PowerItemSuspended event) {
        end(event.itemId(), ListStatus.SUSPENDED, event.decision().effectiveDate());
    }

    @EventHandler
    void on(PowerItemResumed event) {
        status(event.itemId(), ListStatus.IN_FORCE);
        openHolding(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.decision().effectiveDate());
    }

    @EventHandler
    void on(PowerItemPassedToSuccessor event) {
        LocalDate from = event.decision().effectiveDate();
        closeHolding(event.itemId(), from);
        jdbc.sql("update item_directory set body_id = ?, jurisdiction_code = ? where item_id = ?")
                .params(event.toBodyId(), event.jurisdictionCode(), event.itemId()).update();
        boolean inForce = item(event.itemId()).map(i -> i.listStatus() == ListStatus.IN_FORCE).orElse(false);
        if (inForce) {
            openHolding(event.itemId(), event.toBodyId(), event.jurisdictionCode(), from);
        }
    }

    @EventHandler
    void on(PowerItemDelegated event) {
        if (event.mode() == DelegationMode.DEVOLVE) {
            end(event.itemId(), ListStatus.DEVOLVED, event.decision().effectiveDate());
        }
    }

    @EventHandler
    void on(PowerItemReceived event) {
        listed(LIST_RECEIVED,
                Arrays.asList(event.itemId(), event.bodyId(), event.jurisdictionCode(), ListStatus.IN_FORCE.name(),
                        event.content().type().code(), event.powerSource().name()),
                event.itemId(), event.bodyId(), event.jurisdictionCode(), event.version(), event.decision(),
                event.content());
        if (event.mode() == DelegationMode.ENTRUST) {
            // The entrustee exercises the item for the entrustment's term only; the delegation lookup, written when
            // the delegation was decided, keeps the term.
            jdbc.sql("""
                    update item_holding h set term_end = i.term_end from delegation_item i
                    where h.item_id = ? and i.delegation_id = ? and i.item_id = ?""")
                    .params(event.itemId(), event.delegationId(), event.sourceItemId()).update();
        }
    }

    @EventHandler
    void on(PowerItemRecalled event) {
        end(event.itemId(), ListStatus.RECALLED, event.decision().effectiveDate());
    }

    @EventHandler
    void on(PowerItemRestored event) {
        status(event.itemId(), ListStatus.IN_FORCE);
        openHolding(event.itemId(), event.bodyId(), event.jurisdictionCode(), event.decision().effectiveDate());
    }

    @Override
    public Optional<ListedItem> item(String itemId) {
        return jdbc.sql("""
                select item_id, body_id, jurisdiction_code, list_status, type_code, power_source
                from item_directory where item_id = ?""")
                .param(itemId)
                .query(JdbcItemDirectory::listedItem)
                .optional();
    }

    @Override
    public Set<String> existing(Collection<String> itemIds) {
        return new HashSet<>(jdbc.sql("select item_id from item_directory where item_id = any(?)")
                .param(itemIds.toArray(String[]::new)).query(String.class).list());
    }

    @Override
    public List<String> openItemsOf(String bodyId) {
        return jdbc.sql("""
                select item_id from item_directory
                where body_id = ? and list_status in ('UNPUBLISHED', 'IN_FORCE', 'SUSPENDED') order by item_id""")
                .param(bodyId).query(String.class).list();
    }

    @Override
    public Optional<Holding> holdingOn(String itemId, LocalDate date) {
        return jdbc.sql("""
                select item_id, body_id, jurisdiction_code, effective_from, effective_to from item_holding
                where item_id = ? and effective_from <= ? and (effective_to is null or effective_to > ?)
                  and (term_end is null or term_end >= ?)""")
                .params(itemId, date, date, date)
                .query((rs, n) -> new Holding(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .optional();
    }

    @Override
    public Optional<VersionTerms> versionOn(String itemId, LocalDate date) {
        return jdbc.sql("""
                select version, effective_from, type_code, legal_limit_days, promised_limit_days
                from item_version_terms where item_id = ? and effective_from <= ?
                order by effective_from desc, version desc limit 1""")
                .params(itemId, date)
                .query((rs, n) -> new VersionTerms(itemId, rs.getInt(1), rs.getObject(2, LocalDate.class),
                        CodedValue.byCode(ItemType.class, rs.getString(3)).orElseThrow(), rs.getInt(4), rs.getInt(5)))
                .optional();
    }

    // Each published version's limits from its effective date.
    private void versionTerms(String itemId, int version, LocalDate from, ItemContent content) {
        jdbc.sql(VERSION_TERMS).params(versionTermsParameters(itemId, version, from, content)).update();
    }

    private static List<Object> versionTermsParameters(String itemId, int version, LocalDate from,
            ItemContent content) {
        return Arrays.asList(itemId, version, from, content.type().code(), content.legalLimitDays(),
                content.promisedLimitDays());
    }

    /** The directory's {@code upsert}, the holding from the decision's effective date and the version's terms. */
    private static String listing(String upsert) {
        return "with listed as (" + upsert + "), held as (" + OPEN_HOLDING + ") " + VERSION_TERMS;
    }

    /** Runs a {@link #listing}: the upsert's parameters first, then the holding's and the terms'. */
    private void listed(String listing, List<?> upsertParameters, String itemId, String bodyId,
            String jurisdictionCode, int version, Decision decision, ItemContent content) {
        List<Object> parameters = new ArrayList<>(upsertParameters);
        parameters.addAll(openHoldingParameters(itemId, bodyId, jurisdictionCode, decision.effectiveDate()));
        parameters.addAll(versionTermsParameters(itemId, version, decision.effectiveDate(), content));
        jdbc.sql(listing).params(parameters).update();
    }

    private static ListedItem listedItem(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("type_code");
        return new ListedItem(rs.getString("item_id"), rs.getString("body_id"), rs.getString("jurisdiction_code"),
                ListStatus.valueOf(rs.getString("list_status")),
                type == null ? null : CodedValue.byCode(ItemType.class, type).orElseThrow(),
                PowerSource.valueOf(rs.getString("power_source")));
    }

    private void insert(String itemId, String bodyId, String jurisdictionCode, ListStatus status, ItemType type) {
        jdbc.sql("""
                insert into item_directory (item_id, body_id, jurisdiction_code, list_status, type_code)
                values (?, ?, ?, ?, ?) on conflict (item_id) do nothing""")
                .params(itemId, bodyId, jurisdictionCode, status.name(), type == null ? null : type.code()).update();
    }

    private void end(String itemId, ListStatus status, LocalDate effective) {
        status(itemId, status);
        closeHolding(itemId, effective);
    }

    private void status(String itemId, ListStatus status) {
        jdbc.sql("update item_directory set list_status = ? where item_id = ?").params(status.name(), itemId).update();
    }

    private void openHolding(String itemId, String bodyId, String jurisdictionCode, LocalDate from) {
        jdbc.sql(OPEN_HOLDING).params(openHoldingParameters(itemId, bodyId, jurisdictionCode, from)).update();
    }

    private static List<Object> openHoldingParameters(String itemId, String bodyId, String jurisdictionCode,
            LocalDate from) {
        return Arrays.asList(itemId, bodyId, jurisdictionCode, from, itemId);
    }

    private void closeHolding(String itemId, LocalDate to) {
        jdbc.sql("update item_holding set effective_to = ? where item_id = ? and effective_to is null")
                .params(to, itemId).update();
    }
}
